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
	// The agencies holding the theme's work then: today, those with a tally
	// of it (every assignment is tallied); read with only what sorts them,
	// the page's in full.
	holders := s.db.WithContext(ctx).Table("tallies").Select("agency_id").Where("theme_id = ? AND n <> 0", themeID)
	if asOf < models.DayOf(now, s.loc) {
		holders = s.db.WithContext(ctx).Table("assignments").Select("agency_id").
			Where("directive_id IN (SELECT id FROM directives WHERE theme_id = ?) AND created_at <= ?", themeID, end)
	}
	var agencies []models.Agency
	if err = s.db.WithContext(ctx).Select("id", "name", "kind").Where("id IN (?)", holders).Find(&agencies).Error; err != nil {
		return nil, err
	}
	models.SortAgencies(agencies)
	m.Agencies = len(agencies)
	p = p.normalise(50, 500)
	agencies = agencies[min(p.offset(), len(agencies)):min(p.offset()+p.PerPage, len(agencies))]
	if agencies, err = s.agenciesInOrder(ctx, agencies); err != nil {
		return nil, err
	}
	return m, s.fillMatrix(ctx, m, agencies, now)
}

// agenciesInOrder loads the agencies of list in full, in list's order.
func (s *Store) agenciesInOrder(ctx context.Context, list []models.Agency) ([]models.Agency, error) {
	ids := make([]uint, len(list))
	for i := range list {
		ids[i] = list[i].ID
	}
	var full []models.Agency
	if err := s.db.WithContext(ctx).Where("id IN ?", ids).Find(&full).Error; err != nil || len(full) == 0 {
		return nil, err
	}
	byID := make(map[uint]models.Agency, len(full))
	for _, ag := range full {
		byID[ag.ID] = ag
	}
	for i, id := range ids {
		list[i] = byID[id]
	}
	return list, nil
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
	var list []models.Assignment
	var err error
	if m.AsOf < models.DayOf(now, s.loc) {
		list, err = s.AssignmentsAsOf(ctx, AssignmentFilter{ThemeID: m.Theme.ID, AgencyIDs: ids}, m.AsOf, now)
	} else {
		// Today's cells are the rows as they are, with only what a cell
		// shows and its timeliness needs: a page holds thousands.
		err = s.assignmentQuery(ctx, AssignmentFilter{ThemeID: m.Theme.ID, AgencyIDs: ids}, now).
			Select("id", "directive_id", "agency_id", "status", "progress", "due_on", "original_due_on", "submitted_on", "completed_on").
			Find(&list).Error
	}
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
