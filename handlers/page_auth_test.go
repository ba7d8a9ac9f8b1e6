package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestPageAnonymousGoesToLogin(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	rec := b.get("/")
	expectStatus(t, rec, http.StatusSeeOther)
	if loc := rec.Header().Get("Location"); loc != "/login?next=%2F" {
		t.Fatalf("Location %q", loc)
	}
	for _, path := range []string{"/plans/1", "/assignments/1", "/admin/users", "/agencies"} {
		if rec := b.get(path); rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/login") {
			t.Errorf("GET %s: status %d, Location %q", path, rec.Code, rec.Header().Get("Location"))
		}
	}
	rec = b.get("/login")
	expectStatus(t, rec, http.StatusOK)
	expectPage(t, rec, "Đăng nhập", `name="csrf_token"`)
}

func TestPageLoginWrongPassword(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	rec := b.submit("/login", "/login", url.Values{"email": {"focal.btttt@test.vn"}, "password": {"sai-mat-khau"}})
	expectStatus(t, rec, http.StatusUnauthorized)
	expectPage(t, rec, "E-mail hoặc mật khẩu không đúng", `value="focal.btttt@test.vn"`)
	if _, ok := b.cookies["roviec_session"]; ok {
		t.Fatal("a failed login must not set a session")
	}
}

func TestPageLoginRedirectsOnlyToLocalPaths(t *testing.T) {
	e := newEnv(t)
	for next, want := range map[string]string{"/agencies": "/agencies", "https://evil.example/": "/", "//evil.example": "/"} {
		b := newBrowser(e)
		rec := b.submit("/login", "/login", url.Values{"email": {"viewer@test.vn"}, "password": {testPassword}, "next": {next}})
		expectStatus(t, rec, http.StatusSeeOther)
		if got := rec.Header().Get("Location"); got != want {
			t.Errorf("next=%q: Location %q, want %q", next, got, want)
		}
	}
}

func TestPageLogout(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	b.login("viewer")
	expectStatus(t, b.get("/agencies"), http.StatusOK)
	rec := b.submit("/agencies", "/logout", url.Values{})
	expectStatus(t, rec, http.StatusSeeOther)
	if rec := b.get("/agencies"); rec.Code != http.StatusSeeOther {
		t.Fatalf("after logout: status %d", rec.Code)
	}
}

func TestPagePostWithoutCSRFIsRefused(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	b.login("focal")
	a := e.pageAssignment("BTTTT")
	form := url.Values{"status": {string(a.Status)}, "progress": {"55"}, "owner_name": {"Nguyễn Văn An"}}
	rec := b.send(http.MethodPost, "/assignments/"+itoa(a.ID), form, nil)
	if rec.Code < 400 {
		t.Fatalf("CSRF-less post: status %d", rec.Code)
	}
	expectPage(t, rec, "Biểu mẫu đã hết hạn hoặc không hợp lệ")
	form.Set("csrf_token", "forged-token")
	if rec := b.send(http.MethodPost, "/assignments/"+itoa(a.ID), form, nil); rec.Code < 400 {
		t.Fatalf("forged token: status %d", rec.Code)
	}
	after, err := e.store.AssignmentByID(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.Progress != a.Progress || after.OwnerName != a.OwnerName {
		t.Fatalf("a refused post changed the assignment: %+v", after)
	}
}

func TestPageDemoBanner(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	if strings.Contains(b.get("/login").Body.String(), "Dữ liệu minh họa") {
		t.Fatal("banner shown without demo mode")
	}
	e.app.Handler.Opt.Demo = true
	expectPage(t, b.get("/login"), "Dữ liệu minh họa")
	b.login("viewer")
	expectPage(t, b.get("/agencies"), "Dữ liệu minh họa")
}

func TestPageEnglishSwitch(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	b.login("viewer")
	expectPage(t, b.get("/agencies"), "Đăng xuất", "Bộ, ngành và địa phương")
	rec := b.submit("/agencies", "/lang", url.Values{"lang": {"en"}, "next": {"/agencies"}})
	expectStatus(t, rec, http.StatusSeeOther)
	if loc := rec.Header().Get("Location"); loc != "/agencies" {
		t.Fatalf("Location %q", loc)
	}
	rec = b.get("/agencies")
	expectPage(t, rec, "Log out", "Ministries and provinces", `<html lang="en">`)
	u, err := e.store.UserByID(context.Background(), e.users["viewer"].ID)
	if err != nil || u.Language != "en" {
		t.Fatalf("user language %q, %v", u.Language, err)
	}
	// A visitor's choice is kept in a cookie.
	v := newBrowser(e)
	v.submit("/login", "/lang", url.Values{"lang": {"en"}, "next": {"/login"}})
	expectPage(t, v.get("/login"), "Log in")
}

func TestPageStaticAssets(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	page := b.get("/login").Body.String()
	for _, name := range []string{"app.css", "htmx.min.js"} {
		i := strings.Index(page, "/static/"+name+"?v=")
		if i < 0 {
			t.Fatalf("page does not link %s with a version", name)
		}
		url := page[i : i+strings.IndexByte(page[i:], '"')]
		rec := b.get(url)
		expectStatus(t, rec, http.StatusOK)
		if cc := rec.Header().Get("Cache-Control"); !strings.Contains(cc, "max-age=31536000") {
			t.Errorf("%s: Cache-Control %q", url, cc)
		}
	}
	expectStatus(t, b.get("/static/nothing.js"), http.StatusNotFound)
}
