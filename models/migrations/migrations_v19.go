package migrations

import "gorm.io/gorm"

// migrateV19 keeps meeting packs: a theme's monthly report as of a meeting's
// day, rendered once and stored as HTML so that it reads the same later even
// if history is corrected, numbered per year of the meeting (the unique
// index refuses a second pack with the same number). Frozen.
func migrateV19(tx *gorm.DB) error {
	id, bigint, at := "INTEGER PRIMARY KEY AUTOINCREMENT", "INTEGER", "DATETIME"
	if tx.Dialector.Name() == "postgres" {
		id, bigint, at = "BIGSERIAL PRIMARY KEY", "BIGINT", "TIMESTAMPTZ"
	}
	for _, stmt := range []string{
		"CREATE TABLE meeting_packs (id " + id + ", plan_id " + bigint + " NOT NULL REFERENCES plans(id), " +
			"theme_id " + bigint + " NOT NULL REFERENCES themes(id), year INTEGER NOT NULL, number INTEGER NOT NULL, " +
			"meeting_on VARCHAR(10) NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, " +
			"created_by " + bigint + " NOT NULL REFERENCES users(id), created_at " + at + " NOT NULL)",
		"CREATE UNIQUE INDEX idx_meeting_packs_number ON meeting_packs (year, number)",
	} {
		if err := tx.Exec(stmt).Error; err != nil {
			return err
		}
	}
	return nil
}
