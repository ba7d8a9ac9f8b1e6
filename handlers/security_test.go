package handlers_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/static"
)

// securityHeaders are the headers every response carries, whatever answers it.
var securityHeaders = map[string]string{
	"Content-Security-Policy": web.ContentSecurityPolicy,
	"X-Content-Type-Options":  "nosniff",
	"X-Frame-Options":         "DENY",
	"Referrer-Policy":         "same-origin",
}

// expectHeaders fails the test for each header of want the response lacks.
func expectHeaders(t *testing.T, what string, rec *httptest.ResponseRecorder, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if got := rec.Header().Get(k); got != v {
			t.Errorf("%s: %s = %q, want %q", what, k, got, v)
		}
	}
}

// TestSecurityHeaders: pages, API answers, errors and static files carry the
// Content-Security-Policy and the other security headers; pages and API
// answers are never stored (they hold personal data), versioned static files
// are cached; HSTS only when the public URL is https.
func TestSecurityHeaders(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	noStore := map[string]string{"Cache-Control": "no-store"}
	anonymous := map[string]*httptest.ResponseRecorder{
		"login page":   b.get("/login"),
		"unknown page": b.get("/no-such-page"),
		"healthz":      e.do(http.MethodGet, "/healthz", "", nil),
		"api 401":      e.do(http.MethodGet, "/api/v1/plans", "", nil),
		"api refused":  e.do(http.MethodPost, "/api/v1/auth/token", "", map[string]string{"email": "x@test.vn", "password": "wrong"}),
	}
	b.login("admin")
	anonymous["overview"] = b.get("/plans")
	anonymous["api plans"] = e.do(http.MethodGet, "/api/v1/plans", e.token("admin"), nil)
	for what, rec := range anonymous {
		expectHeaders(t, what, rec, securityHeaders)
		expectHeaders(t, what, rec, noStore)
		if got := rec.Header().Get("Strict-Transport-Security"); got != "" {
			t.Errorf("%s: HSTS %q over http", what, got)
		}
	}
	versions, err := static.Versions()
	if err != nil {
		t.Fatal(err)
	}
	css := b.get("/static/app.css?v=" + versions["app.css"])
	expectStatus(t, css, http.StatusOK)
	expectHeaders(t, "static", css, securityHeaders)
	expectHeaders(t, "static", css, map[string]string{"Cache-Control": "public, max-age=31536000, immutable"})

	e.app.Handler.Opt.BaseURL = "https://roviec.example.gov.vn"
	expectHeaders(t, "https", b.get("/plans"), map[string]string{"Strict-Transport-Security": "max-age=31536000"})
}

// TestMailFrameHeaders: an e-mail's HTML body is served for its page's frame
// under its own policy (inline styles, nothing that loads or runs, sandboxed),
// framable only by the application itself, and to admins only.
func TestMailFrameHeaders(t *testing.T) {
	e := newEnv(t)
	msg := e.addOutbox(models.OutboxMessage{Recipients: "a@test.vn", Subject: "Thư", Status: models.OutboxSent,
		BodyHTML: `<p style="color:#b00">Kính gửi</p><script>alert(1)</script>`})
	path := "/admin/outbox/" + itoa(msg.ID)
	b := newBrowser(e)
	b.login("admin")
	expectPage(t, b.get(path), `<iframe sandbox="" class="mail-frame" src="`+path+`/html"`)
	rec := b.get(path + "/html")
	expectStatus(t, rec, http.StatusOK)
	csp := rec.Header().Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "sandbox", "frame-ancestors 'self'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("the mail frame's policy %q lacks %q", csp, want)
		}
	}
	expectHeaders(t, "mail frame", rec, map[string]string{"X-Frame-Options": "SAMEORIGIN", "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"})
	for _, who := range []string{"coordinator", "focal", "viewer"} {
		o := newBrowser(e)
		o.login(who)
		expectStatus(t, o.get(path+"/html"), http.StatusForbidden)
	}
}
