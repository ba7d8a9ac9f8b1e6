package store

import (
	"context"
	"database/sql"
	"errors"
	"reflect"
	"roviec/models"
	"roviec/models/notify"
	"strconv"
	"time"

	"gorm.io/gorm"
)

// AssignmentFilter selects assignments; empty fields do not filter.
type AssignmentFilter struct {
	PlanID       uint
	ThemeID      uint
	DirectiveID  uint
	DirectiveIDs []uint // when set, only these directives
	AgencyID     uint
	AgencyIDs    []uint // when set, only these agencies
	AgencyKind   models.AgencyKind
	Status       models.Status
	Timeliness   models.Timeliness
	OverdueOnly  bool
	Page
}

// timelinessWhere is ClassifyTimeliness written as portable SQL over the
// assignments table, for filtering in the database. TestTimelinessSQLMatchesGo
// keeps the two in step.
func timelinessWhere(q *gorm.DB, class models.Timeliness, today models.Day) *gorm.DB {
	open := []models.Status{models.StatusNotStarted, models.StatusInProgress, models.StatusSubmitted}
	overdue := "(assignments.status IN ? AND assignments.due_on IS NOT NULL AND assignments.due_on < ? AND NOT " +
		"(assignments.status = ? AND assignments.submitted_on IS NOT NULL AND assignments.submitted_on <= assignments.due_on))"
	switch class {
	case models.DoneOnTime:
		return q.Where("assignments.status = ? AND (assignments.due_on IS NULL OR assignments.completed_on IS NULL OR assignments.completed_on <= assignments.due_on)", models.StatusDone)
	case models.DoneLate:
		return q.Where("assignments.status = ? AND assignments.completed_on > assignments.due_on", models.StatusDone)
	case models.OpenOverdue:
		return q.Where(overdue, open, string(today), models.StatusSubmitted)
	case models.OpenOnTrack:
		return q.Where("assignments.status IN ?", open).Not(overdue, open, string(today), models.StatusSubmitted)
	}
	return q
}

// assignmentQuery selects the assignments f chooses, joining agencies only
// for the filter that needs them, so that counting a large selection reads
// one index.
func (s *Store) assignmentQuery(ctx context.Context, f AssignmentFilter, now time.Time) *gorm.DB {
	q := s.db.WithContext(ctx).Model(&models.Assignment{})
	if f.AgencyKind != "" {
		q = q.Joins("JOIN agencies ON agencies.id = assignments.agency_id")
	}
	q = whereDirectives(q, "assignments.directive_id", f)
	if f.AgencyID != 0 {
		q = q.Where("assignments.agency_id = ?", f.AgencyID)
	}
	if f.AgencyIDs != nil {
		q = q.Where("assignments.agency_id IN ?", f.AgencyIDs)
	}
	if f.AgencyKind != "" {
		q = q.Where("agencies.kind = ?", f.AgencyKind)
	}
	if f.Status != "" {
		q = q.Where("assignments.status = ?", f.Status)
	}
	today := models.DayOf(now, s.loc)
	if f.Timeliness != "" {
		q = timelinessWhere(q, f.Timeliness, today)
	}
	if f.OverdueOnly {
		q = timelinessWhere(q, models.OpenOverdue, today)
	}
	return q
}

// ListAssignments returns a page of assignments with their directive and
// agency, and the total, ordered by due date, directive and agency (an order
// an index gives, so that a page costs the same however many match).
func (s *Store) ListAssignments(ctx context.Context, f AssignmentFilter, now time.Time) ([]models.Assignment, int64, error) {
	total, err := s.countAssignments(ctx, f, now)
	if err != nil {
		return nil, 0, err
	}
	// The page's ids first, read from indexes alone (a theme's from
	// idx_assignments_directive_due, its directives' rows), then their rows:
	// sorting whole rows of a theme's 68k matches cost ten times more.
	const order = "assignments.due_on, assignments.directive_id, assignments.agency_id"
	p := f.Page.normalise(100, 500)
	var ids []uint
	err = s.assignmentQuery(ctx, f, now).Order(order).Limit(p.PerPage).Offset(p.offset()).Pluck("assignments.id", &ids).Error
	if err != nil || len(ids) == 0 {
		return nil, total, err
	}
	var list []models.Assignment
	err = s.db.WithContext(ctx).Preload("Directive").Preload("Agency").Where("id IN ?", ids).Order(order).Find(&list).Error
	return list, total, err
}

