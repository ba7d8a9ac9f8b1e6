package store

import (
	"context"
	"errors"
	"roviec/models"
	"strings"
	"time"

	"gorm.io/gorm"
)

// CreateDirective validates the input and writes the directive and all of its
// assignments in one transaction: all of them or none.
func (s *Store) CreateDirective(ctx context.Context, in models.DirectiveInput, by *models.User, now time.Time) (*models.Directive, []models.Assignment, error) {
	d, err := s.directiveFromInput(ctx, in, &models.Directive{}, models.DayOf(now, s.loc))
	ids, aerr := s.agencyIDs(ctx, in.AgencyCodes, in.AgencyKinds)
	if err = models.MergeValidation(err, aerr); err != nil {
		return nil, nil, err
	}
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		return createDirective(tx, d, ids, by, now)
	})
	if err != nil {
		return nil, nil, err
	}
	var list []models.Assignment
	err = s.db.WithContext(ctx).Where("directive_id = ?", d.ID).Order("id").Find(&list).Error
	return d, list, err
}

// createDirective writes a validated directive, its assignments to the
// agencies ids, their notifications and the audit row inside tx: what
// creating a directive is, by hand or by import.
func createDirective(tx *gorm.DB, d *models.Directive, ids []uint, by *models.User, now time.Time) error {
	d.ID = 0 // a retried attempt starts afresh
	if by != nil {
		d.CreatedByID = &by.ID
	}
	d.CreatedAt, d.UpdatedAt, d.Version = now.UTC(), now.UTC(), 1
	if err := CreateDirectiveTx(tx, d, ids, now); err != nil {
		return err
	}
	if err := notifyDirective(tx, by, d.ID, now); err != nil {
		return err
	}
	if err := queueDirectiveHook(tx, d, len(ids), now); err != nil {
		return err
	}
	return audit(tx, models.AuditDirective, d.ID, models.AuditCreate, nil, directiveTo{d, ids})
}

// UpdateDirective changes a directive's own fields, refusing a change made
// on an older version than the directive's (in.Version; 0 does not check). Assignments whose
// due date followed the directive's follow the new one, each through the
// transition function with a row in its history (so that scoreboards as of a
// past date still show the deadline then in force).
func (s *Store) UpdateDirective(ctx context.Context, actor *models.User, id uint, in models.DirectiveInput, now time.Time) (*models.Directive, error) {
	cur, err := s.DirectiveByID(ctx, id)
	if err != nil {
		return nil, err
	}
	before := *cur
	d, err := s.directiveFromInput(ctx, in, cur, models.DayOf(now, s.loc))
	if err != nil {
		return nil, err
	}
	d.UpdatedAt = now.UTC()
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		// The deadline the assignments follow is the one in force now, read
		// under a lock: an edit made meanwhile is not undone.
		var locked models.Directive
		if err := forUpdate(tx).Select("due_on", "theme_id", "version").First(&locked, id).Error; err != nil {
			return NotFound(err)
		}
		if err := models.CheckVersion(in.Version, locked.Version); err != nil {
			return err
		}
		oldDue := locked.DueOn
		if locked.ThemeID != d.ThemeID {
			// The directive's work moves to another theme: kept figures grouped by theme regroup.
			if err := dropSnapshots(tx); err != nil {
				return err
			}
		}
		d.Theme, d.Target = nil, nil
		if err := casUpdate(tx, d, &d.Version, locked.Version, "PlanID", "ThemeID", "Pillar", "Title", "Description",
			"Deliverable", "DueOn", "TargetID", "Source", "UpdatedAt", "SearchKey"); err != nil {
			return err
		}
		if err := audit(tx, models.AuditDirective, d.ID, models.AuditUpdate, before, d); err != nil {
			return err
		}
		if oldDue == d.DueOn || d.DueOn.IsZero() {
			return nil
		}
		return s.followDirectiveDue(tx, actor, d, oldDue, now)
	})
	if err != nil {
		return nil, err
	}
	return s.DirectiveByID(ctx, id)
}

// followDirectiveDue moves to the directive's new deadline every open
// assignment that still had its old one (none, when the directive had none),
// recording each move in its history. Closed work keeps the deadline it was
// judged by, as a change or an extension of it would.
func (s *Store) followDirectiveDue(tx *gorm.DB, actor *models.User, d *models.Directive, oldDue models.Day, now time.Time) error {
	q := forUpdate(tx).Where("directive_id = ? AND status IN ?", d.ID,
		[]models.Status{models.StatusNotStarted, models.StatusInProgress, models.StatusSubmitted})
	if oldDue.IsZero() {
		q = q.Where("due_on IS NULL")
	} else {
		q = q.Where("due_on = ?", oldDue)
	}
	var list []models.Assignment
	if err := q.Order("id").Find(&list).Error; err != nil {
		return err
	}
	note := "Hạn của nhiệm vụ đổi từ " + oldDue.VN() + " thành " + d.DueOn.VN()
	events := make([]*models.Update, 0, len(list))
	for i := range list {
		e, err := moveDeadline(tx, &list[i], actor, d.DueOn, now, note, s.loc)
		if err != nil {
			return err
		}
		events = append(events, e)
	}
	if len(events) == 0 {
		return nil
	}
	return tx.CreateInBatches(events, 100).Error
}

