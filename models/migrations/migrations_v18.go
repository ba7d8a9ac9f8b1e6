package migrations

import "gorm.io/gorm"

// migrateV18 gives a notification the event it tells of, when its kind
// alone does not say it (an extension approved or refused, an explanation
// requested), and the date that event names (the new deadline, the missed
// one), so that each reader's language writes the sentence and the note
// keeps only what a person typed. Rows written before keep an empty event
// and their note as it was written. Frozen.
func migrateV18(tx *gorm.DB) error {
	for _, stmt := range []string{
		"ALTER TABLE notifications ADD COLUMN event varchar(32) NOT NULL DEFAULT ''",
		"ALTER TABLE notifications ADD COLUMN event_day varchar(10)",
	} {
		if err := tx.Exec(stmt).Error; err != nil {
			return err
		}
	}
	return nil
}
