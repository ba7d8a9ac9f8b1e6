// Package migrations holds the versioned schema steps. Each is frozen: it is
// written against its own copies of the table shapes and data (v1, v2, v3
// files) and calls nothing that can change later, so an old database is
// always brought forward the same way. Applied steps are recorded in
// schema_migrations.
package migrations

import (
	"errors"
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
		{10, "versions against lost updates", migrateV10},
		{11, "accounts: e-mails normalised", migrateV11},
		{12, "audit trail, append-only", migrateV12},
		{13, "password links: invitations and resets", migrateV13},
		{14, "evidence files", migrateV14},
		{15, "work lists and review queues: indexes", migrateV15},
		{16, "notifications, e-mail preferences, comments", migrateV16},
		{17, "agency lists in list order: index", migrateV17},
		{18, "notifications: the event in each reader's language", migrateV18},
		{19, "meeting packs", migrateV19},
		{20, "personal API tokens, calendar feeds", migrateV20},
		{21, "agency mergers", migrateV21},
		{22, "webhooks and public scoreboards", migrateV22},
		{23, "requests closed with their assignment", migrateV23},
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
	if len(applied) > 0 && db.Dialector.Name() == "postgres" {
		forgetPreparedStatements(db)
	}
	return applied, nil
}

// ErrPending and ErrNewer tell apart Check's two reasons: migrations this
// binary would still apply (an older database, brought forward at the next
// start), and a schema newer than this binary knows (it must not write to it).
var (
	ErrPending = errors.New("migrations not yet applied")
	ErrNewer   = errors.New("schema newer than this binary")
)

// Check reports whether the database's schema is the one this binary
// knows: an error names the migrations not yet applied (ErrPending; run
// `roviec migrate`) or a version newer than any this binary has (ErrNewer: a
// newer binary migrated it; this one must not write to it).
func Check(db *gorm.DB) error {
	var versions []int
	if err := db.Model(&schemaMigration{}).Order("version").Pluck("version", &versions).Error; err != nil {
		return fmt.Errorf("read schema_migrations: %w", err)
	}
	applied := make(map[int]bool, len(versions))
	for _, v := range versions {
		applied[v] = true
	}
	known := migrations()
	if n := len(versions); n > 0 && versions[n-1] > known[len(known)-1].Version {
		return fmt.Errorf("%w: schema version %d is newer than this binary's %d", ErrNewer, versions[n-1], known[len(known)-1].Version)
	}
	for _, m := range known {
		if !applied[m.Version] {
			return fmt.Errorf("%w: migration %d (%s) not applied", ErrPending, m.Version, m.Name)
		}
	}
	return nil
}

// forgetPreparedStatements closes the pool's idle connections after
// migrations changed tables. The PostgreSQL driver keeps each connection's
// prepared statements; one prepared by an earlier step ("SELECT * FROM
// agencies") fails once a later step has added a column ("cached plan must
// not change result type"). Migrations run before anything else uses the
// pool, so every connection they used is idle here; the pool opens fresh
// ones. 2 is database/sql's default number of idle connections, which the
// store keeps.
func forgetPreparedStatements(db *gorm.DB) {
	if sqlDB, err := db.DB(); err == nil {
		sqlDB.SetMaxIdleConns(0)
		sqlDB.SetMaxIdleConns(2)
	}
}
