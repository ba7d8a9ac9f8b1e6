package store

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"roviec/models"
)

// standingsDay is the day before which deadlines are folded into the
// standings (migration 9).
func (s *Store) standingsDay(db *gorm.DB) (models.Day, error) {
	var r struct{ Day models.Day }
	err := db.Table("standings_day").Select("day").Where("id = 1").Take(&r).Error
	return r.Day, err
}

// rollStandings folds into the standings the open and safe work of the
// deadlines between their day and today (unfolds it when today is earlier,
// as a test's clock may be), and makes today their day. It writes only once a
// day; the lock on the day's row keeps writers' triggers from deciding with
// the old day meanwhile.
func (s *Store) rollStandings(ctx context.Context, today models.Day) error {
	day, err := s.standingsDay(s.db.WithContext(ctx))
	if err != nil || day == today {
		return err
	}
	return s.transaction(ctx, func(tx *gorm.DB) error {
		day, err := s.standingsDay(forUpdate(tx))
		if err != nil || day == today {
			return err
		}
		// Plain strings: a Day writes an empty day as NULL, which compares with nothing.
		from, to, sign := string(day), string(today), 1
		if today < day {
			from, to, sign = string(today), string(day), -1
		}
		err = tx.Exec(`INSERT INTO standings
			SELECT th.plan_id, t.agency_id, 0, 0, 0,
				? * SUM(CASE WHEN t.bucket = 'open' THEN t.n ELSE 0 END),
				? * SUM(CASE WHEN t.bucket = 'open' THEN t.n * t.due_day ELSE 0 END),
				? * SUM(CASE WHEN t.bucket = 'safe' THEN t.n ELSE 0 END)
			FROM tallies t JOIN themes th ON th.id = t.theme_id
			WHERE t.due_on <> '' AND t.due_on >= ? AND t.due_on < ? AND t.bucket IN ('open', 'safe') AND t.n <> 0
			GROUP BY th.plan_id, t.agency_id
			ON CONFLICT (plan_id, agency_id) DO UPDATE SET past_open = standings.past_open + excluded.past_open,
				past_open_days = standings.past_open_days + excluded.past_open_days,
				past_safe = standings.past_safe + excluded.past_safe`, sign, sign, sign, from, to).Error
		if err != nil {
			return err
		}
		return tx.Exec("UPDATE standings_day SET day = ? WHERE id = 1", today).Error
	})
}

// standingsOfPlan are the standings of a plan (@plan) at the standings' day
// (day), in the columns of leagueOfTheme: all of today's league but the work
// due from today on, which addWeekAhead adds.
const standingsOfPlan = `SELECT agency_id, assigned, done_on_time + done_late + past_open + past_safe AS due, done_on_time,
		done_late, past_open AS open_overdue, past_open * @days - past_open_days AS days_overdue, 0 AS amber,
		(SELECT day FROM standings_day WHERE id = 1) AS day
	FROM standings WHERE plan_id = @plan`

// standingsOfAllPlans are standingsOfPlan summed over every plan.
const standingsOfAllPlans = `SELECT agency_id, SUM(assigned) AS assigned,
		SUM(done_on_time + done_late + past_open + past_safe) AS due, SUM(done_on_time) AS done_on_time,
		SUM(done_late) AS done_late, SUM(past_open) AS open_overdue, SUM(past_open * @days - past_open_days) AS days_overdue,
		0 AS amber, MAX((SELECT day FROM standings_day WHERE id = 1)) AS day
	FROM standings GROUP BY agency_id`

// addWeekAhead adds to the rows of today's league of a plan (or of every
// plan) the open and safe work due from today (@today) to @soon, read from
// the tallies by deadline: the work due today counts as due, and open work
// under LowProgress due in that week turns an agency amber. It is the only
// work whose figures depend on deadlines the standings have not folded.
func (s *Store) addWeekAhead(ctx context.Context, f LeagueFilter, params map[string]any, rows []models.LeagueRow) error {
	q := s.db.WithContext(ctx).Table("tallies").
		Select(`agency_id, SUM(CASE WHEN due_on <= @today THEN n ELSE 0 END) AS due,
			MAX(CASE WHEN bucket = 'open' AND low_progress = 1 THEN 1 ELSE 0 END) AS amber`, params).
		Where("due_on >= @today AND due_on <= @soon AND bucket IN ('open', 'safe') AND n <> 0", params)
	if f.PlanID != 0 {
		q = q.Where("theme_id IN (SELECT id FROM themes WHERE plan_id = @plan)", params)
	}
	var ahead []struct {
		AgencyID   uint
		Due, Amber int
	}
	if err := q.Group("agency_id").Scan(&ahead).Error; err != nil || len(ahead) == 0 {
		return err
	}
	byAgency := make(map[uint]*models.LeagueRow, len(rows))
	for i := range rows {
		byAgency[rows[i].Agency.ID] = &rows[i]
	}
	for _, a := range ahead {
		r := byAgency[a.AgencyID]
		if r == nil { // inactive, or of another kind
			continue
		}
		r.Due += a.Due
		if a.Amber > 0 && r.Status != models.LeagueRed {
			r.Status = models.LeagueAmber
		}
	}
	return nil
}

// checkStandings compares the standings with the sums of the tallies, folded
// at the standings' day.
func (s *Store) checkStandings(ctx context.Context) error {
	db := s.db.WithContext(ctx)
	day, err := s.standingsDay(db)
	if err != nil {
		return err
	}
	type row struct {
		PlanID, AgencyID                 uint
		Assigned, DoneOnTime, DoneLate   int
		PastOpen, PastOpenDays, PastSafe int
	}
	var sums, kept []row
	if err := db.Raw(`SELECT th.plan_id, t.agency_id,
			SUM(CASE WHEN t.bucket <> 'cancelled' THEN t.n ELSE 0 END) AS assigned,
			SUM(CASE WHEN t.bucket = 'done_on_time' THEN t.n ELSE 0 END) AS done_on_time,
			SUM(CASE WHEN t.bucket = 'done_late' THEN t.n ELSE 0 END) AS done_late,
			SUM(CASE WHEN t.bucket = 'open' AND t.due_on <> '' AND t.due_on < ? THEN t.n ELSE 0 END) AS past_open,
			SUM(CASE WHEN t.bucket = 'open' AND t.due_on <> '' AND t.due_on < ? THEN t.n * t.due_day ELSE 0 END) AS past_open_days,
			SUM(CASE WHEN t.bucket = 'safe' AND t.due_on <> '' AND t.due_on < ? THEN t.n ELSE 0 END) AS past_safe
		FROM tallies t JOIN themes th ON th.id = t.theme_id GROUP BY th.plan_id, t.agency_id ORDER BY 1, 2`,
		string(day), string(day), string(day)).Scan(&sums).Error; err != nil {
		return err
	}
	if err := db.Raw("SELECT * FROM standings ORDER BY plan_id, agency_id").Scan(&kept).Error; err != nil {
		return err
	}
	nonZero := func(rows []row) []row {
		var out []row
		for _, r := range rows {
			if r != (row{PlanID: r.PlanID, AgencyID: r.AgencyID}) {
				out = append(out, r)
			}
		}
		return out
	}
	if sums, kept = nonZero(sums), nonZero(kept); fmt.Sprint(sums) != fmt.Sprint(kept) {
		return fmt.Errorf("standings (folded before %q) differ from the sums of the tallies:\nkept   %v\nsummed %v", day, kept, sums)
	}
	return nil
}
