package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"roviec/models"
)

// TallyFilter selects the tallies of active agencies; PlanID, ThemeID and
// Kind narrow them when set.
type TallyFilter struct {
	PlanID  uint
	ThemeID uint
	Kind    models.AgencyKind
}

// tallyClass is the timeliness class of a tally row at the end of a day
// (the parameter), in SQL: what models.Tally.Info says. Cancelled: NULL.
const tallyClass = `CASE WHEN tallies.bucket = 'done_on_time' THEN 'done_on_time'
	WHEN tallies.bucket = 'done_late' THEN 'done_late'
	WHEN tallies.bucket = 'safe' THEN 'open_on_track'
	WHEN tallies.bucket = 'open' AND tallies.due_on < ? THEN 'open_overdue'
	WHEN tallies.bucket = 'open' THEN 'open_on_track' END`

// tallyQuery selects the tallies f chooses, joined to their theme and agency.
func (s *Store) tallyQuery(ctx context.Context, f TallyFilter) *gorm.DB {
	q := s.db.WithContext(ctx).Table("tallies").
		Joins("JOIN themes ON themes.id = tallies.theme_id").
		Joins("JOIN agencies ON agencies.id = tallies.agency_id").
		Where("agencies.active = ? AND tallies.n <> 0", true)
	if f.PlanID != 0 {
		q = q.Where("themes.plan_id = ?", f.PlanID)
	}
	if f.ThemeID != 0 {
		q = q.Where("tallies.theme_id = ?", f.ThemeID)
	}
	if f.Kind != "" {
		q = q.Where("agencies.kind = ?", f.Kind)
	}
	return q
}

// classCount is a number of assignments in one class, grouped by a key
// (a theme, a month).
type classCount struct {
	Key   string
	Class models.Timeliness
	N     int
}

// classCounts counts the assignments f selects in the four timeliness
// classes at the end of day, grouped by the SQL expression key, in the
// database: a handful of rows come back however many there are.
func (s *Store) classCounts(ctx context.Context, f TallyFilter, key string, day models.Day) ([]classCount, error) {
	var rows []classCount
	err := s.tallyQuery(ctx, f).Select(key+" AS key, "+tallyClass+" AS class, SUM(tallies.n) AS n", day).
		Group("1, 2").Having("SUM(tallies.n) <> 0").Scan(&rows).Error
	return rows, err
}

// Tallies reads the tallies the database keeps in step with the assignments
// (schema 4): a few rows per agency and theme however many assignments there
// are. Rows that count nothing any more are left out.
func (s *Store) Tallies(ctx context.Context, f TallyFilter) ([]models.Tally, error) {
	var rows []models.Tally
	return rows, s.tallyQuery(ctx, f).Select("tallies.theme_id, tallies.agency_id, tallies.bucket, tallies.due_on, " +
		"tallies.due_month, tallies.low_progress, tallies.n, tallies.late_days").Scan(&rows).Error
}

// eachAssignmentAsOf calls fn with every assignment f selects as it stood at
// the end of day asOf (with its Agency), a chunk at a time, so that memory
// stays bounded however large the plan.
func (s *Store) eachAssignmentAsOf(ctx context.Context, f AssignmentFilter, asOf models.Day, now time.Time, fn func(*models.Assignment)) error {
	f.Page, f.Timeliness, f.OverdueOnly, f.Status = Page{}, "", false, ""
	end := models.EndOfDay(asOf, s.loc)
	const chunk = 2000
	for after := uint(0); ; {
		var list []models.Assignment
		err := s.assignmentQuery(ctx, f, now).Where("assignments.created_at <= ? AND assignments.id > ?", end.UTC(), after).
			Preload("Agency").Order("assignments.id").Limit(chunk).Find(&list).Error
		if err != nil || len(list) == 0 {
			return err
		}
		history, err := s.historyOf(ctx, list, end)
		if err != nil {
			return err
		}
		for i := range list {
			a := models.Replay(list[i], history[list[i].ID], s.loc)
			fn(&a)
		}
		after = list[len(list)-1].ID
	}
}

// CheckTallies recomputes the tallies from the assignments, with the core's
// rule (models.TallyOf), and compares them with the ones the database kept;
// it says where they differ. It reads every assignment, a chunk at a time.
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
	return nil
}
