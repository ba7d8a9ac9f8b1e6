package store

import (
	"context"
	"roviec/models"
	"strconv"
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
		return s.transaction(ctx, func(tx *gorm.DB) error {
			if err := yearFree(tx, p.Year, 0); err != nil {
				return err
			}
			if err := tx.Create(p).Error; err != nil {
				return err
			}
			return auditSave(tx, models.AuditPlan, p.ID, nil, p)
		})
	}
	return s.transaction(ctx, func(tx *gorm.DB) error {
		var before models.Plan
		if err := forUpdate(tx).First(&before, p.ID).Error; err != nil {
			return NotFound(err)
		}
		if err := models.CheckVersion(p.Version, before.Version); err != nil {
			return err
		}
		if err := yearFree(tx, p.Year, p.ID); err != nil {
			return err
		}
		if err := casUpdate(tx, p, &p.Version, before.Version, "Name", "NameEN", "Year", "UpdatedAt"); err != nil {
			return err
		}
		return auditSave(tx, models.AuditPlan, p.ID, &before, p)
	})
}

// yearFree refuses a plan for a year that another plan (not exceptID)
// already covers: the programme of a year is one plan, and two would split
// its themes, league and targets without a word (422 on the year, so that a
// form keeps what was typed). Checked inside the writing transaction, where
// SQLite's single writer makes it exact; on PostgreSQL two plans for one
// year created at the same instant could still both pass.
func yearFree(tx *gorm.DB, year int, exceptID uint) error {
	var n int64
	if err := tx.Model(&models.Plan{}).Where("year = ? AND id <> ?", year, exceptID).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return models.Invalid("year", "err.plan_year_taken", "Year", strconv.Itoa(year))
	}
	return nil
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
	models.CheckLine(v, "title_vi", t.TitleVI, models.MaxNameLen)
	models.CheckLine(v, "title_en", t.TitleEN, models.MaxNameLen)
	models.CheckText(v, "description", t.Description, "")
	models.CheckLine(v, "source", t.Source, models.MaxSourceLen)
	if t.FirstMonth < 1 || t.FirstMonth > 12 {
		v.Add("first_month", "err.first_month")
	}
	if t.LastMonth < t.FirstMonth || t.LastMonth > 12 {
		v.Add("last_month", "err.last_month")
	}
	if err := v.OrNil(); err != nil {
		return err
	}
	return s.write(ctx, func(tx *gorm.DB) error {
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
		var before *models.Theme
		if t.ID != 0 {
			before = &models.Theme{}
			if err := tx.First(before, t.ID).Error; err != nil {
				return NotFound(err)
			}
		}
		if err := tx.Save(t).Error; err != nil {
			return err
		}
		return auditSave(tx, models.AuditTheme, t.ID, before, t)
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
		if err := yearFree(tx, year, 0); err != nil {
			return err
		}
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
		return audit(tx, models.AuditPlan, np.ID, models.AuditCopy, nil, map[string]any{"Name": np.Name, "Year": np.Year,
			"CopiedFrom": src.ID, "Directives": len(dirs)})
	})
	if err != nil {
		return nil, err
	}
	return np, nil
}
