package store

import (
	"context"
	"encoding/json"
	"roviec/models"
	"slices"
	"time"
)

// standingsFigure names kept league standings in asof_snapshots.
const standingsFigure = "standings"

// standingsAsOf are the standings of the league f at the end of the past day
// asOf: those kept for f without its kind when there are (a kind only narrows
// the agencies, which rankStandings does at read), else those kept for f, or
// rebuilt from the history and kept.
func (s *Store) standingsAsOf(ctx context.Context, f LeagueFilter, asOf models.Day, now time.Time) ([]models.Standing, error) {
	k := asOfSnapshot{Figure: standingsFigure, PlanID: f.PlanID, ThemeID: f.ThemeID, Day: asOf}
	if f.Kind != "" {
		all, found, err := kept[keptStandings](ctx, s, k)
		if found || err != nil {
			return all, err
		}
		k.Kind = string(f.Kind)
	}
	return snapshot(ctx, s, k, func() (keptStandings, error) {
		rows, err := rankLeague(func(row standing) error { return s.leagueFromHistory(ctx, f, asOf, now, row) })
		out := make(keptStandings, len(rows))
		for i := range rows {
			out[i] = models.StandingOf(&rows[i])
		}
		return out, err
	})
}

// rankStandings names, colours and ranks the standings of the active
// agencies (of kind, when set) as they are now.
func (s *Store) rankStandings(ctx context.Context, standings []models.Standing, kind models.AgencyKind) ([]models.LeagueRow, error) {
	agencies, err := s.ListAgencies(ctx, AgencyFilter{Kind: kind, ActiveOnly: true})
	if err != nil {
		return nil, err
	}
	byID := make(map[uint]*models.Agency, len(agencies))
	for i := range agencies {
		byID[agencies[i].ID] = &agencies[i]
	}
	rows := make([]models.LeagueRow, 0, len(standings))
	for i := range standings {
		if ag := byID[standings[i].AgencyID]; ag != nil && standings[i].Assigned > 0 {
			rows = append(rows, standings[i].Row(ag))
		}
	}
	models.RankLeague(rows)
	return rows, nil
}

// keptStandings is how standings are kept: one array of numbers per agency
// (agency, assigned, due, done on time, done late, open overdue, days
// overdue, amber), in the order of the agencies' ids, so that a national
// league of a day stays near 100 KB, not the megabyte of named rows.
type keptStandings []models.Standing

// MarshalJSON writes the standings as arrays of numbers.
func (k keptStandings) MarshalJSON() ([]byte, error) {
	sorted := slices.Clone(k)
	slices.SortFunc(sorted, func(a, b models.Standing) int { return int(a.AgencyID) - int(b.AgencyID) })
	out := make([][8]int, len(sorted))
	for i, st := range sorted {
		out[i] = [8]int{int(st.AgencyID), st.Assigned, st.Due, st.DoneOnTime, st.DoneLate, st.OpenOverdue, st.DaysOverdue, st.Amber}
	}
	return json.Marshal(out)
}

// UnmarshalJSON reads what MarshalJSON wrote.
func (k *keptStandings) UnmarshalJSON(b []byte) error {
	var in [][8]int
	if err := json.Unmarshal(b, &in); err != nil {
		return err
	}
	*k = make(keptStandings, len(in))
	for i, v := range in {
		(*k)[i] = models.Standing{AgencyID: uint(v[0]), Assigned: v[1], Due: v[2], DoneOnTime: v[3], DoneLate: v[4],
			OpenOverdue: v[5], DaysOverdue: v[6], Amber: v[7]}
	}
	return nil
}
