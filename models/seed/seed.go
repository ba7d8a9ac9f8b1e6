// Package seed loads the built-in 2023 National Digital Data Year (agencies,
// themes, targets, directives and their assignments) from the embedded CSV
// files, and the optional demo accounts and illustrative progress.
package seed

import (
	"bytes"
	"context"
	"embed"
	"encoding/csv"
	"fmt"
	"roviec/models"
	"roviec/models/store"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// seedData is the built-in 2023 programme: copies of the reference data with
// columns the project added: ministry codes (central-agencies), the month
// whose theme each target's or task's directive belongs to (theme_month), a
// Vietnamese rendering of the English notes of tasks and targets (note_vi), the ministry
// that reports each national target (responsible), and each source article's
// official document (sources.csv), shown instead of the article's file name.
//
//go:embed seeddata/*.csv
var seedData embed.FS

// Programme2023Name is the name of the built-in plan.
const Programme2023Name = "Năm Dữ liệu số quốc gia 2023"

func readSeed(name string) ([]map[string]string, error) {
	buf, err := seedData.ReadFile("seeddata/" + name)
	if err != nil {
		return nil, err
	}
	rows, err := csv.NewReader(bytes.NewReader(buf)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	out := make([]map[string]string, 0, len(rows))
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			m[h] = strings.TrimSpace(r[i])
		}
		out = append(out, m)
	}
	return out, nil
}

// SeedResult counts what a seed run added.
type SeedResult struct {
	Agencies, Themes, Targets, Directives, Assignments int
}

// Empty reports whether the run added nothing.
func (r SeedResult) Empty() bool { return r == SeedResult{} }

// SeedProgramme2023 loads the built-in 2023 programme: agencies, the plan, its
// themes and targets, and directives built from the agencies-scope targets and
// the named tasks. Every item is found by its natural key first, so a second
// run adds nothing. It all happens in one transaction.
func SeedProgramme2023(ctx context.Context, s *store.Store, now time.Time) (SeedResult, error) {
	var res SeedResult
	docs, err := sourceCitations()
	if err != nil {
		return res, err
	}
	err = s.DB().WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := recite(tx, docs); err != nil {
			return err
		}
		byName, err := seedAgencies(tx, &res)
		if err != nil {
			return err
		}
		plan := models.Plan{Name: Programme2023Name, NameEN: "National Digital Data Year 2023", Year: 2023}
		if err := tx.Where("year = ? AND name = ?", plan.Year, plan.Name).FirstOrCreate(&plan).Error; err != nil {
			return err
		}
		themes, err := seedThemes(tx, plan.ID, docs, &res)
		if err != nil {
			return err
		}
		return seedDirectives(tx, plan, themes, byName, docs, &res, now)
	})
	return res, err
}

func seedAgencies(tx *gorm.DB, res *SeedResult) (map[string]models.Agency, error) {
	central, err := readSeed("central-agencies-2023.csv")
	if err != nil {
		return nil, err
	}
	provinces, err := readSeed("provinces-2023.csv")
	if err != nil {
		return nil, err
	}
	var all []models.Agency
	for _, r := range central {
		all = append(all, models.Agency{Code: r["code"], Name: r["name"], NameEN: r["name_en"], Kind: models.KindMinistry, Group: r["group"], Active: true})
	}
	for _, r := range provinces {
		group := "province"
		if r["type"] == "thanh-pho" {
			group = "city"
		}
		all = append(all, models.Agency{Code: r["code"], Name: r["name"], Kind: models.KindProvince, Group: group, Active: true})
	}
	byName := map[string]models.Agency{}
	for _, a := range all {
		var cur models.Agency
		q := tx.Where("code = ?", a.Code).Limit(1).Find(&cur)
		if q.Error != nil {
			return nil, q.Error
		}
		if q.RowsAffected == 0 {
			cur = a
			if err := tx.Create(&cur).Error; err != nil {
				return nil, err
			}
			res.Agencies++
		}
		byName[a.Name] = cur
	}
	return byName, nil
}

func seedThemes(tx *gorm.DB, planID uint, docs map[string]string, res *SeedResult) (map[int]models.Theme, error) {
	rows, err := readSeed("themes-2023.csv")
	if err != nil {
		return nil, err
	}
	byMonth := map[int]models.Theme{}
	for _, r := range rows {
		first, _ := strconv.Atoi(r["first_month"])
		last, _ := strconv.Atoi(r["last_month"])
		t := models.Theme{PlanID: planID, FirstMonth: first, LastMonth: last, TitleVI: r["title_vi"], TitleEN: r["title_en"], Source: cite(docs, r["source"])}
		q := tx.Where("plan_id = ? AND first_month = ?", planID, first).Limit(1).Find(&t)
		if q.Error != nil {
			return nil, q.Error
		}
		if q.RowsAffected == 0 {
			if err := tx.Create(&t).Error; err != nil {
				return nil, err
			}
			res.Themes++
		}
		for m := t.FirstMonth; m <= t.LastMonth; m++ {
			byMonth[m] = t
		}
	}
	return byMonth, nil
}

