package migrations

import (
	"time"

	"gorm.io/gorm"
)

// Frozen shape of schema version 15 (password links). Do not edit: add a new migration instead.

type v13PasswordLink struct {
	ID        uint      `gorm:"primaryKey"`
	UserID    uint      `gorm:"not null;index"`
	Purpose   string    `gorm:"not null"`
	Hash      string    `gorm:"not null;uniqueIndex"`
	ExpiresAt time.Time `gorm:"not null"`
	CreatedAt time.Time
	UsedAt    *time.Time
}

func (v13PasswordLink) TableName() string { return "password_links" }

// migrateV13 (schema version 15) keeps the links sent by e-mail to set a
// password (an invitation, a forgotten password): the hash of each link's
// token, the account, when it expires and when it was used. Frozen.
func migrateV13(tx *gorm.DB) error {
	return tx.Migrator().CreateTable(&v13PasswordLink{})
}
