package migrations

import (
	"time"

	"gorm.io/gorm"
)

// Schema version 15: notifications (what happened to a person's or their
// agency's work, read in the app and e-mailed at once or in a daily digest),
// each person's choice of e-mail per kind of event, and the comments of an
// assignment's discussion. Frozen.

type v16Notification struct {
	ID           uint      `gorm:"primaryKey"`
	UserID       uint      `gorm:"not null"`
	Kind         string    `gorm:"type:varchar(32);not null"`
	AssignmentID uint      `gorm:"not null"`
	ActorID      *uint     // who caused it (none: the reminder schedule)
	Note         string    `gorm:"type:text;not null"`
	CreatedAt    time.Time `gorm:"not null"`
	ReadAt       *time.Time
	Mail         string `gorm:"type:varchar(8);not null"` // now, digest (waiting to be e-mailed), none, sent
	OutboxID     *uint
}

func (v16Notification) TableName() string { return "notifications" }

type v16NotificationPref struct {
	UserID uint   `gorm:"primaryKey;autoIncrement:false"`
	Kind   string `gorm:"type:varchar(32);primaryKey"`
	Mode   string `gorm:"type:varchar(8);not null"`
}

func (v16NotificationPref) TableName() string { return "notification_prefs" }

type v16Comment struct {
	ID           uint      `gorm:"primaryKey"`
	AssignmentID uint      `gorm:"not null"`
	AuthorID     uint      `gorm:"not null"`
	Body         string    `gorm:"type:text;not null"`
	CreatedAt    time.Time `gorm:"not null"`
	EditedAt     *time.Time
}

func (v16Comment) TableName() string { return "comments" }

// v16Indexes serve the bell's unread count and the list (a person's rows,
// newest first), the e-mail sender's pending rows per person, and an
// assignment's discussion in order.
var v16Indexes = []string{
	"CREATE INDEX idx_notifications_unread ON notifications (user_id, read_at)",
	"CREATE INDEX idx_notifications_user ON notifications (user_id, id)",
	"CREATE INDEX idx_notifications_mail ON notifications (mail, user_id, id)",
	"CREATE INDEX idx_comments_assignment ON comments (assignment_id, id)",
}

func migrateV16(tx *gorm.DB) error {
	for _, t := range []any{&v16Notification{}, &v16NotificationPref{}, &v16Comment{}} {
		if err := tx.Migrator().CreateTable(t); err != nil {
			return err
		}
	}
	for _, stmt := range v16Indexes {
		if err := tx.Exec(stmt).Error; err != nil {
			return err
		}
	}
	return nil
}
