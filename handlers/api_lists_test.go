package handlers_test

import (
	"fmt"
	"testing"
	"time"
)

func TestAPIAssignmentPages(t *testing.T) {
	e := newEnv(t)
	viewer := e.token("viewer")
	var all apiList[apiAssignment]
	decode(t, e.do("GET", "/api/v1/assignments?per_page=1000", viewer, nil), &all)
	if all.Total <= 500 || len(all.Items) != 500 || all.PerPage != 500 || all.Page != 1 {
		t.Fatalf("per_page=1000: total %d, %d items, per_page %d, page %d; want the page clamped to 500 of more",
			all.Total, len(all.Items), all.PerPage, all.Page)
	}
	var def apiList[apiAssignment]
	decode(t, e.do("GET", "/api/v1/assignments", viewer, nil), &def)
	if len(def.Items) != 100 || def.PerPage != 100 || def.Total != all.Total {
		t.Errorf("default page: %d items, per_page %d, total %d", len(def.Items), def.PerPage, def.Total)
	}
	lastPage := int((all.Total + 499) / 500)
	var last apiList[apiAssignment]
	decode(t, e.do("GET", fmt.Sprintf("/api/v1/assignments?per_page=500&page=%d", lastPage), viewer, nil), &last)
	if want := int(all.Total) - 500*(lastPage-1); len(last.Items) != want || last.Total != all.Total {
		t.Errorf("last page: %d items, total %d; want %d items", len(last.Items), last.Total, want)
	}
	var beyond apiList[apiAssignment]
	decode(t, e.do("GET", fmt.Sprintf("/api/v1/assignments?per_page=500&page=%d", lastPage+1), viewer, nil), &beyond)
	if len(beyond.Items) != 0 || beyond.Total != all.Total {
		t.Errorf("beyond the last page: %d items, total %d", len(beyond.Items), beyond.Total)
	}

	var btttt apiList[apiAssignment]
	decode(t, e.do("GET", "/api/v1/assignments?agency_code=BTTTT&status=not_started&per_page=500", viewer, nil), &btttt)
	if btttt.Total == 0 || int(btttt.Total) != len(btttt.Items) {
		t.Fatalf("BTTTT not started: total %d, %d items", btttt.Total, len(btttt.Items))
	}
	for _, a := range btttt.Items {
		if a.AgencyCode != "BTTTT" || a.Status != "not_started" {
			t.Errorf("filter let through %s %s", a.AgencyCode, a.Status)
		}
	}
}

func TestAPIListQueryErrors(t *testing.T) {
	e := newEnv(t)
	viewer := e.token("viewer")
	cases := []struct{ path, field string }{
		{"/api/v1/assignments?agency_code=KHONGCO", "agency_code"},
		{"/api/v1/assignments?status=finished", "status"},
		{"/api/v1/assignments?timeliness=late", "timeliness"},
		{"/api/v1/assignments?theme_id=abc", "theme_id"},
		{"/api/v1/assignments?directive_id=-4", "directive_id"},
		{"/api/v1/assignments?page=0", "page"},
		{"/api/v1/assignments?page=9223372036854775807", "page"},
		{"/api/v1/assignments?per_page=many", "per_page"},
		{"/api/v1/directives?theme_id=x", "theme_id"},
		{"/api/v1/agencies?kind=city", "kind"},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			rec := e.do("GET", tc.path, viewer, nil)
			expectStatus(t, rec, 422)
			var out apiErr
			decode(t, rec, &out)
			if out.Fields[tc.field] == "" {
				t.Errorf("no message for %q in %v", tc.field, out.Fields)
			}
		})
	}
}

func TestAPITimeliness(t *testing.T) {
	e := newEnv(t)
	id := e.assignmentFor("BTTTT", "2023-03-10") // a Friday
	cases := []struct {
		name        string
		month       time.Month
		day, hour   int
		class       string
		dueSoon     bool
		daysOverdue int
	}{
		{"two weeks before", time.February, 25, 9, "open_on_track", false, 0},
		{"a week before", time.March, 3, 9, "open_on_track", true, 0},
		{"last hour of the due day", time.March, 10, 23, "open_on_track", true, 0},
		{"first hour of the next day", time.March, 11, 0, "open_overdue", false, 1},
		{"five days later", time.March, 15, 12, "open_overdue", false, 5},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e.clock.Set(at(t, 2023, tc.month, tc.day, tc.hour, 0))
			viewer := e.token("viewer")
			var a apiAssignment
			decode(t, e.do("GET", fmt.Sprintf("/api/v1/assignments/%d", id), viewer, nil), &a)
			if a.Timeliness == nil || *a.Timeliness != tc.class || a.DueSoon != tc.dueSoon || a.DaysOverdue != tc.daysOverdue {
				t.Errorf("timeliness %v due_soon %v days_overdue %d; want %s %v %d",
					a.Timeliness, a.DueSoon, a.DaysOverdue, tc.class, tc.dueSoon, tc.daysOverdue)
			}
			for _, class := range []string{"open_on_track", "open_overdue", "done_on_time"} {
				var page apiList[apiAssignment]
				decode(t, e.do("GET", fmt.Sprintf("/api/v1/assignments?directive_id=%d&timeliness=%s", a.DirectiveID, class), viewer, nil), &page)
				want := int64(0)
				if class == tc.class {
					want = 1
				}
				if page.Total != want {
					t.Errorf("filter timeliness=%s: total %d, want %d", class, page.Total, want)
				}
			}
		})
	}
	// Still at 15/03: the focal point submits five days late and the committee accepts.
	expectStatus(t, e.patchAssignment(e.token("focal"), id, map[string]any{"status": "submitted", "evidence_url": "https://mic.gov.vn/qd"}), 200)
	rec := e.patchAssignment(e.token("coordinator"), id, map[string]any{"status": "done"})
	expectStatus(t, rec, 200)
	var a apiAssignment
	decode(t, rec, &a)
	if a.Timeliness == nil || *a.Timeliness != "done_late" || a.DaysOverdue != 5 {
		t.Errorf("accepted late: timeliness %v days %d, want done_late 5", a.Timeliness, a.DaysOverdue)
	}
	var late apiList[apiAssignment]
	decode(t, e.do("GET", fmt.Sprintf("/api/v1/assignments?directive_id=%d&timeliness=done_late", a.DirectiveID), e.token("viewer"), nil), &late)
	if late.Total != 1 {
		t.Errorf("filter timeliness=done_late: total %d, want 1", late.Total)
	}
}
