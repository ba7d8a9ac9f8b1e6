package handlers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"roviec/app"
	"roviec/models"
	"roviec/models/store"
	"roviec/models/store/storetest"
)

// clock is a settable clock for tests.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

// env is the real application on a fresh database (storetest), with the 2023
// programme loaded, a fixed clock and one user of each role.
type env struct {
	t     testing.TB
	app   *app.App
	store *store.Store
	clock *clock
	// users by role name: "admin", "coordinator", "viewer", "focal" (agency BTTTT), "focal2" (province 01).
	users map[string]*models.User
}

const testPassword = "mat-khau-thu-nghiem"

func newEnv(t testing.TB) *env {
	t.Helper()
	return newEnvWith(t, func(*app.Config) {})
}

// newEnvWith is newEnv with the configuration changed by tweak first.
func newEnvWith(t testing.TB, tweak func(*app.Config)) *env {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	cfg := app.DefaultConfig()
	cfg.Database = storetest.Database(t)
	cfg.AdminEmail = "admin@test.vn"
	cfg.AdminPassword = testPassword
	tweak(&cfg)
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	clk := &clock{t: time.Date(2023, 2, 25, 9, 0, 0, 0, loc)}
	a, err := app.New(cfg, clk.Now, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = a.Close() })
	a.Store.PasswordCost = bcrypt.MinCost
	if err := a.Bootstrap(context.Background()); err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, app: a, store: a.Store, clock: clk, users: map[string]*models.User{}}
	admin, err := a.Store.Authenticate(context.Background(), cfg.AdminEmail, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	e.users["admin"] = admin
	e.users["coordinator"] = e.addUser("coordinator@test.vn", models.RoleCoordinator, "")
	e.users["viewer"] = e.addUser("viewer@test.vn", models.RoleViewer, "")
	e.users["focal"] = e.addUser("focal.btttt@test.vn", models.RoleFocal, "BTTTT")
	e.users["focal2"] = e.addUser("focal.hanoi@test.vn", models.RoleFocal, "01")
	return e
}

// addUser creates a user with testPassword.
func (e *env) addUser(email string, role models.Role, agency string) *models.User {
	e.t.Helper()
	u, err := e.store.CreateUser(context.Background(), models.NewUser{Email: email, Name: "Người dùng " + string(role),
		Role: role, AgencyCode: agency, Password: testPassword})
	if err != nil {
		e.t.Fatal(err)
	}
	return u
}

// token returns an API bearer token for a user of the env.
func (e *env) token(who string) string {
	e.t.Helper()
	plain, _, err := e.store.IssueToken(context.Background(), e.users[who].ID, models.TokenAPI, e.clock.Now(), time.Hour)
	if err != nil {
		e.t.Fatal(err)
	}
	return plain
}

// do sends a request through the real router. body may be nil, a string
// (sent as is) or any value (sent as JSON). token may be "".
func (e *env) do(method, path, token string, body any) *httptest.ResponseRecorder {
	e.t.Helper()
	return e.doHeader(method, path, token, nil, body)
}

// doHeader is do with request headers.
func (e *env) doHeader(method, path, token string, header map[string]string, body any) *httptest.ResponseRecorder {
	e.t.Helper()
	var r io.Reader
	ctype := ""
	switch b := body.(type) {
	case nil:
	case string:
		r, ctype = strings.NewReader(b), "application/json"
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		r, ctype = bytes.NewReader(buf), "application/json"
	}
	req := httptest.NewRequest(method, path, r)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	e.app.Echo.ServeHTTP(rec, req)
	return rec
}

// decode parses a JSON response body into v.
func decode(t testing.TB, rec *httptest.ResponseRecorder, v any) {
	t.Helper()
	if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
		t.Fatalf("decode %q: %v", rec.Body.String(), err)
	}
}

// expectStatus fails the test when the response has another status.
func expectStatus(t testing.TB, rec *httptest.ResponseRecorder, want int) {
	t.Helper()
	if rec.Code != want {
		t.Fatalf("status %d, want %d; body: %s", rec.Code, want, rec.Body.String())
	}
}
