package models

import (
	"context"
	"sort"
	"time"
)

// MatrixCell is one agency's copy of one directive in a theme matrix.
type MatrixCell struct {
	AssignmentID uint
	Status       string
	Progress     int
	DueOn        Day
	Timeliness   TimelinessInfo
}

// MatrixRow is an agency and its cells, one per directive of the matrix
// (nil where the agency holds no copy of that directive).
type MatrixRow struct {
	Agency Agency
	Cells  []*MatrixCell
}

// ThemeMatrix is the one-page picture of a theme at the end of a day: the
// agencies holding its work down the side (ministries then provinces, in
// Vietnamese order), its directives across the top (by deadline).
type ThemeMatrix struct {
	Theme      *Theme
	AsOf       Day
	Directives []Directive
	Rows       []MatrixRow
}

// ThemeMatrix rebuilds the matrix of a theme as it stood at the end of day
// asOf (see AssignmentsAsOf); a zero or future asOf means today. Only the
// directives and agencies with assignments by then appear. Unknown theme:
// ErrNotFound.
func (s *Store) ThemeMatrix(ctx context.Context, themeID uint, asOf Day, now time.Time) (*ThemeMatrix, error) {
	theme, err := s.ThemeByID(ctx, themeID)
	if err != nil {
		return nil, err
	}
	asOf = s.ClampAsOf(asOf, now)
	list, err := s.AssignmentsAsOf(ctx, AssignmentFilter{ThemeID: themeID}, asOf, now)
	if err != nil {
		return nil, err
	}
	m := &ThemeMatrix{Theme: theme, AsOf: asOf}
	column := map[uint]int{}
	var agencies []Agency
	seen := map[uint]bool{}
	for i := range list {
		a := &list[i]
		if _, ok := column[a.DirectiveID]; !ok {
			column[a.DirectiveID] = 0
			m.Directives = append(m.Directives, *a.Directive)
		}
		if !seen[a.AgencyID] {
			seen[a.AgencyID] = true
			agencies = append(agencies, *a.Agency)
		}
	}
	sort.SliceStable(m.Directives, func(i, j int) bool {
		a, b := m.Directives[i], m.Directives[j]
		if a.DueOn != b.DueOn {
			return !a.DueOn.IsZero() && (b.DueOn.IsZero() || a.DueOn < b.DueOn)
		}
		return a.ID < b.ID
	})
	for i, d := range m.Directives {
		column[d.ID] = i
	}
	SortAgencies(agencies)
	row := map[uint]int{}
	m.Rows = make([]MatrixRow, len(agencies))
	for i, ag := range agencies {
		row[ag.ID] = i
		m.Rows[i] = MatrixRow{Agency: ag, Cells: make([]*MatrixCell, len(m.Directives))}
	}
	at := EndOfDay(asOf, s.loc)
	for i := range list {
		a := &list[i]
		m.Rows[row[a.AgencyID]].Cells[column[a.DirectiveID]] = &MatrixCell{AssignmentID: a.ID, Status: a.Status,
			Progress: a.Progress, DueOn: a.DueOn, Timeliness: ClassifyTimeliness(a, at, s.loc)}
	}
	return m, nil
}
