package store

import (
	"context"
	"roviec/models"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// ClaimOutbox takes up to limit messages that are due for an attempt at now
// and marks them as being sent until now+lease, so that no other sender takes
// them meanwhile. A message whose sender died is taken again once its lease
// has run out.
func (s *Store) ClaimOutbox(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]models.OutboxMessage, error) {
	return claimQueued[models.OutboxMessage](ctx, s, now, lease, limit)
}

// claimQueued claims rows of a queue table (the e-mail outbox, webhook
// deliveries: both have status, next_attempt_at and locked_until) due at
// now, under a lease until now+lease.
func claimQueued[T any](ctx context.Context, s *Store, now time.Time, lease time.Duration, limit int) ([]T, error) {
	if s.postgres() {
		return claimSkipLocked[T](ctx, s, now.UTC(), now.UTC().Add(lease), limit)
	}
	return claimOneByOne[T](ctx, s, now.UTC(), now.UTC().Add(lease), limit)
}

// claimable selects the rows due for an attempt at now: queued and due.
// Rows whose sender died under a lease come back by ReclaimOutbox.
func claimable(q *gorm.DB, now time.Time) *gorm.DB {
	return q.Where("status = ? AND next_attempt_at <= ?", models.OutboxQueued, now)
}

// leaseExpired is the error kept with a message whose sender stopped (was
// killed, lost the database) while it held the message.
const leaseExpired = "the sender stopped during delivery (lease expired)"

// ReclaimOutbox puts back in the queue, due at once, every message whose
// sender's lease ran out before now (the sender was killed mid-delivery),
// counting the interrupted attempt: a message that keeps killing its sender
// ends failed after OutboxMaxAttempts like any other. The running senders
// call it before each round, with or without an SMTP server, so that the
// outbox never shows a message as being sent by nobody. It returns how many
// it took back.
func (s *Store) ReclaimOutbox(ctx context.Context, now time.Time) (int64, error) {
	return reclaimQueued[models.OutboxMessage](ctx, s, now)
}

// reclaimQueued is ReclaimOutbox for any queue table.
func reclaimQueued[T any](ctx context.Context, s *Store, now time.Time) (int64, error) {
	res := s.db.WithContext(ctx).Model(new(T)).
		Where("status = ? AND locked_until < ?", models.OutboxSending, now.UTC()).
		Updates(map[string]any{
			"status":          gorm.Expr("CASE WHEN attempts + 1 >= ? THEN ? ELSE ? END", models.OutboxMaxAttempts, models.OutboxFailed, models.OutboxQueued),
			"attempts":        gorm.Expr("attempts + 1"),
			"last_error":      leaseExpired,
			"next_attempt_at": now.UTC(),
			"locked_until":    nil,
		})
	return res.RowsAffected, res.Error
}

// claimSkipLocked claims on PostgreSQL in one transaction: SELECT ... FOR
// UPDATE SKIP LOCKED passes over the rows another sender is claiming, so two
// senders never take the same row and neither waits for the other.
func claimSkipLocked[T any](ctx context.Context, s *Store, now, until time.Time, limit int) ([]T, error) {
	var claimed []T
	err := s.write(ctx, func(tx *gorm.DB) error {
		var ids []uint
		err := claimable(tx.Model(new(T)), now).Clauses(clause.Locking{Strength: clause.LockingStrengthUpdate, Options: clause.LockingOptionsSkipLocked}).
			Order("id").Limit(limit).Pluck("id", &ids).Error
		if err != nil || len(ids) == 0 {
			return err
		}
		err = tx.Model(new(T)).Where("id IN ?", ids).
			Updates(map[string]any{"status": models.OutboxSending, "locked_until": until}).Error
		if err != nil {
			return err
		}
		return tx.Where("id IN ?", ids).Order("id").Find(&claimed).Error
	})
	if err != nil {
		return nil, err
	}
	return claimed, nil
}

