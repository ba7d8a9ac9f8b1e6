package migrations

import "gorm.io/gorm"

// migrateV23 lets an explanation request close unanswered when its
// assignment is cancelled (the work is no longer owed, nor its
// explanation): closed_at is when. Requests there before stay as they were
// (NULL: open until answered). Extensions need no column: "closed" is one
// more value of their status. Frozen.
func migrateV23(tx *gorm.DB) error {
	at := "DATETIME"
	if tx.Dialector.Name() == "postgres" {
		at = "TIMESTAMPTZ"
	}
	return tx.Exec("ALTER TABLE explanation_requests ADD COLUMN closed_at " + at).Error
}
