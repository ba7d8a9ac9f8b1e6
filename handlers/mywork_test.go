package handlers_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// apiWork is GET /api/v1/me/work as a client reads it.
type apiWork struct {
	Items []struct {
		AssignmentID uint     `json:"assignment_id"`
		Title        string   `json:"title"`
		AgencyCode   string   `json:"agency_code"`
		DueDate      *string  `json:"due_date"`
		Status       string   `json:"status"`
		Reasons      []string `json:"reasons"`
		ReturnReason string   `json:"return_reason"`
		Action       string   `json:"action"`
	} `json:"items"`
	Groups []struct {
		Reason string `json:"reason"`
		Total  int64  `json:"total"`
	} `json:"groups"`
}

// TestMyWork: a submission the committee returned comes first in the focal
// point's work (API and landing page), with the reason on top; another
// agency's focal point does not see it; a coordinator has no work of their
// own and does not land on a work page.
func TestMyWork(t *testing.T) {
	e := newEnv(t)
	focal, coord := e.token("focal"), e.token("coordinator")
	id := e.submitted(t, focal, "BTTTT")
	expectStatus(t, e.patchAssignment(coord, id, map[string]any{"status": "in_progress",
		"note": "Thiếu quyết định <ban hành>"}), http.StatusOK)

	var work apiWork
	rec := e.do("GET", "/api/v1/me/work", focal, nil)
	expectStatus(t, rec, http.StatusOK)
	if err := json.Unmarshal(rec.Body.Bytes(), &work); err != nil {
		t.Fatal(err)
	}
	if len(work.Items) < 2 {
		t.Fatalf("want the returned submission and the programme's other work, got %d items", len(work.Items))
	}
	first := work.Items[0]
	if first.AssignmentID != id || first.Reasons[0] != "returned" || first.ReturnReason != "Thiếu quyết định <ban hành>" ||
		first.Action != "resubmit" || first.AgencyCode != "BTTTT" {
		t.Errorf("first item: %+v", first)
	}
	for _, it := range work.Items {
		if it.AgencyCode != "BTTTT" {
			t.Errorf("another agency's work listed: %+v", it)
		}
	}
	rec = e.do("GET", "/api/v1/me/work", e.token("focal2"), nil)
	if strings.Contains(rec.Body.String(), `"assignment_id":`+itoa(id)+`,`) {
		t.Error("Hà Nội's focal point sees BTTTT's returned work")
	}
	rec = e.do("GET", "/api/v1/me/work", coord, nil)
	expectStatus(t, rec, http.StatusOK)
	expectPage(t, rec, `{"items":[],"groups":[]}`)

	b := newBrowser(e)
	b.login("focal")
	rec = b.get("/")
	expectStatus(t, rec, http.StatusSeeOther)
	if loc := rec.Header().Get("Location"); loc != "/work" {
		t.Fatalf("focal point lands on %q, want /work", loc)
	}
	rec = b.get("/work")
	expectStatus(t, rec, http.StatusOK)
	body := rec.Body.String()
	reason := strings.Index(body, "Thiếu quyết định &lt;ban hành&gt;")
	overdue := strings.Index(body, `id="work-overdue"`)
	if reason < 0 || (overdue >= 0 && overdue < reason) {
		t.Errorf("the return reason is not shown first (reason at %d, overdue group at %d)", reason, overdue)
	}
	expectPage(t, rec, `href="/assignments/`+itoa(id)+`#update"`, "Sửa và gửi lại")

	c := newBrowser(e)
	c.login("viewer")
	if loc := c.get("/").Header().Get("Location"); loc == "/work" {
		t.Error("a viewer lands on a work page")
	}
}
