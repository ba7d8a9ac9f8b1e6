package migrations

import (
	"time"

	"gorm.io/gorm"
)

// Schema version 19: personal API tokens and calendar feeds. Frozen.
//
// Personal tokens live in the tokens table beside sessions and login API
// tokens (kind "personal"), so that the bearer check stays one indexed
// look-up by hash; they gain a name, a scope (read or write: every token
// issued before is a write token, as it always was) and the moment of their
// last use. A calendar feed is a secret address serving an agency's or a
// person's due dates to calendar apps.

type v20Token struct {
	Name       string `gorm:"type:varchar(100);not null;default:''"`
	Scope      string `gorm:"type:varchar(8);not null;default:'write'"`
	LastUsedAt *time.Time
}

func (v20Token) TableName() string { return "tokens" }

type v20CalendarFeed struct {
	ID        uint `gorm:"primaryKey"`
	UserID    *uint
	AgencyID  *uint
	Secret    string    `gorm:"type:varchar(64);not null"`
	CreatedAt time.Time `gorm:"not null"`
}

func (v20CalendarFeed) TableName() string { return "calendar_feeds" }

// v20Indexes: a feed is found by its secret, and there is at most one of a
// person's and of an agency's; a person's feed reads the open work they are
// named for through an index, as an agency's does (idx_assignments_agency_work).
var v20Indexes = []string{
	"CREATE INDEX idx_tokens_user_kind ON tokens (user_id, kind)",
	"CREATE UNIQUE INDEX idx_calendar_feeds_secret ON calendar_feeds (secret)",
	"CREATE UNIQUE INDEX idx_calendar_feeds_user ON calendar_feeds (user_id)",
	"CREATE UNIQUE INDEX idx_calendar_feeds_agency ON calendar_feeds (agency_id)",
	"CREATE INDEX idx_assignments_owner_work ON assignments (owner_email, status, due_on)",
}

func migrateV20(tx *gorm.DB) error {
	m := tx.Migrator()
	for _, col := range []string{"Name", "Scope", "LastUsedAt"} {
		if err := m.AddColumn(&v20Token{}, col); err != nil {
			return err
		}
	}
	if err := m.CreateTable(&v20CalendarFeed{}); err != nil {
		return err
	}
	for _, stmt := range v20Indexes {
		if err := tx.Exec(stmt).Error; err != nil {
			return err
		}
	}
	return nil
}
