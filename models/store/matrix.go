package store

import (
	"context"
	"sort"
	"time"

	"roviec/models"
)

// MatrixWindow is the part of a theme matrix a page shows: a page of its
// agencies (rows: 50 by default, at most 500) and a page of its directives
// (columns: all of them when Columns.PerPage is 0, else at most 100).
type MatrixWindow struct {
	Rows, Columns Page
}

// ThemeMatrix rebuilds the window w of the matrix of a theme as it stood at
// the end of day asOf (see AssignmentsAsOf); a zero or future asOf means
// today. Only the directives and agencies with assignments by then appear,
// so that a theme held by thousands of agencies, with hundreds of
// directives, reads a bounded amount. Unknown theme: ErrNotFound.
func (s *Store) ThemeMatrix(ctx context.Context, themeID uint, asOf models.Day, now time.Time, w MatrixWindow) (*models.ThemeMatrix, error) {
	theme, err := s.ThemeByID(ctx, themeID)
	if err != nil {
		return nil, err
	}
	asOf = s.ClampAsOf(asOf, now)
	end := models.EndOfDay(asOf, s.loc).UTC()
	m := &models.ThemeMatrix{Theme: theme, AsOf: asOf}
	err = s.db.WithContext(ctx).Select("id", "theme_id", "title", "due_on").Where("theme_id = ? AND EXISTS (SELECT 1 FROM assignments "+
		"WHERE assignments.directive_id = directives.id AND assignments.created_at <= ?)", themeID, end).Find(&m.Directives).Error
	if err != nil {
		return nil, err
	}
	sortByDeadline(m.Directives)
	m.Columns = len(m.Directives)
	if w.Columns.PerPage > 0 {
		c := w.Columns.normalise(30, 100)
		m.Directives = m.Directives[min(c.offset(), m.Columns):min(c.offset()+c.PerPage, m.Columns)]
	}
	// The agencies holding the theme's work then: today, those with a tally
	// of it (every assignment is tallied; a probe per agency).
	holders, args := "EXISTS (SELECT 1 FROM tallies WHERE tallies.theme_id = ? AND tallies.agency_id = agencies.id AND tallies.n <> 0)", []any{themeID}
	if asOf < models.DayOf(now, s.loc) {
		// Then: those holding it now, and those a merger took it from since
		// (read first from the moves, through their partial index: none in
		// most databases).
		holders, args = "agencies.id IN (SELECT agency_id FROM assignments WHERE directive_id IN "+
			"(SELECT id FROM directives WHERE theme_id = ?) AND created_at <= ?)", []any{themeID, end}
		var moves []models.Update
		err := s.db.WithContext(ctx).Table("updates u").Select("u.from_agency_id", "u.at").
			Where("u.from_agency_id IS NOT NULL AND EXISTS (SELECT 1 FROM assignments a JOIN directives d ON d.id = a.directive_id "+
				"WHERE a.id = u.assignment_id AND d.theme_id = ? AND a.created_at <= ?)", themeID, end).Find(&moves).Error
		if err != nil {
			return nil, err
		}
		var from []uint
		for _, m := range moves { // the day compared here: in SQL, the index on at looked better and read far more
			if m.At.After(end) {
				from = append(from, *m.FromAgencyID)
			}
		}
		if len(from) > 0 {
			holders, args = "("+holders+" OR agencies.id IN ?)", append(args, from)
		}
	}
	ids, err := s.agenciesInSortedOrder(ctx, holders, args...)
	if err != nil {
		return nil, err
	}
	m.Agencies = len(ids)
	p := w.Rows.normalise(50, 500)
	agencies, err := s.agenciesInOrder(ctx, ids[min(p.offset(), len(ids)):min(p.offset()+p.PerPage, len(ids))])
	if err != nil {
		return nil, err
	}
	return m, s.fillMatrix(ctx, m, agencies, now)
}

// agenciesInOrder loads the agencies of ids in full, in the order of ids.
func (s *Store) agenciesInOrder(ctx context.Context, ids []uint) ([]models.Agency, error) {
	var full []models.Agency
	if err := s.db.WithContext(ctx).Where("id IN ?", ids).Find(&full).Error; err != nil || len(full) == 0 {
		return nil, err
	}
	byID := make(map[uint]models.Agency, len(full))
	for _, ag := range full {
		byID[ag.ID] = ag
	}
	list := make([]models.Agency, 0, len(ids))
	for _, id := range ids {
		if ag, ok := byID[id]; ok {
			list = append(list, ag)
		}
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
	if len(ids) == 0 || len(m.Directives) == 0 {
		return nil
	}
	directives := make([]uint, len(m.Directives))
	for i, d := range m.Directives {
		directives[i] = d.ID
	}
	f := AssignmentFilter{DirectiveIDs: directives, AgencyIDs: ids}
	var list []models.Assignment
	var err error
	if m.AsOf < models.DayOf(now, s.loc) {
		list, err = s.AssignmentsAsOf(ctx, f, m.AsOf, now)
	} else {
		// Today's cells are the rows as they are, with only what a cell
		// shows and its timeliness needs: a page holds thousands.
		err = s.assignmentQuery(ctx, f, now).
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
