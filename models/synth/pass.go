package synth

import (
	"fmt"
	"time"

	"roviec/models"
)

// pass is what a reminder pass at at does to an assignment that still
// waits for its agency: on the first working day after the deadline, an
// overdue reminder (its log row under the rule's key and the message, sent);
// on the tenth, an explanation request with its history row, as the store's
// pass writes them. A deadline moved since the step was planned means the
// day is no longer that one, and the pass does nothing.
func (s *story) pass(st step, at time.Time) {
	overdue := s.g.cal.workdaysBetween(dayOf(s.a.DueOn), st.day)
	switch {
	case st.kind == stepRemind && overdue == 1:
		s.remind(at)
	case st.kind == stepExplain && overdue == models.DefaultReminderSettings().CommitteeAfter:
		s.g.ids.explanation++
		s.explains = append(s.explains, models.ExplanationRequest{ID: s.g.ids.explanation, AssignmentID: s.a.ID,
			DueOn: s.a.DueOn, RequestedAt: at})
		s.record(models.HistoryNote(&s.a, nil, at,
			fmt.Sprintf("Yêu cầu giải trình: nhiệm vụ quá hạn %s đã lâu, cơ quan cần giải trình.", s.a.DueOn.VN())))
	}
}

// remind writes the overdue reminder of the day after the deadline to the
// person in charge (the responsible person, else the focal point): the log
// row under its key and the message, delivered a minute later.
func (s *story) remind(at time.Time) {
	to, name := s.ag.focal.Email, s.ag.focal.Name
	if s.a.OwnerEmail != "" {
		to, name = s.a.OwnerEmail, s.a.OwnerName
	}
	sent := at.Add(time.Minute)
	s.g.ids.outbox++
	s.mails = append(s.mails, models.OutboxMessage{ID: s.g.ids.outbox, Recipients: to, RecipientName: name, Lang: "vi",
		Subject:  "[Rõ Việc] Nhắc việc: 1 nhiệm vụ quá hạn",
		BodyText: fmt.Sprintf("Nhiệm vụ của %s quá hạn %s. Đề nghị cập nhật kết quả.", s.ag.Name, s.a.DueOn.VN()),
		BodyHTML: fmt.Sprintf("<p>Nhiệm vụ của %s quá hạn %s. Đề nghị cập nhật kết quả.</p>", s.ag.Name, s.a.DueOn.VN()),
		Status:   models.OutboxSent, Attempts: 1, NextAttemptAt: at, CreatedAt: at, SentAt: &sent})
	s.g.ids.remind++
	id, outbox := s.a.ID, s.g.ids.outbox
	s.logs = append(s.logs, models.ReminderLog{ID: s.g.ids.remind, Rule: models.RuleOverdue, AssignmentID: &id,
		Key:       fmt.Sprintf("%s:a%d:%s:w1:%s", models.RuleOverdue, id, s.a.DueOn, to),
		Recipient: to, OutboxID: &outbox, PassAt: at})
}

// answer: the focal point answers the explanation request, if one is open.
func (s *story) answer(at time.Time) {
	if len(s.explains) == 0 || !s.explains[len(s.explains)-1].Open() {
		return
	}
	req := &s.explains[len(s.explains)-1]
	answered, by := at, s.ag.focal.ID
	req.Answer = "Đơn vị đang chờ ý kiến thẩm định của cơ quan chuyên môn; dự kiến hoàn thành trong tháng."
	req.AnsweredAt, req.AnsweredByID = &answered, &by
	s.record(models.HistoryNote(&s.a, &s.ag.focal, at, "Giải trình: "+req.Answer))
}
