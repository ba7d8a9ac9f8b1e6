package migrations

import (
	"time"

	"gorm.io/gorm"
)

// Schema version 13: the audit trail, one row per change made by anyone
// (who, when, from where, what, the changed fields before and after).
// Append-only: triggers make the database itself refuse UPDATE and DELETE
// (and TRUNCATE on PostgreSQL) of its rows, whatever the code does. Frozen.

type v12AuditEntry struct {
	ID       uint      `gorm:"primaryKey"`
	At       time.Time `gorm:"not null"`
	ActorID  *uint
	Actor    string `gorm:"type:varchar(254);not null"`
	Address  string `gorm:"type:varchar(64);not null"`
	Entity   string `gorm:"type:varchar(32);not null"`
	EntityID string `gorm:"type:varchar(64);not null"`
	Action   string `gorm:"type:varchar(32);not null"`
	Before   string `gorm:"type:text;not null"`
	After    string `gorm:"type:text;not null"`
}

func (v12AuditEntry) TableName() string { return "audit_log" }

// v12Statements are the indexes, which serve the admin's filters newest
// first (by date alone, by who, by record, by action; four indexes are the
// whole write cost of a change), and the triggers refusing to change rows
// (and, on PostgreSQL, to empty the table).
func v12Statements(dialect string) []string {
	stmts := []string{
		"CREATE INDEX idx_audit_log_at ON audit_log (at, id)",
		"CREATE INDEX idx_audit_log_actor ON audit_log (actor, at)",
		"CREATE INDEX idx_audit_log_entity ON audit_log (entity, entity_id, at)",
		"CREATE INDEX idx_audit_log_action ON audit_log (action, at)",
	}
	if dialect == "postgres" {
		return append(stmts,
			`CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
	BEGIN RAISE EXCEPTION 'audit_log is append-only'; END
	$$ LANGUAGE plpgsql`,
			`CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
	FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
			`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
	FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`)
	}
	return append(stmts,
		`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
	BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
		`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
	BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`)
}

func migrateV12(tx *gorm.DB) error {
	if err := tx.Migrator().CreateTable(&v12AuditEntry{}); err != nil {
		return err
	}
	for _, stmt := range v12Statements(tx.Dialector.Name()) {
		if err := tx.Exec(stmt).Error; err != nil {
			return err
		}
	}
	return nil
}
