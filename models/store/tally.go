package store

import (
	"context"
	"roviec/models"
	"time"
)

// CountAssignmentsByStatus counts the assignments matching f (its page is
// ignored) per status; every status is present, with 0 when empty.
func (s *Store) CountAssignmentsByStatus(ctx context.Context, f AssignmentFilter, now time.Time) (map[models.Status]int64, error) {
	type row struct {
		Status models.Status
		N      int64
	}
	var rows []row
	err := s.assignmentQuery(ctx, f, now).Select("assignments.status AS status, COUNT(*) AS n").
		Group("assignments.status").Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := map[models.Status]int64{}
	for _, st := range models.Statuses {
		out[st] = 0
	}
	for _, r := range rows {
		out[r.Status] = r.N
	}
	return out, nil
}

// DirectiveTallies returns, for each directive, its tally per agency kind.
func (s *Store) DirectiveTallies(ctx context.Context, directiveIDs []uint) (map[uint]map[models.AgencyKind]models.KindTally, error) {
	out := map[uint]map[models.AgencyKind]models.KindTally{}
	if len(directiveIDs) == 0 {
		return out, nil
	}
	type row struct {
		DirectiveID uint
		Kind        models.AgencyKind
		Total       int
		Done        int
	}
	var rows []row
	err := s.db.WithContext(ctx).Model(&models.Assignment{}).
		Select("assignments.directive_id AS directive_id, agencies.kind AS kind, COUNT(*) AS total, "+
			"SUM(CASE WHEN assignments.status = ? THEN 1 ELSE 0 END) AS done", models.StatusDone).
		Joins("JOIN agencies ON agencies.id = assignments.agency_id").
		Where("assignments.directive_id IN ? AND assignments.status <> ?", directiveIDs, models.StatusCancelled).
		Group("assignments.directive_id, agencies.kind").Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		if out[r.DirectiveID] == nil {
			out[r.DirectiveID] = map[models.AgencyKind]models.KindTally{}
		}
		out[r.DirectiveID][r.Kind] = models.KindTally{Done: r.Done, Total: r.Total}
	}
	return out, nil
}