// claimOneByOne claims on SQLite, which has no row locks: each candidate is
// taken by an UPDATE that repeats the condition, so a row another sender
// took meanwhile is left to it.
func claimOneByOne[T any](ctx context.Context, s *Store, now, until time.Time, limit int) ([]T, error) {
	var ids []uint
	err := claimable(s.db.WithContext(ctx).Model(new(T)), now).Order("id").Limit(limit).Pluck("id", &ids).Error
	if err != nil {
		return nil, err
	}
	var claimed []T
	for _, id := range ids {
		res := claimable(s.db.WithContext(ctx).Model(new(T)).Where("id = ?", id), now).
			Updates(map[string]any{"status": models.OutboxSending, "locked_until": until})
		if res.Error != nil {
			return claimed, res.Error
		}
		if res.RowsAffected == 0 {
			continue // another sender was quicker
		}
		var m T
		if err := s.db.WithContext(ctx).First(&m, id).Error; err != nil {
			return claimed, err
		}
		claimed = append(claimed, m)
	}
	return claimed, nil
}

// MarkOutboxSent records that the SMTP server accepted a message.
func (s *Store) MarkOutboxSent(ctx context.Context, id uint, now time.Time) error {
	t := now.UTC()
	return s.db.WithContext(ctx).Model(&models.OutboxMessage{}).Where("id = ?", id).
		Updates(map[string]any{"status": models.OutboxSent, "sent_at": &t, "locked_until": nil, "attempts": gorm.Expr("attempts + 1"), "last_error": ""}).Error
}

// MarkOutboxFailed records a failed attempt: the message is tried again after
// a backoff, or marked failed after OutboxMaxAttempts.
func (s *Store) MarkOutboxFailed(ctx context.Context, id uint, now time.Time, cause error) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		var m models.OutboxMessage
		if err := tx.First(&m, id).Error; err != nil {
			return NotFound(err)
		}
		attempts := m.Attempts + 1
		status := models.OutboxQueued
		if attempts >= models.OutboxMaxAttempts {
			status = models.OutboxFailed
		}
		msg := models.ClipText(cause.Error(), models.MaxErrorLen)
		return tx.Model(&m).Updates(map[string]any{"status": status, "attempts": attempts, "last_error": msg,
			"next_attempt_at": now.UTC().Add(models.OutboxBackoff(attempts)), "locked_until": nil}).Error
	})
}

// ResendOutbox puts a failed message back in the queue (an admin's action).
func (s *Store) ResendOutbox(ctx context.Context, id uint, now time.Time) error {
	var m models.OutboxMessage
	if err := s.db.WithContext(ctx).First(&m, id).Error; err != nil {
		return NotFound(err)
	}
	if m.Status != models.OutboxFailed {
		return models.Conflict("err.outbox_not_failed", "Status", models.NewMsg("outbox.status_"+m.Status))
	}
	return s.transaction(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&models.OutboxMessage{}).Where("id = ? AND status = ?", id, models.OutboxFailed).
			Updates(map[string]any{"status": models.OutboxQueued, "attempts": 0, "next_attempt_at": now.UTC()})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return models.Conflict("err.outbox_taken")
		}
		return audit(tx, models.AuditOutbox, id, models.AuditResend, map[string]any{"Status": m.Status, "Attempts": m.Attempts},
			map[string]any{"Status": models.OutboxQueued, "Attempts": 0})
	})
}

// ListOutbox returns a page of messages, newest first, optionally of one status.
func (s *Store) ListOutbox(ctx context.Context, status string, p Page) ([]models.OutboxMessage, int64, error) {
	q := s.db.WithContext(ctx).Model(&models.OutboxMessage{})
	if status != "" {
		q = q.Where("status = ?", status)
	}
	return newestPage[models.OutboxMessage](q, p.normalise(50, 500))
}

// OutboxByID loads one message.
func (s *Store) OutboxByID(ctx context.Context, id uint) (*models.OutboxMessage, error) {
	var m models.OutboxMessage
	if err := s.db.WithContext(ctx).First(&m, id).Error; err != nil {
		return nil, NotFound(err)
	}
	return &m, nil
}

