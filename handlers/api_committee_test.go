package handlers_test

import (
	"context"
	"fmt"
	"net/url"
	"testing"
	"time"

	"roviec/models"
	"roviec/models/seed"
	"roviec/models/store"
)

// apiScoreboard is the JSON of GET /api/v1/directives/{id}/scoreboard.
type apiScoreboard struct {
	AsOf       string   `json:"as_of"`
	Ministries apiScore `json:"ministries"`
	Provinces  apiScore `json:"provinces"`
	NotDone    []struct {
		AgencyCode   string  `json:"agency_code"`
		Name         string  `json:"name"`
		Kind         string  `json:"kind"`
		Status       string  `json:"status"`
		Progress     int     `json:"progress"`
		DueDate      *string `json:"due_date"`
		DaysOverdue  int     `json:"days_overdue"`
		AssignmentID uint    `json:"assignment_id"`
	} `json:"not_done"`
}

// apiScore is the tally of one kind of agency.
type apiScore struct {
	Done        int `json:"done"`
	Total       int `json:"total"`
	DoneOnTime  int `json:"done_on_time"`
	DoneLate    int `json:"done_late"`
	OpenOnTrack int `json:"open_on_track"`
	OpenOverdue int `json:"open_overdue"`
}

// scoreboard fetches a directive's scoreboard as of a day ("" for today).
func (e *env) scoreboard(token string, directiveID uint, asOf string) apiScoreboard {
	e.t.Helper()
	rec := e.do("GET", fmt.Sprintf("/api/v1/directives/%d/scoreboard?as_of=%s", directiveID, asOf), token, nil)
	expectStatus(e.t, rec, 200)
	var sb apiScoreboard
	decode(e.t, rec, &sb)
	return sb
}

// testTheme creates a plan of 2023 with an April theme of its own, so that a
// test's directives are the only work of that theme.
func (e *env) testTheme() uint {
	e.t.Helper()
	ctx := context.Background()
	// A plan of its own, beside the built-in 2023 one: a year has one plan.
	plan := &models.Plan{Name: "Kế hoạch thử nghiệm", Year: 2022}
	if err := e.store.SavePlan(ctx, plan); err != nil {
		e.t.Fatal(err)
	}
	theme := &models.Theme{PlanID: plan.ID, FirstMonth: 4, LastMonth: 4, TitleVI: "Dữ liệu mở"}
	if err := e.store.SaveTheme(ctx, theme); err != nil {
		e.t.Fatal(err)
	}
	return theme.ID
}

// issue creates a directive through the API and returns its id and its
// assignment ids by agency code.
func (e *env) issue(token string, themeID uint, title, due string, codes ...string) (uint, map[string]uint) {
	e.t.Helper()
	rec := e.do("POST", "/api/v1/directives", token, map[string]any{"theme_id": themeID, "title": title,
		"deliverable": "Văn bản ban hành", "due_date": due, "agency_codes": codes})
	expectStatus(e.t, rec, 201)
	var d struct {
		ID uint `json:"id"`
	}
	decode(e.t, rec, &d)
	list, _, err := e.store.ListAssignments(context.Background(), store.AssignmentFilter{DirectiveID: d.ID}, e.clock.Now())
	if err != nil {
		e.t.Fatal(err)
	}
	ids := map[string]uint{}
	for _, a := range list {
		ids[a.Agency.Code] = a.ID
	}
	return d.ID, ids
}

// change sets the clock to when and sends, as user who, a PATCH that must succeed.
func (e *env) change(when time.Time, who string, id uint, body map[string]any) {
	e.t.Helper()
	e.clock.Set(when)
	expectStatus(e.t, e.patchAssignment(e.token(who), id, body), 200)
}

// TestScoreboardAsOfHandBuiltHistory rebuilds a directive's scoreboard from
// changes made through the API: a change on the as-of day itself counts (up to
// 23:59), one at 00:00 the next day does not.
func TestScoreboardAsOfHandBuiltHistory(t *testing.T) {
	e := newEnv(t)
	id, a := e.issue(e.token("coordinator"), e.testTheme(), "Công bố dữ liệu mở", "2023-03-05", "BTTTT", "01", "79")
	submit := map[string]any{"status": "submitted", "evidence_ref": "15/QĐ"}
	accept := map[string]any{"status": "done"}
	e.change(at(t, 2023, 3, 4, 10, 0), "focal", a["BTTTT"], submit)
	e.change(at(t, 2023, 3, 5, 9, 0), "focal2", a["01"], submit)
	e.change(at(t, 2023, 3, 5, 23, 59), "coordinator", a["BTTTT"], accept) // on the as-of day: counted
	e.change(at(t, 2023, 3, 6, 0, 0), "coordinator", a["01"], accept)      // 00:00 the next day: not counted
	e.clock.Set(at(t, 2023, 3, 20, 9, 0))
	coord := e.token("coordinator")

	cases := []struct {
		asOf                 string
		ministries, province apiScore
		notDone              string // code:status:days overdue, in order
	}{
		{"2023-03-04", apiScore{Total: 1, OpenOnTrack: 1}, apiScore{Total: 2, OpenOnTrack: 2},
			"BTTTT:submitted:0 01:not_started:0 79:not_started:0"},
		{"2023-03-05", apiScore{Done: 1, Total: 1, DoneOnTime: 1}, apiScore{Total: 2, OpenOnTrack: 2},
			"01:submitted:0 79:not_started:0"},
		{"2023-03-06", apiScore{Done: 1, Total: 1, DoneOnTime: 1}, apiScore{Done: 1, Total: 2, DoneOnTime: 1, OpenOverdue: 1},
			"79:not_started:1"},
		{"", apiScore{Done: 1, Total: 1, DoneOnTime: 1}, apiScore{Done: 1, Total: 2, DoneOnTime: 1, OpenOverdue: 1},
			"79:not_started:15"}, // today, 20/03/2023
	}
	for _, c := range cases {
		sb := e.scoreboard(coord, id, c.asOf)
		if sb.Ministries != c.ministries || sb.Provinces != c.province {
			t.Errorf("as of %q: ministries %+v provinces %+v; want %+v %+v", c.asOf, sb.Ministries, sb.Provinces, c.ministries, c.province)
		}
		got := ""
		for i, l := range sb.NotDone {
			if i > 0 {
				got += " "
			}
			got += fmt.Sprintf("%s:%s:%d", l.AgencyCode, l.Status, l.DaysOverdue)
			if l.AssignmentID != a[l.AgencyCode] || l.DueDate == nil || *l.DueDate != "2023-03-05" {
				t.Errorf("as of %q: %+v", c.asOf, l)
			}
		}
		if got != c.notDone {
			t.Errorf("as of %q: not done %q, want %q", c.asOf, got, c.notDone)
		}
	}
	if sb := e.scoreboard(coord, id, ""); sb.AsOf != "2023-03-20" {
		t.Errorf("default as_of %q, want today", sb.AsOf)
	}
	if sb := e.scoreboard(coord, id, "05/03/2023"); sb.AsOf != "2023-03-05" || sb.Ministries.Done != 1 {
		t.Errorf("as_of in dd/mm/yyyy: %+v", sb)
	}
	if sb := e.scoreboard(coord, id, "2030-01-01"); sb.AsOf != "2023-03-20" {
		t.Errorf("a future as_of is answered for %q, want today", sb.AsOf)
	}
}

