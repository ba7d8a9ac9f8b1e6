package migrations

import "gorm.io/gorm"

// migrateV21 lets agencies merge (as the provinces did in July 2025): an
// agency merged into another keeps the successor's id and the day of the
// merger, and the history row that moved an open assignment keeps the
// agency it came from, so that figures as of an earlier day still count the
// assignment for the agency that held it then. The moves of a chunk of
// assignments after a day are looked up through a partial index holding
// only such rows (none in most databases). Frozen.
func migrateV21(tx *gorm.DB) error {
	for _, stmt := range []string{
		"ALTER TABLE agencies ADD COLUMN successor_id INTEGER REFERENCES agencies (id)",
		"ALTER TABLE agencies ADD COLUMN merged_on VARCHAR(10) NOT NULL DEFAULT ''",
		"ALTER TABLE updates ADD COLUMN from_agency_id INTEGER REFERENCES agencies (id)",
		"CREATE INDEX idx_updates_moves ON updates (assignment_id, at) WHERE from_agency_id IS NOT NULL",
	} {
		if err := tx.Exec(stmt).Error; err != nil {
			return err
		}
	}
	return nil
}