// OutboxCounts counts messages by status.
func (s *Store) OutboxCounts(ctx context.Context) (map[string]int64, error) {
	var rows []struct {
		Status string
		N      int64
	}
	err := s.db.WithContext(ctx).Model(&models.OutboxMessage{}).Select("status, COUNT(*) AS n").Group("status").Scan(&rows).Error
	out := map[string]int64{}
	for _, r := range rows {
		out[r.Status] = r.N
	}
	return out, err
}

// ListReminderLog returns a page of the reminder log, newest first,
// optionally of one rule or for one assignment.
func (s *Store) ListReminderLog(ctx context.Context, rule models.ReminderRule, assignmentID uint, p Page) ([]models.ReminderLog, int64, error) {
	q := s.db.WithContext(ctx).Model(&models.ReminderLog{})
	if rule != "" {
		q = q.Where("rule = ?", rule)
	}
	if assignmentID != 0 {
		q = q.Where("assignment_id = ?", assignmentID)
	}
	return newestPage[models.ReminderLog](q, p.normalise(100, 500))
}

// newestPage counts the rows q selects and loads page p of them, newest
// (highest id) first.
func newestPage[T any](q *gorm.DB, p Page) ([]T, int64, error) {
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var list []T
	err := q.Order("id DESC").Limit(p.PerPage).Offset(p.offset()).Find(&list).Error
	return list, total, err
}

// logBatch is how many log rows one INSERT writes: a coordinator's message
// at national scale carries tens of thousands of keys, and one statement per
// row was most of a pass's time. Six parameters a row stay under SQLite's
// oldest limit of 999 per statement.
const logBatch = 160

// insertLogs writes the log rows whose keys are new and returns them, in
// their order, with their ids; rows whose key is already logged are skipped
// (ON CONFLICT DO NOTHING ... RETURNING, portable between SQLite and
// PostgreSQL, answers only the rows it inserted).
func insertLogs(tx *gorm.DB, rows []models.ReminderLog) ([]models.ReminderLog, error) {
	var fresh []models.ReminderLog
	for start := 0; start < len(rows); start += logBatch {
		batch := rows[start:min(start+logBatch, len(rows))]
		var sql strings.Builder
		sql.WriteString(`INSERT INTO reminder_logs ("key", rule, level, assignment_id, recipient, pass_at) VALUES `)
		args := make([]any, 0, 6*len(batch))
		for i, r := range batch {
			if i > 0 {
				sql.WriteString(", ")
			}
			sql.WriteString("(?, ?, ?, ?, ?, ?)")
			args = append(args, r.Key, r.Rule, r.Level, r.AssignmentID, r.Recipient, r.PassAt)
		}
		sql.WriteString(` ON CONFLICT ("key") DO NOTHING RETURNING id, "key"`)
		var inserted []struct {
			ID  uint
			Key string
		}
		if err := tx.Raw(sql.String(), args...).Scan(&inserted).Error; err != nil {
			return nil, err
		}
		ids := make(map[string]uint, len(inserted))
		for _, r := range inserted {
			ids[r.Key] = r.ID
		}
		for _, r := range batch {
			if id, ok := ids[r.Key]; ok {
				r.ID = id
				fresh = append(fresh, r)
			}
		}
	}
	return fresh, nil
}

// OutboxBacklog counts the messages not yet delivered nor given up on
// (queued, or held by a sender) and returns when the oldest of them was
// queued (zero when there is none): the outbox's size and lag for monitoring.
func (s *Store) OutboxBacklog(ctx context.Context) (int64, time.Time, error) {
	waiting := func() *gorm.DB {
		return s.db.WithContext(ctx).Model(&models.OutboxMessage{}).
			Where("status IN ?", []string{models.OutboxQueued, models.OutboxSending})
	}
	var n int64
	if err := waiting().Count(&n).Error; err != nil || n == 0 {
		return n, time.Time{}, err
	}
	// The column itself, not MIN(): SQLite's driver reads a time only from
	// a column declared as one.
	var oldest []models.OutboxMessage
	if err := waiting().Select("id, created_at").Order("created_at, id").Limit(1).Find(&oldest).Error; err != nil || len(oldest) == 0 {
		return n, time.Time{}, err
	}
	return n, oldest[0].CreatedAt, nil
}
