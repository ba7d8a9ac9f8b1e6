package models

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// OutboxMaxAttempts is how many times a message is tried before it is marked failed.
const OutboxMaxAttempts = 8

// outboxBackoff is the wait after the n-th failed attempt: 1, 2, 4, ... minutes, at most an hour.
func outboxBackoff(attempts int) time.Duration {
	d := time.Minute
	for i := 1; i < attempts && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}

// ClaimOutbox takes up to limit messages that are due for an attempt at now
// and marks them as being sent until now+lease, so that no other sender takes
// them meanwhile. A message whose sender died is taken again once its lease
// has run out.
func (s *Store) ClaimOutbox(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]OutboxMessage, error) {
	now = now.UTC()
	var ids []uint
	err := s.db.WithContext(ctx).Model(&OutboxMessage{}).
		Where("(status = ? AND next_attempt_at <= ?) OR (status = ? AND locked_until < ?)", OutboxQueued, now, OutboxSending, now).
		Order("id").Limit(limit).Pluck("id", &ids).Error
	if err != nil {
		return nil, err
	}
	var claimed []OutboxMessage
	until := now.Add(lease)
	for _, id := range ids {
		res := s.db.WithContext(ctx).Model(&OutboxMessage{}).
			Where("id = ? AND ((status = ? AND next_attempt_at <= ?) OR (status = ? AND locked_until < ?))",
				id, OutboxQueued, now, OutboxSending, now).
			Updates(map[string]any{"status": OutboxSending, "locked_until": until})
		if res.Error != nil {
			return claimed, res.Error
		}
		if res.RowsAffected == 0 {
			continue // another sender was quicker
		}
		var m OutboxMessage
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
	return s.db.WithContext(ctx).Model(&OutboxMessage{}).Where("id = ?", id).
		Updates(map[string]any{"status": OutboxSent, "sent_at": &t, "locked_until": nil, "attempts": gorm.Expr("attempts + 1"), "last_error": ""}).Error
}

// MarkOutboxFailed records a failed attempt: the message is tried again after
// a backoff, or marked failed after OutboxMaxAttempts.
func (s *Store) MarkOutboxFailed(ctx context.Context, id uint, now time.Time, cause error) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var m OutboxMessage
		if err := tx.First(&m, id).Error; err != nil {
			return notFound(err)
		}
		attempts := m.Attempts + 1
		status := OutboxQueued
		if attempts >= OutboxMaxAttempts {
			status = OutboxFailed
		}
		msg := cause.Error()
		if len(msg) > 1000 {
			msg = msg[:1000]
		}
		return tx.Model(&m).Updates(map[string]any{"status": status, "attempts": attempts, "last_error": msg,
			"next_attempt_at": now.UTC().Add(outboxBackoff(attempts)), "locked_until": nil}).Error
	})
}

// ResendOutbox puts a failed message back in the queue (an admin's action).
func (s *Store) ResendOutbox(ctx context.Context, id uint, now time.Time) error {
	var m OutboxMessage
	if err := s.db.WithContext(ctx).First(&m, id).Error; err != nil {
		return notFound(err)
	}
	if m.Status != OutboxFailed {
		return Conflict("err.outbox_not_failed", "Status", NewMsg("outbox.status_"+m.Status))
	}
	res := s.db.WithContext(ctx).Model(&OutboxMessage{}).Where("id = ? AND status = ?", id, OutboxFailed).
		Updates(map[string]any{"status": OutboxQueued, "attempts": 0, "next_attempt_at": now.UTC()})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return Conflict("err.outbox_taken")
	}
	return nil
}

// ListOutbox returns a page of messages, newest first, optionally of one status.
func (s *Store) ListOutbox(ctx context.Context, status string, p Page) ([]OutboxMessage, int64, error) {
	q := s.db.WithContext(ctx).Model(&OutboxMessage{})
	if status != "" {
		q = q.Where("status = ?", status)
	}
	return newestPage[OutboxMessage](q, p.normalise(50, 500))
}

// OutboxByID loads one message.
func (s *Store) OutboxByID(ctx context.Context, id uint) (*OutboxMessage, error) {
	var m OutboxMessage
	if err := s.db.WithContext(ctx).First(&m, id).Error; err != nil {
		return nil, notFound(err)
	}
	return &m, nil
}

// OutboxCounts counts messages by status.
func (s *Store) OutboxCounts(ctx context.Context) (map[string]int64, error) {
	var rows []struct {
		Status string
		N      int64
	}
	err := s.db.WithContext(ctx).Model(&OutboxMessage{}).Select("status, COUNT(*) AS n").Group("status").Scan(&rows).Error
	out := map[string]int64{}
	for _, r := range rows {
		out[r.Status] = r.N
	}
	return out, err
}

// ListReminderLog returns a page of the reminder log, newest first,
// optionally of one rule or for one assignment.
func (s *Store) ListReminderLog(ctx context.Context, rule string, assignmentID uint, p Page) ([]ReminderLog, int64, error) {
	q := s.db.WithContext(ctx).Model(&ReminderLog{})
	if rule != "" {
		q = q.Where("rule = ?", rule)
	}
	if assignmentID != 0 {
		q = q.Where("assignment_id = ?", assignmentID)
	}
	return newestPage[ReminderLog](q, p.normalise(100, 500))
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

// insertLogs writes the log rows whose keys are new and returns them; rows
// whose key is already logged are skipped (ON CONFLICT DO NOTHING, portable
// between SQLite and PostgreSQL).
func insertLogs(tx *gorm.DB, rows []ReminderLog) ([]ReminderLog, error) {
	var fresh []ReminderLog
	for i := range rows {
		res := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "key"}}, DoNothing: true}).Create(&rows[i])
		if res.Error != nil {
			return nil, res.Error
		}
		if res.RowsAffected == 1 {
			fresh = append(fresh, rows[i])
		}
	}
	return fresh, nil
}
