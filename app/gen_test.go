package app

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"roviec/models"
	"roviec/models/store"
)

// genDB runs roviec gen for a small programme (50 agencies, 40 directives,
// seed 7) into a new file and opens it.
func genDB(t *testing.T, path string) *gorm.DB {
	t.Helper()
	code, out, errs := runCLI(t, map[string]string{"ROVIEC_DATABASE": path}, "gen", "--agencies", "50", "--directives", "40", "--seed", "7")
	if code != 0 || !strings.Contains(out, "as it stands on 20/10/2025 17:30") || !strings.Contains(out, "focal.bqp@gen.roviec.vn") {
		t.Fatalf("gen: %d %s %s", code, out, errs)
	}
	db, err := OpenDatabase(path, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = databaseCloser{db}.Close() })
	return db
}

// TestGenHistoryReplaysToTheRows generates a small programme and checks that
// the stored history rebuilds every assignment exactly (models.Replay, and
// the store's AssignmentsAsOf on sample days), that its events happen in
// order, in working hours, in the plan's year and before the moment the
// programme stands, and that every kind of story occurs.
func TestGenHistoryReplaysToTheRows(t *testing.T) {
	db := genDB(t, filepath.Join(t.TempDir(), "gen.db"))
	loc := hcm(t)
	st := store.NewStore(db, loc)
	var list []models.Assignment
	var rows []models.Update
	must(t, db.Order("id").Find(&list).Error)
	must(t, db.Order("assignment_id, at, id").Find(&rows).Error)
	history := map[uint][]models.Update{}
	for _, u := range rows {
		history[u.AssignmentID] = append(history[u.AssignmentID], u)
	}
	cal, err := st.Calendar(context.Background())
	must(t, err)
	moment := time.Date(2025, 10, 20, 17, 30, 0, 0, loc)
	for _, a := range list {
		if got := models.Replay(a, history[a.ID], loc); got != a {
			t.Fatalf("assignment %d replays to\n%+v\nbut the row holds\n%+v", a.ID, got, a)
		}
		last, year := a.CreatedAt, a.DueOn.Time().Year()
		if !a.OriginalDue.IsZero() {
			year = a.OriginalDue.Time().Year()
		}
		for _, u := range history[a.ID] {
			local := u.At.In(loc)
			if !u.At.After(last) || u.At.After(moment) || local.Hour() < 8 || local.Hour() >= 17 ||
				!cal.IsWorkingDay(models.DayOf(u.At, loc)) || local.Year() != year {
				t.Fatalf("assignment %d (created %s, due %s): event at %s out of place", a.ID, a.CreatedAt, a.DueOn, local)
			}
			last = u.At
		}
	}
	seen := checkAsOf(t, st, list, history, loc)
	for _, want := range []string{"done_on_time", "done_late", "open_on_track", "open_overdue", "due_soon", "cancelled"} {
		if seen[want] == 0 {
			t.Errorf("no assignment is %s on the sample days: %v", want, seen)
		}
	}
	checkStories(t, db)
}

// checkAsOf compares the store's rebuild of the past (AssignmentsAsOf) on
// the 15th of every other month with the history replayed up to the end of
// that day, and counts the timeliness classes it meets.
func checkAsOf(t *testing.T, st *store.Store, list []models.Assignment, history map[uint][]models.Update, loc *time.Location) map[string]int {
	t.Helper()
	seen := map[string]int{}
	rows := map[uint]models.Assignment{}
	for _, a := range list {
		rows[a.ID] = a
	}
	for y := 2023; y <= 2025; y++ {
		for m := time.January; m <= time.October; m += 2 {
			day := models.DayFromDate(y, m, 15)
			end := models.EndOfDay(day, loc)
			asOf, err := st.AssignmentsAsOf(context.Background(), store.AssignmentFilter{}, day, time.Now())
			must(t, err)
			for _, got := range asOf {
				var upTo []models.Update
				for _, u := range history[got.ID] {
					if !u.At.After(end) {
						upTo = append(upTo, u)
					}
				}
				got.Directive, got.Agency = nil, nil
				if want := models.Replay(rows[got.ID], upTo, loc); got != want {
					t.Fatalf("assignment %d as of %s:\n%+v\nwant\n%+v", got.ID, day, got, want)
				}
				info := models.ClassifyTimeliness(&got, end, loc)
				seen[string(info.Class)]++
				if info.DueSoon {
					seen["due_soon"]++
				}
				if got.Status == models.StatusCancelled {
					seen["cancelled"]++
				}
			}
		}
	}
	return seen
}

