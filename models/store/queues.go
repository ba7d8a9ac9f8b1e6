package store

import (
	"context"
	"roviec/models"
	"time"

	"gorm.io/gorm"
)

// ReviewQueue is a page of the submitted assignments across every theme,
// oldest submission first (the idx_assignments_review order), with their
// directive, theme and agency, and how many there are.
func (s *Store) ReviewQueue(ctx context.Context, p Page) ([]models.Assignment, int64, error) {
	q := func() *gorm.DB {
		return s.db.WithContext(ctx).Model(&models.Assignment{}).Where("assignments.status = ?", models.StatusSubmitted)
	}
	var total int64
	if err := q().Count(&total).Error; err != nil {
		return nil, 0, err
	}
	p = p.normalise(50, 200)
	var list []models.Assignment
	err := q().Preload("Directive.Theme").Preload("Agency").Order("assignments.submitted_on, assignments.id").
		Limit(p.PerPage).Offset(p.offset()).Find(&list).Error
	return list, total, err
}

// EachSubmitted calls fn with every submitted assignment, oldest submission
// first (the review queue's order), with its directive, theme and agency,
// reading 500 at a time after the last one read (by submission day and id,
// along idx_assignments_review): a page number would skip or repeat rows
// when the queue changes while it is read.
func (s *Store) EachSubmitted(ctx context.Context, fn func(*models.Assignment) error) error {
	const chunk = 500
	var lastOn models.Day
	var lastID uint
	for n := 0; ; n++ {
		q := s.db.WithContext(ctx).Model(&models.Assignment{}).Where("assignments.status = ?", models.StatusSubmitted)
		if n > 0 {
			q = q.Where("(COALESCE(assignments.submitted_on, '') > ? OR (COALESCE(assignments.submitted_on, '') = ? AND assignments.id > ?))",
				string(lastOn), string(lastOn), lastID)
		}
		var list []models.Assignment
		err := q.Preload("Directive.Theme").Preload("Agency").
			Order("COALESCE(assignments.submitted_on, ''), assignments.id").Limit(chunk).Find(&list).Error
		if err != nil {
			return err
		}
		for i := range list {
			if err := fn(&list[i]); err != nil {
				return err
			}
		}
		if len(list) < chunk {
			return nil
		}
		lastOn, lastID = list[len(list)-1].SubmittedOn, list[len(list)-1].ID
	}
}

// queueCountsTTL is how long the menu's queue counts are reused: every page
// a reviewer opens shows them, and at national scale counting the open
// explanation requests reads tens of thousands of index entries (13 ms at
// 1M, against a page's 10-20 ms). A change made through this store forgets
// them at once; one made by another instance shows within the TTL.
const queueCountsTTL = 10 * time.Second

// queueCounts are counts as read at a moment.
type queueCounts struct {
	at     time.Time
	counts models.QueueCounts
}

// QueueCounts counts what waits for the committee at now: submitted work,
// pending extensions and unanswered explanation requests (each one COUNT
// over an index: status; status; answered_at), reused for queueCountsTTL.
func (s *Store) QueueCounts(ctx context.Context, now time.Time) (models.QueueCounts, error) {
	if c := s.queues.Load(); c != nil && !now.Before(c.at) && now.Sub(c.at) < queueCountsTTL {
		return c.counts, nil
	}
	var out models.QueueCounts
	db := s.db.WithContext(ctx)
	if err := db.Model(&models.Assignment{}).Where("status = ?", models.StatusSubmitted).Count(&out.Review).Error; err != nil {
		return out, err
	}
	if err := db.Model(&models.Extension{}).Where("status = ?", models.ExtensionPending).Count(&out.Extensions).Error; err != nil {
		return out, err
	}
	if err := db.Model(&models.ExplanationRequest{}).Where(explanationOpen).Count(&out.Explanations).Error; err != nil {
		return out, err
	}
	s.queues.Store(&queueCounts{at: now, counts: out})
	return out, nil
}

// forgetQueueCounts drops the reused queue counts: callers that change what
// the queues count defer it, so the next page counts again.
func (s *Store) forgetQueueCounts() { s.queues.Store(nil) }

// BulkResult is what a bulk action did to one assignment: the assignment
// as saved, or why it was refused.
type BulkResult struct {
	ID         uint
	Assignment *models.Assignment
	Err        error
}

// BulkReview applies one action to each assignment of r, each in its own
// transaction through UpdateAssignment (history and audit rows with it), so
// that one refused (no permission, not in a state the action fits, changed
// since the given version) leaves the others done. versions maps an id to
// the version the caller read (absent: the current one).
func (s *Store) BulkReview(ctx context.Context, actor *models.User, r models.BulkRequest, versions map[uint]int, now time.Time) ([]BulkResult, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	out := make([]BulkResult, 0, len(r.IDs))
	seen := map[uint]bool{}
	for _, id := range r.IDs {
		if seen[id] {
			continue
		}
		seen[id] = true
		if err := ctx.Err(); err != nil {
			return out, err
		}
		a, err := s.AssignmentByID(ctx, id)
		if err == nil {
			a, err = s.UpdateAssignment(ctx, actor, a, r.Change(versions[id]), now)
		}
		out = append(out, BulkResult{ID: id, Assignment: a, Err: err})
	}
	return out, nil
}
