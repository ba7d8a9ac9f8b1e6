package handlers_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// apiLeagueRow is one row of GET /api/v1/agencies/league.
type apiLeagueRow struct {
	Rank        *int     `json:"rank"`
	AgencyCode  string   `json:"agency_code"`
	Name        string   `json:"name"`
	Kind        string   `json:"kind"`
	Assigned    int      `json:"assigned"`
	DueSoFar    int      `json:"due_so_far"`
	DoneOnTime  int      `json:"done_on_time"`
	DoneLate    int      `json:"done_late"`
	OpenOverdue int      `json:"open_overdue"`
	DaysOverdue int      `json:"days_overdue"`
	OnTimeRate  *float64 `json:"on_time_rate"`
	Status      string   `json:"status"`
}

// leagueWorld builds, through the API, two directives of a theme of its own
// and a month and a half of history; the clock ends on 10/04/2023.
//
//	BTTTT: A done on time (accepted 21/03); B due 14/04 at 10%
//	BCA:   A done late (submitted 03/04)
//	01:    A at 80%, overdue; B at 60%
//	79:    A done on time (submitted 30/03)
//	48:    A never started, overdue
func leagueWorld(t *testing.T) (*env, uint) {
	e := newEnv(t)
	theme := e.testTheme()
	coord := e.token("coordinator")
	_, a := e.issue(coord, theme, "Công bố danh mục dữ liệu mở", "2023-03-31", "BTTTT", "BCA", "01", "79", "48")
	_, b := e.issue(coord, theme, "Cập nhật dữ liệu mở", "2023-04-14", "BTTTT", "01")
	submit := map[string]any{"status": "submitted", "evidence_ref": "20/QĐ"}
	accept := map[string]any{"status": "done"}
	e.change(at(t, 2023, 3, 1, 9, 0), "focal2", a["01"], map[string]any{"progress": 80})
	e.change(at(t, 2023, 3, 20, 9, 0), "focal", a["BTTTT"], submit)
	e.change(at(t, 2023, 3, 21, 9, 0), "coordinator", a["BTTTT"], accept)
	e.change(at(t, 2023, 3, 30, 9, 0), "coordinator", a["79"], submit)
	e.change(at(t, 2023, 3, 31, 9, 0), "coordinator", a["79"], accept)
	e.change(at(t, 2023, 4, 1, 9, 0), "focal", b["BTTTT"], map[string]any{"progress": 10})
	e.change(at(t, 2023, 4, 1, 10, 0), "focal2", b["01"], map[string]any{"progress": 60})
	e.change(at(t, 2023, 4, 3, 9, 0), "coordinator", a["BCA"], submit)
	e.change(at(t, 2023, 4, 4, 9, 0), "coordinator", a["BCA"], accept)
	e.clock.Set(at(t, 2023, 4, 10, 10, 0))
	return e, theme
}

// league fetches the league table with the given query.
func (e *env) league(query string) []apiLeagueRow {
	e.t.Helper()
	rec := e.do("GET", "/api/v1/agencies/league?"+query, e.token("viewer"), nil)
	expectStatus(e.t, rec, 200)
	var out struct {
		AsOf  string         `json:"as_of"`
		Items []apiLeagueRow `json:"items"`
	}
	decode(e.t, rec, &out)
	return out.Items
}

// brief writes rows as "rank code status" (rank "-" when unranked).
func brief(rows []apiLeagueRow) string {
	var parts []string
	for _, r := range rows {
		rank := "-"
		if r.Rank != nil {
			rank = fmt.Sprint(*r.Rank)
		}
		parts = append(parts, rank+" "+r.AgencyCode+" "+r.Status)
	}
	return strings.Join(parts, ", ")
}

// TestLeagueAPIRankingFiltersAndAsOf ranks the hand-built world by kind and
// as of two days: ties share a rank in Vietnamese name order ("Đà Nẵng"
// before "Hà Nội"), a ranked agency may still be amber, and before any
// deadline everyone is unranked.
func TestLeagueAPIRankingFiltersAndAsOf(t *testing.T) {
	e, theme := leagueWorld(t)
	cases := []struct{ query, want string }{
		{"", "1 BTTTT amber, 1 79 green, 3 BCA green, 4 48 red, 4 01 red"},
		{"kind=province", "1 79 green, 2 48 red, 2 01 red"},
		{"kind=ministry&as_of=2023-04-10", "1 BTTTT amber, 2 BCA green"},
		// On 25/03 only BTTTT is done; A falls due within 7 days: amber below 50%.
		{"as_of=2023-03-25", "1 BTTTT green, - BCA amber, - 48 amber, - 01 grey, - 79 amber"},
		{"as_of=2023-02-24", ""}, // nothing assigned yet
	}
	for _, c := range cases {
		rows := e.league(fmt.Sprintf("theme_id=%d&%s", theme, c.query))
		if got := brief(rows); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.query, got, c.want)
		}
	}
	// A page of two: the second holds the third and fourth of the ranking, the total counts all five.
	rec := e.do("GET", fmt.Sprintf("/api/v1/agencies/league?theme_id=%d&page=2&per_page=2", theme), e.token("viewer"), nil)
	expectStatus(t, rec, 200)
	var page struct {
		Total int            `json:"total"`
		Items []apiLeagueRow `json:"items"`
	}
	decode(t, rec, &page)
	if got := brief(page.Items); page.Total != 5 || got != "3 BCA green, 4 48 red" {
		t.Errorf("second page of two: total %d, %s", page.Total, got)
	}
	rows := e.league(fmt.Sprintf("theme_id=%d", theme))
	if r := rows[3]; r.AgencyCode != "48" || r.Assigned != 1 || r.DueSoFar != 1 || r.OpenOverdue != 1 || r.DaysOverdue != 10 ||
		r.OnTimeRate == nil || *r.OnTimeRate != 0 || r.Kind != "province" || r.Name != "Đà Nẵng" {
		t.Errorf("Đà Nẵng: %+v", r)
	}
	if r := rows[0]; r.Assigned != 2 || r.DueSoFar != 1 || r.DoneOnTime != 1 || r.OnTimeRate == nil || *r.OnTimeRate != 1 {
		t.Errorf("BTTTT: %+v", r)
	}
	if r := rows[2]; r.DoneLate != 1 || r.DoneOnTime != 0 || r.OpenOverdue != 0 {
		t.Errorf("BCA: %+v", r)
	}
	// Without a theme, the whole 2023 programme (every agency) is ranked too.
	if all := e.league(""); len(all) != 93 {
		t.Errorf("%d agencies in the league of every plan, want 93", len(all))
	}
}

