package store

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"roviec/models"
	"roviec/models/imports"
)

// ImportReport is what importing a file into a plan creates (or, on a dry
// run or when refused, would create) and every bad row with what is wrong.
type ImportReport struct {
	Plan        *models.Plan
	Directives  int
	Assignments int
	Bad         []ImportProblem
}

// ImportProblem is a bad row: its number in the file and a message per
// column (keys of imports.Columns).
type ImportProblem struct {
	Line     int
	Problems *models.ValidationError
}

// importDirective is a row that passed, ready to be created.
type importDirective struct {
	line int
	d    *models.Directive
	ids  []uint
}

// ImportDirectives validates the rows for the plan planID and, unless
// dryRun, creates them all in one transaction, each as CreateDirective
// creates one (assignments, notifications, audit). Any bad row refuses the
// whole file: the report lists every bad row and the error is a
// *models.ValidationError on "file"; nothing is written. The duplicate
// check is made again inside the transaction, so that two imports of the
// same file at once do not both pass.
func (s *Store) ImportDirectives(ctx context.Context, planID uint, rows []imports.Row, by *models.User, now time.Time, dryRun bool) (*ImportReport, error) {
	plan, err := s.PlanByID(ctx, planID)
	if err != nil {
		return nil, err
	}
	rep := &ImportReport{Plan: plan}
	titles, err := planTitles(s.db.WithContext(ctx), planID)
	if err != nil {
		return nil, err
	}
	list, err := s.checkImport(ctx, plan, rows, titles, models.DayOf(now, s.loc), rep)
	if err != nil || len(rep.Bad) > 0 || dryRun {
		return rep, orRefused(err, rep)
	}
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		// Imports into one plan take turns (on PostgreSQL; SQLite has one
		// writer anyway), so that the titles read here stay true until commit.
		if err := forUpdate(tx).Select("id").First(&models.Plan{}, planID).Error; err != nil {
			return NotFound(err)
		}
		titles, err := planTitles(tx, planID)
		if err != nil {
			return err
		}
		for _, x := range list {
			if _, dup := titles[models.Fold(x.d.Title)]; dup {
				rep.Bad = append(rep.Bad, ImportProblem{Line: x.line,
					Problems: models.Invalid(imports.ColTitle, "err.import_duplicate_existing")})
			}
		}
		if len(rep.Bad) > 0 {
			return orRefused(nil, rep)
		}
		for _, x := range list {
			if err := createDirective(tx, x.d, x.ids, by, now); err != nil {
				return err
			}
		}
		return nil
	})
	return rep, err
}

// orRefused is err, or when there is none but the report has bad rows, the
// refusal of the whole file.
func orRefused(err error, rep *ImportReport) error {
	if err == nil && len(rep.Bad) > 0 {
		return models.Invalid("file", "err.import_rows_invalid", "N", len(rep.Bad))
	}
	return err
}

// planTitles is the folded titles of the plan's directives (the
// duplicates an import refuses), each mapped to 0: no row of the file.
func planTitles(db *gorm.DB, planID uint) (map[string]int, error) {
	var list []string
	if err := db.Model(&models.Directive{}).Where("plan_id = ?", planID).Pluck("title", &list).Error; err != nil {
		return nil, err
	}
	out := make(map[string]int, len(list))
	for _, t := range list {
		out[models.Fold(t)] = 0
	}
	return out, nil
}

// importFields renames the fields of the form's messages to the template's
// columns they come from.
var importFields = map[string]string{"theme_id": imports.ColThemeMonth, "source": imports.ColDocNumber,
	"agency_codes": imports.ColAgencies, "agency_kinds": imports.ColAgencies}

// checkImport validates every row as the directive form is validated, plus
// its theme month (a theme of the plan) and duplicates (a directive of the
// plan, or an earlier row, with the same title, ignoring case and
// diacritics), filling rep; it returns the directives of the good rows.
func (s *Store) checkImport(ctx context.Context, plan *models.Plan, rows []imports.Row, titles map[string]int, today models.Day, rep *ImportReport) ([]importDirective, error) {
	themes, err := s.ListThemes(ctx, plan.ID)
	if err != nil {
		return nil, err
	}
	var out []importDirective
	for _, r := range rows {
		v := &models.ValidationError{}
		v.Merge(r.Problems)
		in := r.Input
		for _, t := range themes {
			if r.Month >= t.FirstMonth && r.Month <= t.LastMonth {
				in.ThemeID = t.ID
			}
		}
		if r.Month != 0 && in.ThemeID == 0 {
			v.Add(imports.ColThemeMonth, "err.import_month_outside", "Month", r.Month, "Year", strconv.Itoa(plan.Year))
		}
		d, derr := s.directiveFromInput(ctx, in, &models.Directive{}, today)
		var ids []uint
		var aerr error
		if len(in.AgencyCodes)+len(in.AgencyKinds) > 0 {
			ids, aerr = s.agencyIDs(ctx, in.AgencyCodes, in.AgencyKinds)
		}
		if err := models.MergeValidation(derr, aerr); err != nil {
			var merr *models.ValidationError
			if !errors.As(err, &merr) {
				return nil, err
			}
			for _, f := range merr.Ordered() {
				m := merr.Fields[f]
				if to, ok := importFields[f]; ok {
					f = to
				}
				if _, told := v.Fields[f]; !told {
					v.Add(f, m.ID)
					v.Fields[f] = m
				}
			}
		}
		title := strings.TrimSpace(in.Title)
		key := models.Fold(title)
		if line, dup := titles[key]; dup && title != "" {
			if line == 0 {
				v.Add(imports.ColTitle, "err.import_duplicate_existing")
			} else {
				v.Add(imports.ColTitle, "err.import_duplicate_row", "Row", strconv.Itoa(line))
			}
		} else if title != "" {
			titles[key] = r.Line
		}
		if len(v.Fields) > 0 {
			rep.Bad = append(rep.Bad, ImportProblem{Line: r.Line, Problems: v})
			continue
		}
		rep.Directives++
		rep.Assignments += len(ids)
		out = append(out, importDirective{line: r.Line, d: d, ids: ids})
	}
	return out, nil
}
