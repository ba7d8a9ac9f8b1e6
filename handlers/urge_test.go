package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"roviec/models"
)

// apiUrge is POST /api/v1/directives/{id}/urge's answer.
type apiUrge struct {
	Results []struct {
		AgencyCode string `json:"agency_code"`
		OK         bool   `json:"ok"`
		Messages   int    `json:"messages"`
		Code       int    `json:"code"`
		Error      string `json:"error"`
	} `json:"results"`
}

// TestUrgeLateAgencies: urging a directive's late agency queues one e-mail
// to its focal point (delivered over SMTP, with the task and a button to its
// update form), a history note, an audit row and a reminder log row; the
// same agency is not urged twice that day, but is the next; an agency that
// is done or unknown is refused with the reason; the scoreboard offers the
// late agencies to tick.
func TestUrgeLateAgencies(t *testing.T) {
	e, srv := mailEnv(t)
	coord := e.token("coordinator")
	dir, ids := e.issue(coord, e.themeID(3), "Ban hành kế hoạch dữ liệu mở", "2023-03-31", "BTTTT", "01")
	e.clock.Set(at(t, 2023, 3, 20, 9, 0))
	expectStatus(t, e.patchAssignment(e.token("focal2"), ids["01"], map[string]any{"status": "submitted", "evidence_ref": "12/KH-UBND"}), 200)
	expectStatus(t, e.patchAssignment(e.token("coordinator"), ids["01"], map[string]any{"status": "done"}), 200)
	e.clock.Set(at(t, 2023, 4, 10, 9, 0))
	coord = e.token("coordinator")
	urge := func() apiUrge {
		t.Helper()
		rec := e.do("POST", "/api/v1/directives/"+itoa(dir)+"/urge", coord, map[string]any{"agency_codes": []string{"BTTTT", "01", "XX"}})
		expectStatus(t, rec, http.StatusOK)
		var out apiUrge
		decode(t, rec, &out)
		return out
	}
	out := urge()
	if len(out.Results) != 3 || !out.Results[0].OK || out.Results[0].Messages != 1 ||
		out.Results[1].Code != 409 || out.Results[2].Code != 422 || out.Results[2].Error == "" {
		t.Fatalf("first urge: %+v", out)
	}
	got := e.deliver(srv, "focal.btttt@test.vn")
	if len(got) != 1 || !strings.Contains(got[0].Subject, "Đôn đốc") || !strings.Contains(got[0].Text, "Ban hành kế hoạch dữ liệu mở") ||
		!strings.Contains(got[0].Text, "Quá hạn 10 ngày") || !strings.Contains(got[0].HTML, `/assignments/`+itoa(ids["BTTTT"])+`#update"`) {
		t.Fatalf("urge e-mail: %+v", got)
	}
	if len(e.deliver(srv, "focal.hanoi@test.vn")) != 0 {
		t.Error("the agency that is done was urged")
	}
	if e.rows("reminder_logs", "rule = ? AND assignment_id = ? AND outbox_id IS NOT NULL", models.RuleUrge, ids["BTTTT"]) != 1 ||
		e.rows("updates", "assignment_id = ? AND note LIKE ?", ids["BTTTT"], "Đôn đốc%") != 1 ||
		e.rows("audit_log", "entity = ? AND action = ?", "assignment", models.AuditUrge) != 1 {
		t.Error("the urge is not in the reminder log, the history and the audit trail")
	}

	// Again the same day: refused, nothing queued.
	outbox := e.rows("outbox", "1=1")
	if out := urge(); out.Results[0].OK || out.Results[0].Code != 409 || !strings.Contains(out.Results[0].Error, "hôm nay") {
		t.Errorf("second urge the same day: %+v", out.Results[0])
	}
	if e.rows("outbox", "1=1") != outbox {
		t.Error("a second urge the same day queued mail")
	}

	// The next day, from the scoreboard page.
	e.clock.Set(at(t, 2023, 4, 11, 9, 0))
	b := newBrowser(e)
	b.login("coordinator")
	board := "/directives/" + itoa(dir) + "/scoreboard"
	rec := b.get(board)
	expectPage(t, rec, `name="agency_codes" value="BTTTT"`)
	if strings.Contains(rec.Body.String(), `name="agency_codes" value="01"`) {
		t.Error("the scoreboard offers to urge an agency that is done")
	}
	rec = b.submit(board, "/directives/"+itoa(dir)+"/urge", url.Values{"agency_codes": {"BTTTT"}})
	expectStatus(t, rec, http.StatusSeeOther)
	expectPage(t, b.get(board), "Đã đôn đốc 1 cơ quan.")
	if e.rows("reminder_logs", "rule = ?", models.RuleUrge) != 2 {
		t.Error("not urged again the next day")
	}
	f := newBrowser(e)
	f.login("focal")
	if strings.Contains(f.get(board).Body.String(), `name="agency_codes"`) {
		t.Error("a focal point is offered to urge")
	}
	expectStatus(t, f.submit(board, "/directives/"+itoa(dir)+"/urge", url.Values{"agency_codes": {"BTTTT"}}), http.StatusForbidden)
}

