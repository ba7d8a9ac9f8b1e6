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
	list, err := s.AssignmentsAsOf(ctx, AssignmentFilter{PlanID: f.PlanID, ThemeID: f.ThemeID, AgencyKind: f.Kind}, asOf, now)
	if err != nil {
		return nil, err
	}
	at := models.EndOfDay(asOf, s.loc)
	byAgency := map[uint]*models.LeagueRow{}
	var rows []*models.LeagueRow
	for i := range list {
		a := &list[i]
		if a.Status == models.StatusCancelled || !a.Agency.Active {
			continue
		}
		r := byAgency[a.AgencyID]
		if r == nil {
			r = &models.LeagueRow{Agency: *a.Agency, Status: models.LeagueGrey}
			byAgency[a.AgencyID] = r
			rows = append(rows, r)
		}
		r.Add(a, models.ClassifyTimeliness(a, at, s.loc), asOf)
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
