package store

import (
	"context"
	"errors"
	"roviec/models"
	"roviec/models/notify"
	"strings"
	"time"

	"gorm.io/gorm"
)

// RequestExtension records a request (gia hạn) to move an assignment's
// deadline to newDue, with a reason. The order of checks is the workflow's:
// permission (403), values (422), state (409: the assignment is closed or
// already has a pending request), then the values and the date against the
// deadline together (422: it must be later than the deadline in force and
// not in the past). The
// assignment is locked meanwhile, so two requests cannot both be pending.
func (s *Store) RequestExtension(ctx context.Context, actor *models.User, assignmentID uint, newDue, reason string, now time.Time) (*models.Extension, error) {
	defer s.forgetQueueCounts()
	var ext models.Extension
	err := s.write(ctx, func(tx *gorm.DB) error {
		var a models.Assignment
		if err := forUpdate(tx).First(&a, assignmentID).Error; err != nil {
			return NotFound(err)
		}
		if !models.Can(actor, models.ActUpdateAssignment, a.AgencyID) {
			return models.Forbidden("err.extension_focal_only")
		}
		v := &models.ValidationError{}
		due, perr := models.ParseDay(strings.TrimSpace(newDue))
		if perr != nil || due.IsZero() {
			v.Add("new_due", "err.new_due_invalid")
		}
		reason = strings.TrimSpace(reason)
		models.CheckText(v, "reason", reason, "err.extension_reason_required")
		if err := extensionRefused(tx, &a); err != nil {
			if verr := v.OrNil(); verr != nil && errors.Is(err, models.ErrConflict) {
				return verr // the values' messages come before the conflict
			}
			return err
		}
		// The date's order and the reason are told together, not one per submit.
		switch {
		case due.IsZero():
		case due <= a.DueOn:
			v.Add("new_due", "err.new_due_not_later", "Due", a.DueOn.VN())
		case due < models.DayOf(now, s.loc):
			v.Add("new_due", "err.new_due_past")
		}
		if err := v.OrNil(); err != nil {
			return err
		}
		ext = models.Extension{AssignmentID: a.ID, RequestedByID: actor.ID, RequestedAt: now.UTC(), CurrentDue: a.DueOn,
			NewDue: due, Reason: reason, Status: models.ExtensionPending}
		if err := tx.Create(&ext).Error; err != nil {
			return err
		}
		return audit(tx, models.AuditExtension, ext.ID, models.AuditCreate, nil, ext)
	})
	if err != nil {
		return nil, err
	}
	return s.ExtensionByID(ctx, ext.ID)
}

// extensionRefused is the 409 of a request on a closed assignment, one
// without a deadline, or one with a request pending already.
func extensionRefused(tx *gorm.DB, a *models.Assignment) error {
	if !models.IsOpen(a.Status) {
		return models.Conflict("err.extension_closed", "Status", models.StatusLabel(a.Status))
	}
	if a.DueOn.IsZero() {
		return models.Conflict("err.extension_no_due")
	}
	var pending int64
	if err := tx.Model(&models.Extension{}).Where("assignment_id = ? AND status = ?", a.ID, models.ExtensionPending).Count(&pending).Error; err != nil {
		return err
	}
	if pending > 0 {
		return models.Conflict("err.extension_pending")
	}
	return nil
}

