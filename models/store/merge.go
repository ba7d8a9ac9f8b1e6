package store

import (
	"context"
	"errors"
	"roviec/models"
	"time"

	"gorm.io/gorm"
)

// MergeAgencies merges the agencies m.From into m.Into (created, of their
// kind, when no agency has that code), all in one transaction: their open
// assignments move to the successor with a history row naming the agency
// they came from (everything else kept, versions raised); an open assignment
// of a directive the successor already holds is cancelled with a note
// naming the successor's, which is kept (the successor answers for a task
// once, and moving would break "one assignment per agency and directive");
// finished and cancelled assignments stay with the merged agency; its users
// move to the successor, as does the reporting of targets it was responsible
// for; and the merged agencies become inactive, with their successor and
// the day. Each moved or cancelled assignment is an assignment.updated to
// the webhooks, as any other change of one is. The kept tallies and standings follow through the triggers;
// figures as of days before the merger still count each moved assignment
// for the agency that held it then (agencyAsOf).
func (s *Store) MergeAgencies(ctx context.Context, m models.Merger, actor *models.User, now time.Time) (*models.MergeResult, error) {
	return s.merge(ctx, m, actor, now, false)
}

// errPreview rolls a previewed merger back.
var errPreview = errors.New("store: merger previewed, rolled back")

// PreviewMerger says what MergeAgencies would do with m now, or why it
// would refuse, and changes nothing: it runs the same transaction and rolls
// it back, so that the figures an admin confirms are the ones the merger
// writes (unless the work changes in between).
func (s *Store) PreviewMerger(ctx context.Context, m models.Merger, actor *models.User, now time.Time) (*models.MergeResult, error) {
	return s.merge(ctx, m, actor, now, true)
}

// merge runs a merger, rolled back when preview is set.
func (s *Store) merge(ctx context.Context, m models.Merger, actor *models.User, now time.Time, preview bool) (*models.MergeResult, error) {
	m.Normalise()
	if err := m.Validate(); err != nil {
		return nil, err
	}
	res := &models.MergeResult{}
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		*res = models.MergeResult{} // a retried transaction starts again
		from, err := mergedAgencies(tx, m)
		if err != nil {
			return err
		}
		to, err := successorOf(tx, m, from, res, now)
		if err != nil {
			return err
		}
		for i := range from {
			if err := s.moveAssignments(tx, &from[i], to, actor, now, res); err != nil {
				return err
			}
		}
		if err := retireAgencies(tx, from, to, models.DayOf(now, s.loc), res); err != nil || !preview {
			return err
		}
		return errPreview
	})
	if preview && errors.Is(err, errPreview) {
		return res, nil
	}
	if err != nil {
		return nil, err
	}
	s.forgetQueueCounts()
	return res, nil
}

// mergedAgencies loads the agencies m merges, in m's order: each must exist
// and be active (not merged already).
func mergedAgencies(tx *gorm.DB, m models.Merger) ([]models.Agency, error) {
	var list []models.Agency
	if err := tx.Where("code IN ?", m.From).Find(&list).Error; err != nil {
		return nil, err
	}
	byCode := map[string]models.Agency{}
	for _, a := range list {
		byCode[a.Code] = a
	}
	v := &models.ValidationError{}
	out := make([]models.Agency, 0, len(m.From))
	for _, c := range m.From {
		a, ok := byCode[c]
		switch {
		case !ok:
			v.Add("from", "err.agency_unknown", "Code", c)
		case !a.Active:
			v.Add("from", "err.merge_inactive", "Code", c)
		case a.Kind != out0Kind(out, a.Kind):
			v.Add("from", "err.merge_kinds")
		}
		out = append(out, a)
	}
	return out, v.OrNil()
}

// out0Kind is the kind of the first agency of list (k when it is empty).
func out0Kind(list []models.Agency, k models.AgencyKind) models.AgencyKind {
	if len(list) == 0 {
		return k
	}
	return list[0].Kind
}

// successorOf loads the successor m names, or creates it (of the merged
// agencies' kind, active) when no agency has its code. An existing successor
// must be active, of the merged agencies' kind, and is not renamed here.
func successorOf(tx *gorm.DB, m models.Merger, from []models.Agency, res *models.MergeResult, now time.Time) (*models.Agency, error) {
	var to models.Agency
	err := tx.Where("code = ?", m.Into).First(&to).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		if m.Name == "" {
			return nil, models.Invalid("name", "err.merge_name_required", "Code", m.Into)
		}
		to = models.Agency{Code: m.Into, Name: m.Name, Kind: from[0].Kind, Group: from[0].Group, Active: true, Version: 1}
		to.RefreshSearchKey()
		if err := tx.Create(&to).Error; err != nil {
			return nil, err
		}
		res.Created = true
		res.Successor = to
		return &to, audit(tx, models.AuditAgency, to.ID, models.AuditCreate, nil, &to)
	}
	if err != nil {
		return nil, err
	}
	v := &models.ValidationError{}
	if !to.Active {
		v.Add("into", "err.merge_inactive", "Code", to.Code)
	}
	if to.Kind != from[0].Kind {
		v.Add("into", "err.merge_kinds")
	}
	if m.Name != "" && m.Name != to.Name {
		v.Add("name", "err.merge_name_existing", "Code", to.Code, "Name", to.Name)
	}
	res.Successor = to
	return &to, v.OrNil()
}

