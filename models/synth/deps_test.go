package synth

import (
	"os/exec"
	"strings"
	"testing"
)

// TestPure keeps the generator beside the core: nothing it depends on is
// GORM, SQL or HTTP; rows leave it only through a Sink.
func TestPure(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "roviec/models/synth").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if dep == "database/sql/driver" {
			continue // the Valuer a models.Day implements
		}
		for _, banned := range []string{"gorm.io/", "database/sql", "github.com/mattn/", "net/http", "roviec/models/store"} {
			if strings.HasPrefix(dep, banned) {
				t.Errorf("the generator depends on %s", dep)
			}
		}
	}
}
