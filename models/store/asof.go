package store

import (
	"context"
	"maps"
	"roviec/models"
	"slices"
	"time"

	"gorm.io/gorm"
)

// AssignmentsAsOf returns the assignments matching f as they stood at the end
// of day asOf, rebuilt from their history of updates (not from the current
// row): status, progress, owner, evidence, submitted and completed dates and
// the deadline in force. Assignments created after that day are left out.
// When asOf is today or later, the current rows are returned as they are.
// Pagination in f is ignored; Directive and Agency are loaded.
func (s *Store) AssignmentsAsOf(ctx context.Context, f AssignmentFilter, asOf models.Day, now time.Time) ([]models.Assignment, error) {
	var list []models.Assignment
	err := s.eachAssignmentAsOf(ctx, f, asOf, now, func(a *models.Assignment) { list = append(list, *a) })
	return list, err
}

// eachAssignmentAsOf calls fn with every assignment f selects as it stood at
// the end of day asOf (see AssignmentsAsOf), a chunk at a time in the order
// of their ids, so that memory stays bounded however large the selection.
func (s *Store) eachAssignmentAsOf(ctx context.Context, f AssignmentFilter, asOf models.Day, now time.Time, fn func(*models.Assignment)) error {
	f.Page, f.Timeliness, f.OverdueOnly, f.Status = Page{}, "", false, ""
	end := models.EndOfDay(asOf, s.loc)
	current := asOf >= models.DayOf(now, s.loc)
	// Agencies asked for on a past day are asked for as holders then: what
	// a merger moved from them since is theirs (read first, through the
	// partial index of moves: none in most databases), what it moved to
	// them is not (agenciesAsOf, then holders).
	var holders map[uint]bool
	var moved []uint
	widen := func(q *gorm.DB) *gorm.DB { return q }
	if ids := f.AgencyIDs; !current && (f.AgencyID != 0) != (ids != nil) {
		if f.AgencyID != 0 {
			ids = []uint{f.AgencyID}
		}
		holders = make(map[uint]bool, len(ids))
		for _, id := range ids {
			holders[id] = true
		}
		var moves []models.Update
		err := s.db.WithContext(ctx).Model(&models.Update{}).Select("assignment_id", "at").
			Where("from_agency_id IS NOT NULL AND from_agency_id IN ?", ids).Find(&moves).Error
		if err != nil {
			return err
		}
		for _, m := range moves { // the day compared here: in SQL, the index on at looked better and read far more
			if m.At.After(end) {
				moved = append(moved, m.AssignmentID)
			}
		}
		if len(moved) > 0 {
			f.AgencyID, f.AgencyIDs = 0, nil
			widen = func(q *gorm.DB) *gorm.DB {
				return q.Where("(assignments.agency_id IN ? OR assignments.id IN ?)", ids, moved)
			}
		}
	}
	const chunk = 2000
	for after := uint(0); ; {
		var list []models.Assignment
		err := widen(s.assignmentQuery(ctx, f, now)).Where("assignments.created_at <= ? AND assignments.id > ?", end.UTC(), after).
			Preload("Directive").Preload("Agency").Order("assignments.id").Limit(chunk).Find(&list).Error
		if err != nil || len(list) == 0 {
			return err
		}
		var history map[uint][]models.Update
		if !current {
			if history, err = s.historyOf(ctx, list, end); err != nil {
				return err
			}
			if err := s.agenciesAsOf(ctx, list, end, true); err != nil {
				return err
			}
		}
		for i := range list {
			if holders != nil && !holders[list[i].AgencyID] {
				continue // moved to one of them after the day
			}
			if !current {
				list[i] = models.Replay(list[i], history[list[i].ID], s.loc)
			}
			fn(&list[i])
		}
		after = list[len(list)-1].ID
	}
}

// historyOf loads the updates of the assignments in list written up to
// until (all of them when until is zero), oldest first for each assignment,
// 500 assignments a query; only the given columns when there are (the rest
// left empty), every column otherwise.
func (s *Store) historyOf(ctx context.Context, list []models.Assignment, until time.Time, columns ...string) (map[uint][]models.Update, error) {
	ids := make([]uint, len(list))
	for i := range list {
		ids[i] = list[i].ID
	}
	history := map[uint][]models.Update{}
	for start := 0; start < len(ids); start += 500 {
		q := s.db.WithContext(ctx).Where("assignment_id IN ?", ids[start:min(start+500, len(ids))])
		if !until.IsZero() {
			q = q.Where("at <= ?", until.UTC())
		}
		if len(columns) > 0 {
			q = q.Select(columns)
		}
		var rows []models.Update
		if err := q.Order("assignment_id, at, id").Find(&rows).Error; err != nil {
			return nil, err
		}
		for _, u := range rows {
			history[u.AssignmentID] = append(history[u.AssignmentID], u)
		}
	}
	return history, nil
}

// agenciesAsOf puts back in list the agency that held each assignment at the
// end of until: an assignment a merger moved later was the merged agency's
// then (the first such move's FromAgencyID), so that a past day's figures
// stay as they were. withAgency loads the agencies too (Agency), for what
// names them. One look-up a chunk, through the index of moves alone.
func (s *Store) agenciesAsOf(ctx context.Context, list []models.Assignment, until time.Time, withAgency bool) error {
	ids := make([]uint, len(list))
	for i := range list {
		ids[i] = list[i].ID
	}
	var moves []models.Update
	err := s.db.WithContext(ctx).Select("assignment_id", "from_agency_id").
		Where("from_agency_id IS NOT NULL AND assignment_id IN ? AND at > ?", ids, until.UTC()).
		Order("at DESC, id DESC").Find(&moves).Error
	if err != nil || len(moves) == 0 {
		return err
	}
	held := map[uint]uint{}
	for _, m := range moves { // the latest first: the earliest move after until is written last
		held[m.AssignmentID] = *m.FromAgencyID
	}
	agencies := map[uint]*models.Agency{}
	if withAgency {
		var list []models.Agency
		if err := s.db.WithContext(ctx).Where("id IN ?", slices.Collect(maps.Values(held))).Find(&list).Error; err != nil {
			return err
		}
		for i := range list {
			agencies[list[i].ID] = &list[i]
		}
	}
	for i := range list {
		if from, ok := held[list[i].ID]; ok {
			list[i].AgencyID, list[i].Agency = from, agencies[from]
		}
	}
	return nil
}
