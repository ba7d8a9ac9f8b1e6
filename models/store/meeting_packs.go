package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"roviec/models"
)

// CreateMeetingPack stores a theme's report rendered as of the meeting's day
// (body, HTML) as the next pack of the meeting's year. The number is taken
// inside the transaction: SQLite lets one writer in at a time, and on
// PostgreSQL the table is locked against other creators until commit, so two
// packs made at once get consecutive numbers.
func (s *Store) CreateMeetingPack(ctx context.Context, actor *models.User, theme *models.Theme, meetingOn models.Day,
	title, body string, now time.Time) (*models.MeetingPack, error) {
	year := meetingOn.Time().Year()
	pack := &models.MeetingPack{PlanID: theme.PlanID, ThemeID: theme.ID, Year: year, MeetingOn: meetingOn,
		Title: title, Body: body, CreatedBy: actor.ID, CreatedAt: now}
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		if s.postgres() {
			if err := tx.Exec("LOCK TABLE meeting_packs IN SHARE ROW EXCLUSIVE MODE").Error; err != nil {
				return err
			}
		}
		var last int
		if err := tx.Model(&models.MeetingPack{}).Where("year = ?", year).
			Select("COALESCE(MAX(number), 0)").Scan(&last).Error; err != nil {
			return err
		}
		pack.ID, pack.Number = 0, last+1
		if err := tx.Create(pack).Error; err != nil {
			return err
		}
		// The audit row names the pack, not its frozen body (the pack keeps it).
		return audit(tx, models.AuditMeetingPack, pack.ID, models.AuditCreate, nil,
			map[string]any{"plan_id": pack.PlanID, "theme_id": pack.ThemeID, "year": pack.Year,
				"number": pack.Number, "meeting_on": pack.MeetingOn, "title": pack.Title})
	})
	if err != nil {
		return nil, err
	}
	return pack, nil
}

// ListMeetingPacks lists the packs without their bodies, newest meeting first.
func (s *Store) ListMeetingPacks(ctx context.Context) ([]models.MeetingPack, error) {
	var list []models.MeetingPack
	err := s.db.WithContext(ctx).Omit("body").Order("meeting_on DESC, year DESC, number DESC").Find(&list).Error
	return list, err
}

// MeetingPackByID loads one pack with its frozen body.
func (s *Store) MeetingPackByID(ctx context.Context, id uint) (*models.MeetingPack, error) {
	var p models.MeetingPack
	if err := s.db.WithContext(ctx).First(&p, id).Error; err != nil {
		return nil, NotFound(err)
	}
	return &p, nil
}
