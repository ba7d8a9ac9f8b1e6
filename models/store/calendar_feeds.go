package store

import (
	"context"
	"errors"
	"roviec/models"
	"time"

	"gorm.io/gorm"
)

// MaxFeedEvents bounds a calendar feed: an agency holds a few hundred open
// tasks at national scale, so the bound is only met by a runaway feed,
// which then shows the nearest deadlines.
const MaxFeedEvents = 2000

// FeedOwner names whose calendar feed is meant: a person's (UserID) or an
// agency's (AgencyID), exactly one of them.
type FeedOwner struct {
	UserID   uint
	AgencyID uint
}

func (o FeedOwner) where(tx *gorm.DB) *gorm.DB {
	if o.UserID != 0 {
		return tx.Where("user_id = ?", o.UserID)
	}
	return tx.Where("agency_id = ?", o.AgencyID)
}

// CalendarFeed returns the owner's feed, made with a new secret when it
// has none (create) or models.ErrNotFound (not create).
func (s *Store) CalendarFeed(ctx context.Context, o FeedOwner, create bool, now time.Time) (*models.CalendarFeed, error) {
	var f models.CalendarFeed
	err := o.where(s.db.WithContext(ctx)).First(&f).Error
	switch {
	case err == nil:
		return &f, nil
	case !errors.Is(err, gorm.ErrRecordNotFound) || !create:
		return nil, NotFound(err)
	}
	return s.newCalendarFeed(ctx, o, false, now)
}

// RegenerateCalendarFeed gives the owner's feed a new secret (the old
// address then answers 404), making the feed when there is none.
func (s *Store) RegenerateCalendarFeed(ctx context.Context, o FeedOwner, now time.Time) (*models.CalendarFeed, error) {
	return s.newCalendarFeed(ctx, o, true, now)
}

// newCalendarFeed makes the owner's feed in one write: replacing the one
// there (replace) or keeping it when another request made it meanwhile.
// A person or agency has one feed (a unique index): of two requests at once
// on PostgreSQL, the second is refused by the index, and answers with the
// feed the first made.
func (s *Store) newCalendarFeed(ctx context.Context, o FeedOwner, replace bool, now time.Time) (*models.CalendarFeed, error) {
	var f models.CalendarFeed
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		if replace {
			if err := o.where(tx).Delete(&models.CalendarFeed{}).Error; err != nil {
				return err
			}
		} else if res := o.where(tx).Limit(1).Find(&f); res.Error != nil || res.RowsAffected > 0 {
			return res.Error
		}
		f = models.CalendarFeed{Secret: models.RandomToken(24), CreatedAt: now.UTC()}
		if o.UserID != 0 {
			f.UserID = &o.UserID
		} else {
			f.AgencyID = &o.AgencyID
		}
		return tx.Create(&f).Error
	})
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		f = models.CalendarFeed{}
		err = NotFound(o.where(s.db.WithContext(ctx)).First(&f).Error)
	}
	if err != nil {
		return nil, err
	}
	return &f, nil
}

// RevokeCalendarFeed deletes the owner's feed; none is models.ErrNotFound.
func (s *Store) RevokeCalendarFeed(ctx context.Context, o FeedOwner) error {
	return s.transaction(ctx, func(tx *gorm.DB) error {
		res := o.where(tx).Delete(&models.CalendarFeed{})
		if res.Error == nil && res.RowsAffected == 0 {
			return models.ErrNotFound
		}
		return res.Error
	})
}

// CalendarFeedBySecret finds a feed by its secret (models.ErrNotFound).
func (s *Store) CalendarFeedBySecret(ctx context.Context, secret string) (*models.CalendarFeed, error) {
	if secret == "" {
		return nil, models.ErrNotFound
	}
	var f models.CalendarFeed
	if err := s.db.WithContext(ctx).Where("secret = ?", secret).First(&f).Error; err != nil {
		return nil, NotFound(err)
	}
	return &f, nil
}

// FeedEvents lists the open assignments a feed shows, by deadline: an
// agency's (read through idx_assignments_agency_work); a person's are
// their agency's and those they are named for by e-mail wherever they are
// (idx_assignments_owner_work). Deadlines are the ones in force, so an
// approved extension moves the event.
func (s *Store) FeedEvents(ctx context.Context, f *models.CalendarFeed) ([]models.FeedEvent, error) {
	q := s.db.WithContext(ctx).Table("assignments a").
		Select("a.id, a.due_on, d.title, ag.name AS agency_name, th.title_vi AS theme_vi, th.title_en AS theme_en").
		Joins("JOIN directives d ON d.id = a.directive_id").
		Joins("JOIN themes th ON th.id = d.theme_id").
		Joins("JOIN agencies ag ON ag.id = a.agency_id").
		Where("a.status IN ? AND a.due_on <> ''", []models.Status{models.StatusNotStarted, models.StatusInProgress, models.StatusSubmitted})
	switch {
	case f.AgencyID != nil:
		q = q.Where("a.agency_id = ?", *f.AgencyID)
	case f.UserID != nil:
		u, err := s.UserByID(ctx, *f.UserID)
		if err != nil {
			return nil, err
		}
		if !u.Active {
			return nil, models.ErrNotFound
		}
		if u.AgencyID != nil {
			q = q.Where("(a.agency_id = ? OR a.owner_email = ?)", *u.AgencyID, u.Email)
		} else {
			q = q.Where("a.owner_email = ?", u.Email)
		}
	}
	var out []models.FeedEvent
	err := q.Order("a.due_on, a.id").Limit(MaxFeedEvents).Scan(&out).Error
	return out, err
}