// countAssignments counts the assignments f chooses: from the status counts
// per directive when f selects a status or a directive (and by plan and theme
// only besides), from the theme tallies when f selects by plan, theme and
// timeliness only (a few rows per theme and deadline instead of every match:
// 28k-88k for a theme at national scale, 207k open overdue), else in SQL.
func (s *Store) countAssignments(ctx context.Context, f AssignmentFilter, now time.Time) (int64, error) {
	var total int64
	if q, ok := s.statusCountQuery(ctx, f); ok && (f.Status != "" || f.DirectiveID != 0) {
		err := q.Select("COALESCE(SUM(n), 0)").Scan(&total).Error
		return total, err
	}
	if f.DirectiveID != 0 || f.AgencyID != 0 || f.AgencyIDs != nil || f.AgencyKind != "" || f.Status != "" || f.OverdueOnly {
		err := s.assignmentQuery(ctx, f, now).Count(&total).Error
		return total, err
	}
	q := s.db.WithContext(ctx).Table("theme_tallies").Select("COALESCE(SUM(n), 0)")
	if f.PlanID != 0 {
		q = q.Where("theme_id IN (SELECT id FROM themes WHERE plan_id = ?)", f.PlanID)
	}
	if f.ThemeID != 0 {
		q = q.Where("theme_id = ?", f.ThemeID)
	}
	if f.Timeliness != "" {
		q = q.Where(tallyClass+" = ?", string(models.DayOf(now, s.loc)), f.Timeliness)
	}
	err := q.Scan(&total).Error
	return total, err
}

// AssignmentByID loads one assignment with its directive (and theme) and agency.
func (s *Store) AssignmentByID(ctx context.Context, id uint) (*models.Assignment, error) {
	var a models.Assignment
	err := s.db.WithContext(ctx).Preload("Directive.Theme").Preload("Agency").First(&a, id).Error
	if err != nil {
		return nil, NotFound(err)
	}
	return &a, nil
}

// History returns the updates of an assignment, oldest first.
func (s *Store) History(ctx context.Context, assignmentID uint) ([]models.Update, error) {
	return history(s.db.WithContext(ctx), assignmentID)
}

// historyQuery reads an assignment's updates, oldest first, each with its
// author's name and the file it attached or removed, in the order history scans them.
const historyQuery = `SELECT u.id, u.user_id, u.at, COALESCE(u.from_status, ''), COALESCE(u.to_status, ''),
	COALESCE(u.progress, 0), COALESCE(u.note, ''), COALESCE(u.owner_name, ''), COALESCE(u.owner_email, ''),
	COALESCE(u.evidence_ref, ''), COALESCE(u.evidence_date, ''), COALESCE(u.evidence_url, ''), COALESCE(u.due_on, ''),
	u.version, u.file_id, COALESCE(u.file_event, ''), u.from_agency_id, us.name, f.name, f.size
FROM updates u LEFT JOIN users us ON us.id = u.user_id LEFT JOIN evidence_files f ON f.id = u.file_id
WHERE u.assignment_id = ? ORDER BY u.at, u.id`