// directiveFromInput validates in and copies it onto d.
func (s *Store) directiveFromInput(ctx context.Context, in models.DirectiveInput, d *models.Directive, today models.Day) (*models.Directive, error) {
	v := &models.ValidationError{}
	title := strings.TrimSpace(in.Title)
	if title == "" {
		v.Add("title", "err.title_required")
	} else if models.BadText(title, false) {
		v.Add("title", "err.text_invalid")
	} else if models.TooLong(title, models.MaxTitleLen) {
		v.Add("title", "err.title_too_long", "Max", models.MaxTitleLen)
	}
	models.CheckText(v, "description", in.Description, "")
	models.CheckLine(v, "deliverable", in.Deliverable, models.MaxSourceLen)
	models.CheckLine(v, "source", in.Source, models.MaxSourceLen)
	if in.Pillar != "" && !models.ValidPillar(in.Pillar) {
		v.Add("pillar", "err.pillar_invalid")
	}
	due, err := models.ParseDay(strings.TrimSpace(in.DueDate))
	if err != nil {
		v.Add("due_date", "err.due_date_invalid")
	} else if in.AskPastDue && !due.IsZero() && due != d.DueOn && due < today {
		v.Add("due_date", "err.due_date_past_confirm")
	}
	var theme models.Theme
	if in.ThemeID == 0 {
		v.Add("theme_id", "err.theme_required")
	} else if err := s.db.WithContext(ctx).First(&theme, in.ThemeID).Error; err != nil {
		if !errors.Is(err, gorm.ErrRecordNotFound) {
			return nil, err
		}
		v.Add("theme_id", "err.theme_unknown")
	}
	var targetID *uint
	if in.TargetCode != "" && theme.ID != 0 {
		var t models.Target
		err := s.db.WithContext(ctx).Where("plan_id = ? AND code = ?", theme.PlanID, in.TargetCode).First(&t).Error
		if err != nil {
			if !errors.Is(err, gorm.ErrRecordNotFound) {
				return nil, err
			}
			v.Add("target_code", "err.target_unknown", "Code", in.TargetCode)
		}
		targetID = &t.ID
	}
	if err := v.OrNil(); err != nil {
		return d, err
	}
	d.PlanID, d.ThemeID, d.Pillar, d.Title = theme.PlanID, theme.ID, in.Pillar, title
	d.Description, d.Deliverable = strings.TrimSpace(in.Description), strings.TrimSpace(in.Deliverable)
	d.DueOn, d.TargetID, d.Source = due, targetID, strings.TrimSpace(in.Source)
	return d, nil
}

// directiveTo is what the audit trail keeps of a new directive: its fields
// and the agencies it went to (each gets an assignment in the same
// transaction, which the directive's row stands for).
type directiveTo struct {
	*models.Directive
	AgencyIDs []uint
}

// CreateDirectiveTx writes a directive and one assignment per agency inside tx.
func CreateDirectiveTx(tx *gorm.DB, d *models.Directive, agencyIDs []uint, now time.Time) error {
	if err := tx.Omit("Theme", "Target").Create(d).Error; err != nil {
		return err
	}
	list := make([]models.Assignment, len(agencyIDs))
	for i, id := range agencyIDs {
		list[i] = models.Assignment{DirectiveID: d.ID, AgencyID: id, Status: models.StatusNotStarted, DueOn: d.DueOn, CreatedDue: d.DueOn,
			CreatedAt: now.UTC(), UpdatedAt: now.UTC(), Version: 1}
	}
	if len(list) == 0 {
		return nil
	}
	return tx.Omit("Directive", "Agency").CreateInBatches(list, 50).Error
}

// DirectiveFilter selects directives; empty fields do not filter. Query
// finds words of the title or description, ignoring case and diacritics.
type DirectiveFilter struct {
	PlanID  uint
	ThemeID uint
	Query   string
	Page
}

// ListDirectives returns a page of directives (by theme, then id) and the total.
func (s *Store) ListDirectives(ctx context.Context, f DirectiveFilter) ([]models.Directive, int64, error) {
	q := s.db.WithContext(ctx).Model(&models.Directive{})
	if f.PlanID != 0 {
		q = q.Where("directives.plan_id = ?", f.PlanID)
	}
	if f.ThemeID != 0 {
		q = q.Where("directives.theme_id = ?", f.ThemeID)
	}
	if qs := strings.TrimSpace(f.Query); qs != "" {
		q = q.Where(searchKeyLike("directives.search_key", qs))
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	p := f.Page.normalise(50, 500)
	var list []models.Directive
	err := q.Preload("Theme").Preload("Target").Joins("JOIN themes ON themes.id = directives.theme_id").
		Order("themes.first_month, directives.id").Limit(p.PerPage).Offset(p.offset()).Find(&list).Error
	return list, total, err
}

// DirectiveByID loads a directive with its theme and target.
func (s *Store) DirectiveByID(ctx context.Context, id uint) (*models.Directive, error) {
	var d models.Directive
	if err := s.db.WithContext(ctx).Preload("Theme").Preload("Target").First(&d, id).Error; err != nil {
		return nil, NotFound(err)
	}
	return &d, nil
}
