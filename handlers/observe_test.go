package handlers_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// lockedBuffer is a log destination the requests of a test write to.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestRequestLog: one JSON line per request with the route pattern, status,
// duration and user id; no password, token, session id or query string in
// the log, whatever the requests carried.
func TestRequestLog(t *testing.T) {
	e := newEnv(t)
	var out lockedBuffer
	e.app.Handler.Log = slog.New(slog.NewJSONHandler(&out, nil))
	tok := e.token("focal")
	b := newBrowser(e)
	b.login("focal")
	id := e.assignmentFor("BTTTT", "2023-03-31")
	expectStatus(t, e.patchAssignment(tok, id, map[string]any{"progress": 30}), http.StatusOK)
	expectStatus(t, e.do("GET", "/api/v1/assignments?token=s3cr3t-in-query&agency_code=BTTTT", tok, nil), http.StatusOK)
	expectStatus(t, e.do("GET", "/api/v1/plans", "wrong-token-value", nil), http.StatusUnauthorized)
	expectStatus(t, b.get("/assignments/"+itoa(id)), http.StatusOK)
	stranger := newBrowser(e)
	expectStatus(t, stranger.submit("/login", "/login", url.Values{"email": {"focal.btttt@test.vn"}, "password": {"sai-mat-khau-123"}}), http.StatusUnauthorized)

	log := out.String()
	secrets := []string{testPassword, "sai-mat-khau-123", tok, "s3cr3t-in-query", "wrong-token-value"}
	for _, c := range append(mapValues(b.cookies), mapValues(stranger.cookies)...) {
		secrets = append(secrets, c.Value)
	}
	for _, s := range secrets {
		if strings.Contains(log, s) {
			t.Errorf("the log holds a secret %q:\n%s", s, log)
		}
	}
	type line struct {
		Msg      string  `json:"msg"`
		Method   string  `json:"method"`
		Route    string  `json:"route"`
		Status   int     `json:"status"`
		Duration float64 `json:"duration_ms"`
		UserID   uint    `json:"user_id"`
	}
	seen := map[string]line{}
	for _, l := range strings.Split(strings.TrimSpace(log), "\n") {
		var x line
		if err := json.Unmarshal([]byte(l), &x); err != nil {
			t.Fatalf("not a JSON line: %q", l)
		}
		if x.Msg == "request" {
			seen[x.Method+" "+x.Route+" "+itoa(uint(x.Status))] = x
		}
	}
	focal := e.users["focal"].ID
	for key, user := range map[string]uint{
		"PATCH /api/v1/assignments/:id 200": focal,
		"GET /api/v1/assignments 200":       focal,
		"GET /api/v1/plans 401":             0,
		"GET /assignments/:id 200":          focal,
		"POST /login 401":                   0,
	} {
		x, ok := seen[key]
		if !ok {
			t.Errorf("no request line %q in %v", key, seen)
			continue
		}
		if x.UserID != user || x.Duration <= 0 {
			t.Errorf("%s: user %d (want %d), duration %v", key, x.UserID, user, x.Duration)
		}
	}
}

// TestReadyz: ready while the database answers with the schema this binary
// knows; 503 when a migration is missing or the schema is newer.
func TestReadyz(t *testing.T) {
	e := newEnv(t)
	expectStatus(t, e.do("GET", "/readyz", "", nil), http.StatusOK)
	db := e.store.DB()
	if err := db.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from a newer binary', ?)", e.clock.Now()).Error; err != nil {
		t.Fatal(err)
	}
	expectStatus(t, e.do("GET", "/readyz", "", nil), http.StatusServiceUnavailable)
	if err := db.Exec("DELETE FROM schema_migrations WHERE version IN (999, 7)").Error; err != nil {
		t.Fatal(err)
	}
	expectStatus(t, e.do("GET", "/readyz", "", nil), http.StatusServiceUnavailable)
	expectStatus(t, e.do("GET", "/healthz", "", nil), http.StatusOK) // alive all along
}

func mapValues[K comparable, V any](m map[K]V) []V {
	out := make([]V, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}
