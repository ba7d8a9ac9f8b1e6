package migrations

import "gorm.io/gorm"

// migrateV17 orders an agency's assignments in list order in an index
// (agency, deadline, directive), so that a page of an agency's list reads
// its first rows from the index instead of sorting all of the agency's rows
// fetched from the table (at a million assignments, ~300 an agency, read
// scattered over the file). It replaces the index on the agency alone, of
// which it is an extension. Frozen.
func migrateV17(tx *gorm.DB) error {
	for _, stmt := range []string{
		"CREATE INDEX idx_assignments_agency_due ON assignments (agency_id, due_on, directive_id)",
		"DROP INDEX IF EXISTS idx_assignments_agency_id",
	} {
		if err := tx.Exec(stmt).Error; err != nil {
			return err
		}
	}
	return nil
}
