package store

import (
	"context"
	"fmt"
	"roviec/models"
	"strings"
	"time"

	"gorm.io/gorm"
)

// audit records a change in the audit trail inside tx, the transaction that
// makes it, so that a change and its record commit or roll back together.
// The actor comes from the context tx was opened with (models.WithActor), the
// time from the database's clock (the app's "now", GORM's NowFunc). before
// and after are the record's values (nil for none: before a creation, after a
// deletion); only the fields that differ are kept, secrets never. One INSERT.
func audit(tx *gorm.DB, entity models.AuditEntity, id any, action models.AuditAction, before, after any) error {
	b, a, err := models.AuditDiff(before, after)
	if err != nil {
		return err
	}
	actor := models.ActorOf(tx.Statement.Context)
	e := &models.AuditEntry{At: tx.NowFunc(), Actor: models.ClipText(actor.Email, models.MaxAuditActorLen),
		Address: models.ClipText(actor.Addr, 64), Entity: entity, EntityID: fmt.Sprint(id), Action: action, Before: b, After: a}
	if actor.UserID != 0 {
		e.ActorID = &actor.UserID
	}
	return tx.Exec(auditInsert, e.At, e.ActorID, e.Actor, e.Address, e.Entity, e.EntityID, e.Action, e.Before, e.After).Error
}

// auditInsert writes an audit entry: a plain INSERT, as every change of
// the application makes one (GORM's Create reflected over the entry and
// read its id back, which nothing here needs).
const auditInsert = `INSERT INTO audit_log (at, actor_id, actor, address, entity, entity_id, action, "before", "after")
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`

// AuditFilter selects rows of the audit trail; empty fields do not filter.
// From and To are days in the store's time zone, both included.
type AuditFilter struct {
	Actor    string // an e-mail (any case), or models.SystemActor
	Entity   models.AuditEntity
	EntityID string
	Action   models.AuditAction
	From, To models.Day
	Page
}

// MaxAuditPage bounds a page of the audit trail.
const MaxAuditPage = 200

// auditQuery is the rows f selects.
func (s *Store) auditQuery(ctx context.Context, f AuditFilter) *gorm.DB {
	q := s.db.WithContext(ctx).Model(&models.AuditEntry{})
	if a := strings.TrimSpace(f.Actor); a != "" {
		q = q.Where("actor = ?", models.NormaliseEmail(a))
	}
	if f.Entity != "" {
		q = q.Where("entity = ?", f.Entity)
	}
	if f.EntityID != "" {
		q = q.Where("entity_id = ?", f.EntityID)
	}
	if f.Action != "" {
		q = q.Where("action = ?", f.Action)
	}
	if !f.From.IsZero() {
		q = q.Where("at >= ?", startOfDay(f.From, s.loc))
	}
	if !f.To.IsZero() {
		q = q.Where("at < ?", startOfDay(f.To.AddDays(1), s.loc))
	}
	return q
}

// startOfDay is midnight at the start of d in loc, in UTC.
func startOfDay(d models.Day, loc *time.Location) time.Time {
	t := d.Time()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc).UTC()
}

// ListAudit returns a page of the rows f selects, newest first, and how many
// there are (pages hold up to MaxAuditPage rows, 50 by default).
func (s *Store) ListAudit(ctx context.Context, f AuditFilter) ([]models.AuditEntry, int64, error) {
	var total int64
	if err := s.auditQuery(ctx, f).Count(&total).Error; err != nil {
		return nil, 0, err
	}
	p := f.Page.normalise(50, MaxAuditPage)
	var list []models.AuditEntry
	err := s.auditQuery(ctx, f).Order("at DESC, id DESC").Limit(p.PerPage).Offset(p.offset()).Find(&list).Error
	return list, total, err
}

// EachAudit calls fn with every row f selects (its page ignored), newest
// first, reading a batch at a time so that an export of millions of rows
// holds one batch in memory; an error of fn stops it.
func (s *Store) EachAudit(ctx context.Context, f AuditFilter, fn func(*models.AuditEntry) error) error {
	const batch = 500
	var last *models.AuditEntry
	for {
		q := s.auditQuery(ctx, f)
		if last != nil {
			q = q.Where("at < ? OR (at = ? AND id < ?)", last.At, last.At, last.ID)
		}
		var list []models.AuditEntry
		if err := q.Order("at DESC, id DESC").Limit(batch).Find(&list).Error; err != nil {
			return err
		}
		for i := range list {
			if err := fn(&list[i]); err != nil {
				return err
			}
		}
		if len(list) < batch {
			return nil
		}
		last = &list[len(list)-1]
	}
}

// auditSave records a Save: a creation when there was no record before
// (before is nil), else an update.
func auditSave[T any](tx *gorm.DB, entity models.AuditEntity, id uint, before, after *T) error {
	if before == nil {
		return audit(tx, entity, id, models.AuditCreate, nil, after)
	}
	return audit(tx, entity, id, models.AuditUpdate, before, after)
}
