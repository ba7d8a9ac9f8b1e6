package handlers_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"roviec/models"
	"roviec/models/store"
)

// agencyFeedAddress reads the calendar address an agency page shows ("" when
// the panel shows none) and returns its path.
func agencyFeedAddress(t *testing.T, page string) string {
	t.Helper()
	m := regexp.MustCompile(`id="calendar-url" value="([^"]+)"`).FindStringSubmatch(page)
	if m == nil {
		return ""
	}
	u, err := url.Parse(m[1])
	if err != nil || !strings.HasPrefix(u.Path, "/calendar/") || !strings.HasSuffix(u.Path, ".ics") {
		t.Fatalf("feed address %q", m[1])
	}
	return u.Path
}

// TestAgencyPageCalendarFeed: the agency's focal point turns the agency's
// calendar feed on from the agency page, which then shows the address the
// API gives; the feed lists the agency's open assignments; a new address
// ends the old one and turning it off ends the feed. Another agency's focal
// point is refused (403, nothing changes) and, like a viewer, sees no panel.
func TestAgencyPageCalendarFeed(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	march := e.assignmentFor("BTTTT", "2023-03-31")
	e.assignmentFor("BTTTT", "2023-04-20")
	hanoi := e.assignmentFor("01", "2023-03-31") // Hà Nội's: not in BTTTT's feed
	btttt, err := e.store.AgencyByCode(ctx, "BTTTT")
	if err != nil {
		t.Fatal(err)
	}
	owner := store.FeedOwner{AgencyID: btttt.ID}
	const panel = "Lịch hạn của cơ quan (iCalendar)"

	focal := newBrowser(e)
	focal.login("focal")
	off := focal.get("/agencies/BTTTT")
	expectPage(t, off, panel, "Lịch đang tắt.", `action="/agencies/BTTTT/calendar"`, "Bật lịch")
	if agencyFeedAddress(t, off.Body.String()) != "" {
		t.Fatal("an address is shown while the feed is off")
	}

	// Another agency's focal point and a viewer: no panel, and no way in.
	other := newBrowser(e)
	other.login("focal2")
	viewer := newBrowser(e)
	viewer.login("viewer")
	for who, b := range map[string]*browser{"focal2": other, "viewer": viewer} {
		body := b.get("/agencies/BTTTT").Body.String()
		if strings.Contains(body, panel) || strings.Contains(body, "/agencies/BTTTT/calendar") || strings.Contains(body, `id="calendar"`) {
			t.Errorf("%s sees BTTTT's calendar panel", who)
		}
	}
	expectPage(t, other.get("/agencies/01"), panel) // their own agency's, they do see
	for _, action := range []string{"/agencies/BTTTT/calendar", "/agencies/BTTTT/calendar/revoke"} {
		expectStatus(t, other.submit("/agencies/01", action, url.Values{}), http.StatusForbidden)
		expectStatus(t, viewer.submit("/agencies/BTTTT", action, url.Values{}), http.StatusForbidden)
	}
	if _, err := e.store.CalendarFeed(ctx, owner, false, e.clock.Now()); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("a refused request turned BTTTT's feed on: %v", err)
	}

	// The focal point turns it on: the page shows the API's address.
	rec := focal.submit("/agencies/BTTTT", "/agencies/BTTTT/calendar", url.Values{})
	expectStatus(t, rec, http.StatusSeeOther)
	if loc := rec.Header().Get("Location"); loc != "/agencies/BTTTT#calendar" {
		t.Errorf("redirected to %q", loc)
	}
	on := focal.get("/agencies/BTTTT")
	expectPage(t, on, "Đã cấp địa chỉ lịch mới cho cơ quan", "Đổi địa chỉ mới", `action="/agencies/BTTTT/calendar/revoke"`, "readonly")
	path := agencyFeedAddress(t, on.Body.String())
	if path == "" {
		t.Fatalf("no calendar address on the page: %s", on.Body.String())
	}
	if api := e.feedURL(e.token("focal"), "/api/v1/agencies/BTTTT/calendar"); api != path {
		t.Fatalf("page shows %s, the API %s", path, api)
	}
	events := e.readFeed(path)
	sameDues(t, dues(events), e.openDue(e.token("focal"), "BTTTT"))
	if _, ok := events["assignment-"+itoa(march)+"@roviec"]; !ok {
		t.Errorf("BTTTT's assignment %d is not in its feed", march)
	}
	if _, ok := events["assignment-"+itoa(hanoi)+"@roviec"]; ok {
		t.Error("Hà Nội's assignment is in BTTTT's feed")
	}

	// Refused requests leave the address working.
	expectStatus(t, other.submit("/agencies/01", "/agencies/BTTTT/calendar/revoke", url.Values{}), http.StatusForbidden)
	expectStatus(t, other.submit("/agencies/01", "/agencies/BTTTT/calendar", url.Values{}), http.StatusForbidden)
	e.readFeed(path)

	// A new address ends the old one; turning the feed off ends the new one.
	expectStatus(t, focal.submit("/agencies/BTTTT", "/agencies/BTTTT/calendar", url.Values{}), http.StatusSeeOther)
	fresh := agencyFeedAddress(t, focal.get("/agencies/BTTTT").Body.String())
	if fresh == "" || fresh == path {
		t.Fatalf("the address did not change: %q", fresh)
	}
	expectStatus(t, e.do("GET", path, "", nil), http.StatusNotFound)
	e.readFeed(fresh)
	rec = focal.submit("/agencies/BTTTT", "/agencies/BTTTT/calendar/revoke", url.Values{})
	expectStatus(t, rec, http.StatusSeeOther)
	if loc := rec.Header().Get("Location"); loc != "/agencies/BTTTT#calendar" {
		t.Errorf("redirected to %q", loc)
	}
	gone := focal.get("/agencies/BTTTT")
	expectPage(t, gone, "Đã tắt lịch của cơ quan", "Lịch đang tắt.")
	if agencyFeedAddress(t, gone.Body.String()) != "" {
		t.Error("an address is still shown after turning the feed off")
	}
	expectStatus(t, e.do("GET", fresh, "", nil), http.StatusNotFound)
	// Turning off a feed that is off is no error.
	expectStatus(t, focal.submit("/agencies/BTTTT", "/agencies/BTTTT/calendar/revoke", url.Values{}), http.StatusSeeOther)
}
