package handlers_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
)

// apiPersonalToken is a personal token as GET /api/v1/me/tokens lists it.
type apiPersonalToken struct {
	ID         uint    `json:"id"`
	Name       string  `json:"name"`
	Scope      string  `json:"scope"`
	ExpiresAt  *string `json:"expires_at"`
	LastUsedAt *string `json:"last_used_at"`
	Expired    bool    `json:"expired"`
}

// newPersonalToken makes a personal token through the API and returns its id and the token.
func (e *env) newPersonalToken(login string, body map[string]any) (uint, string) {
	e.t.Helper()
	rec := e.do("POST", "/api/v1/me/tokens", login, body)
	expectStatus(e.t, rec, http.StatusCreated)
	var out struct {
		ID    uint   `json:"id"`
		Token string `json:"token"`
	}
	decode(e.t, rec, &out)
	if out.ID == 0 || out.Token == "" {
		e.t.Fatalf("created token: %s", rec.Body.String())
	}
	return out.ID, out.Token
}

// myTokens lists the caller's personal tokens.
func (e *env) myTokens(tok string) []apiPersonalToken {
	e.t.Helper()
	rec := e.do("GET", "/api/v1/me/tokens", tok, nil)
	expectStatus(e.t, rec, http.StatusOK)
	var out apiList[apiPersonalToken]
	decode(e.t, rec, &out)
	return out.Items
}

func TestAPIPersonalTokenLifecycle(t *testing.T) {
	e := newEnv(t)
	login := e.token("focal")
	id, tok := e.newPersonalToken(login, map[string]any{"name": "Cổng tỉnh", "scope": "write"})
	if !strings.HasPrefix(tok, "rvp_") {
		t.Errorf("token %q lacks its prefix", tok)
	}
	var count int64
	e.store.DB().Raw("SELECT COUNT(*) FROM tokens WHERE hash = ?", tok).Scan(&count)
	if count != 0 {
		t.Fatal("the token is stored in clear")
	}
	list := e.myTokens(login)
	if len(list) != 1 || list[0].ID != id || list[0].Name != "Cổng tỉnh" || list[0].Scope != "write" || list[0].ExpiresAt != nil || list[0].LastUsedAt != nil {
		t.Fatalf("list before use: %+v", list)
	}
	expectStatus(t, e.do("GET", "/api/v1/plans", tok, nil), http.StatusOK)
	first := e.myTokens(login)[0].LastUsedAt
	if first == nil {
		t.Fatal("no last use after a request")
	}
	// Used again 30 s later: not written; 61 s after the first: written.
	start := e.clock.Now()
	e.clock.Set(start.Add(30 * time.Second))
	expectStatus(t, e.do("GET", "/api/v1/plans", tok, nil), http.StatusOK)
	if got := e.myTokens(login)[0].LastUsedAt; *got != *first {
		t.Errorf("last use rewritten within a minute: %s -> %s", *first, *got)
	}
	e.clock.Set(start.Add(61 * time.Second))
	expectStatus(t, e.do("GET", "/api/v1/plans", tok, nil), http.StatusOK)
	if got := e.myTokens(login)[0].LastUsedAt; *got == *first {
		t.Errorf("last use not written after a minute: %s", *got)
	}
	// Someone else cannot revoke it; its owner can, and it stops working.
	expectStatus(t, e.do("DELETE", fmt.Sprintf("/api/v1/me/tokens/%d", id), e.token("focal2"), nil), http.StatusNotFound)
	expectStatus(t, e.do("DELETE", fmt.Sprintf("/api/v1/me/tokens/%d", id), login, nil), http.StatusNoContent)
	expectStatus(t, e.do("GET", "/api/v1/plans", tok, nil), http.StatusUnauthorized)
	if list := e.myTokens(login); len(list) != 0 {
		t.Fatalf("after revoking: %+v", list)
	}
}

func TestAPIPersonalTokenExpires(t *testing.T) {
	e := newEnv(t)
	login := e.token("viewer")
	// The clock stands on 25/02/2023: a token through 26/02 works on the 26th, not the 27th.
	_, tok := e.newPersonalToken(login, map[string]any{"name": "Hai ngày", "scope": "read", "expires_at": "26/02/2023"})
	if got := e.myTokens(login)[0].ExpiresAt; got == nil || *got != "2023-02-27T00:00:00+07:00" {
		t.Fatalf("expires_at %v", got)
	}
	e.clock.Set(e.clock.Now().Add(24 * time.Hour))
	expectStatus(t, e.do("GET", "/api/v1/plans", tok, nil), http.StatusOK)
	e.clock.Set(e.clock.Now().Add(24 * time.Hour))
	expectStatus(t, e.do("GET", "/api/v1/plans", tok, nil), http.StatusUnauthorized)
}

