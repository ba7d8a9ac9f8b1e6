package migrations

import "gorm.io/gorm"

// Schema version 17: evidence files. A file's content is kept once per
// SHA-256 in evidence_blobs, in the database on SQLite and PostgreSQL alike,
// so that every instance sees it and a backup of the database holds it; the
// files attached to an assignment are rows of evidence_files, pointing at
// their content. An assignment's history rows say which file they attached
// or removed. The database refuses to change or delete content, to delete a
// file row or to change what one says it is (only its removal may be set).
// Frozen.

// v14Statements create the tables, add the history's columns and the index
// listing an assignment's files, and the triggers that keep files as they
// were stored. The tables are written out per database: the content is a
// BLOB on SQLite and a bytea on PostgreSQL (TOASTed, fine at 10 MB a file).
func v14Statements(dialect string) []string {
	id, bigint, bytes, at := "INTEGER PRIMARY KEY AUTOINCREMENT", "INTEGER", "BLOB", "DATETIME"
	if dialect == "postgres" {
		id, bigint, bytes, at = "BIGSERIAL PRIMARY KEY", "BIGINT", "BYTEA", "TIMESTAMPTZ"
	}
	stmts := []string{
		"CREATE TABLE evidence_blobs (sha256 VARCHAR(64) PRIMARY KEY, size " + bigint + " NOT NULL, data " + bytes + " NOT NULL)",
		"CREATE TABLE evidence_files (id " + id + ", assignment_id " + bigint + " NOT NULL REFERENCES assignments(id), " +
			"name VARCHAR(255) NOT NULL, kind VARCHAR(16) NOT NULL, size " + bigint + " NOT NULL, " +
			"sha256 VARCHAR(64) NOT NULL REFERENCES evidence_blobs(sha256), uploaded_by_id " + bigint + " REFERENCES users(id), " +
			"uploaded_at " + at + " NOT NULL, removed_by_id " + bigint + " REFERENCES users(id), removed_at " + at + ")",
		"ALTER TABLE updates ADD COLUMN file_id " + bigint + " REFERENCES evidence_files(id)",
		"ALTER TABLE updates ADD COLUMN file_event VARCHAR(16) NOT NULL DEFAULT ''",
		"CREATE INDEX idx_evidence_files_assignment ON evidence_files (assignment_id, uploaded_at, id)",
	}
	const fixed = "assignment_id, name, kind, size, sha256, uploaded_by_id, uploaded_at"
	if dialect == "postgres" {
		return append(stmts,
			`CREATE FUNCTION evidence_immutable() RETURNS trigger AS $$
	BEGIN RAISE EXCEPTION 'evidence files are never changed nor deleted'; END
	$$ LANGUAGE plpgsql`,
			`CREATE TRIGGER evidence_blobs_no_change BEFORE UPDATE OR DELETE ON evidence_blobs
	FOR EACH ROW EXECUTE FUNCTION evidence_immutable()`,
			`CREATE TRIGGER evidence_files_no_delete BEFORE DELETE ON evidence_files
	FOR EACH ROW EXECUTE FUNCTION evidence_immutable()`,
			`CREATE TRIGGER evidence_files_no_change BEFORE UPDATE OF `+fixed+` ON evidence_files
	FOR EACH ROW EXECUTE FUNCTION evidence_immutable()`)
	}
	return append(stmts,
		`CREATE TRIGGER evidence_blobs_no_update BEFORE UPDATE ON evidence_blobs
	BEGIN SELECT RAISE(ABORT, 'evidence files are never changed nor deleted'); END`,
		`CREATE TRIGGER evidence_blobs_no_delete BEFORE DELETE ON evidence_blobs
	BEGIN SELECT RAISE(ABORT, 'evidence files are never changed nor deleted'); END`,
		`CREATE TRIGGER evidence_files_no_delete BEFORE DELETE ON evidence_files
	BEGIN SELECT RAISE(ABORT, 'evidence files are never changed nor deleted'); END`,
		`CREATE TRIGGER evidence_files_no_change BEFORE UPDATE OF `+fixed+` ON evidence_files
	BEGIN SELECT RAISE(ABORT, 'evidence files are never changed nor deleted'); END`)
}

func migrateV14(tx *gorm.DB) error {
	for _, stmt := range v14Statements(tx.Dialector.Name()) {
		if err := tx.Exec(stmt).Error; err != nil {
			return err
		}
	}
	return nil
}
