package app

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestKeepFillsThePastDaysNotKept generates a programme (which keeps every
// day before the moment it stands at), forgets March 2025, and keeps it
// again with roviec keep: once, then nothing is left to keep.
func TestKeepFillsThePastDaysNotKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gen.db")
	db := genDB(t, path)
	count := func(where string) int64 {
		var n int64
		must(t, db.Table("asof_snapshots").Where(where).Count(&n).Error)
		return n
	}
	// 2023, 2024 and 2025 up to 19/10: 365 + 366 + 292 days, each with a plan's
	// month split, counts per theme and standings, and the standings of all plans.
	if n := count("1 = 1"); n != 4*(365+366+292) {
		t.Fatalf("gen kept %d figures, want %d", n, 4*(365+366+292))
	}
	must(t, db.Exec("DELETE FROM asof_snapshots WHERE day BETWEEN '2025-03-01' AND '2025-03-31'").Error)
	env := map[string]string{"ROVIEC_DATABASE": path}
	for _, want := range []string{"kept the figures of 62 days", "kept the figures of 0 days"} {
		code, out, errs := runCLI(t, env, "keep", "--from", "01/03/2025", "--to", "31/03/2025")
		if code != 0 || !strings.Contains(out, want) {
			t.Fatalf("keep: %d %q %q, want %q", code, out, errs, want)
		}
	}
	if n := count("day BETWEEN '2025-03-01' AND '2025-03-31'"); n != 4*31 {
		t.Fatalf("%d figures kept for March 2025, want %d", n, 4*31)
	}
	if code, _, errs := runCLI(t, env, "keep", "--to", "31/02/2025"); code == 0 || !strings.Contains(errs, "--to") {
		t.Fatalf("a bad date must be refused: %d %s", code, errs)
	}
}
