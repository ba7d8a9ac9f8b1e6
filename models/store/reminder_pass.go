package store

import (
	"context"
	"errors"
	"fmt"
	"roviec/models"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// PassResult tells what a reminder pass did (or, in a dry run, would do).
type PassResult struct {
	Day          models.Day
	WorkingDay   bool
	Messages     []models.ReminderMessage // queued (or, dry run, that would be), each with only its new items
	Explanations int                      // explanation requests opened
}

// Items counts the reminder items of the result's messages.
func (r PassResult) Items() int {
	n := 0
	for _, m := range r.Messages {
		n += len(m.Items)
	}
	return n
}

// PassTime separates the moment a reminder pass decides for from the wall
// clock it runs on. A scheduled pass has both equal; a pass run by hand for
// another moment (roviec remind --at) decides as if then but queues its
// messages now, so that the outbox's retries and leases compare with the
// clock every sender reads.
type PassTime struct {
	// At is the decision time: the working day, which rules fire, the keys and
	// due dates, the log rows' pass time and the explanation requests.
	At time.Time
	// Now is the wall clock: the queued messages' creation and first attempt.
	Now time.Time
}

// RunReminderPass sends every reminder due at t.At exactly once. For each
// recipient it writes a reminder-log row per new key (keys already logged
// are skipped by the unique constraint) and one outbox message listing just
// those items, due for delivery at t.Now, in the same transaction (a batch
// of recipients per transaction); a recipient with nothing new gets nothing. Running it twice, or in two processes at
// once, queues nothing twice. With dryRun it writes nothing and returns what
// it would queue.
func (s *Store) RunReminderPass(ctx context.Context, t PassTime, render models.MailRenderer, dryRun bool) (PassResult, error) {
	cal, err := s.Calendar(ctx)
	if err != nil {
		return PassResult{}, err
	}
	res := PassResult{Day: models.DayOf(t.At, s.loc)}
	res.WorkingDay = cal.IsWorkingDay(res.Day)
	if !res.WorkingDay {
		return res, nil
	}
	plan, err := s.PlanReminders(ctx, t.At)
	if err != nil {
		return res, err
	}
	if dryRun {
		return s.dryRun(ctx, res, plan)
	}
	var errs []error
	for start := 0; start < len(plan.Messages); start += passBatch {
		queued, err := s.queueBatch(ctx, plan.Messages[start:min(start+passBatch, len(plan.Messages))], t, render)
		res.Messages = append(res.Messages, queued...)
		errs = append(errs, err)
	}
	for start := 0; start < len(plan.Explanations); start += passBatch {
		opened, err := s.openExplanations(ctx, plan.Explanations[start:min(start+passBatch, len(plan.Explanations))], t.At)
		res.Explanations += opened
		errs = append(errs, err)
	}
	return res, errors.Join(errs...)
}

// passBatch is how many recipients' messages (or explanation requests) a
// pass writes in one transaction: few enough to keep each short, many
// enough that a national pass is not a hundred thousand transactions.
const passBatch = 200

// queueBatch queues the messages of a batch of recipients in one
// transaction. When the batch fails (a message that does not render, say),
// it queues them one by one, so that one bad message holds back no other.
func (s *Store) queueBatch(ctx context.Context, batch []models.ReminderMessage, t PassTime, render models.MailRenderer) ([]models.ReminderMessage, error) {
	var queued []models.ReminderMessage
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		queued = queued[:0]
		for _, m := range batch {
			q, err := queueIn(tx, m, t, render)
			if err != nil {
				return err
			}
			if q != nil {
				queued = append(queued, *q)
			}
		}
		return nil
	})
	if err == nil || len(batch) == 1 {
		return queued, err
	}
	queued = nil
	var errs []error
	for _, m := range batch {
		q, err := s.queueBatch(ctx, []models.ReminderMessage{m}, t, render)
		queued = append(queued, q...)
		if err != nil {
			errs = append(errs, fmt.Errorf("reminder to %s: %w", m.Recipient.Email, err))
		}
	}
	return queued, errors.Join(errs...)
}

