package synth

import (
	"fmt"
	"strings"
	"time"

	"roviec/models"
)

// start: the focal point names a responsible person (nine times in ten) and
// reports the first progress.
func (s *story) start(at time.Time) error {
	status, progress := models.StatusInProgress, 5*(1+s.g.rng.IntN(8))
	ch := &models.AssignmentChange{Status: &status, Progress: &progress, Note: "Đã phân công triển khai."}
	if s.g.rng.IntN(10) > 0 {
		s.name(ch)
	}
	return s.change(ch, &s.ag.focal, at)
}

// name sets one of the agency's staff as the responsible person.
func (s *story) name(ch *models.AssignmentChange) {
	p := s.ag.staff[s.g.rng.IntN(len(s.ag.staff))]
	ch.OwnerName, ch.OwnerEmail = &p.name, &p.email
}

// progress: the focal point reports more progress (not past 95%), while the
// work is in the agency's hands.
func (s *story) progress(at time.Time) error {
	if !needsWork(s.a.Status) {
		return nil
	}
	progress := min(95, s.a.Progress+5*(1+s.g.rng.IntN(5)))
	return s.change(&models.AssignmentChange{Progress: &progress, Note: "Cập nhật tiến độ."}, &s.ag.focal, at)
}

// submit: the focal point reports the work done with a document (number,
// date, link), naming a responsible person if nobody is named yet.
func (s *story) submit(at time.Time) error {
	status := models.StatusSubmitted
	n := 1 + s.g.rng.IntN(999)
	ref := fmt.Sprintf("%d/BC-%s", n, s.ag.Code)
	date := string(s.g.cal.date(s.g.dayOfTime(at) - day(s.g.rng.IntN(3))))
	url := fmt.Sprintf("https://vanban.%s/%s/%d", Domain, strings.ToLower(s.ag.Code), n)
	ch := &models.AssignmentChange{Status: &status, EvidenceRef: &ref, EvidenceDate: &date, EvidenceURL: &url,
		Note: "Đã hoàn thành, gửi kèm văn bản."}
	if s.a.OwnerName == "" {
		s.name(ch)
	}
	return s.change(ch, &s.ag.focal, at)
}

// review: the coordinator accepts, returns (with the reason) or cancels.
func (s *story) review(at time.Time, to models.Status, note string) error {
	ch := &models.AssignmentChange{Status: &to, Note: note}
	if to == models.StatusInProgress {
		progress := 80
		ch.Progress = &progress
	}
	was := s.a.Status
	if err := s.change(ch, &s.g.coord, at); err != nil {
		return err
	}
	if models.IsOpen(was) && !models.IsOpen(to) {
		s.closeRequests(at, note)
	}
	return nil
}

// closeRequests closes what was still asked of the assignment when it
// ended, as the store does: a pending extension request, and on
// cancellation an unanswered explanation request.
func (s *story) closeRequests(at time.Time, note string) {
	for i := range s.exts {
		if e := &s.exts[i]; e.Status == models.ExtensionPending {
			closed := at
			e.Status, e.DecidedAt, e.DecisionNote = models.ExtensionClosed, &closed, note
		}
	}
	if s.a.Status != models.StatusCancelled {
		return
	}
	for i := range s.explains {
		if e := &s.explains[i]; e.Open() {
			closed := at
			e.ClosedAt = &closed
		}
	}
}

// askExtension: the focal point asks to move the deadline 10 to 30 days
// later (a request writes no history until it is decided).
func (s *story) askExtension(at time.Time) {
	if !models.IsOpen(s.a.Status) {
		return
	}
	newDue := s.g.cal.date(s.g.cal.nextWorkday(dayOf(s.a.DueOn) + day(10+s.g.rng.IntN(21))))
	s.g.ids.extension++
	s.exts = append(s.exts, models.Extension{ID: s.g.ids.extension, AssignmentID: s.a.ID, RequestedByID: s.ag.focal.ID,
		RequestedAt: at, CurrentDue: s.a.DueOn, NewDue: newDue, Status: models.ExtensionPending,
		Reason: "Chờ số liệu của các đơn vị trực thuộc, đề nghị gia hạn."})
}

// decideExtension: the coordinator approves the pending request (the
// deadline moves, the first one is kept) when the story is one of work done
// within an extension, else rejects it with a reason, as the store does.
func (s *story) decideExtension(at time.Time) {
	if len(s.exts) == 0 || s.exts[len(s.exts)-1].Status != models.ExtensionPending {
		return
	}
	ext := &s.exts[len(s.exts)-1]
	decided, coord := at, s.g.coord.ID
	ext.DecidedAt, ext.DecidedByID = &decided, &coord
	if s.fate == withinExtension && models.IsOpen(s.a.Status) && ext.NewDue > s.a.DueOn {
		ext.Status = models.ExtensionApproved
		s.record(models.MoveDeadline(&s.a, &s.g.coord, ext.NewDue, at, "Gia hạn đến "+ext.NewDue.VN()+": "+ext.Reason, s.g.loc))
		return
	}
	ext.Status, ext.DecisionNote = models.ExtensionRejected, "Không có lý do chính đáng."
	s.record(models.HistoryNote(&s.a, &s.g.coord, at, "Không đồng ý gia hạn đến "+ext.NewDue.VN()+": "+ext.DecisionNote))
}
