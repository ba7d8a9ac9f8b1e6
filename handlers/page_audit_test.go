package handlers_test

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// apiAuditRow is a row of GET /api/v1/audit.
type apiAuditRow struct {
	ID       uint           `json:"id"`
	At       string         `json:"at"`
	ActorID  *uint          `json:"actor_id"`
	Actor    string         `json:"actor"`
	Address  string         `json:"address"`
	Entity   string         `json:"entity"`
	EntityID string         `json:"entity_id"`
	Action   string         `json:"action"`
	Before   map[string]any `json:"before"`
	After    map[string]any `json:"after"`
}

// TestAuditRecordsTheRequestsActor: a change through the API is recorded as
// made by the token's user, from the client's address (as a proxy on a
// loopback address forwarded it), at the app's clock, with only the changed
// fields.
func TestAuditRecordsTheRequestsActor(t *testing.T) {
	e := newEnv(t)
	id := e.assignmentFor("BTTTT", "2023-03-31")
	focal := e.token("focal")
	req := httptest.NewRequest("PATCH", fmt.Sprintf("/api/v1/assignments/%d", id),
		strings.NewReader(`{"progress": 40, "owner_name": "Trần Văn Bình"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+focal)
	req.RemoteAddr = "127.0.0.1:40000"
	req.Header.Set("X-Forwarded-For", "203.0.113.9")
	rec := httptest.NewRecorder()
	e.app.Echo.ServeHTTP(rec, req)
	expectStatus(t, rec, http.StatusOK)
	var got apiList[apiAuditRow]
	decode(t, e.do("GET", fmt.Sprintf("/api/v1/audit?entity=assignment&entity_id=%d", id), e.token("admin"), nil), &got)
	if got.Total != 1 || len(got.Items) != 1 {
		t.Fatalf("audit rows of the assignment: %+v", got)
	}
	r := got.Items[0]
	if r.Actor != "focal.btttt@test.vn" || r.ActorID == nil || *r.ActorID != e.users["focal"].ID || r.Address != "203.0.113.9" ||
		r.Action != "update" || r.At != "2023-02-25T09:00:00+07:00" {
		t.Errorf("recorded as %+v", r)
	}
	if fmt.Sprint(r.Before) != "map[OwnerName: Progress:0 Status:not_started]" || fmt.Sprint(r.After) != "map[OwnerName:Trần Văn Bình Progress:40 Status:in_progress]" {
		t.Errorf("values recorded: before %v, after %v", r.Before, r.After)
	}
}

// TestPageAuditTrail: logins, failed logins and changes made through the
// pages are listed to an admin, filtered, in Vietnamese and English, and
// exported as CSV with a byte order mark; a bad filter is a 422 with its
// message.
func TestPageAuditTrail(t *testing.T) {
	e := newEnv(t)
	stranger := newBrowser(e)
	rec := stranger.submit("/login", "/login", url.Values{"email": {"=HYPERLINK(\"x\")@evil.vn"}, "password": {"sai-mat-khau"}})
	if rec.Code == http.StatusSeeOther {
		t.Fatal("a wrong login was accepted")
	}
	admin := newBrowser(e)
	admin.login("admin")
	expectStatus(t, admin.submit("/agencies/01/edit", "/agencies/01", url.Values{"name": {"Thành phố Hà Nội"},
		"leader_name": {"Chủ tịch UBND"}, "active": {"1"}}), http.StatusSeeOther)

	page := admin.get("/admin/audit")
	expectStatus(t, page, http.StatusOK)
	expectPage(t, page, "Nhật ký thay đổi", "Đăng nhập sai", "=hyperlink(&#34;x&#34;)@evil.vn", "Đăng nhập", "admin@test.vn",
		"192.0.2.1", "Cơ quan", "Thành phố Hà Nội", `href="/admin/audit"`)
	page = admin.get("/admin/audit?action=login_failed&from=25/02/2023&to=25/02/2023")
	expectPage(t, page, "Đăng nhập sai")
	if strings.Contains(page.Body.String(), "Thành phố Hà Nội") {
		t.Error("the filter on failed logins lists the agency's change")
	}
	page = admin.get("/admin/audit?from=26/02/2023")
	expectPage(t, page, "Không có dòng nào khớp.")
	page = admin.get("/admin/audit?from=31/02/2023&to=01/01/2023")
	expectStatus(t, page, http.StatusUnprocessableEntity)
	expectPage(t, page, "Ngày không hợp lệ")
	page = admin.get("/admin/audit?from=02/02/2023&to=01/01/2023")
	expectStatus(t, page, http.StatusUnprocessableEntity)
	expectPage(t, page, "“Đến ngày” phải từ “Từ ngày” trở đi.")

	admin.submit("/admin/audit", "/lang", url.Values{"lang": {"en"}})
	expectPage(t, admin.get("/admin/audit?entity=agency"), "Audit trail", "Agency", "Changed", "Chủ tịch UBND")

	csvRec := admin.get("/admin/audit.csv?entity=agency")
	expectStatus(t, csvRec, http.StatusOK)
	if ct := csvRec.Header().Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if cd := csvRec.Header().Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="roviec-audit-`) {
		t.Errorf("Content-Disposition %q", cd)
	}
	body := csvRec.Body.String()
	if !strings.HasPrefix(body, "\uFEFF") {
		t.Fatalf("the CSV does not start with a byte order mark: %q", body[:min(20, len(body))])
	}
	rows := readCSV(t, body)
	if len(rows) != 2 || rows[0][3] != "By" || rows[1][3] != "admin@test.vn" || rows[1][5] != "agency" ||
		!strings.Contains(rows[1][9], "Thành phố Hà Nội") || rows[1][1] != "25/02/2023 09:00:00" {
		t.Errorf("CSV of the agency's trail: %q", rows)
	}
	rows = readCSV(t, admin.get("/admin/audit.csv?action=login_failed").Body.String())
	if len(rows) != 2 || rows[1][3] != `'=hyperlink("x")@evil.vn` {
		t.Errorf("a typed e-mail that a spreadsheet would run as a formula: %q", rows)
	}
	expectStatus(t, admin.get("/admin/audit.csv?from=hôm+qua"), http.StatusUnprocessableEntity)

	coordinator := newBrowser(e)
	coordinator.login("coordinator")
	if strings.Contains(coordinator.get("/plans").Body.String(), `href="/admin/audit"`) {
		t.Error("a coordinator is offered the audit trail")
	}
}

// readCSV reads an export, its byte order mark left out.
func readCSV(t *testing.T, body string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestAPIAuditFilters: bad filters are a 422 naming each field; the page
// size is bounded.
func TestAPIAuditFilters(t *testing.T) {
	e := newEnv(t)
	admin := e.token("admin")
	rec := e.do("GET", "/api/v1/audit?entity=planet&action=explode&from=2023-02-30&per_page=abc", admin, nil)
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	var body struct {
		Fields map[string]string `json:"fields"`
	}
	decode(t, rec, &body)
	for _, f := range []string{"entity", "action", "from", "per_page"} {
		if body.Fields[f] == "" {
			t.Errorf("no message for %s: %v", f, body.Fields)
		}
	}
	var got apiList[apiAuditRow]
	decode(t, e.do("GET", "/api/v1/audit?per_page=100000", admin, nil), &got)
	if got.PerPage != 200 || got.Total == 0 {
		t.Errorf("per_page=100000 gave %d a page of %d", got.PerPage, got.Total)
	}
}
