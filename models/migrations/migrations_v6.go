package migrations

import "gorm.io/gorm"

// migrateV6 (schema version 6) records on each assignment the deadline it was
// given when created, which the rebuild of the past starts from (a deadline
// first set on an undated assignment left no trace of its absence before).
// Rows already there get the best that is known: the first deadline kept
// after a move, else the one in force. Frozen.
func migrateV6(tx *gorm.DB) error {
	for _, stmt := range []string{
		"ALTER TABLE assignments ADD COLUMN created_due_on VARCHAR(10)",
		"UPDATE assignments SET created_due_on = COALESCE(original_due_on, due_on)",
	} {
		if err := tx.Exec(stmt).Error; err != nil {
			return err
		}
	}
	return nil
}
