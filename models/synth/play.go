package synth

import (
	"fmt"
	"time"

	"roviec/models"
)

// story is an assignment being played: its row, what it has written, and
// until when it may run.
type story struct {
	g        *generator
	a        models.Assignment
	ag       *agency
	fate     fate
	last     time.Time // time of the last history row (the creation at first)
	cut      time.Time // nothing happens from this moment on
	history  []models.Update
	exts     []models.Extension
	explains []models.ExplanationRequest
	mails    []models.OutboxMessage
	logs     []models.ReminderLog
}

// assignment plays the story of agency ag's copy of the issue's directive
// up to the moment the data stands or the end of the plan's year, whichever
// is first, then hands the row, in its final state, and what the story
// wrote to the sink.
func (g *generator) assignment(is *issue, ag *agency) error {
	g.ids.assignment++
	d := &is.directive
	created := d.CreatedAt
	s := &story{g: g, ag: ag, fate: g.drawFate(), last: created, cut: g.moment, history: g.history[:0],
		a: models.Assignment{ID: g.ids.assignment, Version: 1, DirectiveID: d.ID, AgencyID: ag.ID, Status: models.StatusNotStarted,
			DueOn: d.DueOn, CreatedDue: d.DueOn, CreatedAt: created, UpdatedAt: created}}
	if end := time.Date(d.DueOn.Time().Year()+1, time.January, 1, 0, 0, 0, 0, g.loc).UTC(); end.Before(s.cut) {
		s.cut = end
	}
	for _, st := range g.plot(s.fate, g.dayOfTime(created), dayOf(d.DueOn), g.dayOfTime(s.cut)) {
		ok, err := s.play(st)
		if err != nil {
			return fmt.Errorf("assignment %d, step %d on %s: %w", s.a.ID, st.kind, g.cal.date(st.day), err)
		}
		if !ok {
			break
		}
	}
	aim := 0.0
	if is.begun {
		aim = g.target
	}
	g.owed += aim - float64(len(s.history))
	g.history = s.history
	return s.hand()
}

// play runs one step; it reports false when the step would fall at or after
// the cut, which ends the story.
func (s *story) play(st step) (bool, error) {
	switch st.kind {
	case stepRemind, stepExplain:
		at := s.g.passTime(st.day)
		if !at.Before(s.cut) {
			return false, nil
		}
		if at.After(s.last) && needsWork(s.a.Status) {
			s.pass(st, at)
		}
		return true, nil
	}
	at := s.g.after(s.last, st.day)
	if !at.Before(s.cut) {
		return false, nil
	}
	switch st.kind {
	case stepStart:
		return true, s.start(at)
	case stepProgress:
		return true, s.progress(at)
	case stepAskExtension:
		s.askExtension(at)
	case stepDecideExtension:
		s.decideExtension(at)
	case stepSubmit:
		return true, s.submit(at)
	case stepReturn:
		return true, s.review(at, models.StatusInProgress, "Trả lại: văn bản chưa đúng yêu cầu, đề nghị bổ sung số liệu và gửi lại.")
	case stepAccept:
		return true, s.review(at, models.StatusDone, "Đã tiếp nhận kết quả.")
	case stepCancel:
		return true, s.review(at, models.StatusCancelled, "Hủy: nội dung đã lồng ghép vào nhiệm vụ khác của Ban Chỉ đạo.")
	case stepAnswer:
		s.answer(at)
	}
	return true, nil
}

// record keeps a history row made by the core, with its identifier.
func (s *story) record(e *models.Update) {
	s.g.ids.update++
	e.ID = s.g.ids.update
	s.history = append(s.history, *e)
	s.last = e.At
}

// change applies a change through the workflow as actor at at and records it.
func (s *story) change(ch *models.AssignmentChange, actor *models.User, at time.Time) error {
	e, err := ch.Apply(&s.a, actor, at, s.g.loc)
	if err != nil {
		return err
	}
	s.record(e)
	return nil
}

// needsWork reports whether the agency still has to act (the reminder
// rules chase only these).
func needsWork(st models.Status) bool {
	return st == models.StatusNotStarted || st == models.StatusInProgress
}

// hand gives the row and what its story wrote to the sink, parents first.
func (s *story) hand() error {
	g := s.g
	g.sum.Assignments++
	g.sum.Updates += len(s.history)
	g.sum.Extensions += len(s.exts)
	g.sum.Explanations += len(s.explains)
	g.sum.Outbox += len(s.mails)
	g.sum.ReminderLogs += len(s.logs)
	err := g.sink.AddAssignment(&s.a)
	for i := 0; err == nil && i < len(s.history); i++ {
		err = g.sink.AddUpdate(&s.history[i])
	}
	for i := 0; err == nil && i < len(s.exts); i++ {
		err = g.sink.AddExtension(&s.exts[i])
	}
	for i := 0; err == nil && i < len(s.explains); i++ {
		err = g.sink.AddExplanation(&s.explains[i])
	}
	for i := 0; err == nil && i < len(s.mails); i++ {
		err = g.sink.AddOutbox(&s.mails[i])
	}
	for i := 0; err == nil && i < len(s.logs); i++ {
		err = g.sink.AddReminderLog(&s.logs[i])
	}
	return err
}
