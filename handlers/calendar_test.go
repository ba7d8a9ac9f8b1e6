package handlers_test

import (
	"bytes"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"
)

// feedURL asks the API for a calendar feed's address (path: /api/v1/me/calendar
// or an agency's) and returns the address's path.
func (e *env) feedURL(tok, path string) string {
	e.t.Helper()
	rec := e.do("GET", path, tok, nil)
	expectStatus(e.t, rec, http.StatusOK)
	var out struct {
		URL string `json:"url"`
	}
	decode(e.t, rec, &out)
	u, err := url.Parse(out.URL)
	if err != nil || !strings.HasPrefix(u.Path, "/calendar/") || !strings.HasSuffix(u.Path, ".ics") {
		e.t.Fatalf("feed url %q", out.URL)
	}
	return u.Path
}

// feedEvent is what the tests read of a parsed event.
type feedEvent struct {
	due, summary, description, link string
	alarms                          int
}

// readFeed fetches a feed without any login and parses it back.
func (e *env) readFeed(path string) map[string]feedEvent {
	e.t.Helper()
	rec := e.do("GET", path, "", nil)
	expectStatus(e.t, rec, http.StatusOK)
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/calendar") {
		e.t.Fatalf("content type %q", ct)
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		e.t.Fatalf("parse: %v\n%s", err, rec.Body.String())
	}
	out := map[string]feedEvent{}
	for _, ev := range cal.Events() {
		start, err := ev.GetAllDayStartAt()
		if err != nil {
			e.t.Fatalf("event %s: %v", ev.Id(), err)
		}
		prop := func(p ics.ComponentProperty) string {
			if v := ev.GetProperty(p); v != nil {
				return v.Value
			}
			return ""
		}
		out[ev.Id()] = feedEvent{due: start.Format("2006-01-02"), summary: prop(ics.ComponentPropertySummary),
			description: prop(ics.ComponentPropertyDescription), link: prop(ics.ComponentPropertyUrl), alarms: len(ev.Alarms())}
	}
	return out
}

// openDue lists, through the API, an agency's open assignments as uid -> due date.
func (e *env) openDue(tok, code string) map[string]string {
	e.t.Helper()
	rec := e.do("GET", "/api/v1/assignments?per_page=200&agency_code="+code, tok, nil)
	expectStatus(e.t, rec, http.StatusOK)
	var list apiList[apiAssignment]
	decode(e.t, rec, &list)
	if list.Total > 200 {
		e.t.Fatalf("%d assignments: more than a page", list.Total)
	}
	out := map[string]string{}
	for _, a := range list.Items {
		if (a.Status == "not_started" || a.Status == "in_progress" || a.Status == "submitted") && a.DueDate != nil {
			out["assignment-"+itoa(a.ID)+"@roviec"] = *a.DueDate
		}
	}
	return out
}

func dues(events map[string]feedEvent) map[string]string {
	out := map[string]string{}
	for uid, ev := range events {
		out[uid] = ev.due
	}
	return out
}

func sameDues(t *testing.T, got, want map[string]string) {
	t.Helper()
	var g, w []string
	for k, v := range got {
		g = append(g, k+"="+v)
	}
	for k, v := range want {
		w = append(w, k+"="+v)
	}
	sort.Strings(g)
	sort.Strings(w)
	if strings.Join(g, " ") != strings.Join(w, " ") {
		t.Fatalf("feed has %v\nwant %v", g, w)
	}
}

// TestCalendarFeed parses a focal point's feed back and compares it with
// the agency's open assignments, follows a moved deadline and a finished
// task, and checks that a replaced or revoked address answers 404.
func TestCalendarFeed(t *testing.T) {
	e := newEnv(t)
	focal, coord := e.token("focal"), e.token("coordinator")
	march := e.assignmentFor("BTTTT", "2023-03-31")
	april := e.assignmentFor("BTTTT", "2023-04-20")
	done := e.assignmentFor("BTTTT", "2023-03-15")
	e.assignmentFor("01", "2023-03-31") // Hà Nội's: in no BTTTT feed
	expectStatus(t, e.patchAssignment(coord, done, map[string]any{"status": "cancelled", "note": "Không còn cần"}), http.StatusOK)

	path := e.feedURL(focal, "/api/v1/me/calendar")
	if again := e.feedURL(focal, "/api/v1/me/calendar"); again != path {
		t.Fatalf("the address changed between two requests: %s, %s", path, again)
	}
	events := e.readFeed(path)
	want := e.openDue(focal, "BTTTT")
	if len(want) < 2 {
		t.Fatalf("open BTTTT assignments: %v", want)
	}
	sameDues(t, dues(events), want)
	ev := events["assignment-"+itoa(march)+"@roviec"]
	if !strings.Contains(ev.summary, "Ban hành danh mục cơ sở dữ liệu") || !strings.Contains(ev.description, "Bộ Thông tin và Truyền thông") ||
		!strings.HasSuffix(ev.link, "/assignments/"+itoa(march)) || ev.alarms != 1 {
		t.Errorf("event: %+v", ev)
	}

	// An approved extension moves the event.
	rec := e.requestExtension(focal, april, map[string]string{"new_due": "15/05/2023", "reason": "Chờ thẩm định"})
	expectStatus(t, rec, http.StatusCreated)
	var ext apiExtension
	decode(t, rec, &ext)
	expectStatus(t, e.decide(coord, ext.ID, map[string]any{"approve": true}), http.StatusOK)
	if got := e.readFeed(path)["assignment-"+itoa(april)+"@roviec"].due; got != "2023-05-15" {
		t.Errorf("after the extension the event is on %s", got)
	}

	// The agency's feed: for its focal points and the committee only.
	expectStatus(t, e.do("GET", "/api/v1/agencies/BTTTT/calendar", e.token("focal2"), nil), http.StatusForbidden)
	agency := e.feedURL(coord, "/api/v1/agencies/BTTTT/calendar")
	sameDues(t, dues(e.readFeed(agency)), e.openDue(focal, "BTTTT"))

	// A new address replaces the old one; a revoked one is gone.
	rec = e.do("POST", "/api/v1/me/calendar/regenerate", focal, nil)
	expectStatus(t, rec, http.StatusOK)
	expectStatus(t, e.do("GET", path, "", nil), http.StatusNotFound)
	fresh := e.feedURL(focal, "/api/v1/me/calendar")
	if fresh == path {
		t.Fatal("the address did not change")
	}
	e.readFeed(fresh)
	expectStatus(t, e.do("DELETE", "/api/v1/me/calendar", focal, nil), http.StatusNoContent)
	expectStatus(t, e.do("GET", fresh, "", nil), http.StatusNotFound)
	expectStatus(t, e.do("GET", "/calendar/nothing.ics", "", nil), http.StatusNotFound)
	expectStatus(t, e.do("DELETE", "/api/v1/me/calendar", focal, nil), http.StatusNotFound)
}