// queueIn writes, in tx, the log rows of one recipient's message (at the
// pass's decision time) and the outbox message (queued on the wall clock);
// it returns nil when every key was already used.
func queueIn(tx *gorm.DB, m models.ReminderMessage, t PassTime, render models.MailRenderer) (*models.ReminderMessage, error) {
	fresh, err := insertLogs(tx, models.LogRows(m, t.At))
	if err != nil || len(fresh) == 0 {
		return nil, err
	}
	keys := map[string]bool{}
	ids := make([]uint, len(fresh))
	for i, r := range fresh {
		keys[r.Key] = true
		ids[i] = r.ID
	}
	msg := models.OnlyFresh(m, keys)
	mail, err := render(msg)
	if err != nil {
		return nil, err
	}
	out := models.OutboxMessage{Recipients: m.Recipient.Email, RecipientName: m.Recipient.Name, Lang: m.Recipient.Lang,
		Subject: mail.Subject, BodyText: mail.Text, BodyHTML: mail.HTML, Status: models.OutboxQueued,
		NextAttemptAt: t.Now.UTC(), CreatedAt: t.Now.UTC()}
	if err := tx.Create(&out).Error; err != nil {
		return nil, err
	}
	if err := tx.Model(&models.ReminderLog{}).Where("id IN ?", ids).Update("outbox_id", out.ID).Error; err != nil {
		return nil, err
	}
	return &msg, nil
}

// openExplanations inserts a batch of explanation requests in one
// transaction (once per assignment and missed deadline), each new one with a
// history row, and counts the new ones. When the batch fails it opens them
// one by one, so that one bad request holds back no other.
func (s *Store) openExplanations(ctx context.Context, batch []models.ExplanationRequest, now time.Time) (int, error) {
	opened := 0
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		opened = 0
		for _, e := range batch {
			n, err := openExplanationIn(tx, e, now)
			if err != nil {
				return fmt.Errorf("explanation request for assignment %d: %w", e.AssignmentID, err)
			}
			opened += n
		}
		return nil
	})
	if err == nil || len(batch) == 1 {
		return opened, err
	}
	opened = 0
	var errs []error
	for _, e := range batch {
		n, err := s.openExplanations(ctx, []models.ExplanationRequest{e}, now)
		opened += n
		errs = append(errs, err)
	}
	return opened, errors.Join(errs...)
}

// openExplanationIn inserts one explanation request in tx unless it exists,
// with its history row; it returns 1 when it was new.
func openExplanationIn(tx *gorm.DB, e models.ExplanationRequest, now time.Time) (int, error) {
	e.ID, e.RequestedAt = 0, now.UTC()
	res := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "assignment_id"}, {Name: "due_on"}}, DoNothing: true}).
		Omit("Assignment", "AnsweredBy").Create(&e)
	if res.Error != nil || res.RowsAffected == 0 {
		return 0, res.Error
	}
	var a models.Assignment
	if err := tx.First(&a, e.AssignmentID).Error; err != nil {
		return 0, err
	}
	return 1, tx.Create(models.HistoryNote(&a, nil, now,
		fmt.Sprintf("Yêu cầu giải trình: nhiệm vụ quá hạn %s đã lâu, cơ quan cần giải trình.", e.DueOn.VN()))).Error
}

// dryRun keeps, from a plan, what has not been logged yet, writing nothing.
func (s *Store) dryRun(ctx context.Context, res PassResult, plan models.ReminderPlan) (PassResult, error) {
	var keys []string
	for _, m := range plan.Messages {
		keys = append(keys, m.Keys()...)
	}
	used := map[string]bool{}
	for start := 0; start < len(keys); start += 500 {
		end := min(start+500, len(keys))
		var found []string
		if err := s.db.WithContext(ctx).Model(&models.ReminderLog{}).Where("key IN ?", keys[start:end]).Pluck("key", &found).Error; err != nil {
			return res, err
		}
		for _, k := range found {
			used[k] = true
		}
	}
	for _, m := range plan.Messages {
		fresh := map[string]bool{}
		for _, k := range m.Keys() {
			if !used[k] {
				fresh[k] = true
			}
		}
		if len(fresh) > 0 {
			res.Messages = append(res.Messages, models.OnlyFresh(m, fresh))
		}
	}
	for _, e := range plan.Explanations {
		var n int64
		err := s.db.WithContext(ctx).Model(&models.ExplanationRequest{}).Where("assignment_id = ? AND due_on = ?", e.AssignmentID, e.DueOn).Count(&n).Error
		if err != nil {
			return res, err
		}
		if n == 0 {
			res.Explanations++
		}
	}
	return res, nil
}