// DecideExtension approves or rejects a pending extension request. Only a
// reviewer may decide (403); a request decided already is a 409, and a
// rejection needs a note (422). An approval moves the deadline in one
// transaction: the first deadline is kept as OriginalDue, DueOn becomes the
// new date, and a history row records it; a rejection is recorded in the
// history too.
func (s *Store) DecideExtension(ctx context.Context, actor *models.User, extensionID uint, approve bool, note string, now time.Time) (*models.Extension, error) {
	defer s.forgetQueueCounts()
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		var ext models.Extension
		if err := tx.Preload("Assignment").First(&ext, extensionID).Error; err != nil {
			return NotFound(err)
		}
		a := ext.Assignment
		if !models.Can(actor, models.ActReview, a.AgencyID) {
			return models.Forbidden("err.extension_decide_review_only")
		}
		v := &models.ValidationError{}
		note = strings.TrimSpace(note)
		models.CheckText(v, "note", note, "")
		if err := v.OrNil(); err != nil {
			return err
		}
		if ext.Status != models.ExtensionPending {
			return models.Conflict("err.extension_decided")
		}
		if approve && !models.IsOpen(a.Status) {
			return models.Conflict("err.extension_closed", "Status", models.StatusLabel(a.Status))
		}
		if approve && ext.NewDue <= a.DueOn {
			return models.Conflict("err.extension_due_not_earlier", "Due", a.DueOn.VN())
		}
		if !approve && note == "" {
			v.Add("note", "err.extension_reject_reason")
			return v
		}
		status, event := models.ExtensionRejected, models.HistoryNote(a, actor, now, "Không đồng ý gia hạn đến "+ext.NewDue.VN()+": "+note)
		if approve {
			text := "Gia hạn đến " + ext.NewDue.VN() + ": " + ext.Reason
			if note != "" {
				text += " — Ý kiến: " + note
			}
			var err error
			status = models.ExtensionApproved
			if event, err = moveDeadline(tx, a, actor, ext.NewDue, now, text, s.loc); err != nil {
				return err
			}
		}
		decided := now.UTC()
		res := tx.Model(&models.Extension{}).Where("id = ? AND status = ?", ext.ID, models.ExtensionPending).
			Updates(map[string]any{"status": status, "decided_by_id": actor.ID, "decided_at": &decided, "decision_note": note})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return models.Conflict("err.extension_decided_concurrently")
		}
		if err := auditDecision(tx, ext, status, note); err != nil {
			return err
		}
		if err := tx.Create(event).Error; err != nil {
			return err
		}
		told := notify.Told{Kind: notify.ExtensionDecided, Event: notify.ExtensionRejected, Day: ext.NewDue, Note: note}
		if approve {
			told.Event = notify.ExtensionApproved
		}
		return notifyAgency(tx, actor, told, a, now)
	})
	if err != nil {
		return nil, err
	}
	return s.ExtensionByID(ctx, extensionID)
}

// moveDeadline moves an assignment's deadline to due through the transition
// function (the first deadline stays as OriginalDue) and saves the row; it
// returns the history row for the caller to record in the same transaction. A
// concurrent change of the assignment is a conflict.
func moveDeadline(tx *gorm.DB, a *models.Assignment, actor *models.User, due models.Day, now time.Time, note string, loc *time.Location) (*models.Update, error) {
	prev, before := a.Version, *a
	event := models.MoveDeadline(a, actor, due, now, note, loc)
	if err := saveAssignment(tx, a, prev, "DueOn", "OriginalDue"); err != nil {
		return nil, err
	}
	if err := queueAssignmentHooks(tx, a.Status, a, now); err != nil {
		return nil, err
	}
	event.Version = a.Version
	return event, audit(tx, models.AuditAssignment, a.ID, models.AuditUpdate, before, a)
}

// auditDecision records the decision of a pending extension request.
func auditDecision(tx *gorm.DB, ext models.Extension, status, note string) error {
	action := models.AuditReject
	if status == models.ExtensionApproved {
		action = models.AuditApprove
	}
	return audit(tx, models.AuditExtension, ext.ID, action, map[string]any{"Status": ext.Status},
		map[string]any{"Status": status, "DecisionNote": note})
}

// extensionQuery preloads what lists and pages show of an extension.
func (s *Store) extensionQuery(ctx context.Context) *gorm.DB {
	return s.db.WithContext(ctx).Preload("Assignment.Directive").Preload("Assignment.Agency").
		Preload("RequestedBy").Preload("DecidedBy")
}

// ExtensionByID loads one extension request with its assignment and people.
func (s *Store) ExtensionByID(ctx context.Context, id uint) (*models.Extension, error) {
	var ext models.Extension
	if err := s.extensionQuery(ctx).First(&ext, id).Error; err != nil {
		return nil, NotFound(err)
	}
	return &ext, nil
}

// ListExtensions returns the extension requests of one status (all when
// status is ""), oldest first, with their assignment, directive and agency.
func (s *Store) ListExtensions(ctx context.Context, status string) ([]models.Extension, error) {
	q := s.extensionQuery(ctx)
	if status != "" {
		q = q.Where("status = ?", status)
	}
	var list []models.Extension
	err := q.Order("requested_at, id").Find(&list).Error
	return list, err
}

// ExtensionsFor returns the extension requests of an assignment, oldest first.
func (s *Store) ExtensionsFor(ctx context.Context, assignmentID uint) ([]models.Extension, error) {
	var list []models.Extension
	err := s.extensionQuery(ctx).Where("assignment_id = ?", assignmentID).Order("requested_at, id").Find(&list).Error
	return list, err
}