// moveAssignments moves (or cancels, see MergeAgencies) the open assignments
// of agency from, 500 at a time in the order of their ids, so that memory
// holds a chunk whatever the agency's size.
func (s *Store) moveAssignments(tx *gorm.DB, from, to *models.Agency, actor *models.User, now time.Time, res *models.MergeResult) error {
	open := []models.Status{models.StatusNotStarted, models.StatusInProgress, models.StatusSubmitted}
	for after := uint(0); ; {
		var list []models.Assignment
		err := tx.Where("agency_id = ? AND status IN ? AND id > ?", from.ID, open, after).Order("id").Limit(500).Find(&list).Error
		if err != nil || len(list) == 0 {
			return err
		}
		held, err := heldDirectives(tx, to.ID, list)
		if err != nil {
			return err
		}
		for i := range list {
			a := &list[i]
			was := a.Status
			var e *models.Update
			if kept, ok := held[a.DirectiveID]; ok {
				e = models.CancelMerged(a, to, kept, actor, now, s.loc)
				res.Cancelled++
			} else {
				e = models.MoveToSuccessor(a, to, from, actor, now)
				res.Moved++
			}
			if err := casUpdate(tx, a, &a.Version, a.Version-1, "AgencyID", "Status", "UpdatedAt"); err != nil {
				return err
			}
			if err := tx.Create(e).Error; err != nil {
				return err
			}
			if err := closeRequests(tx, was, a, e.Note, now); err != nil {
				return err
			}
			if err := queueAssignmentHooks(tx, was, a, now); err != nil {
				return err
			}
		}
		after = list[len(list)-1].ID
	}
}

// heldDirectives are the assignments agency holds of the directives of
// list, by directive.
func heldDirectives(tx *gorm.DB, agency uint, list []models.Assignment) (map[uint]uint, error) {
	ids := make([]uint, len(list))
	for i := range list {
		ids[i] = list[i].DirectiveID
	}
	var rows []models.Assignment
	if err := tx.Select("id", "directive_id").Where("agency_id = ? AND directive_id IN ?", agency, ids).Find(&rows).Error; err != nil {
		return nil, err
	}
	held := make(map[uint]uint, len(rows))
	for _, r := range rows {
		held[r.DirectiveID] = r.ID
	}
	return held, nil
}

// retireAgencies moves the users and the targets of the merged agencies to
// the successor, counts the finished work they keep, and marks them inactive
// with their successor and the day, each in the audit trail.
func retireAgencies(tx *gorm.DB, from []models.Agency, to *models.Agency, day models.Day, res *models.MergeResult) error {
	ids := make([]uint, len(from))
	for i := range from {
		ids[i] = from[i].ID
	}
	moved := tx.Model(&models.User{}).Where("agency_id IN ?", ids).Update("agency_id", to.ID)
	if moved.Error != nil {
		return moved.Error
	}
	res.Users = int(moved.RowsAffected)
	if err := tx.Model(&models.Target{}).Where("responsible_agency_id IN ?", ids).Update("responsible_agency_id", to.ID).Error; err != nil {
		return err
	}
	if err := moveFeeds(tx, ids, to.ID); err != nil {
		return err
	}
	var kept int64
	if err := tx.Model(&models.Assignment{}).Where("agency_id IN ?", ids).Count(&kept).Error; err != nil {
		return err
	}
	res.Kept = int(kept)
	for i := range from {
		a := &from[i]
		before := *a
		succ := to.ID
		a.Active, a.SuccessorID, a.MergedOn = false, &succ, day
		if err := casUpdate(tx, a, &a.Version, a.Version, "Active", "SuccessorID", "MergedOn"); err != nil {
			return err
		}
		if err := audit(tx, models.AuditAgency, a.ID, models.AuditMerge, before, a); err != nil {
			return err
		}
	}
	return nil
}

// moveFeeds gives the successor the first of the merged agencies' calendar
// feeds when it has none, so that calendars subscribed to it go on showing
// the work, now the successor's; the others' feeds are deleted (their
// addresses answer 404) rather than left empty for ever: an agency has one
// feed.
func moveFeeds(tx *gorm.DB, from []uint, to uint) error {
	var has int64
	if err := tx.Model(&models.CalendarFeed{}).Where("agency_id = ?", to).Count(&has).Error; err != nil {
		return err
	}
	if has == 0 {
		var first models.CalendarFeed
		res := tx.Where("agency_id IN ?", from).Order("id").Limit(1).Find(&first)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 1 {
			if err := tx.Model(&first).Update("agency_id", to).Error; err != nil {
				return err
			}
		}
	}
	return tx.Where("agency_id IN ?", from).Delete(&models.CalendarFeed{}).Error
}