// history reads the updates of an assignment in db, oldest first, with who
// made them (their id and name) and the file each attached or removed (its
// id, name and size). One query scanned by hand: it is read in every
// change's transaction, where GORM's preloads and reflection were half of
// its cost.
func history(db *gorm.DB, assignmentID uint) (list []models.Update, err error) {
	rows, err := db.Raw(historyQuery, assignmentID).Rows()
	if err != nil {
		return nil, err
	}
	defer func() { err = errors.Join(err, rows.Close()) }()
	for rows.Next() {
		u := models.Update{AssignmentID: assignmentID}
		var user, file, from, size sql.NullInt64
		var userName, fileName sql.NullString
		if err := rows.Scan(&u.ID, &user, &u.At, &u.FromStatus, &u.ToStatus, &u.Progress, &u.Note, &u.OwnerName,
			&u.OwnerEmail, &u.EvidenceRef, &u.EvidenceDate, &u.EvidenceURL, &u.DueOn, &u.Version, &file, &u.FileEvent,
			&from, &userName, &fileName, &size); err != nil {
			return nil, err
		}
		u.UserID, u.FileID, u.FromAgencyID = nullID(user), nullID(file), nullID(from)
		if u.UserID != nil && userName.Valid {
			u.User = &models.User{ID: *u.UserID, Name: userName.String}
		}
		if u.FileID != nil && fileName.Valid {
			u.File = &models.EvidenceFile{ID: *u.FileID, AssignmentID: assignmentID, Name: fileName.String, Size: size.Int64}
		}
		list = append(list, u)
	}
	return list, rows.Err()
}

// nullID is a nullable id column as scanned.
func nullID(n sql.NullInt64) *uint {
	if !n.Valid {
		return nil
	}
	id := uint(n.Int64)
	return &id
}

// UpdateAssignment applies a report or review by actor at now, checking
// permission, values and the workflow, and records a history row in the same
// transaction. Concurrent changes of one assignment apply one after the
// other: the row is locked while a change is decided, and the update is a
// compare-and-swap on the version read (else a conflict), raising it by one.
// A change made on an older version (ch.Version) is refused with who changed
// what since (models.StaleError), or, with ch.Merge, applied to the fields
// the user changed when nobody touched them since (models.Rebase).
//
// read is the assignment as the caller read it (AssignmentByID: the change
// is decided on the row as it is in the transaction, not on read). The
// answer is the row as committed with read's directive and agency, which a
// change does not touch: reading them again after the commit was a fifth of
// a change's work at a million assignments (each read after another's write
// starts on SQLite with an empty page cache).
func (s *Store) UpdateAssignment(ctx context.Context, actor *models.User, read *models.Assignment, ch models.AssignmentChange, now time.Time) (*models.Assignment, error) {
	return s.updateAssignment(ctx, actor, read, ch, now, nil)
}

// UpdateAssignmentWithHistory is UpdateAssignment answering also with the
// assignment's history after the change, read in its transaction (where
// the pages the change wrote are still in SQLite's cache; a read after it
// starts with an empty one): the API answers a change with both.
func (s *Store) UpdateAssignmentWithHistory(ctx context.Context, actor *models.User, read *models.Assignment, ch models.AssignmentChange, now time.Time) (*models.Assignment, []models.Update, error) {
	var hist []models.Update
	a, err := s.updateAssignment(ctx, actor, read, ch, now, &hist)
	return a, hist, err
}

