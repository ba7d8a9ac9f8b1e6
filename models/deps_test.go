package models_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestCoreImportsNoDatabaseNorHTTP keeps the domain core pure: nothing it
// depends on, directly or not, is GORM, a SQL package or driver, or HTTP.
func TestCoreImportsNoDatabaseNorHTTP(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "roviec/models").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	banned := []string{"gorm.io/", "database/sql", "github.com/mattn/go-sqlite3", "github.com/jackc/", "github.com/lib/pq",
		"net/http", "github.com/labstack/echo"}
	for _, dep := range strings.Fields(string(out)) {
		if dep == "database/sql/driver" {
			continue // only the Valuer and Scanner interfaces a Day implements: no driver, no SQL
		}
		for _, b := range banned {
			if strings.HasPrefix(dep, b) {
				t.Errorf("the domain core depends on %s", dep)
			}
		}
	}
}
