package store

import (
	"context"
	"errors"
	"fmt"
	"roviec/models"
	"roviec/models/notify"
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
// of recipients per transaction); a recipient with nothing new gets nothing.
// Running it twice, or in two processes at once, queues nothing twice. With
// dryRun it writes nothing and returns what it would queue. render is called
// from two goroutines at once (see mailsAhead).
func (s *Store) RunReminderPass(ctx context.Context, t PassTime, render models.MailRenderer, dryRun bool) (PassResult, error) {
	defer s.forgetQueueCounts()
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
	ahead := renderAhead(plan.Messages, render, renderWindow)
	defer ahead.close()
	order := make([]int, len(plan.Messages))
	for i := range order {
		order[i] = i
	}
	queued, qerr := writeInBatches(ctx, s, order, func(tx *gorm.DB, i int) (*models.ReminderMessage, error) {
		m := plan.Messages[i]
		pre, ok := ahead.take(i)
		q, err := queueIn(tx, m, t, func(fresh models.ReminderMessage, whole bool) (models.RenderedMail, error) {
			if whole && ok {
				return pre.mail, pre.err
			}
			return render(fresh)
		})
		if err != nil {
			err = fmt.Errorf("reminder to %s: %w", m.Recipient.Email, err)
		}
		return q, err
	})
	for _, q := range queued {
		res.Messages = append(res.Messages, *q)
	}
	opened, eerr := writeInBatches(ctx, s, plan.Explanations, func(tx *gorm.DB, e models.ExplanationRequest) (*models.ExplanationRequest, error) {
		o, err := openExplanationIn(tx, e, t.At)
		if err != nil {
			err = fmt.Errorf("explanation request for assignment %d: %w", e.AssignmentID, err)
		}
		return o, err
	})
	res.Explanations = len(opened)
	return res, errors.Join(qerr, eerr)
}

// passBatch is how many recipients' messages (or explanation requests) a
// pass writes in one transaction: few enough to keep each short, many
// enough that a national pass is not a hundred thousand transactions.
const passBatch = 200

// writeInBatches writes items with write, passBatch of them per
// transaction, and returns what write made of those it wrote (nil results,
// for an item with nothing new to write, are left out). When a batch fails (a
// message that does not render, say), its items are written one by one, so
// that one bad item holds back no other; the errors of those that failed are
// returned together. When ctx ends (the server is stopping), the batch being
// written still commits whole and no further batch starts: the next pass
// writes the rest, and the reminder log sends nothing twice.
func writeInBatches[T, R any](ctx context.Context, s *Store, items []T, write func(tx *gorm.DB, item T) (*R, error)) ([]*R, error) {
	var out []*R
	var errs []error
	whole := context.WithoutCancel(ctx)
	for start := 0; start < len(items); start += passBatch {
		if err := ctx.Err(); err != nil {
			errs = append(errs, err)
			break
		}
		batch := items[start:min(start+passBatch, len(items))]
		done, err := writeBatch(whole, s, batch, write)
		if err != nil && len(batch) > 1 {
			done, err = nil, nil
			for _, item := range batch {
				one, ierr := writeBatch(whole, s, []T{item}, write)
				done, errs = append(done, one...), append(errs, ierr)
			}
		}
		out, errs = append(out, done...), append(errs, err)
	}
	return out, errors.Join(errs...)
}

// writeBatch writes a batch of items in one transaction.
func writeBatch[T, R any](ctx context.Context, s *Store, batch []T, write func(tx *gorm.DB, item T) (*R, error)) ([]*R, error) {
	var done []*R
	err := s.write(ctx, func(tx *gorm.DB) error {
		done = done[:0]
		for _, item := range batch {
			r, err := write(tx, item)
			if err != nil {
				return err
			}
			if r != nil {
				done = append(done, r)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return done, nil
}

// queueIn writes, in tx, the log rows of one recipient's message (at the
// pass's decision time) and the outbox message (queued on the wall clock),
// whose e-mail mail renders from the new part of m (whole: all of it); it
// returns nil when every key was already used.
func queueIn(tx *gorm.DB, m models.ReminderMessage, t PassTime,
	mail func(fresh models.ReminderMessage, whole bool) (models.RenderedMail, error)) (*models.ReminderMessage, error) {
	rows := models.LogRows(m, t.At)
	fresh, err := insertLogs(tx, rows)
	if err != nil || len(fresh) == 0 {
		return nil, err
	}
	ids := make([]uint, len(fresh))
	for i, r := range fresh {
		ids[i] = r.ID
	}
	// The message itself when all of it is new (a national pass's result
	// then shares its items with the plan instead of copying them).
	whole, msg := len(fresh) == len(rows), m
	if !whole {
		keys := make(map[string]bool, len(fresh))
		for _, r := range fresh {
			keys[r.Key] = true
		}
		msg = models.OnlyFresh(m, keys)
	}
	e, err := mail(msg, whole)
	if err != nil {
		return nil, err
	}
	out := models.OutboxMessage{Recipients: m.Recipient.Email, RecipientName: m.Recipient.Name, Lang: m.Recipient.Lang,
		Subject: e.Subject, BodyText: e.Text, BodyHTML: e.HTML, Status: models.OutboxQueued,
		NextAttemptAt: t.Now.UTC(), CreatedAt: t.Now.UTC()}
	if err := tx.Create(&out).Error; err != nil {
		return nil, err
	}
	for start := 0; start < len(ids); start += logBatch {
		err := tx.Model(&models.ReminderLog{}).Where("id IN ?", ids[start:min(start+logBatch, len(ids))]).Update("outbox_id", out.ID).Error
		if err != nil {
			return nil, err
		}
	}
	return &msg, nil
}

// openExplanationIn inserts one explanation request in tx unless it exists,
// with its history row; it returns the request when it was new, else nil.
func openExplanationIn(tx *gorm.DB, e models.ExplanationRequest, now time.Time) (*models.ExplanationRequest, error) {
	e.ID, e.RequestedAt = 0, now.UTC()
	res := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "assignment_id"}, {Name: "due_on"}}, DoNothing: true}).
		Omit("Assignment", "AnsweredBy").Create(&e)
	if res.Error != nil || res.RowsAffected == 0 {
		return nil, res.Error
	}
	var a models.Assignment
	if err := tx.First(&a, e.AssignmentID).Error; err != nil {
		return nil, err
	}
	if err := audit(tx, models.AuditExplanation, e.ID, models.AuditCreate, nil, e); err != nil {
		return nil, err
	}
	note := models.HistoryNote(&a, nil, now,
		fmt.Sprintf("Yêu cầu giải trình: nhiệm vụ quá hạn %s đã lâu, cơ quan cần giải trình.", e.DueOn.VN()))
	if err := tx.Create(note).Error; err != nil {
		return nil, err
	}
	if err := queueExplanationHook(tx, &e, &a, now); err != nil {
		return nil, err
	}
	return &e, notifyAgency(tx, nil, notify.Told{Kind: notify.ExplanationRequested, Event: notify.ExplanationDue, Day: e.DueOn}, &a, now)
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
