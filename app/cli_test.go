package app

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func runCLI(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(args, envOf(env), &out, &errb)
	return code, out.String(), errb.String()
}

func TestCLISeedMigrateUserAdd(t *testing.T) {
	env := map[string]string{"ROVIEC_DATABASE": filepath.Join(t.TempDir(), "cli.db")}
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
		"--password", "12345678")
	if code != 1 || !strings.Contains(errs, "đã được dùng") {
		t.Fatalf("duplicate e-mail must fail clearly: %d %s", code, errs)
	}
	code, _, errs = runCLI(t, env, "user", "add", "--email", "x@y.vn", "--name", "X", "--role", "focal", "--password", "12345678")
	if code != 1 || !strings.Contains(errs, "agency_code") {
		t.Fatalf("focal without agency must fail: %d %s", code, errs)
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
	cfg.Database = filepath.Join(t.TempDir(), "boot.db")
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
		a.Close()
	}
	if n := strings.Count(logs.String(), "password="); n != 1 {
		t.Fatalf("admin password printed %d times:\n%s", n, logs.String())
	}
	if n := strings.Count(logs.String(), "loaded the built-in 2023 programme"); n != 1 {
		t.Fatalf("programme loaded %d times", n)
	}
}