// deliverableFor names what proves a seeded task done.
func deliverableFor(title string) string {
	if strings.Contains(strings.ToLower(title), "ban hành") {
		return "Văn bản ban hành (số hiệu, ngày ký)"
	}
	return "Báo cáo kết quả thực hiện kèm minh chứng (số hiệu văn bản hoặc đường dẫn)"
}

func seedDirectives(tx *gorm.DB, plan models.Plan, themes map[int]models.Theme, agencies map[string]models.Agency, docs map[string]string, res *SeedResult, now time.Time) error {
	targets, err := readSeed("targets-2023.csv")
	if err != nil {
		return err
	}
	var allIDs []uint
	list := make([]models.Agency, 0, len(agencies))
	byCode := map[string]models.Agency{}
	for _, a := range agencies {
		list = append(list, a)
		byCode[a.Code] = a
	}
	models.SortAgencies(list)
	for _, a := range list {
		allIDs = append(allIDs, a.ID)
	}
	ensure := func(d models.Directive, ids []uint) error {
		var n int64
		if err := tx.Model(&models.Directive{}).Where("plan_id = ? AND title = ?", plan.ID, d.Title).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		d.CreatedAt, d.UpdatedAt = now.UTC(), now.UTC()
		res.Directives++
		res.Assignments += len(ids)
		return store.CreateDirectiveTx(tx, &d, ids, now)
	}
	for _, r := range targets {
		t := models.Target{PlanID: plan.ID, Code: r["code"], Pillar: r["pillar"], StatementVI: r["statement_vi"],
			Comparator: r["comparator"], Unit: r["unit"], Scope: r["scope"], Source: cite(docs, r["source"]), Note: r["note_vi"]}
		if a, ok := byCode[r["responsible"]]; ok {
			t.ResponsibleAgencyID = &a.ID
		}
		t.Value, _ = strconv.ParseFloat(r["value"], 64)
		if b, err := strconv.ParseFloat(r["baseline_2022"], 64); err == nil {
			t.Baseline = &b
		}
		q := tx.Where("plan_id = ? AND code = ?", plan.ID, t.Code).Limit(1).Find(&t)
		if q.Error != nil {
			return q.Error
		}
		if q.RowsAffected == 0 {
			if err := tx.Create(&t).Error; err != nil {
				return err
			}
			res.Targets++
		}
		if t.Scope != "agencies" {
			continue
		}
		month, _ := strconv.Atoi(r["theme_month"])
		theme, ok := themes[month]
		if !ok {
			return fmt.Errorf("target %s: no theme for month %q", t.Code, r["theme_month"])
		}
		tid := t.ID
		d := models.Directive{PlanID: plan.ID, ThemeID: theme.ID, Pillar: t.Pillar, Title: t.StatementVI,
			Description: fmt.Sprintf("Chỉ tiêu %s: %s %s%%.", t.Code, t.Comparator, r["value"]),
			Deliverable: deliverableFor(t.StatementVI), DueOn: models.EndOfMonth(plan.Year, theme.LastMonth),
			TargetID: &tid, Source: t.Source}
		if err := ensure(d, allIDs); err != nil {
			return err
		}
	}
	tasks, err := readSeed("assigned-tasks-2023.csv")
	if err != nil {
		return err
	}
	for _, r := range tasks {
		month, _ := strconv.Atoi(r["theme_month"])
		theme, ok := themes[month]
		if !ok {
			return fmt.Errorf("task %q: no theme for month %q", r["task_vi"], r["theme_month"])
		}
		due := models.EndOfMonth(plan.Year, theme.LastMonth)
		if r["due"] != "" {
			due = models.Day(r["due"])
		}
		ids := allIDs
		if r["agency"] != "all" {
			a, ok := agencies[r["agency"]]
			if !ok {
				return fmt.Errorf("task %q: unknown agency %q", r["task_vi"], r["agency"])
			}
			ids = []uint{a.ID}
		}
		d := models.Directive{PlanID: plan.ID, ThemeID: theme.ID, Title: r["task_vi"], Description: r["note_vi"],
			Deliverable: deliverableFor(r["task_vi"]), DueOn: due, Source: cite(docs, r["source"])}
		if err := ensure(d, ids); err != nil {
			return err
		}
	}
	return nil
}