// TestCancelTellsAgency: a cancellation's reason reaches the agency's focal
// point by e-mail (over SMTP), and no one else's.
func TestCancelTellsAgency(t *testing.T) {
	e, srv := mailEnv(t)
	id := e.assignmentFor("BTTTT", "2023-03-31")
	expectStatus(t, e.patchAssignment(e.token("coordinator"), id, map[string]any{"status": "cancelled",
		"note": "Gộp vào nhiệm vụ 17 <khác>"}), 200)
	got := e.deliver(srv, "focal.btttt@test.vn")
	if len(got) != 1 || !strings.Contains(got[0].Text, "Lý do: Gộp vào nhiệm vụ 17 <khác>") ||
		!strings.Contains(got[0].HTML, "Gộp vào nhiệm vụ 17 &lt;khác&gt;") || !strings.Contains(got[0].Subject, "hủy") {
		t.Fatalf("cancellation e-mail: %+v", got)
	}
	if len(e.deliver(srv, "focal.hanoi@test.vn")) != 0 {
		t.Error("another agency was told")
	}
}

// apiPlanUrge is POST /api/v1/agencies/urge's answer.
type apiPlanUrge struct {
	Results []struct {
		AgencyCode string            `json:"agency_code"`
		OK         bool              `json:"ok"`
		Urged      int               `json:"urged"`
		Skipped    int               `json:"skipped"`
		Messages   int               `json:"messages"`
		Code       int               `json:"code"`
		Error      string            `json:"error"`
		Fields     map[string]string `json:"fields"`
	} `json:"results"`
}

