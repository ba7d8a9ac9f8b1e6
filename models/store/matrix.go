package store

import (
	"context"
	"sort"
	"time"

	"roviec/models"
)

// ThemeMatrix rebuilds one page of the matrix of a theme as it stood at the
// end of day asOf (see AssignmentsAsOf); a zero or future asOf means today.
// Only the directives and agencies with assignments by then appear; p picks
// the page of agencies (default 50, at most 500), so that a theme held by
// thousands of agencies reads a bounded amount. Unknown theme: ErrNotFound.
func (s *Store) ThemeMatrix(ctx context.Context, themeID uint, asOf models.Day, now time.Time, p Page) (*models.ThemeMatrix, error) {
	theme, err := s.ThemeByID(ctx, themeID)
	if err != nil {
		return nil, err
	}
	asOf = s.ClampAsOf(asOf, now)
	end := models.EndOfDay(asOf, s.loc).UTC()
	m := &models.ThemeMatrix{Theme: theme, AsOf: asOf}
	err = s.db.WithContext(ctx).Where("theme_id = ? AND EXISTS (SELECT 1 FROM assignments "+
		"WHERE assignments.directive_id = directives.id AND assignments.created_at <= ?)", themeID, end).Find(&m.Directives).Error
	if err != nil {
		return nil, err
	}
	sortByDeadline(m.Directives)
	var agencies []models.Agency
	err = s.db.WithContext(ctx).Where("id IN (SELECT assignments.agency_id FROM assignments JOIN directives "+
		"ON directives.id = assignments.directive_id WHERE directives.theme_id = ? AND assignments.created_at <= ?)", themeID, end).
		Find(&agencies).Error
	if err != nil {
		return nil, err
	}
	models.SortAgencies(agencies)
	m.Agencies = len(agencies)
	p = p.normalise(50, 500)
	agencies = agencies[min(p.offset(), len(agencies)):min(p.offset()+p.PerPage, len(agencies))]
	return m, s.fillMatrix(ctx, m, agencies, now)
}

// fillMatrix rebuilds the cells of the given agencies' rows.
func (s *Store) fillMatrix(ctx context.Context, m *models.ThemeMatrix, agencies []models.Agency, now time.Time) error {
	column := map[uint]int{}
	for i, d := range m.Directives {
		column[d.ID] = i
	}
	row := map[uint]int{}
	ids := make([]uint, len(agencies))
	m.Rows = make([]models.MatrixRow, len(agencies))
	for i, ag := range agencies {
		row[ag.ID], ids[i] = i, ag.ID
		m.Rows[i] = models.MatrixRow{Agency: ag, Cells: make([]*models.MatrixCell, len(m.Directives))}
	}
	if len(ids) == 0 {
		return nil
	}
	list, err := s.AssignmentsAsOf(ctx, AssignmentFilter{ThemeID: m.Theme.ID, AgencyIDs: ids}, m.AsOf, now)
	if err != nil {
		return err
	}
	at := models.EndOfDay(m.AsOf, s.loc)
	for i := range list {
		a := &list[i]
		m.Rows[row[a.AgencyID]].Cells[column[a.DirectiveID]] = &models.MatrixCell{AssignmentID: a.ID, Status: a.Status,
			Progress: a.Progress, DueOn: a.DueOn, Timeliness: models.ClassifyTimeliness(a, at, s.loc)}
	}
	return nil
}

// sortByDeadline orders directives by deadline (none last), then by id.
func sortByDeadline(list []models.Directive) {
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.DueOn != b.DueOn {
			return !a.DueOn.IsZero() && (b.DueOn.IsZero() || a.DueOn < b.DueOn)
		}
		return a.ID < b.ID
	})
}
