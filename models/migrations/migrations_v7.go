package migrations

import "gorm.io/gorm"

// migrateV7 (schema version 7) keeps the committee's plan-wide figures as of
// a past day once they have been rebuilt from the history (a past day does
// not change: every change is written at the moment it is made), so that the
// next reader of the same figures does not rebuild a national programme
// again. Frozen.
func migrateV7(tx *gorm.DB) error {
	return tx.Exec(`CREATE TABLE asof_snapshots (
	figure VARCHAR(32) NOT NULL,
	plan_id INTEGER NOT NULL,
	theme_id INTEGER NOT NULL,
	kind VARCHAR(16) NOT NULL,
	day VARCHAR(10) NOT NULL,
	payload TEXT NOT NULL,
	PRIMARY KEY (figure, plan_id, theme_id, kind, day)
)`).Error
}
