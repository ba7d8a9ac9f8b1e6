package backup_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"roviec/models"
	"roviec/models/backup"
	"roviec/models/migrations"
	"roviec/models/store"
)

var ctx = context.Background()

// world is a migrated SQLite file with a directive to four agencies, opened
// as the running application would open it.
type world struct {
	path        string
	db          *gorm.DB
	s           *store.Store
	coordinator *models.User
	assignments []models.Assignment
}

func newWorld(t *testing.T) *world {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	must(t, err)
	w := &world{path: filepath.Join(t.TempDir(), "roviec.db")}
	w.db = open(t, w.path)
	_, err = migrations.Migrate(w.db, time.Now)
	must(t, err)
	w.s = store.NewStore(w.db, loc)
	w.s.PasswordCost = bcrypt.MinCost
	plan := models.Plan{Name: "Kế hoạch thử", Year: 2023}
	must(t, w.db.Create(&plan).Error)
	theme := models.Theme{PlanID: plan.ID, FirstMonth: 1, LastMonth: 3, TitleVI: "Quý I"}
	must(t, w.db.Create(&theme).Error)
	codes := []string{"BTTTT", "BCA", "01", "79"}
	for _, c := range codes {
		kind := models.KindMinistry
		if c[0] >= '0' && c[0] <= '9' {
			kind = models.KindProvince
		}
		must(t, w.db.Create(&models.Agency{Code: c, Name: "Cơ quan " + c, Kind: kind, Active: true}).Error)
	}
	w.coordinator, err = w.s.CreateUser(ctx, models.NewUser{Email: "coordinator@test.vn", Name: "Điều phối",
		Role: models.RoleCoordinator, Password: "mat-khau-thu"})
	must(t, err)
	_, w.assignments, err = w.s.CreateDirective(ctx, models.DirectiveInput{ThemeID: theme.ID, Title: "Ban hành kế hoạch",
		Deliverable: "Kế hoạch", DueDate: "2023-03-31", AgencyCodes: codes}, w.coordinator, time.Date(2023, 2, 1, 9, 0, 0, 0, loc))
	must(t, err)
	return w
}

// open opens a SQLite file as the application does, closed when t ends.
func open(t *testing.T, path string) *gorm.DB {
	t.Helper()
	db, err := store.Open(path, time.Now)
	must(t, err)
	sqlDB, err := db.DB()
	must(t, err)
	t.Cleanup(func() { _ = sqlDB.Close() })
	return db
}

// notesOf opens the SQLite file at path, reads the notes of every history
// row and closes it again.
func notesOf(t *testing.T, path string) map[string]bool {
	t.Helper()
	db, err := store.Open(path, time.Now)
	must(t, err)
	sqlDB, err := db.DB()
	must(t, err)
	defer func() { must(t, sqlDB.Close()) }()
	var list []string
	must(t, db.Model(&models.Update{}).Pluck("note", &list).Error)
	out := make(map[string]bool, len(list))
	for _, n := range list {
		out[n] = true
	}
	return out
}