// TestScoreboardAPIErrors: a bad date is a 422 naming as_of, an unknown
// directive a 404, no token a 401.
func TestScoreboardAPIErrors(t *testing.T) {
	e := newEnv(t)
	viewer := e.token("viewer")
	id, _ := e.issue(e.token("coordinator"), e.testTheme(), "Công bố dữ liệu mở", "2023-03-05", "BTTTT")
	for _, bad := range []string{"2023-02-30", "hôm qua", "2023-13-01", "25/02/23"} {
		rec := e.do("GET", fmt.Sprintf("/api/v1/directives/%d/scoreboard?as_of=%s", id, url.QueryEscape(bad)), viewer, nil)
		expectStatus(t, rec, 422)
		var body apiErr
		decode(t, rec, &body)
		if body.Fields["as_of"] == "" {
			t.Errorf("as_of=%s: %+v", bad, body)
		}
	}
	expectStatus(t, e.do("GET", "/api/v1/directives/99999/scoreboard", viewer, nil), 404)
	expectStatus(t, e.do("GET", "/api/v1/directives/abc/scoreboard", viewer, nil), 404)
	expectStatus(t, e.do("GET", fmt.Sprintf("/api/v1/directives/%d/scoreboard", id), "", nil), 401)
}

// TestScoreboardDemoAsOf25February reads the record of seed 002 from the demo
// data: by the end of 25/02/2023, 6 of 30 ministries and 29 of 63 provinces
// had issued their plan; two months later the figures differ.
func TestScoreboardDemoAsOf25February(t *testing.T) {
	e := newEnv(t)
	id := e.demoPlanDirective()
	token := e.token("viewer")
	sb := e.scoreboard(token, id, "2023-02-25")
	if sb.Ministries.Done != 6 || sb.Ministries.Total != 30 || sb.Provinces.Done != 29 || sb.Provinces.Total != 63 {
		t.Fatalf("as of 25/02/2023: ministries %+v provinces %+v; want 6/30 and 29/63", sb.Ministries, sb.Provinces)
	}
	if len(sb.NotDone) != 24+34 {
		t.Errorf("%d agencies not done as of 25/02/2023, want 58", len(sb.NotDone))
	}
	later := e.scoreboard(token, id, "2023-04-30")
	if later.Ministries == sb.Ministries || later.Provinces == sb.Provinces ||
		later.Ministries.Done <= 6 || later.Provinces.Done <= 29 {
		t.Errorf("as of 30/04/2023: ministries %+v provinces %+v; want more done than on 25/02", later.Ministries, later.Provinces)
	}
	for i := 1; i < len(later.NotDone); i++ {
		if later.NotDone[i].DaysOverdue > later.NotDone[i-1].DaysOverdue {
			t.Fatalf("not done list not most overdue first at %d: %+v", i, later.NotDone[i-1:i+1])
		}
	}
}

// demoPlanDirective loads the demo data, moves the clock to 2024 (so that
// 2023 is history) and returns the id of seed 002's plan directive.
func (e *env) demoPlanDirective() uint {
	e.t.Helper()
	ctx := context.Background()
	if _, err := seed.SeedDemo(ctx, e.store, e.store.Location()); err != nil {
		e.t.Fatal(err)
	}
	e.clock.Set(at(e.t, 2024, 1, 15, 9, 0))
	list, _, err := e.store.ListDirectives(ctx, store.DirectiveFilter{Query: "Ban hành Kế hoạch chuyển đổi số năm 2023"})
	if err != nil || len(list) == 0 {
		e.t.Fatalf("the plan directive: %v", err)
	}
	for _, d := range list {
		if d.Title == "Ban hành Kế hoạch chuyển đổi số năm 2023 của bộ, ngành, địa phương, nhấn mạnh chủ đề Năm Dữ liệu số quốc gia" {
			return d.ID
		}
	}
	e.t.Fatalf("no plan directive among %d", len(list))
	return 0
}
