package store

import (
	"context"
	"roviec/models"
	"time"

	"gorm.io/gorm"
)

// Conditions of the work list, on the assignments row: an explanation
// request still unanswered, and a submission returned (an in-progress
// assignment was returned when its history holds a return: the only way on
// from there is to submit again, which leaves in-progress).
const (
	workOpenExplanation = "EXISTS (SELECT 1 FROM explanation_requests er WHERE er.assignment_id = assignments.id AND er.answered_at IS NULL AND er.closed_at IS NULL)"
	workReturned        = "(assignments.status = 'in_progress' AND EXISTS (SELECT 1 FROM updates ru WHERE ru.assignment_id = assignments.id" +
		" AND ru.from_status = 'submitted' AND ru.to_status = 'in_progress'))"
)

// MyWork is an agency's work list at now: each group of models.WorkGroups
// with its first perGroup items (recently done: the last few) and its count,
// an assignment in the first group it belongs to. Every query reads the
// agency's rows through the (agency_id, status, due_on) index, one page per
// group, whatever the size of the database.
func (s *Store) MyWork(ctx context.Context, agencyID uint, now time.Time, perGroup int) ([]models.WorkGroup, error) {
	today := models.DayOf(now, s.loc)
	soon := today.AddDays(models.DueSoonDays)
	open := []models.Status{models.StatusNotStarted, models.StatusInProgress, models.StatusSubmitted}
	working := []models.Status{models.StatusNotStarted, models.StatusInProgress}
	later := "(assignments.due_on IS NULL OR assignments.due_on > ?)"
	groups := map[models.WorkReason]func(q *gorm.DB) *gorm.DB{
		models.WorkExplanation: func(q *gorm.DB) *gorm.DB {
			return q.Where("assignments.status IN ?", open).Where(workOpenExplanation)
		},
		models.WorkReturned: func(q *gorm.DB) *gorm.DB { return q.Not(workOpenExplanation).Where(workReturned) },
		models.WorkOverdue: func(q *gorm.DB) *gorm.DB {
			return q.Where("assignments.status IN ? AND assignments.due_on < ?", working, today).
				Not(workOpenExplanation).Not(workReturned)
		},
		models.WorkDueSoon: func(q *gorm.DB) *gorm.DB {
			return q.Where("assignments.status IN ? AND assignments.due_on >= ? AND assignments.due_on <= ?", working, today, soon).
				Not(workOpenExplanation).Not(workReturned)
		},
		models.WorkInProgress: func(q *gorm.DB) *gorm.DB {
			return q.Where("assignments.status = ? AND "+later, models.StatusInProgress, soon).
				Not(workOpenExplanation).Not(workReturned)
		},
		models.WorkNotStarted: func(q *gorm.DB) *gorm.DB {
			return q.Where("assignments.status = ? AND "+later, models.StatusNotStarted, soon).Not(workOpenExplanation)
		},
		models.WorkInReview: func(q *gorm.DB) *gorm.DB {
			return q.Where("assignments.status = ?", models.StatusSubmitted).Not(workOpenExplanation)
		},
		models.WorkDone: func(q *gorm.DB) *gorm.DB { return q.Where("assignments.status = ?", models.StatusDone) },
	}
	var out []models.WorkGroup
	var ids []uint
	for _, reason := range models.WorkGroups {
		base := func() *gorm.DB {
			return groups[reason](s.db.WithContext(ctx).Model(&models.Assignment{}).Where("assignments.agency_id = ?", agencyID))
		}
		g := models.WorkGroup{Reason: reason}
		if err := base().Count(&g.Total).Error; err != nil {
			return nil, err
		}
		if g.Total == 0 {
			continue
		}
		order := "assignments.due_on IS NULL, assignments.due_on, assignments.id"
		limit := perGroup
		switch reason {
		case models.WorkInReview:
			order = "assignments.submitted_on, assignments.id"
		case models.WorkDone:
			order, limit = "assignments.completed_on DESC, assignments.id DESC", min(perGroup, 5)
		}
		var list []models.Assignment
		if err := base().Preload("Directive.Theme").Preload("Agency").Order(order).Limit(limit).Find(&list).Error; err != nil {
			return nil, err
		}
		for _, a := range list {
			g.Items = append(g.Items, models.WorkItem{Assignment: a})
			ids = append(ids, a.ID)
		}
		out = append(out, g)
	}
	return out, s.annotateWork(ctx, out, ids, now)
}

// annotateWork fills in the reasons of the items shown, with the open
// explanation request to answer and the committee's last return reason,
// read for those items only.
func (s *Store) annotateWork(ctx context.Context, groups []models.WorkGroup, ids []uint, now time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	var reqs []models.ExplanationRequest
	if err := s.db.WithContext(ctx).Where("assignment_id IN ? AND "+explanationOpen, ids).
		Order("requested_at, id").Find(&reqs).Error; err != nil {
		return err
	}
	explanation := map[uint]uint{}
	for _, r := range reqs {
		if explanation[r.AssignmentID] == 0 {
			explanation[r.AssignmentID] = r.ID
		}
	}
	var returns []models.Update
	if err := s.db.WithContext(ctx).Where("assignment_id IN ? AND from_status = ? AND to_status = ?", ids,
		models.StatusSubmitted, models.StatusInProgress).Order("at, id").Find(&returns).Error; err != nil {
		return err
	}
	reason := map[uint]string{}
	for _, u := range returns {
		reason[u.AssignmentID] = u.Note // the last return wins
	}
	for gi := range groups {
		for i := range groups[gi].Items {
			it := &groups[gi].Items[i]
			a := &it.Assignment
			_, returned := reason[a.ID]
			it.Timeliness = models.ClassifyTimeliness(a, now, s.loc)
			it.Explanation = explanation[a.ID]
			it.Reasons = models.WorkReasons(a, it.Timeliness, it.Explanation != 0, returned)
			if returned && a.Status == models.StatusInProgress {
				it.ReturnReason = reason[a.ID]
			}
		}
	}
	return nil
}
