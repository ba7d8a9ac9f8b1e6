package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"roviec/models"
	"roviec/models/store"
)

// TestCLIExportMatchesTheStore exports the league as of a past day and the
// overdue assignments of a generated programme, and finds in the files the
// figures the store gives the pages; a bad flag writes nothing.
func TestCLIExportMatchesTheStore(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "gen.db")
	db := genDB(t, path)
	loc := hcm(t)
	now := time.Date(2025, 10, 20, 17, 30, 0, 0, loc)
	clock := func() time.Time { return now }
	env := map[string]string{"ROVIEC_DATABASE": path}
	st := store.NewStore(db, loc)
	ctx := context.Background()

	out := filepath.Join(dir, "league.xlsx")
	if code, _, errs := runCLIOn(t, clock, env, "export", "--what", "league", "--as-of", "30/06/2025", "--kind", "province", "--out", out); code != 0 {
		t.Fatalf("export league: %d %s", code, errs)
	}
	want, err := st.League(ctx, store.LeagueFilter{Kind: models.KindProvince, AsOf: "2025-06-30"}, now)
	must(t, err)
	f, err := excelize.OpenFile(out)
	must(t, err)
	rows, err := f.GetRows(f.GetSheetName(0), excelize.Options{RawCellValue: true})
	must(t, err)
	if len(rows) < 4 || !strings.Contains(rows[1][0], "30/06/2025") || rows[len(rows)-len(want)-1][0] != "Hạng" {
		t.Fatalf("title and header: %q", rows[:min(len(rows), 5)])
	}
	for i, r := range rows[len(rows)-len(want):] {
		w := want[i]
		if r[1] != w.Agency.Code || r[5] != fmt.Sprint(w.Due) || r[6] != fmt.Sprint(w.DoneOnTime) || r[8] != fmt.Sprint(w.OpenOverdue) {
			t.Errorf("row %d: %q, the store's %s due %d on time %d overdue %d", i, r, w.Agency.Code, w.Due, w.DoneOnTime, w.OpenOverdue)
		}
	}

	out = filepath.Join(dir, "overdue.csv")
	if code, _, errs := runCLIOn(t, clock, env, "export", "--what", "assignments", "--timeliness", "open_overdue", "--out", out); code != 0 {
		t.Fatalf("export assignments: %d %s", code, errs)
	}
	body, err := os.ReadFile(out)
	must(t, err)
	if !bytes.HasPrefix(body, []byte("\xEF\xBB\xBF")) {
		t.Fatal("the CSV does not start with the byte order mark")
	}
	recs, err := csv.NewReader(bytes.NewReader(body[3:])).ReadAll()
	must(t, err)
	_, total, err := st.ListAssignments(ctx, store.AssignmentFilter{Timeliness: models.OpenOverdue}, now)
	must(t, err)
	if int64(len(recs)-1) != total || total == 0 {
		t.Errorf("%d overdue assignments exported, the store counts %d", len(recs)-1, total)
	}

	bad := filepath.Join(dir, "bad.xlsx")
	for _, args := range [][]string{{"--what", "everything", "--out", bad}, {"--what", "matrix", "--out", bad},
		{"--what", "league", "--as-of", "31/02/2025", "--out", bad}, {"--what", "league", "--out", filepath.Join(dir, "x.pdf")},
		{"--what", "scoreboard", "--directive-id", "999999", "--out", bad}} {
		if code, _, errs := runCLIOn(t, clock, env, append([]string{"export"}, args...)...); code == 0 || errs == "" {
			t.Errorf("%q: exit %d, %q", args, code, errs)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*.xlsx")); len(left) != 1 {
		t.Errorf("files left: %q, want league.xlsx alone", left)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".roviec-export-*")); len(left) != 0 {
		t.Errorf("temporary files left: %q", left)
	}
}
