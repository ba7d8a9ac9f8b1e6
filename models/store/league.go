package store

import (
	"context"
	"errors"
	"fmt"
	"roviec/models"
	"time"
)

// LeagueFilter selects the assignments a league table is drawn from; empty
// fields do not filter. A zero or future AsOf means today.
type LeagueFilter struct {
	Kind    models.AgencyKind
	ThemeID uint
	PlanID  uint
	AsOf    models.Day
}

// League ranks the active agencies holding assignments that match f, as they
// stood at the end of f.AsOf: by on-time rate (highest first), then fewer open
// overdue assignments, then fewer days overdue, then Vietnamese name. Agencies
// with nothing due yet come last, unranked. Today's standings come from the
// tallies; a past day's are rebuilt from the history once and kept.
func (s *Store) League(ctx context.Context, f LeagueFilter, now time.Time) ([]models.LeagueRow, error) {
	asOf := s.ClampAsOf(f.AsOf, now)
	if asOf == models.DayOf(now, s.loc) {
		return rankLeague(func(row standing) error { return s.leagueFromTallies(ctx, f, asOf, row) })
	}
	standings, err := s.standingsAsOf(ctx, f, asOf, now)
	if err != nil {
		return nil, err
	}
	return s.rankStandings(ctx, standings, f.Kind, asOf)
}

// standing is an agency's row of a league being counted (made on first use).
type standing func(*models.Agency) *models.LeagueRow

// rankLeague counts a league with count, then colours and ranks its rows.
func rankLeague(count func(standing) error) ([]models.LeagueRow, error) {
	byAgency := map[uint]*models.LeagueRow{}
	var rows []*models.LeagueRow
	row := func(ag *models.Agency) *models.LeagueRow {
		r := byAgency[ag.ID]
		if r == nil {
			r = &models.LeagueRow{Agency: *ag, Status: models.LeagueGrey}
			byAgency[ag.ID] = r
			rows = append(rows, r)
		}
		return r
	}
	if err := count(row); err != nil {
		return nil, err
	}
	out := make([]models.LeagueRow, len(rows))
	for i, r := range rows {
		if r.Status == models.LeagueGrey && r.Due > 0 {
			r.Status = models.LeagueGreen
		}
		out[i] = *r
	}
	models.RankLeague(out)
	return out, nil
}

// leagueFromHistory counts the standings at the end of a past day asOf from
// the assignments rebuilt from their history, inactive agencies' too: they
// are kept, and rankStandings leaves out those inactive when read.
func (s *Store) leagueFromHistory(ctx context.Context, f LeagueFilter, asOf models.Day, now time.Time, row standing) error {
	at := models.EndOfDay(asOf, s.loc)
	return s.eachAssignmentAsOf(ctx, AssignmentFilter{PlanID: f.PlanID, ThemeID: f.ThemeID, AgencyKind: f.Kind}, asOf, now,
		func(a *models.Assignment) {
			if a.Status != models.StatusCancelled {
				row(a.Agency).Add(a, models.ClassifyTimeliness(a, at, s.loc), asOf)
			}
		})
}

// leagueFromTallies counts today's standings of the active agencies in the
// database: a plan's (or every plan's) from the standings, a theme's from its
// tallies. One row per agency comes back, with the agency, scanned by hand:
// at national scale GORM's reflection over 3,393 rows cost more than the SQL.
func (s *Store) leagueFromTallies(ctx context.Context, f LeagueFilter, today models.Day, row standing) error {
	params := map[string]any{"plan": f.PlanID, "theme": f.ThemeID, "active": true, "kind": f.Kind,
		"today": string(today), "soon": string(today.AddDays(models.DueSoonDays)), "days": epochDays(today)}
	var counted []models.LeagueRow
	var err error
	if f.ThemeID != 0 {
		counted, err = s.leagueRows(ctx, leagueOfTheme, f.Kind, params, today)
	} else {
		counted, err = s.leagueOfPlan(ctx, f, params, today)
	}
	for i := range counted {
		*row(&counted[i].Agency) = counted[i]
	}
	return err
}

