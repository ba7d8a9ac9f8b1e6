// Package migrations holds the versioned schema steps. Each is frozen: it is
// written against its own copies of the table shapes and data (v1, v2, v3
// files) and calls nothing that can change later, so an old database is
// always brought forward the same way. Applied steps are recorded in
// schema_migrations.
package migrations

import (
	"fmt"
	"time"

	"gorm.io/gorm"
)

// migration is one versioned step of the schema. Steps are written against
// frozen shapes (the structs in migrations_v*.go), never the live entities,
// so that an old database is always brought forward the same way.
type migration struct {
	Version int
	Name    string
	Up      func(tx *gorm.DB) error
}

// schemaMigration records an applied migration.
type schemaMigration struct {
	Version   int `gorm:"primaryKey;autoIncrement:false"`
	Name      string
	AppliedAt time.Time
}

func (schemaMigration) TableName() string { return "schema_migrations" }

func migrations() []migration {
	return []migration{
		{1, "core tracker", migrateV1},
		{2, "reminders, outbox, extensions, explanation requests", migrateV2},
		{3, "scoreboards, search keys, target values", migrateV3},
		{4, "tallies kept by triggers", migrateV4},
		{5, "indexes in list order", migrateV5},
		{6, "deadline given at creation", migrateV6},
		{7, "figures as of past days", migrateV7},
		{8, "league standings kept unnamed", migrateV8},
		{9, "league standings per plan and agency", migrateV9},
	}
}

// Migrate applies every migration not yet recorded, each in its own
// transaction, and returns the versions it applied. A second run applies none.
// now is the clock each applied step is recorded at.
func Migrate(db *gorm.DB, now func() time.Time) ([]int, error) {
	if err := db.Migrator().AutoMigrate(&schemaMigration{}); err != nil {
		return nil, fmt.Errorf("create schema_migrations: %w", err)
	}
	var applied []int
	for _, m := range migrations() {
		err := db.Transaction(func(tx *gorm.DB) error {
			var n int64
			if err := tx.Model(&schemaMigration{}).Where("version = ?", m.Version).Count(&n).Error; err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			if err := m.Up(tx); err != nil {
				return err
			}
			applied = append(applied, m.Version)
			return tx.Create(&schemaMigration{Version: m.Version, Name: m.Name, AppliedAt: now().UTC()}).Error
		})
		if err != nil {
			return applied, fmt.Errorf("migration %d (%s): %w", m.Version, m.Name, err)
		}
	}
	return applied, nil
}
