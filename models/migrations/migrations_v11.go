package migrations

import (
	"fmt"
	"strings"

	"golang.org/x/text/unicode/norm"
	"gorm.io/gorm"
)

// migrateV11 (schema version 12) brings accounts' e-mails to the one form
// every path now writes and looks up: trimmed, lower case, composed Unicode
// (NFC), so that "Nguyễn" typed on one keyboard is the same account as on
// another. Two accounts that become one address are refused, naming both,
// for an administrator to settle by hand: which one is the person's is not a
// migration's to guess. Frozen: its own copy of the normalisation.
func migrateV11(tx *gorm.DB) error {
	var users []struct {
		ID    uint
		Email string
	}
	if err := tx.Raw("SELECT id, email FROM users ORDER BY id").Scan(&users).Error; err != nil {
		return err
	}
	owner := map[string]uint{}
	normal := make([]string, len(users))
	for i, u := range users {
		e := norm.NFC.String(strings.ToLower(strings.TrimSpace(u.Email)))
		if id, taken := owner[e]; taken {
			return fmt.Errorf("users %d and %d have the same e-mail %q once normalised (NFC, lower case); "+
				"give one of them another address (UPDATE users SET email = ... WHERE id = ...) and migrate again", id, u.ID, e)
		}
		owner[e], normal[i] = u.ID, e
	}
	for i, u := range users {
		if normal[i] != u.Email {
			if err := tx.Exec("UPDATE users SET email = ? WHERE id = ?", normal[i], u.ID).Error; err != nil {
				return err
			}
		}
	}
	return nil
}
