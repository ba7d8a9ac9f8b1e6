package app

import (
	"time"

	"gorm.io/gorm"

	"roviec/models/migrations"
	"roviec/models/store"
)

// startupLock is the PostgreSQL advisory lock (with the hash of the current
// schema as its second key) under which instances starting together on one
// schema migrate and bootstrap it one at a time.
const startupLock = 7_042_023

// OpenDatabase opens the database named by target (a SQLite file path or a
// postgres:// URL, see store.Open) and applies pending migrations. now is the
// clock GORM stamps CreatedAt and UpdatedAt with and migrations are recorded at.
func OpenDatabase(target string, now func() time.Time) (*gorm.DB, error) {
	db, err := store.Open(target, now)
	if err != nil {
		return nil, err
	}
	err = exclusively(db, func() error {
		_, err := migrations.Migrate(db, now)
		return err
	})
	if err != nil {
		closeDB(db)
		return nil, err
	}
	return db, nil
}

// exclusively runs fn while this instance holds the start-up lock on
// PostgreSQL, so that several instances started at once do not migrate or
// load the first data side by side. On SQLite (one machine) it just runs fn.
func exclusively(db *gorm.DB, fn func() error) error {
	if db.Dialector.Name() != "postgres" {
		return fn()
	}
	return db.Connection(func(conn *gorm.DB) error {
		if err := conn.Exec("SELECT pg_advisory_lock(?, hashtext(current_schema()))", startupLock).Error; err != nil {
			return err
		}
		defer conn.Exec("SELECT pg_advisory_unlock(?, hashtext(current_schema()))", startupLock)
		return fn()
	})
}

// closeDB releases a database that is given up on after an error.
func closeDB(db *gorm.DB) {
	if sqlDB, err := db.DB(); err == nil {
		_ = sqlDB.Close()
	}
}
