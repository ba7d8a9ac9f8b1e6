package handlers_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestPageTokens makes a personal token on the account page, sees it once,
// uses it, finds its last use listed, and revokes it.
func TestPageTokens(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	b.login("focal")
	expectPage(t, b.get("/account/tokens"), "Mã truy cập API", "Bạn chưa có mã truy cập nào.")

	rec := b.submit("/account/tokens", "/account/tokens", url.Values{"name": {"Cổng dữ liệu tỉnh"}, "scope": {"read"}, "expires_at": {"31/12/2023"}})
	if rec.Code != http.StatusCreated {
		t.Fatalf("create: %d %s", rec.Code, rec.Body.String())
	}
	m := regexp.MustCompile(`id="token-value">(rvp_[A-Za-z0-9_-]+)<`).FindStringSubmatch(rec.Body.String())
	if m == nil {
		t.Fatalf("the new token is not shown: %s", rec.Body.String())
	}
	expectPage(t, rec, "Cổng dữ liệu tỉnh", "Chỉ đọc", "01/01/2024 00:00", "Chưa dùng")
	if page := b.get("/account/tokens").Body.String(); strings.Contains(page, m[1]) {
		t.Fatal("the token is shown a second time")
	}
	expectStatus(t, e.do("GET", "/api/v1/me/work", m[1], nil), http.StatusOK)
	expectStatus(t, e.do("POST", "/api/v1/notifications/read", m[1], map[string]any{"all": true}), http.StatusForbidden)
	expectPage(t, b.get("/account/tokens"), "25/02/2023 09:00")

	id := e.myTokens(e.token("focal"))[0].ID
	rec = b.submit("/account/tokens", "/account/tokens/"+itoa(id)+"/revoke", url.Values{})
	expectStatus(t, rec, http.StatusSeeOther)
	expectPage(t, b.get("/account/tokens"), "Đã thu hồi mã truy cập.", "Bạn chưa có mã truy cập nào.")
	expectStatus(t, e.do("GET", "/api/v1/me/work", m[1], nil), http.StatusUnauthorized)
}

// TestPageTokenRefused keeps the input and names the fields at fault.
func TestPageTokenRefused(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	b.login("viewer")
	rec := b.submit("/account/tokens", "/account/tokens", url.Values{"name": {""}, "scope": {"write"}, "expires_at": {"01/01/2020"}})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectPage(t, rec, "Cần đặt tên cho mã truy cập.", "Ngày hết hạn phải ở sau thời điểm hiện tại.", `value="01/01/2020"`)
	if list := e.myTokens(e.token("viewer")); len(list) != 0 {
		t.Fatalf("a refused token was made: %+v", list)
	}
}

// TestPageCalendarAddress turns the calendar feed on from the account page,
// finds the same address the API gives, changes it and turns it off.
func TestPageCalendarAddress(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	b.login("focal")
	expectPage(t, b.get("/account/tokens"), "Lịch đang tắt.")
	expectStatus(t, b.submit("/account/tokens", "/account/calendar", url.Values{}), http.StatusSeeOther)
	page := b.get("/account/tokens").Body.String()
	m := regexp.MustCompile(`id="calendar-url">([^<]+)<`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no calendar address on the page: %s", page)
	}
	path := e.feedURL(e.token("focal"), "/api/v1/me/calendar")
	if !strings.HasSuffix(m[1], path) {
		t.Fatalf("page shows %s, the API %s", m[1], path)
	}
	e.readFeed(path)
	expectStatus(t, b.submit("/account/tokens", "/account/calendar", url.Values{}), http.StatusSeeOther)
	expectStatus(t, e.do("GET", path, "", nil), http.StatusNotFound)
	expectStatus(t, b.submit("/account/tokens", "/account/calendar/revoke", url.Values{}), http.StatusSeeOther)
	expectPage(t, b.get("/account/tokens"), "Đã tắt lịch", "Lịch đang tắt.")
}
