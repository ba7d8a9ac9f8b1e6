package migrations

import (
	"strings"
	"testing"
	"time"

	"roviec/models/store/storetest"
)

// TestV11NormalisesEmails: stored addresses in any case and either Unicode
// form become the one form; two that would become the same address stop
// the migration, naming both, with nothing changed.
func TestV11NormalisesEmails(t *testing.T) {
	for _, dup := range []bool{false, true} {
		db := storetest.Open(t)
		if _, err := Migrate(db, time.Now); err != nil {
			t.Fatal(err)
		}
		if err := db.Exec("DELETE FROM schema_migrations WHERE version = 11").Error; err != nil {
			t.Fatal(err)
		}
		emails := []string{" Nguye\u0302\u0303n@Test.VN", "binh@test.vn"}
		if dup {
			emails = append(emails, "nguyễn@test.vn")
		}
		for _, e := range emails {
			if err := db.Exec("INSERT INTO users (email, name, role, language, active, password_hash) VALUES (?, 'A', 'viewer', 'vi', true, 'x')", e).Error; err != nil {
				t.Fatal(err)
			}
		}
		_, err := Migrate(db, time.Now)
		var stored []string
		if err := db.Raw("SELECT email FROM users ORDER BY id").Scan(&stored).Error; err != nil {
			t.Fatal(err)
		}
		if dup {
			if err == nil || !strings.Contains(err.Error(), "users 1 and 3") || !strings.Contains(err.Error(), "nguyễn@test.vn") {
				t.Fatalf("duplicate after normalising: %v", err)
			}
			if stored[0] != emails[0] {
				t.Fatalf("a refused migration changed %q to %q", emails[0], stored[0])
			}
			continue
		}
		if err != nil || stored[0] != "nguyễn@test.vn" || stored[1] != "binh@test.vn" {
			t.Fatalf("after migration: %q, %v", stored, err)
		}
	}
}
