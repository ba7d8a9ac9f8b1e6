package migrations

import "gorm.io/gorm"

// migrateV15 (schema version 18) adds the indexes of the work list and the
// committee's queues: an agency's assignments by status and deadline (a
// focal point's groups), submitted work oldest first (the review queue and
// its count), and open explanation requests (their queue and count). Frozen.
func migrateV15(tx *gorm.DB) error {
	for _, stmt := range []string{
		"CREATE INDEX idx_assignments_agency_work ON assignments (agency_id, status, due_on)",
		"CREATE INDEX idx_assignments_review ON assignments (status, submitted_on, id)",
		"CREATE INDEX idx_explanation_requests_open ON explanation_requests (answered_at, requested_at)",
	} {
		if err := tx.Exec(stmt).Error; err != nil {
			return err
		}
	}
	return nil
}
