package app

import (
	"fmt"
	"strings"
	"time"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"roviec/models/migrations"
)

// OpenDatabase opens the SQLite file at path in WAL mode with a busy timeout,
// foreign keys on and immediate transactions (so concurrent writers wait
// instead of failing), and applies pending migrations. now is the clock GORM
// stamps CreatedAt and UpdatedAt with and migrations are recorded at.
func OpenDatabase(path string, now func() time.Time) (*gorm.DB, error) {
	dsn := "file:" + path + "?_journal_mode=WAL&_busy_timeout=10000&_foreign_keys=on&_synchronous=NORMAL&_txlock=immediate"
	if strings.Contains(path, "?") {
		return nil, fmt.Errorf("ROVIEC_DATABASE: %q must be a plain file path", path)
	}
	db, err := gorm.Open(sqlite.Open(dsn), &gorm.Config{
		Logger:  logger.Default.LogMode(logger.Silent),
		NowFunc: func() time.Time { return now().UTC() },
	})
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	sqlDB.SetMaxOpenConns(8)
	if _, err := migrations.Migrate(db, now); err != nil {
		return nil, err
	}
	return db, nil
}
