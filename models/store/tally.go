package store

import (
	"context"
	"fmt"
	"roviec/models"
	"time"

	"gorm.io/gorm"
)

// CountAssignmentsByStatus counts the assignments matching f (its page is
// ignored) per status; every status is present, with 0 when empty.
func (s *Store) CountAssignmentsByStatus(ctx context.Context, f AssignmentFilter, now time.Time) (map[models.Status]int64, error) {
	type row struct {
		Status models.Status
		N      int64
	}
	var rows []row
	q, ok := s.statusCountQuery(ctx, f)
	if ok {
		q = q.Select("status, SUM(n) AS n")
	} else {
		q = s.assignmentQuery(ctx, f, now).Select("assignments.status AS status, COUNT(*) AS n")
	}
	if err := q.Group("status").Scan(&rows).Error; err != nil {
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

// statusCountQuery selects the rows of directive_statuses (a count per
// directive and status) of the assignments f chooses, when f selects by plan,
// theme, directive and status only; ok is false otherwise.
func (s *Store) statusCountQuery(ctx context.Context, f AssignmentFilter) (q *gorm.DB, ok bool) {
	if f.AgencyID != 0 || f.AgencyIDs != nil || f.AgencyKind != "" || f.Timeliness != "" || f.OverdueOnly {
		return nil, false
	}
	q = whereDirectives(s.db.WithContext(ctx).Table("directive_statuses"), "directive_id", f)
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	return q, true
}

// checkDirectiveStatuses compares the status counts per directive with the
// assignments.
func (s *Store) checkDirectiveStatuses(ctx context.Context) error {
	type row struct {
		DirectiveID uint
		Status      string
		N           int
	}
	var counted, kept []row
	db := s.db.WithContext(ctx)
	if err := db.Raw("SELECT directive_id, status, COUNT(*) AS n FROM assignments GROUP BY 1, 2 ORDER BY 1, 2").Scan(&counted).Error; err != nil {
		return err
	}
	if err := db.Raw("SELECT directive_id, status, n FROM directive_statuses WHERE n <> 0 ORDER BY 1, 2").Scan(&kept).Error; err != nil {
		return err
	}
	if fmt.Sprint(counted) != fmt.Sprint(kept) {
		return fmt.Errorf("status counts per directive differ from the assignments:\nkept    %v\ncounted %v", kept, counted)
	}
	return nil
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
