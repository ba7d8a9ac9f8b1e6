package store

import (
	"bytes"
	"compress/flate"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"roviec/models"
	"slices"
	"strconv"
	"strings"
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

// rankStandings names, colours and ranks the standings of the agencies
// active at the end of day asOf (of kind, when set): active now, or merged
// into another after that day.
func (s *Store) rankStandings(ctx context.Context, standings []models.Standing, kind models.AgencyKind, asOf models.Day) ([]models.LeagueRow, error) {
	// Unsorted (RankLeague orders the rows) and only what a league row shows:
	// a national league is read often, and ListAgencies would sort, read every
	// column and fill the rows by reflection.
	q := s.db.WithContext(ctx).Select("id", "code", "name", "name_en", "kind", "active").
		Where("active = ? OR merged_on > ?", true, asOf)
	if kind != "" {
		q = q.Where("kind = ?", kind)
	}
	rowsOf, err := q.Model(&models.Agency{}).Rows()
	if err != nil {
		return nil, err
	}
	defer func() { _ = rowsOf.Close() }() // a read: Err below reports what went wrong
	byID := map[uint]*models.Agency{}
	for rowsOf.Next() {
		ag := &models.Agency{}
		if err := rowsOf.Scan(&ag.ID, &ag.Code, &ag.Name, &ag.NameEN, &ag.Kind, &ag.Active); err != nil {
			return nil, err
		}
		byID[ag.ID] = ag
	}
	if err := rowsOf.Err(); err != nil {
		return nil, err
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
// overdue, amber), in the order of the agencies' ids, deflated and in
// base64 (a JSON string), so that a national league of a day takes ~35 KB
// instead of ~90 KB as numbers or a megabyte as named rows: a deployment
// keeps one for every plan and day.
type keptStandings []models.Standing

// MarshalJSON writes the standings as a string of their packed numbers.
func (k keptStandings) MarshalJSON() ([]byte, error) {
	sorted := slices.Clone(k)
	slices.SortFunc(sorted, func(a, b models.Standing) int { return int(a.AgencyID) - int(b.AgencyID) })
	var packed bytes.Buffer
	zw, err := flate.NewWriter(&packed, flate.DefaultCompression)
	if err != nil {
		return nil, err
	}
	var text []byte
	for _, st := range sorted {
		for _, v := range []int{int(st.AgencyID), st.Assigned, st.Due, st.DoneOnTime, st.DoneLate, st.OpenOverdue, st.DaysOverdue, st.Amber} {
			text = append(strconv.AppendInt(text, int64(v), 10), ' ')
		}
	}
	if _, err := zw.Write(text); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return json.Marshal(packed.Bytes()) // a []byte is a base64 string in JSON
}

// UnmarshalJSON reads what MarshalJSON wrote. It reads the numbers by hand:
// a national league is 27,000 of them, which encoding/json takes several
// milliseconds to decode by reflection.
func (k *keptStandings) UnmarshalJSON(b []byte) error {
	packed, err := base64.StdEncoding.DecodeString(strings.Trim(string(b), `"`))
	if err != nil {
		return fmt.Errorf("kept standings: %w", err)
	}
	text, err := io.ReadAll(flate.NewReader(bytes.NewReader(packed)))
	if err != nil {
		return fmt.Errorf("kept standings: %w", err)
	}
	var nums [8]int
	n := 0
	*k = (*k)[:0]
	for _, c := range text {
		switch {
		case c >= '0' && c <= '9':
			nums[n] = nums[n]*10 + int(c-'0')
		case c == ' ':
			if n++; n == len(nums) {
				*k = append(*k, models.Standing{AgencyID: uint(nums[0]), Assigned: nums[1], Due: nums[2], DoneOnTime: nums[3],
					DoneLate: nums[4], OpenOverdue: nums[5], DaysOverdue: nums[6], Amber: nums[7]})
				nums, n = [8]int{}, 0
			}
		default:
			return fmt.Errorf("kept standings: %q is not a count", c)
		}
	}
	if n != 0 {
		return fmt.Errorf("kept standings: %d numbers left over", n)
	}
	return nil
}