// updateAssignment is UpdateAssignment, reading the history after the change
// into hist unless it is nil.
func (s *Store) updateAssignment(ctx context.Context, actor *models.User, read *models.Assignment, ch models.AssignmentChange, now time.Time, hist *[]models.Update) (*models.Assignment, error) {
	defer s.forgetQueueCounts()
	var a models.Assignment
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		a = models.Assignment{} // a retried transaction reads afresh
		if err := forUpdate(tx).First(&a, read.ID).Error; err != nil {
			return NotFound(err)
		}
		if ch.Version != 0 && ch.Version != a.Version {
			if err := s.rebase(tx, &ch, &a); err != nil {
				return err
			}
		}
		prevVersion := a.Version
		before := a
		upd, err := ch.Apply(&a, actor, now, s.loc)
		if err != nil {
			return err
		}
		changed := changedFields(before, a, "OwnerName", "OwnerEmail", "Status", "Progress", "DueOn", "OriginalDue",
			"SubmittedOn", "CompletedOn", "EvidenceRef", "EvidenceDate", "EvidenceURL")
		if err := saveAssignment(tx, &a, prevVersion, changed...); err != nil {
			return err
		}
		upd.Version = a.Version
		if err := audit(tx, models.AuditAssignment, a.ID, models.AuditUpdate, fieldValues(before, changed), fieldValues(a, changed)); err != nil {
			return err
		}
		if err := insertUpdate(tx, upd); err != nil {
			return err
		}
		if a.Status == models.StatusCancelled && before.Status != models.StatusCancelled {
			if _, err := s.noticeIn(tx, &a, models.NoticeCancelled, actor, upd.Note, now); err != nil {
				return err
			}
		}
		if err := closeRequests(tx, before.Status, &a, upd.Note, now); err != nil {
			return err
		}
		if err := queueAssignmentHooks(tx, before.Status, &a, now); err != nil {
			return err
		}
		if err := notifyReview(tx, actor, before.Status, &a, upd.Note, now); err != nil || hist == nil {
			return err
		}
		*hist, err = history(tx, a.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	if read.Directive == nil || read.Agency == nil || a.DirectiveID != read.DirectiveID || a.AgencyID != read.AgencyID {
		return s.AssignmentByID(ctx, a.ID) // moved meanwhile (a merger), or read without them
	}
	a.Directive, a.Agency = read.Directive, read.Agency
	return &a, nil
}

// insertUpdate writes the history row of a change (a plain INSERT: every
// change writes one; GORM's Create reflected over the row and read its id
// back, which the change does not need).
func insertUpdate(tx *gorm.DB, u *models.Update) error {
	return tx.Exec(`INSERT INTO updates (assignment_id, user_id, at, from_status, to_status, progress, note, owner_name,
	owner_email, evidence_ref, evidence_date, evidence_url, due_on, version, file_id, file_event, from_agency_id)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, u.AssignmentID, u.UserID, u.At, u.FromStatus, u.ToStatus,
		u.Progress, u.Note, u.OwnerName, u.OwnerEmail, u.EvidenceRef, u.EvidenceDate, u.EvidenceURL, u.DueOn, u.Version,
		u.FileID, u.FileEvent, u.FromAgencyID).Error
}

// notifyReview tells the coordinators of a submission for their review,
// and the agency of a review of its submission: returned (with the reason)
// or accepted.
func notifyReview(tx *gorm.DB, by *models.User, from models.Status, a *models.Assignment, note string, now time.Time) error {
	switch {
	case from != models.StatusSubmitted && a.Status == models.StatusSubmitted:
		return notifyCoordinators(tx, by, notify.Submitted, a, note, now)
	case from == models.StatusSubmitted && a.Status == models.StatusInProgress:
		return notifyAgency(tx, by, notify.Told{Kind: notify.Returned, Note: note}, a, now)
	case from != models.StatusDone && a.Status == models.StatusDone:
		return notifyAgency(tx, by, notify.Told{Kind: notify.Accepted, Note: note}, a, now)
	}
	return nil
}

// closeRequests closes, in the transaction that ends assignment a (from
// an open status to done or cancelled at now, with note), what was still
// asked of it: its pending extension requests (the deadline of finished
// work moves nowhere) and, when it is cancelled, its unanswered explanation
// requests (the work is no longer owed, nor why it is late). Each closed
// request is in the audit trail; the review queues no longer hold them.
func closeRequests(tx *gorm.DB, from models.Status, a *models.Assignment, note string, now time.Time) error {
	if !models.IsOpen(from) || models.IsOpen(a.Status) {
		return nil
	}
	at := now.UTC()
	var exts []models.Extension
	if err := tx.Select("id", "status").Where("assignment_id = ? AND status = ?", a.ID, models.ExtensionPending).Find(&exts).Error; err != nil {
		return err
	}
	for _, e := range exts {
		err := tx.Model(&models.Extension{}).Where("id = ?", e.ID).
			Updates(map[string]any{"status": models.ExtensionClosed, "decided_at": &at, "decision_note": note}).Error
		if err != nil {
			return err
		}
		if err := audit(tx, models.AuditExtension, e.ID, models.AuditClose, map[string]any{"Status": e.Status},
			map[string]any{"Status": models.ExtensionClosed, "DecisionNote": note}); err != nil {
			return err
		}
	}
	if a.Status != models.StatusCancelled {
		return nil
	}
	var ids []uint
	if err := tx.Model(&models.ExplanationRequest{}).Where("assignment_id = ? AND "+explanationOpen, a.ID).Pluck("id", &ids).Error; err != nil {
		return err
	}
	for _, id := range ids {
		if err := tx.Model(&models.ExplanationRequest{}).Where("id = ?", id).Update("closed_at", &at).Error; err != nil {
			return err
		}
		if err := audit(tx, models.AuditExplanation, id, models.AuditClose, nil, map[string]any{"ClosedAt": at}); err != nil {
			return err
		}
	}
	return nil
}

// saveAssignment writes the given columns of a, its time of change and its
// version (raised by the transition), if the row is still at version prev:
// the compare-and-swap and the raise are one UPDATE. A row changed meanwhile
// is a stale conflict.
func saveAssignment(tx *gorm.DB, a *models.Assignment, prev int, columns ...string) error {
	res := tx.Model(&models.Assignment{}).Where("id = ? AND version = ?", a.ID, prev).
		Select(append(columns, "UpdatedAt", "Version")).UpdateColumns(a)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected != 1 {
		return models.Stale(0)
	}
	return nil
}

// changedFields are the fields among names whose value differs between
// before and after. Only those are written: an UPDATE that sets a column
// rewrites every index holding it and fires the triggers that watch it (the
// tallies'), whether or not its value changed; an assignment has nine
// indexes, and most changes (progress, the owner) touch none of them.
func changedFields(before, after models.Assignment, names ...string) []string {
	b, a := reflect.ValueOf(before), reflect.ValueOf(after)
	changed := names[:0:0]
	for _, n := range names {
		if b.FieldByName(n).Interface() != a.FieldByName(n).Interface() {
			changed = append(changed, n)
		}
	}
	return changed
}

// fieldValues are the named fields of a, by name: what the audit trail
// keeps of a change is the fields it changed (a change sets no other field
// the trail shows: its time and version are hidden there), and diffing
// these few costs a fraction of diffing the whole row through JSON.
func fieldValues(a models.Assignment, names []string) map[string]any {
	v := reflect.ValueOf(a)
	out := make(map[string]any, len(names))
	for _, n := range names {
		out[n] = v.FieldByName(n).Interface()
	}
	return out
}

// rebase handles a change made on version ch.Version of a, which has moved
// on: it rebuilds the assignment as it stood at that version from the
// history, and refuses the change with who changed what since, unless the
// change may merge and nothing it changes was touched since.
func (s *Store) rebase(tx *gorm.DB, ch *models.AssignmentChange, a *models.Assignment) error {
	if ch.Version > a.Version {
		return &models.StaleError{Current: a.Version} // not a version this row ever had
	}
	var rows []models.Update
	if err := tx.Preload("User").Where("assignment_id = ?", a.ID).Order("at, id").Find(&rows).Error; err != nil {
		return err
	}
	var before, after []models.Update
	for _, r := range rows {
		if r.Version <= ch.Version { // rows older than versions (0) came before any version
			before = append(before, r)
		} else {
			after = append(after, r)
		}
	}
	read := models.Replay(*a, before, s.loc)
	stale := &models.StaleError{Current: a.Version, Changes: models.ChangesSince(read, after, s.loc)}
	if !ch.Merge {
		return stale
	}
	if stale.Clash = ch.Rebase(&read, a); len(stale.Clash) > 0 {
		return stale
	}
	return nil
}

// whereDirectives narrows q, by its directive column col, to the plan,
// theme and directives f names. A plan's or a theme's directives are a list,
// not a join, so that the database reads their rows by directive (with the
// agencies of a matrix page: a probe of directive and agency each).
func whereDirectives(q *gorm.DB, col string, f AssignmentFilter) *gorm.DB {
	if f.PlanID != 0 {
		q = q.Where(col+" IN (SELECT id FROM directives WHERE plan_id = ?)", f.PlanID)
	}
	if f.ThemeID != 0 {
		q = q.Where(col+" IN (SELECT id FROM directives WHERE theme_id = ?)", f.ThemeID)
	}
	if f.DirectiveID != 0 {
		q = q.Where(col+" = ?", f.DirectiveID)
	}
	if f.DirectiveIDs != nil {
		q = q.Where(col+" IN ?", f.DirectiveIDs)
	}
	return q
}

// TimelinessCounts counts the assignments of a plan in the four timeliness
// classes at the end of day asOf (zero or future: today), per theme
// (cancelled ones left out): today's from the tallies, a past day's as kept
// for the days of the plan's year (KeepDays), or else rebuilt from the
// history once and then kept (see snapshot).
func (s *Store) TimelinessCounts(ctx context.Context, planID uint, asOf models.Day, now time.Time) (map[uint]map[models.Timeliness]int, error) {
	asOf = s.ClampAsOf(asOf, now)
	if asOf != models.DayOf(now, s.loc) {
		k := asOfSnapshot{Figure: themesFigure, PlanID: planID, Day: asOf}
		return snapshot(ctx, s, k, func() (map[uint]map[models.Timeliness]int, error) {
			at := models.EndOfDay(asOf, s.loc)
			out := map[uint]map[models.Timeliness]int{}
			err := s.eachAssignmentAsOf(ctx, AssignmentFilter{PlanID: planID}, asOf, now, func(a *models.Assignment) {
				if cl := models.ClassifyTimeliness(a, at, s.loc).Class; cl != "" && a.Directive != nil {
					if out[a.Directive.ThemeID] == nil {
						out[a.Directive.ThemeID] = map[models.Timeliness]int{}
					}
					out[a.Directive.ThemeID][cl]++
				}
			})
			return out, err
		})
	}
	rows, err := s.planClassCounts(ctx, planID, "theme_id", asOf)
	if err != nil {
		return nil, err
	}
	out := map[uint]map[models.Timeliness]int{}
	for _, r := range rows {
		id, err := strconv.ParseUint(r.Key, 10, 64)
		if err != nil || r.Class == "" {
			continue
		}
		if out[uint(id)] == nil {
			out[uint(id)] = map[models.Timeliness]int{}
		}
		out[uint(id)][r.Class] += r.N
	}
	return out, nil
}

// EachAssignment calls fn with every assignment f selects (its page
// ignored), with its directive and agency, in id order: a chunk at a time,
// each read after the last id of the one before (keyset), so that an export
// of a million assignments holds one chunk in memory. An error of fn stops
// it.
func (s *Store) EachAssignment(ctx context.Context, f AssignmentFilter, now time.Time, fn func(*models.Assignment) error) error {
	const chunk = 1000
	var last uint
	for {
		var ids []uint
		err := s.assignmentQuery(ctx, f, now).Where("assignments.id > ?", last).Order("assignments.id").Limit(chunk).
			Pluck("assignments.id", &ids).Error
		if err != nil || len(ids) == 0 {
			return err
		}
		var list []models.Assignment
		err = s.db.WithContext(ctx).Preload("Directive").Preload("Agency").Where("id IN ?", ids).Order("id").Find(&list).Error
		if err != nil {
			return err
		}
		for i := range list {
			if err := fn(&list[i]); err != nil {
				return err
			}
		}
		if len(ids) < chunk {
			return nil
		}
		last = ids[len(ids)-1]
	}
}
