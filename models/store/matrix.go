package store

import (
	"context"
	"roviec/models"
	"sort"
	"time"
)

// ThemeMatrix rebuilds the matrix of a theme as it stood at the end of day
// asOf (see AssignmentsAsOf); a zero or future asOf means today. Only the
// directives and agencies with assignments by then appear. Unknown theme:
// ErrNotFound.
func (s *Store) ThemeMatrix(ctx context.Context, themeID uint, asOf models.Day, now time.Time) (*models.ThemeMatrix, error) {
	theme, err := s.ThemeByID(ctx, themeID)
	if err != nil {
		return nil, err
	}
	asOf = s.ClampAsOf(asOf, now)
	list, err := s.AssignmentsAsOf(ctx, AssignmentFilter{ThemeID: themeID}, asOf, now)
	if err != nil {
		return nil, err
	}
	m := &models.ThemeMatrix{Theme: theme, AsOf: asOf}
	column := map[uint]int{}
	var agencies []models.Agency
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
	models.SortAgencies(agencies)
	row := map[uint]int{}
	m.Rows = make([]models.MatrixRow, len(agencies))
	for i, ag := range agencies {
		row[ag.ID] = i
		m.Rows[i] = models.MatrixRow{Agency: ag, Cells: make([]*models.MatrixCell, len(m.Directives))}
	}
	at := models.EndOfDay(asOf, s.loc)
	for i := range list {
		a := &list[i]
		m.Rows[row[a.AgencyID]].Cells[column[a.DirectiveID]] = &models.MatrixCell{AssignmentID: a.ID, Status: a.Status,
			Progress: a.Progress, DueOn: a.DueOn, Timeliness: models.ClassifyTimeliness(a, at, s.loc)}
	}
	return m, nil
}
