package migrations

import "gorm.io/gorm"

// migrateV5 (schema version 5) adds indexes in the order lists read
// assignments (deadline, directive, agency), whole and within a status (with
// the submission day, so that counting overdue work reads the index alone),
// so that a page of a national list reads a page of index instead of sorting
// every match. Frozen.
func migrateV5(tx *gorm.DB) error {
	for _, stmt := range []string{
		"CREATE INDEX idx_assignments_due_order ON assignments (due_on, directive_id, agency_id)",
		"CREATE INDEX idx_assignments_status_due ON assignments (status, due_on, directive_id, agency_id, submitted_on)",
	} {
		if err := tx.Exec(stmt).Error; err != nil {
			return err
		}
	}
	return nil
}
