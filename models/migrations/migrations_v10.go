package migrations

import "gorm.io/gorm"

// migrateV10 (schema version 11) gives assignments, directives, plans,
// agencies and settings a version: an integer the store raises by one in the
// same UPDATE that changes the row, and that a change made on an older
// version is checked against (compare-and-swap, `WHERE id = ? AND version =
// ?`), so a form or an API client working on a stale copy cannot undo another
// user's change. An assignment's history rows record the version the change
// produced (0 in rows written before), so the store can say who changed what
// since a given version. Every existing row starts at version 1. Frozen.
func migrateV10(tx *gorm.DB) error {
	for _, table := range []string{"assignments", "directives", "plans", "agencies", "settings"} {
		if err := tx.Exec("ALTER TABLE " + table + " ADD COLUMN version INTEGER NOT NULL DEFAULT 1").Error; err != nil {
			return err
		}
	}
	return tx.Exec("ALTER TABLE updates ADD COLUMN version INTEGER NOT NULL DEFAULT 0").Error
}
