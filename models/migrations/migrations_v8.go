package migrations

import "gorm.io/gorm"

// migrateV8 (schema version 8) forgets the league tables kept by schema 7
// as named, ranked rows (about a megabyte a day at national scale): leagues
// are now kept as unnamed standings under another figure name, named and
// ranked at read. Frozen.
func migrateV8(tx *gorm.DB) error {
	return tx.Exec(`DELETE FROM asof_snapshots WHERE figure = 'league'`).Error
}