// checkStories counts in the database what the workflow left: returns with
// a reason, extensions approved (the first deadline kept) and rejected,
// explanation requests answered and open, sent reminders under unique keys,
// and users who log in with the one password.
func checkStories(t *testing.T, db *gorm.DB) {
	t.Helper()
	for what, query := range map[string]string{
		"returns with a reason":  "SELECT COUNT(*) FROM updates WHERE from_status = 'submitted' AND to_status = 'in_progress' AND note <> ''",
		"approved extensions":    "SELECT COUNT(*) FROM extensions e JOIN assignments a ON a.id = e.assignment_id WHERE e.status = 'approved' AND a.original_due_on IS NOT NULL",
		"rejected extensions":    "SELECT COUNT(*) FROM extensions WHERE status = 'rejected' AND decision_note <> ''",
		"answered explanations":  "SELECT COUNT(*) FROM explanation_requests WHERE answered_at IS NOT NULL AND answer <> ''",
		"open explanations":      "SELECT COUNT(*) FROM explanation_requests WHERE answered_at IS NULL",
		"explanation notes":      "SELECT COUNT(*) FROM updates WHERE note LIKE 'Yêu cầu giải trình:%' AND user_id IS NULL",
		"sent reminders":         "SELECT COUNT(*) FROM reminder_logs r JOIN outbox o ON o.id = r.outbox_id WHERE o.status = 'sent'",
		"unique reminder keys":   "SELECT COUNT(DISTINCT key) FROM reminder_logs",
		"focal points with a pw": "SELECT COUNT(*) FROM users WHERE role = 'focal' AND agency_id IS NOT NULL",
	} {
		var n int
		must(t, db.Raw(query).Scan(&n).Error)
		if n == 0 {
			t.Errorf("no %s", what)
		}
	}
	var hashes []string
	must(t, db.Raw("SELECT DISTINCT password_hash FROM users").Scan(&hashes).Error)
	if len(hashes) != 1 || bcrypt.CompareHashAndPassword([]byte(hashes[0]), []byte("roviec-load-123")) != nil {
		t.Errorf("users must share one bcrypt hash of the default password: %v", hashes)
	}
}

// TestGenIsDeterministic generates twice with the same seed: every table
// holds the same rows. A third run on a generated database is refused, and
// so are bad numbers, before any file is made.
func TestGenIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	a := tableDump(t, genDB(t, filepath.Join(dir, "a.db")))
	b := tableDump(t, genDB(t, filepath.Join(dir, "b.db")))
	if len(a["assignments"]) == 0 || !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed must give the same database")
	}
	code, _, errs := runCLI(t, map[string]string{"ROVIEC_DATABASE": filepath.Join(dir, "a.db")}, "gen", "--agencies", "5", "--directives", "2")
	if code != 1 || !strings.Contains(errs, "the database is not empty (it holds agencies, users, plans, themes, directives, assignments") {
		t.Fatalf("a second run must be refused: %d %s", code, errs)
	}
	code, _, errs = runCLI(t, map[string]string{"ROVIEC_DATABASE": filepath.Join(dir, "c.db")}, "gen", "--agencies", "5", "--directives", "2", "--updates", "2")
	if code != 1 || !strings.Contains(errs, "--updates: from 3") {
		t.Fatalf("too few history rows must be refused before anything is written: %d %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "c.db")); err == nil {
		t.Fatal("a refused run must not create the database")
	}
}

// tableDump is every row of every table, by table and id.
func tableDump(t *testing.T, db *gorm.DB) map[string][][]any {
	t.Helper()
	var tables []string
	must(t, db.Raw("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").Scan(&tables).Error)
	dump := map[string][][]any{}
	for _, name := range tables {
		rows, err := db.Raw("SELECT * FROM " + name + " ORDER BY 1").Rows()
		must(t, err)
		cols, err := rows.Columns()
		must(t, err)
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			must(t, rows.Scan(ptrs...))
			dump[name] = append(dump[name], vals)
		}
		must(t, rows.Close())
	}
	return dump
}

// hcm is the time zone the generated programme is dated in.
func hcm(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	must(t, err)
	return loc
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
