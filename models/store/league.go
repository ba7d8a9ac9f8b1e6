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
// with nothing due yet come last, unranked.
func (s *Store) League(ctx context.Context, f LeagueFilter, now time.Time) ([]models.LeagueRow, error) {
	asOf := s.ClampAsOf(f.AsOf, now)
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
	if asOf == models.DayOf(now, s.loc) {
		if err := s.leagueFromTallies(ctx, f, asOf, row); err != nil {
			return nil, err
		}
	} else {
		at := models.EndOfDay(asOf, s.loc)
		err := s.eachAssignmentAsOf(ctx, AssignmentFilter{PlanID: f.PlanID, ThemeID: f.ThemeID, AgencyKind: f.Kind}, asOf, now,
			func(a *models.Assignment) {
				if a.Status != models.StatusCancelled && a.Agency.Active {
					row(a.Agency).Add(a, models.ClassifyTimeliness(a, at, s.loc), asOf)
				}
			})
		if err != nil {
			return nil, err
		}
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

// leagueFromTallies counts today's standings from the tallies of the plan's
// active agencies.
func (s *Store) leagueFromTallies(ctx context.Context, f LeagueFilter, today models.Day, row func(*models.Agency) *models.LeagueRow) error {
	tallies, err := s.Tallies(ctx, TallyFilter{PlanID: f.PlanID, ThemeID: f.ThemeID, Kind: f.Kind})
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
	for i := range tallies {
		t := &tallies[i]
		if ag := byID[t.AgencyID]; ag != nil && t.Bucket != models.BucketCancelled {
			row(ag).AddTally(t, today)
		}
	}
	return nil
}
