package store

import (
	"context"
	"strings"
	"time"

	"roviec/models"
	"roviec/models/notify"

	"gorm.io/gorm"
)

// mayComment reports whether u takes part in an assignment's discussion:
// its agency (who may report on it) and the committee (who reviews it).
func mayComment(u *models.User, agencyID uint) bool {
	return models.Can(u, models.ActUpdateAssignment, agencyID) || models.Can(u, models.ActReview, agencyID)
}

// Comments returns an assignment's discussion, oldest first, with authors.
func (s *Store) Comments(ctx context.Context, assignmentID uint) ([]notify.Comment, error) {
	var list []notify.Comment
	err := s.db.WithContext(ctx).Preload("Author").Where("assignment_id = ?", assignmentID).Order("id").Find(&list).Error
	return list, err
}

// checkComment validates a comment's text and its @mentions (each must be
// an active user, who may read every assignment) and returns the ids of the
// people mentioned.
func checkComment(tx *gorm.DB, body string) ([]uint, error) {
	v := &models.ValidationError{}
	models.CheckText(v, "body", body, "err.comment_required")
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	emails := notify.Mentions(body)
	if len(emails) == 0 {
		return nil, nil
	}
	var users []models.User
	if err := tx.Where("email IN ? AND active = ?", emails, true).Find(&users).Error; err != nil {
		return nil, err
	}
	found := map[string]uint{}
	for _, u := range users {
		found[u.Email] = u.ID
	}
	var ids []uint
	for _, e := range emails {
		id, ok := found[e]
		if !ok {
			v.Add("body", "err.comment_mention_unknown", "Email", e)
			continue
		}
		ids = append(ids, id)
	}
	return ids, v.OrNil()
}

// AddComment adds actor's comment to an assignment's discussion and, in the
// same transaction, tells the people it names (mention) and the others in
// the discussion (comment): the agency's focal points and whoever commented
// before. Only the agency and the committee take part (403); the text is
// required, limited and its mentions must name users (422).
func (s *Store) AddComment(ctx context.Context, actor *models.User, assignmentID uint, body string, now time.Time) (*notify.Comment, error) {
	a, err := s.AssignmentByID(ctx, assignmentID)
	if err != nil {
		return nil, err
	}
	if !mayComment(actor, a.AgencyID) {
		return nil, models.Forbidden("err.comment_forbidden")
	}
	body = strings.TrimSpace(body)
	c := notify.Comment{AssignmentID: a.ID, AuthorID: actor.ID, Body: body, CreatedAt: now.UTC()}
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		c.ID = 0
		mentioned, err := checkComment(tx, body)
		if err != nil {
			return err
		}
		if err := tx.Omit("Author").Create(&c).Error; err != nil {
			return err
		}
		if err := audit(tx, models.AuditComment, c.ID, models.AuditCreate, nil, c); err != nil {
			return err
		}
		if err := notifyUsers(tx, actor, notify.Mentioned, a.ID, mentioned, body, now); err != nil {
			return err
		}
		var others []uint
		err = tx.Model(&models.User{}).Where("(agency_id = ? AND role = ?) OR id IN (?)", a.AgencyID, models.RoleFocal,
			tx.Model(&notify.Comment{}).Select("author_id").Where("assignment_id = ?", a.ID)).Pluck("id", &others).Error
		if err != nil {
			return err
		}
		return notifyUsers(tx, actor, notify.Commented, a.ID, without(others, mentioned), body, now)
	})
	if err != nil {
		return nil, err
	}
	c.Author = actor
	return &c, nil
}

// EditComment changes the text of an assignment's comment: only its author (403), only
// within notify.EditWindow of writing it (409, then never). People newly
// named in it are told.
func (s *Store) EditComment(ctx context.Context, actor *models.User, assignmentID, commentID uint, body string, now time.Time) (*notify.Comment, error) {
	var c notify.Comment
	if err := s.db.WithContext(ctx).Where("assignment_id = ?", assignmentID).First(&c, commentID).Error; err != nil {
		return nil, NotFound(err)
	}
	if actor == nil || c.AuthorID != actor.ID || !actor.Active {
		return nil, models.Forbidden("err.comment_not_author")
	}
	if !c.Editable(actor.ID, now) {
		return nil, models.Conflict("err.comment_edit_closed", "N", int(notify.EditWindow.Minutes()))
	}
	body = strings.TrimSpace(body)
	before := c
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		mentioned, err := checkComment(tx, body)
		if err != nil {
			return err
		}
		at := now.UTC()
		res := tx.Model(&notify.Comment{}).Where("id = ? AND author_id = ? AND created_at > ?", c.ID, actor.ID,
			now.Add(-notify.EditWindow).UTC()).Updates(map[string]any{"body": body, "edited_at": &at})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return models.Conflict("err.comment_edit_closed", "N", int(notify.EditWindow.Minutes()))
		}
		c.Body, c.EditedAt = body, &at
		if err := audit(tx, models.AuditComment, c.ID, models.AuditUpdate, before, c); err != nil {
			return err
		}
		// Those the text named before were told then; a name in it that is no
		// longer a user is no matter here, so its error is not.
		old, _ := checkComment(tx, before.Body)
		return notifyUsers(tx, actor, notify.Mentioned, c.AssignmentID, without(mentioned, old), body, now)
	})
	if err != nil {
		return nil, err
	}
	c.Author = actor
	return &c, nil
}

// without is ids less those in drop.
func without(ids, drop []uint) []uint {
	gone := map[uint]bool{}
	for _, id := range drop {
		gone[id] = true
	}
	var out []uint
	for _, id := range ids {
		if !gone[id] {
			out = append(out, id)
		}
	}
	return out
}
