package handlers_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// tokenFrom asks for an API token as a client at addr (host:port) would.
func (e *env) tokenFrom(addr, email, password string) *httptest.ResponseRecorder {
	e.t.Helper()
	body, _ := json.Marshal(map[string]string{"email": email, "password": password})
	req := httptest.NewRequest(http.MethodPost, "/api/v1/auth/token", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.RemoteAddr = addr
	rec := httptest.NewRecorder()
	e.app.Echo.ServeHTTP(rec, req)
	return rec
}

// retryAfter reads a 429's Retry-After in seconds.
func retryAfter(t *testing.T, rec *httptest.ResponseRecorder) time.Duration {
	t.Helper()
	n, err := strconv.Atoi(rec.Header().Get("Retry-After"))
	if err != nil || n <= 0 {
		t.Fatalf("Retry-After %q on a %d", rec.Header().Get("Retry-After"), rec.Code)
	}
	return time.Duration(n) * time.Second
}

func TestAPILoginThrottledByAccount(t *testing.T) {
	e := newEnv(t)
	email := e.users["focal"].Email
	// Ten wrong passwords from ten addresses are plain 401s; the eleventh
	// attempt on the account, even with the right password, waits.
	for i := range 10 {
		rec := e.tokenFrom("198.51.100."+strconv.Itoa(i+1)+":4000", email, "sai-mat-khau")
		expectStatus(t, rec, http.StatusUnauthorized)
	}
	rec := e.tokenFrom("203.0.113.7:4000", strings.ToUpper(email), testPassword)
	expectStatus(t, rec, http.StatusTooManyRequests)
	wait := retryAfter(t, rec)
	var body apiErr
	decode(t, rec, &body)
	if !strings.Contains(body.Error, "thử lại sau "+strconv.Itoa(int(wait.Seconds()))+" giây") {
		t.Fatalf("429 message %q", body.Error)
	}
	// Another account is not held up.
	expectStatus(t, e.tokenFrom("203.0.113.7:4000", e.users["viewer"].Email, testPassword), http.StatusCreated)
	// The owner is let in after the wait, and that success forgets the failures.
	e.clock.Set(e.clock.Now().Add(wait))
	expectStatus(t, e.tokenFrom("203.0.113.7:4000", email, testPassword), http.StatusCreated)
	for i := range 10 {
		expectStatus(t, e.tokenFrom("198.51.100.20:4000", email, "sai-mat-khau-"+strconv.Itoa(i)), http.StatusUnauthorized)
	}
}

func TestAPILoginThrottledByAddress(t *testing.T) {
	e := newEnv(t)
	const attacker = "203.0.113.50:5000"
	// Twenty wrong guesses spread over accounts from one address, then the
	// address waits, whichever account it tries.
	emails := []string{e.users["focal"].Email, e.users["viewer"].Email, e.users["coordinator"].Email, "khong-co@test.vn"}
	for i := range 20 {
		expectStatus(t, e.tokenFrom(attacker, emails[i%len(emails)], "sai-mat-khau"), http.StatusUnauthorized)
	}
	rec := e.tokenFrom(attacker, "ai-do-khac@test.vn", "sai-mat-khau")
	expectStatus(t, rec, http.StatusTooManyRequests)
	retryAfter(t, rec)
	// Others, and the accounts it guessed at, still log in from elsewhere.
	expectStatus(t, e.tokenFrom("198.51.100.9:4000", e.users["focal"].Email, testPassword), http.StatusCreated)
	// A refused attempt does not push the wait further: after it, one more try.
	e.clock.Set(e.clock.Now().Add(retryAfter(t, e.tokenFrom(attacker, "x@test.vn", "sai-mat-khau"))))
	expectStatus(t, e.tokenFrom(attacker, e.users["viewer"].Email, testPassword), http.StatusCreated)
}

func TestAPILoginSuccessesFromOneAddressAreNotThrottled(t *testing.T) {
	e := newEnv(t)
	// An office behind one address logs in all morning.
	for i := range 40 {
		who := []string{"focal", "viewer", "coordinator", "focal2"}[i%4]
		expectStatus(t, e.tokenFrom("192.0.2.77:1000", e.users[who].Email, testPassword), http.StatusCreated)
	}
}

func TestPageLoginThrottled(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	for range 10 {
		rec := b.submit("/login", "/login", url.Values{"email": {"focal.btttt@test.vn"}, "password": {"sai-mat-khau"}})
		expectStatus(t, rec, http.StatusUnauthorized)
	}
	rec := b.submit("/login", "/login", url.Values{"email": {"focal.btttt@test.vn"}, "password": {testPassword}})
	expectStatus(t, rec, http.StatusTooManyRequests)
	wait := retryAfter(t, rec)
	expectPage(t, rec, "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau "+strconv.Itoa(int(wait.Seconds()))+" giây.",
		`value="focal.btttt@test.vn"`)
	if _, ok := b.cookies["roviec_session"]; ok {
		t.Fatal("a throttled login must not start a session")
	}
	e.clock.Set(e.clock.Now().Add(wait))
	b.login("focal")
}
