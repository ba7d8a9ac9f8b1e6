package handlers_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"roviec/models"
	"roviec/models/store"
)

// browser is a small cookie-keeping client that talks to the real router,
// the way a person with a web browser would.
type browser struct {
	e       *env
	cookies map[string]*http.Cookie
	addr    string // the client's host:port, when not httptest's
}

func newBrowser(e *env) *browser { return &browser{e: e, cookies: map[string]*http.Cookie{}} }

// send performs one request with the browser's cookies and keeps the cookies it sets.
func (b *browser) send(method, path string, form url.Values, header map[string]string) *httptest.ResponseRecorder {
	b.e.t.Helper()
	var req *http.Request
	if form != nil {
		req = httptest.NewRequest(method, path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		req = httptest.NewRequest(method, path, nil)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	if b.addr != "" {
		req.RemoteAddr = b.addr
	}
	for _, c := range b.cookies {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	b.e.app.Echo.ServeHTTP(rec, req)
	for _, c := range rec.Result().Cookies() {
		if c.MaxAge < 0 || c.Value == "" {
			delete(b.cookies, c.Name)
		} else {
			b.cookies[c.Name] = c
		}
	}
	return rec
}

// get fetches a page.
func (b *browser) get(path string) *httptest.ResponseRecorder {
	b.e.t.Helper()
	return b.send(http.MethodGet, path, nil, nil)
}

// submit opens page, takes the CSRF token from its form and posts form to action.
func (b *browser) submit(page, action string, form url.Values) *httptest.ResponseRecorder {
	b.e.t.Helper()
	rec := b.get(page)
	m := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`).FindStringSubmatch(rec.Body.String())
	if m == nil {
		b.e.t.Fatalf("no CSRF token on %s (status %d)", page, rec.Code)
	}
	form.Set("csrf_token", m[1])
	return b.send(http.MethodPost, action, form, nil)
}

// login logs in as one of the env's users and checks it worked.
func (b *browser) login(who string) {
	b.e.t.Helper()
	rec := b.submit("/login", "/login", url.Values{"email": {b.e.users[who].Email}, "password": {testPassword}})
	if rec.Code != http.StatusSeeOther {
		b.e.t.Fatalf("login as %s: status %d; body: %s", who, rec.Code, rec.Body.String())
	}
}

// expectPage fails when the response body lacks any of the texts.
func expectPage(t *testing.T, rec *httptest.ResponseRecorder, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if !strings.Contains(rec.Body.String(), s) {
			t.Errorf("body lacks %q; body:\n%s", s, rec.Body.String())
		}
	}
}

// pageAssignment returns the first assignment (by id) of the agency with code.
func (e *env) pageAssignment(code string) *models.Assignment {
	e.t.Helper()
	ctx := context.Background()
	ag, err := e.store.AgencyByCode(ctx, code)
	if err != nil {
		e.t.Fatal(err)
	}
	list, _, err := e.store.ListAssignments(ctx, store.AssignmentFilter{AgencyID: ag.ID, Page: store.Page{PerPage: 1}}, e.clock.Now())
	if err != nil || len(list) == 0 {
		e.t.Fatalf("no assignment for %s: %v", code, err)
	}
	a, err := e.store.AssignmentByID(ctx, list[0].ID)
	if err != nil {
		e.t.Fatal(err)
	}
	return a
}

// assignment reads an assignment back from the store.
func (e *env) assignment(id uint) *models.Assignment {
	e.t.Helper()
	a, err := e.store.AssignmentByID(context.Background(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	return a
}

// plans lists the plans, newest first.
func (e *env) plans() []models.Plan {
	e.t.Helper()
	plans, err := e.store.ListPlans(context.Background())
	if err != nil || len(plans) == 0 {
		e.t.Fatalf("plans: %v, %v", plans, err)
	}
	return plans
}

// themes lists the themes of a plan.
func (e *env) themes(planID uint) []models.Theme {
	e.t.Helper()
	themes, err := e.store.ListThemes(context.Background(), planID)
	if err != nil {
		e.t.Fatal(err)
	}
	return themes
}

// itoa formats an id for a URL.
func itoa(id uint) string { return strconv.FormatUint(uint64(id), 10) }
