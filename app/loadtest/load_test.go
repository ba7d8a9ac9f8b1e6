package loadtest_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"roviec/app"
	"roviec/app/loadtest"
)

const (
	adminEmail    = "admin@load.test"
	adminPassword = "mat-khau-tai-thu"
)

// startServer serves the real app over HTTP on a fresh SQLite file with the
// 2023 programme (1317 assignments, none started), on 02/10/2023.
func startServer(t *testing.T) string {
	t.Helper()
	cfg := app.DefaultConfig()
	cfg.Database = filepath.Join(t.TempDir(), "load.db")
	cfg.AdminEmail, cfg.AdminPassword = adminEmail, adminPassword
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	now := func() time.Time { return time.Date(2023, 10, 2, 9, 0, 0, 0, cfg.Location) }
	a, err := app.New(cfg, now, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = a.Close() })
	a.Store.PasswordCost = bcrypt.MinCost
	if err := a.Bootstrap(context.Background()); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a.Echo)
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestLoadEveryTargetAnswers runs every scenario briefly against the real
// app: every target must answer every request, so a broken URL in the
// target list fails here.
func TestLoadEveryTargetAnswers(t *testing.T) {
	url := startServer(t)
	r, err := loadtest.Run(context.Background(), loadtest.Options{URL: url, Email: adminEmail, Password: adminPassword,
		Clients: 2, Writers: 2, Duration: 500 * time.Millisecond, Scenario: loadtest.ScenarioAll, Now: time.Now})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Reads) != 16 || r.Write == nil {
		t.Fatalf("ran %d read targets and write %v, want 16 and the write scenario", len(r.Reads), r.Write)
	}
	for _, s := range append(r.Reads, *r.Write) {
		if s.Requests == 0 || s.Errors > 0 {
			t.Errorf("%s: %d requests, %d errors (first: %s)", s.Target, s.Requests, s.Errors, s.FirstError)
		}
	}
	if r.Write.Succeeded() == 0 {
		t.Errorf("no assignment was updated: %+v", *r.Write)
	}
	var table strings.Builder
	if err := loadtest.WriteTable(&table, r); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| `/league?as_of=dd/mm/yyyy` |", "| `PATCH /api/v1/assignments/{id}` |", "updates/s"} {
		if !strings.Contains(table.String(), want) {
			t.Errorf("the table lacks %q:\n%s", want, table.String())
		}
	}
}

func TestLoadRefusesAWrongPassword(t *testing.T) {
	url := startServer(t)
	_, err := loadtest.Run(context.Background(), loadtest.Options{URL: url, Email: adminEmail, Password: "sai-mat-khau",
		Clients: 1, Writers: 1, Duration: time.Second, Scenario: loadtest.ScenarioRead, Now: time.Now})
	if err == nil || !strings.Contains(err.Error(), "wrong e-mail or password") {
		t.Fatalf("got %v", err)
	}
}
