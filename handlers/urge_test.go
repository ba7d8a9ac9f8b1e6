package handlers_test

import (
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