// TestBackupUnderLoad: four writers change their agency's assignment through
// the store as fast as they can while a backup is taken from another
// connection pool (another process, as far as SQLite can tell); the backup,
// restored to a new path, passes the integrity check and holds every change
// that had committed when the backup began, and none begun after it ended
// (a change that returned after the backup may have committed before it:
// its store call reads the assignment again after the commit).
func TestBackupUnderLoad(t *testing.T) {
	w := newWorld(t)
	var (
		mu        sync.Mutex
		committed []string // notes of the changes whose transaction had returned, in order
		later     []string // notes of the changes begun after the backup had ended
		ended     atomic.Bool
		stop      = make(chan struct{})
		wg        sync.WaitGroup
		errs      = make(chan error, len(w.assignments))
	)
	base := time.Date(2023, 3, 1, 9, 0, 0, 0, time.UTC)
	for i, a := range w.assignments {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 1; ; k++ {
				select {
				case <-stop:
					return
				default:
				}
				note, progress := fmt.Sprintf("w%d-%d", i, k), k%100
				begunAfter := ended.Load() // a change that returned after the backup may have committed before it
				_, err := w.s.UpdateAssignment(ctx, w.coordinator, &models.Assignment{ID: a.ID}, models.AssignmentChange{Progress: &progress, Note: note},
					base.Add(time.Duration(k)*time.Second))
				if err != nil {
					errs <- err
					return
				}
				mu.Lock()
				committed = append(committed, note)
				if begunAfter {
					later = append(later, note)
				}
				mu.Unlock()
			}
		}()
	}
	waitFor := func(list *[]string, n int) {
		for {
			mu.Lock()
			got := len(*list)
			mu.Unlock()
			if got >= n {
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	waitFor(&committed, 40)
	mu.Lock()
	before := append([]string(nil), committed...)
	mu.Unlock()
	out := filepath.Join(t.TempDir(), "copy.db")
	must(t, backup.Create(ctx, w.path, out))
	ended.Store(true)
	waitFor(&later, 20)
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("a writer failed: %v", err)
	}

	restored := filepath.Join(t.TempDir(), "restored.db")
	old, summary, err := backup.Restore(ctx, restored, out, time.Now())
	must(t, err)
	if old != "" || !strings.Contains(summary, "integrity ok") {
		t.Fatalf("restore into a new path: old %q, %q", old, summary)
	}
	got := notesOf(t, restored)
	for _, n := range before {
		if !got[n] {
			t.Errorf("change %s committed before the backup began is not in the copy", n)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	for _, n := range later {
		if got[n] {
			t.Errorf("change %s committed after the backup ended is in the copy", n)
		}
	}
	t.Logf("%d changes before the backup, %d in the copy, %d after it", len(before), len(got), len(later))
}

// TestBackupRefuses: no overwriting a file, no PostgreSQL database (the
// message names pg_dump).
func TestBackupRefuses(t *testing.T) {
	w := newWorld(t)
	existing := filepath.Join(t.TempDir(), "exists.db")
	must(t, os.WriteFile(existing, []byte("keep me"), 0o600))
	if err := backup.Create(ctx, w.path, existing); err == nil || !strings.Contains(err.Error(), "exists already") {
		t.Fatalf("overwrote a file: %v", err)
	}
	if b, _ := os.ReadFile(existing); string(b) != "keep me" {
		t.Fatalf("the existing file changed: %q", b)
	}
	err := backup.Create(ctx, "postgres://roviec:secret@127.0.0.1:5432/roviec", filepath.Join(t.TempDir(), "x.db"))
	if !errors.Is(err, backup.ErrPostgres) || !strings.Contains(err.Error(), "pg_dump") {
		t.Fatalf("postgres: %v", err)
	}
	if _, _, err := backup.Restore(ctx, "postgres://roviec:secret@127.0.0.1:5432/roviec", existing, time.Now()); !errors.Is(err, backup.ErrPostgres) {
		t.Fatalf("postgres restore: %v", err)
	}
}

// TestRestore: a restore refuses while the database is open elsewhere, then
// (the application stopped) puts the backup in place and keeps the old
// database as .bak-<time>; it refuses a file that is not a database, a
// damaged one and one with a newer schema, leaving the database as it was.
func TestRestore(t *testing.T) {
	w := newWorld(t)
	progress := 40
	_, err := w.s.UpdateAssignment(ctx, w.coordinator, &models.Assignment{ID: w.assignments[0].ID}, models.AssignmentChange{Progress: &progress, Note: "in the backup"}, time.Now())
	must(t, err)
	out := filepath.Join(t.TempDir(), "copy.db")
	must(t, backup.Create(ctx, w.path, out))
	_, err = w.s.UpdateAssignment(ctx, w.coordinator, &models.Assignment{ID: w.assignments[0].ID}, models.AssignmentChange{Note: "after the backup"}, time.Now())
	must(t, err)

	at := time.Date(2023, 5, 4, 10, 30, 0, 0, time.UTC)
	if _, _, err := backup.Restore(ctx, w.path, out, at); err == nil || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("restored over a database in use: %v", err)
	}
	sqlDB, err := w.db.DB()
	must(t, err)
	must(t, sqlDB.Close()) // the application stops

	garbage := filepath.Join(t.TempDir(), "garbage.db")
	must(t, os.WriteFile(garbage, []byte(strings.Repeat("not a database ", 500)), 0o600))
	damaged := filepath.Join(t.TempDir(), "damaged.db")
	b, err := os.ReadFile(out)
	must(t, err)
	for i := 4096 + 200; i < len(b); i += 4096 { // garble a little of every page after the first
		copy(b[i:], "garbled!")
	}
	must(t, os.WriteFile(damaged, b, 0o600))
	newer := filepath.Join(t.TempDir(), "newer.db")
	must(t, backup.Create(ctx, w.path, newer))
	func() {
		db := open(t, newer)
		must(t, db.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from the future', ?)", time.Now()).Error)
		s, _ := db.DB()
		must(t, s.Close())
	}()
	for name, file := range map[string]string{"garbage": garbage, "damaged": damaged, "newer": newer, "missing": garbage + ".none"} {
		if _, _, err := backup.Restore(ctx, w.path, file, at); err == nil {
			t.Errorf("restored %s", name)
		} else {
			t.Logf("%s: %v", name, err)
		}
	}
	if !notesOf(t, w.path)["after the backup"] {
		t.Fatal("a refused restore changed the database")
	}
	if m, _ := filepath.Glob(w.path + ".*"); len(m) > 0 {
		t.Fatalf("a refused restore left files behind: %v", m)
	}

	old, _, err := backup.Restore(ctx, w.path, out, at)
	must(t, err)
	if old != w.path+".bak-20230504-103000" {
		t.Fatalf("old database kept as %q", old)
	}
	if got := notesOf(t, w.path); !got["in the backup"] || got["after the backup"] {
		t.Fatalf("restored database holds %v", got)
	}
	if got := notesOf(t, old); !got["after the backup"] {
		t.Fatalf("the old database, kept, holds %v", got)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