// TestLeagueAPIBadParameters: each bad parameter is a 422 naming it.
func TestLeagueAPIBadParameters(t *testing.T) {
	e := newEnv(t)
	viewer := e.token("viewer")
	for query, field := range map[string]string{
		"as_of=2023-02-30": "as_of", "as_of=" + url.QueryEscape("30/02/2023"): "as_of", "kind=bo": "kind",
		"theme_id=99999": "theme_id", "theme_id=x": "theme_id", "plan_id=99999": "plan_id",
	} {
		rec := e.do("GET", "/api/v1/agencies/league?"+query, viewer, nil)
		expectStatus(t, rec, 422)
		var body apiErr
		decode(t, rec, &body)
		if body.Fields[field] == "" {
			t.Errorf("%s: %+v", query, body)
		}
	}
	expectStatus(t, e.do("GET", "/api/v1/agencies/league", "", nil), 401)
	// The static route does not shadow an agency code for the PATCH route.
	rec := e.do("PATCH", "/api/v1/agencies/league", e.token("admin"), map[string]any{"name": "x"})
	expectStatus(t, rec, 404)
}

// TestThemeMatrixAPI draws the hand-built theme: directives by deadline,
// ministries then provinces, null where an agency holds no copy.
func TestThemeMatrixAPI(t *testing.T) {
	e, theme := leagueWorld(t)
	rec := e.do("GET", fmt.Sprintf("/api/v1/themes/%d/matrix?as_of=2023-04-10", theme), e.token("viewer"), nil)
	expectStatus(t, rec, 200)
	var m struct {
		AsOf       string `json:"as_of"`
		Directives []struct {
			Title   string  `json:"title"`
			DueDate *string `json:"due_date"`
		} `json:"directives"`
		Rows []struct {
			AgencyCode string `json:"agency_code"`
			Cells      []*struct {
				AssignmentID uint    `json:"assignment_id"`
				Status       string  `json:"status"`
				Timeliness   *string `json:"timeliness"`
				DueSoon      bool    `json:"due_soon"`
				DaysOverdue  int     `json:"days_overdue"`
			} `json:"cells"`
		} `json:"rows"`
	}
	decode(t, rec, &m)
	if len(m.Directives) != 2 || *m.Directives[0].DueDate != "2023-03-31" || m.Directives[1].Title != "Cập nhật dữ liệu mở" {
		t.Fatalf("directives: %+v", m.Directives)
	}
	var cells []string
	for _, r := range m.Rows {
		row := r.AgencyCode
		for _, c := range r.Cells {
			switch {
			case c == nil:
				row += " ·"
			case c.DueSoon:
				row += " soon"
			default:
				row += fmt.Sprintf(" %s/%d", *c.Timeliness, c.DaysOverdue)
			}
		}
		cells = append(cells, row)
	}
	want := "BCA done_late/3 ·; BTTTT done_on_time/0 soon; 48 open_overdue/10 ·; 01 open_overdue/10 soon; 79 done_on_time/0 ·"
	if got := strings.Join(cells, "; "); got != want {
		t.Errorf("matrix:\n got %s\nwant %s", got, want)
	}
	// Two agencies a page: the third page holds the fifth agency, and all five are counted.
	rec = e.do("GET", fmt.Sprintf("/api/v1/themes/%d/matrix?as_of=2023-04-10&page=3&per_page=2", theme), e.token("viewer"), nil)
	expectStatus(t, rec, 200)
	var page struct {
		Total   int `json:"total"`
		Page    int `json:"page"`
		PerPage int `json:"per_page"`
		Rows    []struct {
			AgencyCode string `json:"agency_code"`
		} `json:"rows"`
	}
	decode(t, rec, &page)
	if page.Total != 5 || page.Page != 3 || page.PerPage != 2 || len(page.Rows) != 1 || page.Rows[0].AgencyCode != "79" {
		t.Errorf("third page of two: %+v", page)
	}
	expectStatus(t, e.do("GET", "/api/v1/themes/99999/matrix", e.token("viewer"), nil), 404)
	expectStatus(t, e.do("GET", fmt.Sprintf("/api/v1/themes/%d/matrix?as_of=x", theme), e.token("viewer"), nil), 422)
}
