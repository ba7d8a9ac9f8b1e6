package store

import (
	"context"
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
	return s.rankStandings(ctx, standings, f.Kind)
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
// database, from the tallies: one row per agency comes back.
func (s *Store) leagueFromTallies(ctx context.Context, f LeagueFilter, today models.Day, row standing) error {
	var counts []struct {
		AgencyID                                         uint
		Assigned, Due, DoneOnTime, DoneLate, OpenOverdue int
		DaysOverdue, Amber                               int
	}
	soon := today.AddDays(models.DueSoonDays)
	err := s.tallyQuery(ctx, TallyFilter{PlanID: f.PlanID, ThemeID: f.ThemeID, Kind: f.Kind}).
		Select(`tallies.agency_id AS agency_id,
			SUM(CASE WHEN tallies.bucket <> 'cancelled' THEN tallies.n ELSE 0 END) AS assigned,
			SUM(CASE WHEN tallies.bucket IN ('done_on_time', 'done_late') OR (tallies.due_on <> '' AND tallies.due_on <= ?)
				THEN tallies.n ELSE 0 END) AS due,
			SUM(CASE WHEN tallies.bucket = 'done_on_time' THEN tallies.n ELSE 0 END) AS done_on_time,
			SUM(CASE WHEN tallies.bucket = 'done_late' THEN tallies.n ELSE 0 END) AS done_late,
			SUM(CASE WHEN tallies.bucket = 'open' AND tallies.due_on < ? THEN tallies.n ELSE 0 END) AS open_overdue,
			SUM(CASE WHEN tallies.bucket = 'open' AND tallies.due_on < ? THEN tallies.n * (? - tallies.due_day) ELSE 0 END) AS days_overdue,
			MAX(CASE WHEN tallies.bucket = 'open' AND tallies.due_on >= ? AND tallies.due_on <= ? AND tallies.low_progress = 1
				THEN 1 ELSE 0 END) AS amber`,
			today, today, today, epochDays(today), today, soon).
		Group("tallies.agency_id").Scan(&counts).Error
	if err != nil {
		return err
	}
	agencies, err := s.ListAgencies(ctx, AgencyFilter{Kind: f.Kind, ActiveOnly: true})
	if err != nil {
		return err
	}
	byID := make(map[uint]*models.Agency, len(agencies))
	for i := range agencies {
		byID[agencies[i].ID] = &agencies[i]
	}
	for _, c := range counts {
		ag := byID[c.AgencyID]
		if ag == nil || c.Assigned == 0 {
			continue
		}
		r := row(ag)
		r.Assigned, r.Due, r.DoneOnTime, r.DoneLate = c.Assigned, c.Due, c.DoneOnTime, c.DoneLate
		r.OpenOverdue, r.DaysOverdue = c.OpenOverdue, c.DaysOverdue
		switch {
		case c.OpenOverdue > 0:
			r.Status = models.LeagueRed
		case c.Amber > 0:
			r.Status = models.LeagueAmber
		}
	}
	return nil
}

// epochDays is the days from 1970-01-01 to d, as the tallies' due_day counts.
func epochDays(d models.Day) int {
	return int(d.Time().Sub(time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)).Hours() / 24)
}
