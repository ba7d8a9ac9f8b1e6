package store

import (
	"context"
	"roviec/models"
	"strconv"

	"gorm.io/gorm"
)

// PublicPlan finds the plan the public scoreboard's address names: its year
// (one plan a year), else its id; a plan not opened to the public is not
// found, so that its existence is not told either.
func (s *Store) PublicPlan(ctx context.Context, ref string) (*models.Plan, error) {
	n, err := strconv.ParseUint(ref, 10, 63)
	if err != nil {
		return nil, models.ErrNotFound
	}
	var list []models.Plan
	err = s.db.WithContext(ctx).Where("public = ? AND (year = ? OR id = ?)", true, n, n).
		Order("CASE WHEN year = " + strconv.FormatUint(n, 10) + " THEN 0 ELSE 1 END, id").Limit(1).Find(&list).Error
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, models.ErrNotFound
	}
	return &list[0], nil
}

// SetPlanPublic opens a plan's scoreboards to anyone (or closes them), with
// a row in the audit trail.
func (s *Store) SetPlanPublic(ctx context.Context, id uint, public bool) (*models.Plan, error) {
	var p models.Plan
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		if err := forUpdate(tx).First(&p, id).Error; err != nil {
			return NotFound(err)
		}
		before := p.Public
		if before == public {
			return nil
		}
		p.Public = public
		if err := tx.Model(&models.Plan{}).Where("id = ?", id).Update("public", public).Error; err != nil {
			return err
		}
		return audit(tx, models.AuditPlan, id, models.AuditUpdate, map[string]any{"Public": before}, map[string]any{"Public": public})
	})
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// DirectiveProgress is how far the agencies are with one directive: its
// assignments (cancelled ones left out) and how many are done.
type DirectiveProgress struct {
	ID       uint
	ThemeID  uint
	Title    string
	DueOn    models.Day
	Assigned int
	Done     int
}

// PlanDirectiveProgress lists every directive of a plan, by theme and
// deadline, with its counts from the status counts kept per directive (a few
// rows a directive, whatever the number of assignments).
func (s *Store) PlanDirectiveProgress(ctx context.Context, planID uint) ([]DirectiveProgress, error) {
	var rows []DirectiveProgress
	err := s.db.WithContext(ctx).Table("directives d").
		Select("d.id, d.theme_id, d.title, d.due_on, "+
			"COALESCE((SELECT SUM(n) FROM directive_statuses ds WHERE ds.directive_id = d.id AND ds.status <> ?), 0) AS assigned, "+
			"COALESCE((SELECT SUM(n) FROM directive_statuses ds WHERE ds.directive_id = d.id AND ds.status = ?), 0) AS done",
			models.StatusCancelled, models.StatusDone).
		Where("d.plan_id = ?", planID).Order("d.theme_id, d.due_on, d.id").Scan(&rows).Error
	return rows, err
}