// leagueOfPlan counts today's league of a plan (of every plan when f.PlanID
// is 0) from the standings, rolled to today, and adds the work due in the
// coming week from the tallies.
func (s *Store) leagueOfPlan(ctx context.Context, f LeagueFilter, params map[string]any, today models.Day) ([]models.LeagueRow, error) {
	counts := standingsOfPlan
	if f.PlanID == 0 {
		counts = standingsOfAllPlans
	}
	// Should another reader roll the standings to another day meanwhile (a
	// clock a moment apart), the rows say so and are counted again.
	for range 3 {
		if err := s.rollStandings(ctx, today); err != nil {
			return nil, err
		}
		counted, err := s.leagueRows(ctx, counts, f.Kind, params, today)
		if err != nil {
			return nil, err
		}
		if counted != nil {
			return counted, s.addWeekAhead(ctx, f, params, counted)
		}
	}
	return nil, fmt.Errorf("league: the standings' day keeps moving away from %s", today)
}

// leagueRows joins the counts of an agency (an SQL query of the columns of
// leagueOfTheme) to the active agencies, of f's kind, with what a league
// shows of an agency (code, names, kind); nil when they were counted with
// the standings of another day than today.
func (s *Store) leagueRows(ctx context.Context, counts string, kind models.AgencyKind, params map[string]any,
	today models.Day) (counted []models.LeagueRow, err error) {
	q := `SELECT ag.id, ag.code, ag.name, ag.name_en, ag.kind, l.assigned, l.due, l.done_on_time, l.done_late, l.open_overdue, l.days_overdue, l.amber, l.day
		FROM (` + counts + `) l JOIN agencies ag ON ag.id = l.agency_id WHERE ag.active = @active AND l.assigned <> 0`
	if kind != "" {
		q += " AND ag.kind = @kind"
	}
	rows, err := s.db.WithContext(ctx).Raw(q, params).Rows()
	if err != nil {
		return nil, err
	}
	defer func() { err = errors.Join(err, rows.Close()) }()
	counted = []models.LeagueRow{}
	for rows.Next() {
		r := models.LeagueRow{Status: models.LeagueGrey}
		ag := &r.Agency
		var amber int
		var day string
		if err := rows.Scan(&ag.ID, &ag.Code, &ag.Name, &ag.NameEN, &ag.Kind, &r.Assigned, &r.Due, &r.DoneOnTime, &r.DoneLate, &r.OpenOverdue, &r.DaysOverdue, &amber, &day); err != nil {
			return nil, err
		}
		if day != "" && day != string(today) {
			return nil, rows.Err()
		}
		ag.Active = true
		switch {
		case r.OpenOverdue > 0:
			r.Status = models.LeagueRed
		case amber > 0:
			r.Status = models.LeagueAmber
		}
		counted = append(counted, r)
	}
	return counted, rows.Err()
}

// leagueOfTheme counts today's league of one theme (@theme) from its tallies:
// a row per agency and deadline, a tenth of a plan's. The columns are
// leagueOfPlan's.
const leagueOfTheme = `SELECT agency_id,
		SUM(CASE WHEN bucket <> 'cancelled' THEN n ELSE 0 END) AS assigned,
		SUM(CASE WHEN bucket IN ('done_on_time', 'done_late') OR (due_on <> '' AND due_on <= @today) THEN n ELSE 0 END) AS due,
		SUM(CASE WHEN bucket = 'done_on_time' THEN n ELSE 0 END) AS done_on_time,
		SUM(CASE WHEN bucket = 'done_late' THEN n ELSE 0 END) AS done_late,
		SUM(CASE WHEN bucket = 'open' AND due_on < @today THEN n ELSE 0 END) AS open_overdue,
		SUM(CASE WHEN bucket = 'open' AND due_on < @today THEN n * (@days - due_day) ELSE 0 END) AS days_overdue,
		MAX(CASE WHEN bucket = 'open' AND due_on >= @today AND due_on <= @soon AND low_progress = 1 THEN 1 ELSE 0 END) AS amber,
		'' AS day
	FROM tallies WHERE theme_id = @theme AND n <> 0 GROUP BY agency_id`

// epochDays is the days from 1970-01-01 to d, as the tallies' due_day counts.
func epochDays(d models.Day) int {
	return int(d.Time().Sub(time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)).Hours() / 24)
}