func TestAPIPersonalTokenRefusals(t *testing.T) {
	e := newEnv(t)
	login := e.token("viewer")
	for _, c := range []struct {
		body  map[string]any
		field string
	}{
		{map[string]any{"name": "", "scope": "read"}, "name"},
		{map[string]any{"name": "x", "scope": "admin"}, "scope"},
		{map[string]any{"name": "x", "scope": "read", "expires_at": "24/02/2023"}, "expires_at"},
		{map[string]any{"name": "x", "scope": "read", "expires_at": "31/13/2023"}, "expires_at"},
		{map[string]any{"name": strings.Repeat("a", 101), "scope": "read"}, "name"},
	} {
		rec := e.do("POST", "/api/v1/me/tokens", login, c.body)
		expectStatus(t, rec, http.StatusUnprocessableEntity)
		var out apiErr
		decode(t, rec, &out)
		if out.Fields[c.field] == "" {
			t.Errorf("%v: no message for %s: %s", c.body, c.field, rec.Body.String())
		}
	}
	if list := e.myTokens(login); len(list) != 0 {
		t.Fatalf("refused tokens were made: %+v", list)
	}
}

// TestAPIReadTokenRefusesEveryWrite walks every write route the router
// knows under /api/v1 with a read-only personal token of an admin (who may
// do anything): each is a 403 saying the token only reads, and nothing is
// written. A write token of the same admin passes the gate.
func TestAPIReadTokenRefusesEveryWrite(t *testing.T) {
	e := newEnv(t)
	login := e.token("admin")
	_, read := e.newPersonalToken(login, map[string]any{"name": "Chỉ đọc", "scope": "read"})
	_, write := e.newPersonalToken(login, map[string]any{"name": "Ghi", "scope": "write"})
	before := e.tableCounts(t)
	n := 0
	for _, rt := range e.app.Echo.Routes() {
		if !strings.HasPrefix(rt.Path, "/api/v1/") || rt.Path == "/api/v1/*" || rt.Path == "/api/v1/auth/token" ||
			slices.Contains([]string{"GET", "HEAD", "OPTIONS", "CONNECT", "TRACE", echo.RouteNotFound}, rt.Method) {
			continue
		}
		n++
		path := strings.NewReplacer(":id", "1", ":code", "BTTTT", ":comment", "1").Replace(rt.Path)
		rec := e.do(rt.Method, path, read, map[string]any{"name": "x"})
		if rec.Code != http.StatusForbidden {
			t.Errorf("%s %s with a read token: %d %s", rt.Method, rt.Path, rec.Code, rec.Body.String())
			continue
		}
		var out apiErr
		decode(t, rec, &out)
		if !strings.Contains(out.Error, "chỉ được đọc") {
			t.Errorf("%s %s: message %q", rt.Method, rt.Path, out.Error)
		}
	}
	if n < 25 {
		t.Fatalf("only %d write routes walked", n)
	}
	if after := e.tableCounts(t); !mapsEqual(before, after) {
		t.Errorf("rows changed: %v", diffCounts(before, after))
	}
	rec := e.do("POST", "/api/v1/holidays", write, map[string]any{"day": "2023-12-28", "name_vi": "Nghỉ", "name_en": "Off"})
	expectStatus(t, rec, http.StatusCreated)
}

// TestAPIPersonalTokenCannotMakeTokensOrFeeds: a personal token, read or
// write, may not make another token (a leaked token that expires tomorrow
// must not become one that never does), and a read token may not make a
// calendar feed, whose address would outlive it; a login token may both.
func TestAPIPersonalTokenCannotMakeTokensOrFeeds(t *testing.T) {
	e := newEnv(t)
	login := e.token("focal")
	_, write := e.newPersonalToken(login, map[string]any{"name": "Bot", "scope": "write"})
	_, read := e.newPersonalToken(login, map[string]any{"name": "Báo cáo", "scope": "read"})
	rec := e.do("POST", "/api/v1/me/tokens", write, map[string]any{"name": "Vĩnh viễn", "scope": "write"})
	expectStatus(t, rec, http.StatusForbidden)
	if list := e.myTokens(login); len(list) != 2 {
		t.Fatalf("a personal token made a token: %+v", list)
	}
	expectStatus(t, e.do("GET", "/api/v1/me/calendar", read, nil), http.StatusNotFound)
	var n int64
	if err := e.store.DB().Table("calendar_feeds").Count(&n).Error; err != nil || n != 0 {
		t.Fatalf("a read token made %d calendar feeds (%v)", n, err)
	}
	expectStatus(t, e.do("GET", "/api/v1/me/calendar", login, nil), http.StatusOK)
	expectStatus(t, e.do("GET", "/api/v1/me/calendar", read, nil), http.StatusOK) // reading one made is fine
}
