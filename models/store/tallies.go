package store

import (
	"context"
	"fmt"

	"roviec/models"
)

// tallyClass is the timeliness class of a tally or theme tally row at the
// end of a day (the parameter), in SQL: the class ClassifyTimeliness gives
// each of its assignments (TestTallyCountsMatchTheRows compares them).
// Cancelled: NULL.
const tallyClass = `CASE WHEN bucket = 'done_on_time' THEN 'done_on_time'
	WHEN bucket = 'done_late' THEN 'done_late'
	WHEN bucket = 'safe' THEN 'open_on_track'
	WHEN bucket = 'open' AND due_on < ? THEN 'open_overdue'
	WHEN bucket = 'open' THEN 'open_on_track' END`

// classCount is a number of assignments in one class, grouped by a key
// (a theme, a month).
type classCount struct {
	Key   string
	Class models.Timeliness
	N     int
}

// planClassCounts counts a plan's assignments (of every agency, as the year
// overview shows them) in the four timeliness classes at the end of day,
// grouped by key (a column of the theme tallies), in the database: a handful
// of rows come back however many assignments there are.
func (s *Store) planClassCounts(ctx context.Context, planID uint, key string, day models.Day) ([]classCount, error) {
	var rows []classCount
	err := s.db.WithContext(ctx).Table("theme_tallies").Select(key+" AS key, "+tallyClass+" AS class, SUM(n) AS n", day).
		Where("theme_id IN (SELECT id FROM themes WHERE plan_id = ?)", planID).
		Group("1, 2").Having("SUM(n) <> 0").Scan(&rows).Error
	return rows, err
}

// agencyClassCounts counts each active agency's assignments in the four
// classes at the end of day, with the days overdue of its open overdue work,
// in the database (a few rows per agency come back).
func (s *Store) agencyClassCounts(ctx context.Context, day models.Day) ([]models.AgencyClassCount, error) {
	var rows []models.AgencyClassCount
	err := s.db.WithContext(ctx).Table("tallies").
		Where("n <> 0 AND agency_id NOT IN (SELECT id FROM agencies WHERE active = ?)", false).
		Select("agency_id, "+tallyClass+" AS class, SUM(n) AS n, "+
			"SUM(CASE WHEN bucket = 'open' AND due_on < ? THEN n * (? - due_day) ELSE 0 END) AS days_overdue",
			day, day, epochDays(day)).
		Group("1, 2").Having("SUM(n) <> 0").Scan(&rows).Error
	return rows, err
}

// CheckTallies recomputes the tallies from the assignments, with the core's
// rule (models.TallyOf), and compares them with the ones the database kept,
// then the theme tallies and the league's standings with the sums of the
// tallies, and the status counts per directive with the assignments; it says
// where they differ. It reads every assignment, a chunk at a time.
func (s *Store) CheckTallies(ctx context.Context) error {
	type key struct {
		theme, agency uint
		bucket        models.Bucket
		due           models.Day
		month         string
		low           bool
	}
	want := map[key][2]int{}
	type row struct {
		models.Assignment
		ThemeID uint
	}
	for after := uint(0); ; {
		var rows []row
		err := s.db.WithContext(ctx).Table("assignments").Select("assignments.*, directives.theme_id").
			Joins("JOIN directives ON directives.id = assignments.directive_id").
			Where("assignments.id > ?", after).Order("assignments.id").Limit(5000).Scan(&rows).Error
		if err != nil {
			return err
		}
		if len(rows) == 0 {
			break
		}
		for i := range rows {
			t := models.TallyOf(&rows[i].Assignment, rows[i].ThemeID)
			k := key{t.ThemeID, t.AgencyID, t.Bucket, t.DueOn, t.DueMonth, t.LowProgress}
			want[k] = [2]int{want[k][0] + 1, want[k][1] + t.LateDays}
		}
		after = rows[len(rows)-1].ID
	}
	var kept []models.Tally
	if err := s.db.WithContext(ctx).Table("tallies").Where("n <> 0").Scan(&kept).Error; err != nil {
		return err
	}
	for _, t := range kept {
		k := key{t.ThemeID, t.AgencyID, t.Bucket, t.DueOn, t.DueMonth, t.LowProgress}
		if w := want[k]; w != [2]int{t.N, t.LateDays} {
			return fmt.Errorf("tally %+v: kept %d (%d days late), recomputed %d (%d)", k, t.N, t.LateDays, w[0], w[1])
		}
		delete(want, k)
	}
	for k, w := range want {
		return fmt.Errorf("tally %+v: not kept, recomputed %d (%d days late)", k, w[0], w[1])
	}
	if err := s.checkThemeTallies(ctx); err != nil {
		return err
	}
	if err := s.checkStandings(ctx); err != nil {
		return err
	}
	return s.checkDirectiveStatuses(ctx)
}

// checkThemeTallies compares the theme tallies with the sums of the tallies.
func (s *Store) checkThemeTallies(ctx context.Context) error {
	type row struct {
		ThemeID                 uint
		Bucket, DueOn, DueMonth string
		N                       int
	}
	var sums, kept []row
	db := s.db.WithContext(ctx)
	if err := db.Raw("SELECT theme_id, bucket, due_on, due_month, SUM(n) AS n FROM tallies GROUP BY theme_id, bucket, due_on, due_month " +
		"HAVING SUM(n) <> 0 ORDER BY 1, 2, 3, 4").Scan(&sums).Error; err != nil {
		return err
	}
	if err := db.Raw("SELECT theme_id, bucket, due_on, due_month, n FROM theme_tallies WHERE n <> 0 ORDER BY 1, 2, 3, 4").Scan(&kept).Error; err != nil {
		return err
	}
	if fmt.Sprint(sums) != fmt.Sprint(kept) {
		return fmt.Errorf("theme tallies differ from the sums of the tallies:\nkept   %v\nsummed %v", kept, sums)
	}
	return nil
}
