package store

import (
	"context"
	"roviec/models"
	"strings"
	"time"

	"gorm.io/gorm"
)

// ListPlans returns every plan, newest year first.
func (s *Store) ListPlans(ctx context.Context) ([]models.Plan, error) {
	var list []models.Plan
	err := s.db.WithContext(ctx).Order("year DESC, id DESC").Find(&list).Error
	return list, err
}

// PlanByID loads one plan.
func (s *Store) PlanByID(ctx context.Context, id uint) (*models.Plan, error) {
	var p models.Plan
	if err := s.db.WithContext(ctx).First(&p, id).Error; err != nil {
		return nil, NotFound(err)
	}
	return &p, nil
}

// SavePlan creates or updates a plan. An update made on an older version
// than the plan's (p.Version; 0 does not check) is refused; a saved one
// leaves p at its new version.
func (s *Store) SavePlan(ctx context.Context, p *models.Plan) error {
	if err := models.ValidatePlan(p); err != nil {
		return err
	}
	if p.ID == 0 {
		p.Version = 1
		return s.db.WithContext(ctx).Create(p).Error
	}
	return s.transaction(ctx, func(tx *gorm.DB) error {
		var cur models.Plan
		if err := forUpdate(tx).Select("id", "version").First(&cur, p.ID).Error; err != nil {
			return NotFound(err)
		}
		if err := models.CheckVersion(p.Version, cur.Version); err != nil {
			return err
		}
		return casUpdate(tx, p, &p.Version, cur.Version, "Name", "NameEN", "Year", "UpdatedAt")
	})
}

// ListThemes returns a plan's themes in calendar order.
func (s *Store) ListThemes(ctx context.Context, planID uint) ([]models.Theme, error) {
	if _, err := s.PlanByID(ctx, planID); err != nil {
		return nil, err
	}
	var list []models.Theme
	err := s.db.WithContext(ctx).Where("plan_id = ?", planID).Order("first_month, id").Find(&list).Error
	return list, err
}

// ThemeByID loads one theme.
func (s *Store) ThemeByID(ctx context.Context, id uint) (*models.Theme, error) {
	var t models.Theme
	if err := s.db.WithContext(ctx).First(&t, id).Error; err != nil {
		return nil, NotFound(err)
	}
	return &t, nil
}

// SaveTheme creates or updates a theme; its months must be 1..12 and must
// not overlap another theme of the same plan (the plan is locked while this
// is checked, so two themes saved at once cannot overlap).
func (s *Store) SaveTheme(ctx context.Context, t *models.Theme) error {
	v := &models.ValidationError{}
	t.TitleVI = strings.TrimSpace(t.TitleVI)
	if t.TitleVI == "" {
		v.Add("title_vi", "err.theme_title_required")
	}
	if t.FirstMonth < 1 || t.FirstMonth > 12 {
		v.Add("first_month", "err.first_month")
	}
	if t.LastMonth < t.FirstMonth || t.LastMonth > 12 {
		v.Add("last_month", "err.last_month")
	}
	if err := v.OrNil(); err != nil {
		return err
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := forUpdate(tx).First(&models.Plan{}, t.PlanID).Error; err != nil {
			return NotFound(err)
		}
		var n int64
		err := tx.Model(&models.Theme{}).Where("plan_id = ? AND id <> ? AND first_month <= ? AND last_month >= ?",
			t.PlanID, t.ID, t.LastMonth, t.FirstMonth).Count(&n).Error
		if err != nil {
			return err
		}
		if n > 0 {
			return models.Conflict("err.theme_overlap", "First", t.FirstMonth, "Last", t.LastMonth)
		}
		return tx.Save(t).Error
	})
}

// ThemeForMonth returns the theme of a plan that covers month m.
func (s *Store) ThemeForMonth(ctx context.Context, planID uint, m int) (*models.Theme, error) {
	var t models.Theme
	err := s.db.WithContext(ctx).Where("plan_id = ? AND first_month <= ? AND last_month >= ?", planID, m, m).First(&t).Error
	if err != nil {
		return nil, NotFound(err)
	}
	return &t, nil
}

// CopyPlan starts a new plan from an existing one: its themes, targets and
// directives, with due dates moved to the new year and fresh assignments to
// the same (still active) agencies. It is written in one transaction.
func (s *Store) CopyPlan(ctx context.Context, srcID uint, name string, year int, by *models.User, now time.Time) (*models.Plan, error) {
	src, err := s.PlanByID(ctx, srcID)
	if err != nil {
		return nil, err
	}
	np := &models.Plan{Name: name, NameEN: "", Year: year}
	if err := models.ValidatePlan(np); err != nil {
		return nil, err
	}
	shift := year - src.Year
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		np.ID = 0 // a retried attempt starts afresh
		if err := tx.Create(np).Error; err != nil {
			return err
		}
		var themes []models.Theme
		if err := tx.Where("plan_id = ?", src.ID).Find(&themes).Error; err != nil {
			return err
		}
		themeMap := map[uint]uint{}
		for _, t := range themes {
			old := t.ID
			t.ID, t.PlanID = 0, np.ID
			if err := tx.Create(&t).Error; err != nil {
				return err
			}
			themeMap[old] = t.ID
		}
		var targets []models.Target
		if err := tx.Where("plan_id = ?", src.ID).Find(&targets).Error; err != nil {
			return err
		}
		targetMap := map[uint]uint{}
		for _, t := range targets {
			old := t.ID
			t.ID, t.PlanID = 0, np.ID
			if err := tx.Create(&t).Error; err != nil {
				return err
			}
			targetMap[old] = t.ID
		}
		var dirs []models.Directive
		if err := tx.Where("plan_id = ?", src.ID).Order("id").Find(&dirs).Error; err != nil {
			return err
		}
		for _, d := range dirs {
			var agencyIDs []uint
			err := tx.Model(&models.Assignment{}).Joins("JOIN agencies ON agencies.id = assignments.agency_id").
				Where("assignments.directive_id = ? AND agencies.active = ?", d.ID, true).
				Order("assignments.id").Pluck("assignments.agency_id", &agencyIDs).Error
			if err != nil {
				return err
			}
			nd := d
			nd.ID, nd.PlanID, nd.ThemeID = 0, np.ID, themeMap[d.ThemeID]
			nd.Theme, nd.Target = nil, nil
			if d.TargetID != nil {
				id := targetMap[*d.TargetID]
				nd.TargetID = &id
			}
			if !d.DueOn.IsZero() {
				nd.DueOn = models.Day(d.DueOn.Time().AddDate(shift, 0, 0).Format(models.DayLayout))
			}
			nd.CreatedByID = nil
			if by != nil {
				nd.CreatedByID = &by.ID
			}
			nd.CreatedAt, nd.UpdatedAt = now.UTC(), now.UTC()
			if err := CreateDirectiveTx(tx, &nd, agencyIDs, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return np, nil
}
