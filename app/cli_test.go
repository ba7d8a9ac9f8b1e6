package app

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"roviec/models"
	"roviec/models/store/storetest"
)

// runCLI runs the command line on the wall clock and returns its exit code,
// standard output and standard error.
func runCLI(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	return runCLIOn(t, time.Now, env, args...)
}

// runCLIOn runs the command line on the clock now.
func runCLIOn(t *testing.T, now func() time.Time, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, envOf(env), now, &out, &errb)
	return code, out.String(), errb.String()
}

func TestCLISeedMigrateUserAdd(t *testing.T) {
	env := map[string]string{"ROVIEC_DATABASE": storetest.Database(t)}
	if code, _, errs := runCLI(t, env, "migrate"); code != 0 {
		t.Fatalf("migrate: %d %s", code, errs)
	}
	code, _, errs := runCLI(t, env, "seed")
	if code != 0 || !strings.Contains(errs, "agencies=93") || !strings.Contains(errs, "themes=10") {
		t.Fatalf("first seed: %d %s", code, errs)
	}
	code, _, errs = runCLI(t, env, "seed")
	if code != 0 || !strings.Contains(errs, "agencies=0") || !strings.Contains(errs, "assignments=0") {
		t.Fatalf("second seed must add nothing: %d %s", code, errs)
	}
	code, out, errs := runCLI(t, env, "user", "add", "--email", "Dau.Moi@HaNoi.gov.vn", "--name", "Nguyễn Văn An",
		"--role", "focal", "--agency", "01")
	if code != 0 || !strings.Contains(out, "dau.moi@hanoi.gov.vn (focal)") || !strings.Contains(out, "password: ") {
		t.Fatalf("user add: %d %q %s", code, out, errs)
	}
	code, _, errs = runCLI(t, env, "user", "add", "--email", "dau.moi@hanoi.gov.vn", "--name", "X", "--role", "viewer",
		"--password", "thu-nghiem-42")
	if code != 1 || !strings.Contains(errs, "roviec: E-mail dau.moi@hanoi.gov.vn đã được dùng cho tài khoản khác.") {
		t.Fatalf("duplicate e-mail must fail clearly: %d %s", code, errs)
	}
	code, _, errs = runCLI(t, env, "user", "add", "--email", "x@y.vn", "--name", "X", "--role", "focal", "--password", "thu-nghiem-42")
	if code != 1 || !strings.Contains(errs, "agency_code: Cán bộ đầu mối phải thuộc một cơ quan.") {
		t.Fatalf("focal without agency must fail: %d %s", code, errs)
	}
	// The audit trail says the command line made the one user added.
	db, err := OpenDatabase(env["ROVIEC_DATABASE"], time.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer closeDB(db)
	var rows []models.AuditEntry
	if err := db.Where("entity = ?", models.AuditUser).Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Actor != models.SystemActor || rows[0].Address != "cli" || rows[0].Action != models.AuditCreate {
		t.Fatalf("audit trail of user add: %+v", rows)
	}
}

func TestCLIRejectsBadInput(t *testing.T) {
	if code, _, errs := runCLI(t, map[string]string{"ROVIEC_TZ": "Nowhere/Land"}, "migrate"); code != 2 || !strings.Contains(errs, "ROVIEC_TZ") {
		t.Fatalf("bad config: %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, nil, "frobnicate"); code != 2 || !strings.Contains(errs, "unknown command") {
		t.Fatalf("unknown command: %d %s", code, errs)
	}
	if code, out, _ := runCLI(t, nil, "help"); code != 0 || !strings.Contains(out, "roviec user add") {
		t.Fatalf("help: %d %s", code, out)
	}
}

func TestBootstrapLoadsProgrammeAndPrintsAdminPasswordOnce(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Database = storetest.Database(t)
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	now := func() time.Time { return time.Date(2023, 1, 3, 8, 0, 0, 0, cfg.Location) }
	for run := 0; run < 2; run++ {
		a, err := New(cfg, now, log)
		if err != nil {
			t.Fatal(err)
		}
		if err := a.Bootstrap(context.Background()); err != nil {
			t.Fatal(err)
		}
		if err := a.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if n := strings.Count(logs.String(), "password="); n != 1 {
		t.Fatalf("admin password printed %d times:\n%s", n, logs.String())
	}
	if n := strings.Count(logs.String(), "loaded the built-in 2023 programme"); n != 1 {
		t.Fatalf("programme loaded %d times", n)
	}
}

func TestCLIRemindDryRunAndQueue(t *testing.T) {
	env := map[string]string{"ROVIEC_DATABASE": storetest.Database(t)}
	if code, _, errs := runCLI(t, env, "seed"); code != 0 {
		t.Fatalf("seed: %s", errs)
	}
	if code, _, errs := runCLI(t, env, "user", "add", "--email", "daumoi@hanoi.gov.vn", "--name", "Phạm Hà Nội",
		"--role", "focal", "--agency", "01", "--password", "mat-khau-thu"); code != 0 {
		t.Fatalf("user add: %s", errs)
	}
	code, out, errs := runCLI(t, env, "remind", "--at", "2023-04-03T08:00:00+07:00", "--dry-run")
	if code != 0 || !strings.Contains(out, "03/04/2023: would send") || !strings.Contains(out, "- daumoi@hanoi.gov.vn:") ||
		!strings.Contains(out, "overdue:a") {
		t.Fatalf("dry run: %d\n%s\n%s", code, out, errs)
	}
	code, out, _ = runCLI(t, env, "remind", "--at", "2023-04-02T08:00:00+07:00", "--dry-run")
	if code != 0 || !strings.Contains(out, "02/04/2023 is not a working day") {
		t.Fatalf("Sunday dry run: %d %s", code, out)
	}
	code, out, errs = runCLI(t, env, "remind", "--at", "2023-04-03T08:00:00+07:00")
	if code != 0 || !strings.Contains(out, "queued 1 messages") || !strings.Contains(out, "delivered 0") {
		t.Fatalf("pass without SMTP must queue and keep: %d\n%s\n%s", code, out, errs)
	}
	code, out, _ = runCLI(t, env, "remind", "--at", "2023-04-03T09:00:00+07:00")
	if code != 0 || !strings.Contains(out, "queued 0 messages") {
		t.Fatalf("second pass must queue nothing: %s", out)
	}
	if code, _, errs = runCLI(t, env, "outbox", "send"); code != 1 || !strings.Contains(errs, "ROVIEC_SMTP_URL") {
		t.Fatalf("outbox send without SMTP: %d %s", code, errs)
	}
	if code, _, errs = runCLI(t, env, "remind", "--at", "yesterday"); code != 1 || !strings.Contains(errs, "--at") {
		t.Fatalf("bad --at: %d %s", code, errs)
	}
}

// TestCLIBackupRestore: roviec backup writes a copy and will not overwrite
// it, roviec restore puts it back and says where the old database went, and
// a PostgreSQL database is sent to pg_dump.
func TestCLIBackupRestore(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"ROVIEC_DATABASE": filepath.Join(dir, "roviec.db")}
	if code, _, errs := runCLI(t, env, "seed"); code != 0 {
		t.Fatalf("seed: %d %s", code, errs)
	}
	out := filepath.Join(dir, "backup.db")
	if code, _, errs := runCLI(t, env, "backup", "--out", out); code != 0 || !strings.Contains(errs, "backup written") {
		t.Fatalf("backup: %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, env, "backup", "--out", out); code != 1 || !strings.Contains(errs, "exists already") {
		t.Fatalf("second backup to the same file: %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, env, "backup"); code != 1 || !strings.Contains(errs, "usage: roviec backup --out FILE") {
		t.Fatalf("backup without --out: %d %s", code, errs)
	}
	code, _, errs := runCLIOn(t, func() time.Time { return time.Date(2023, 5, 4, 10, 30, 0, 0, time.UTC) }, env, "restore", out)
	if code != 0 || !strings.Contains(errs, "integrity ok, schema current") || !strings.Contains(errs, "roviec.db.bak-20230504-103000") {
		t.Fatalf("restore: %d %s", code, errs)
	}
	pg := map[string]string{"ROVIEC_DATABASE": "postgres://roviec:secret@127.0.0.1:5432/roviec"}
	if code, _, errs := runCLI(t, pg, "backup", "--out", filepath.Join(dir, "pg.db")); code != 1 || !strings.Contains(errs, "pg_dump -Fc") {
		t.Fatalf("backup of PostgreSQL: %d %s", code, errs)
	}
}