// TestUrgeFromLeague: urging late agencies from the league urges each
// about all of its overdue work of the plan, one e-mail per focal point
// listing the tasks (over SMTP); a directive urged today already is
// skipped, not urged twice; an agency with nothing overdue or unknown is
// refused with the reason; the league page offers the late agencies to
// coordinators only, and its "every late agency on this page" button
// urges them with a summary.
func TestUrgeFromLeague(t *testing.T) {
	e, srv := mailEnv(t)
	theme := e.testTheme()
	th, err := e.store.ThemeByID(context.Background(), theme)
	if err != nil {
		t.Fatal(err)
	}
	plan := th.PlanID
	coord := e.token("coordinator")
	d1, _ := e.issue(coord, theme, "Công bố danh mục dữ liệu mở", "2023-03-15", "BTTTT", "01")
	e.issue(coord, theme, "Kết nối cơ sở dữ liệu dân cư", "2023-03-31", "BTTTT", "01")
	e.issue(coord, theme, "Báo cáo quý II", "2023-06-30", "BTTTT", "01") // not due yet
	e.issue(coord, theme, "Rà soát thủ tục", "2023-06-30", "BCA")        // nothing overdue
	e.clock.Set(at(t, 2023, 4, 10, 9, 0))
	coord = e.token("coordinator")
	// BTTTT was urged about the first directive from its scoreboard this morning.
	expectStatus(t, e.do("POST", "/api/v1/directives/"+itoa(d1)+"/urge", coord, map[string]any{"agency_codes": []string{"BTTTT"}}), 200)
	e.deliver(srv, "focal.btttt@test.vn")
	outbox := e.rows("outbox", "1=1")

	urge := func(codes ...string) apiPlanUrge {
		t.Helper()
		rec := e.do("POST", "/api/v1/agencies/urge", coord, map[string]any{"plan_id": plan, "agency_codes": codes})
		expectStatus(t, rec, http.StatusOK)
		var out apiPlanUrge
		decode(t, rec, &out)
		return out
	}
	out := urge("BTTTT", "01", "BCA", "XX")
	r := out.Results
	if len(r) != 4 || !r[0].OK || r[0].Urged != 1 || r[0].Skipped != 1 || r[0].Messages != 1 ||
		!r[1].OK || r[1].Urged != 2 || r[1].Skipped != 0 || r[1].Messages != 1 ||
		r[2].Code != 409 || !strings.Contains(r[2].Error, "không có nhiệm vụ quá hạn") ||
		r[3].Code != 422 || r[3].Fields["agency_codes"] == "" {
		t.Fatalf("urge from the league: %+v", out)
	}
	hanoi := e.deliver(srv, "focal.hanoi@test.vn")
	if len(hanoi) != 1 || !strings.Contains(hanoi[0].Subject, "Đôn đốc thực hiện 2 nhiệm vụ quá hạn") ||
		!strings.Contains(hanoi[0].Text, "Công bố danh mục dữ liệu mở") || !strings.Contains(hanoi[0].Text, "Kết nối cơ sở dữ liệu dân cư") ||
		strings.Contains(hanoi[0].Text, "Báo cáo quý II") || !strings.Contains(hanoi[0].Text, "Quá hạn 26 ngày") ||
		strings.Index(hanoi[0].Text, "Quá hạn 26 ngày") > strings.Index(hanoi[0].Text, "Quá hạn 10 ngày") {
		t.Fatalf("Hà Nội's e-mail, most days overdue first: %d %q", len(hanoi), hanoi[0].Text)
	}
	// BTTTT's second e-mail of the day (the first, the morning's urge) lists only what was not urged today.
	if btttt := e.deliver(srv, "focal.btttt@test.vn"); len(btttt) != 2 || strings.Contains(btttt[1].Text, "Công bố danh mục dữ liệu mở") ||
		!strings.Contains(btttt[1].Text, "Kết nối cơ sở dữ liệu dân cư") {
		t.Fatalf("BTTTT's e-mails: %d", len(btttt))
	}
	if got := e.rows("outbox", "1=1"); got != outbox+2 {
		t.Errorf("%d e-mails queued, want 2", got-outbox)
	}
	if e.rows("reminder_logs", "rule = ?", models.RuleUrge) != 4 ||
		e.rows("updates", "note LIKE ?", "Đôn đốc%") != 4 ||
		e.rows("audit_log", "entity = ? AND action = ?", "assignment", models.AuditUrge) != 4 {
		t.Error("each urged task is not in the reminder log, the history and the audit trail")
	}
	// Again the same day: everything skipped, nothing queued.
	outbox = e.rows("outbox", "1=1")
	if out := urge("BTTTT", "01"); !out.Results[0].OK || out.Results[0].Urged != 0 || out.Results[0].Skipped != 2 || out.Results[1].Skipped != 2 {
		t.Errorf("a second urge the same day: %+v", out)
	}
	if e.rows("outbox", "1=1") != outbox {
		t.Error("a second urge the same day queued mail")
	}
	// Refused as a whole: no plan, no agency; an unknown plan.
	rec := e.do("POST", "/api/v1/agencies/urge", coord, map[string]any{})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	if !strings.Contains(rec.Body.String(), `"plan_id"`) || !strings.Contains(rec.Body.String(), `"agency_codes"`) {
		t.Errorf("an empty urge: %s", rec.Body.String())
	}
	expectStatus(t, e.do("POST", "/api/v1/agencies/urge", coord, map[string]any{"plan_id": 999999, "agency_codes": []string{"01"}}), http.StatusNotFound)

	// The next day, from the league page: the late agencies have a box to tick; the button urges all those of the page.
	e.clock.Set(at(t, 2023, 4, 11, 9, 0))
	b := newBrowser(e)
	b.login("coordinator")
	league := "/league?plan_id=" + itoa(plan)
	page := b.get(league)
	expectPage(t, page, `name="agency_codes" value="BTTTT"`, `name="agency_codes" value="01"`, "Đôn đốc mọi cơ quan quá hạn trên trang này")
	if strings.Contains(page.Body.String(), `name="agency_codes" value="BCA"`) {
		t.Error("the league offers to urge an agency with nothing overdue")
	}
	rec = b.submit(league, "/league/urge?plan_id="+itoa(plan), url.Values{"plan_id": {itoa(plan)}, "scope": {"page"},
		"page_codes": {"BTTTT", "01"}})
	expectStatus(t, rec, http.StatusOK)
	expectPage(t, rec, "Đã đôn đốc 2 cơ quan:", "Hà Nội: 2 nhiệm vụ quá hạn được đôn đốc; đã gửi 1 thư.")
	if e.rows("reminder_logs", "rule = ?", models.RuleUrge) != 8 {
		t.Error("not urged again the next day")
	}
	rec = b.submit(league, "/league/urge?plan_id="+itoa(plan), url.Values{"plan_id": {itoa(plan)}})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectPage(t, rec, "Chọn ít nhất một cơ quan để đôn đốc.")
	v := newBrowser(e)
	v.login("viewer")
	if strings.Contains(v.get(league).Body.String(), `name="agency_codes"`) {
		t.Error("a viewer is offered to urge")
	}
}
