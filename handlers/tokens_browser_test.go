package handlers_test

import "testing"

// TestBrowserAccountTokens: at 375 px a focal point makes a read-only token
// and turns the calendar on from the account page, and reads the API's
// docs page; nothing scrolls sideways.
func TestBrowserAccountTokens(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	phone := s.open(t, "tokens", 375, 812)
	phone.login("focal")
	phone.visit("/account/tokens")
	phone.fill("#name", "Cổng dữ liệu tỉnh")
	phone.fill("#expires_at", "31/12/2023")
	phone.submitAndWait(`form[action="/account/tokens"] button[type=submit]`)
	phone.expectText("#token-value", "rvp_")
	phone.expectFits("token-made")
	phone.submitAndWait(`form[action="/account/calendar"] button[type=submit]`)
	phone.expectText("#calendar-url", "/calendar/")
	phone.expectFits("calendar-on")
	phone.visit("/api/docs")
	phone.expectText("main", "POST /me/tokens")
	phone.expectFits("api-docs")
}
