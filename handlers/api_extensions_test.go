package handlers_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// apiExtension is the part of an extension's JSON the tests read.
type apiExtension struct {
	ID           uint    `json:"id"`
	AssignmentID uint    `json:"assignment_id"`
	AgencyCode   string  `json:"agency_code"`
	CurrentDue   *string `json:"current_due"`
	NewDue       *string `json:"new_due"`
	Reason       string  `json:"reason"`
	Status       string  `json:"status"`
	DecidedBy    string  `json:"decided_by"`
	DecisionNote string  `json:"decision_note"`
}

// apiTimeliness is the extension part of an assignment's JSON.
type apiTimeliness struct {
	apiAssignment
	OriginalDue     *string `json:"original_due_date"`
	WithinExtension bool    `json:"within_extension"`
}

// requestExtension posts an extension request for assignment id.
func (e *env) requestExtension(token string, id uint, body any) *httptest.ResponseRecorder {
	e.t.Helper()
	return e.do(http.MethodPost, fmt.Sprintf("/api/v1/assignments/%d/extensions", id), token, body)
}

// decide posts a decision on extension id.
func (e *env) decide(token string, id uint, body any) *httptest.ResponseRecorder {
	e.t.Helper()
	return e.do(http.MethodPost, fmt.Sprintf("/api/v1/extensions/%d/decision", id), token, body)
}

// getTimeliness reads an assignment's JSON.
func (e *env) getTimeliness(token string, id uint) apiTimeliness {
	e.t.Helper()
	rec := e.do(http.MethodGet, fmt.Sprintf("/api/v1/assignments/%d", id), token, nil)
	expectStatus(e.t, rec, http.StatusOK)
	var a apiTimeliness
	decode(e.t, rec, &a)
	return a
}

func TestAPIExtensionRequest(t *testing.T) {
	e := newEnv(t)
	focal := e.token("focal")
	id := e.assignmentFor("BTTTT", "2023-03-31")
	tests := []struct {
		name, who string
		body      any
		want      int
		field     string // the field of a 422
	}{
		{"focal of another agency", "focal2", map[string]string{"new_due": "15/04/2023", "reason": "Chờ thẩm định"}, 403, ""},
		{"viewer", "viewer", map[string]string{"new_due": "15/04/2023", "reason": "Chờ thẩm định"}, 403, ""},
		{"impossible date", "focal", map[string]string{"new_due": "31/02/2023", "reason": "Chờ thẩm định"}, 422, "new_due"},
		{"earlier date", "focal", map[string]string{"new_due": "2023-03-15", "reason": "Chờ thẩm định"}, 422, "new_due"},
		{"no reason", "focal", map[string]string{"new_due": "15/04/2023", "reason": " "}, 422, "reason"},
		{"misspelt field", "focal", map[string]string{"new_date": "15/04/2023", "reason": "Chờ thẩm định"}, 400, ""},
		{"focal of the agency", "focal", map[string]string{"new_due": "15/04/2023", "reason": "Chờ thẩm định"}, 201, ""},
		{"second pending request", "focal", map[string]string{"new_due": "30/04/2023", "reason": "Thêm thời gian"}, 409, ""},
		{"coordinator, while one is pending", "coordinator", map[string]string{"new_due": "30/04/2023", "reason": "Theo đề nghị"}, 409, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			token := focal
			if tc.who != "focal" {
				token = e.token(tc.who)
			}
			rec := e.requestExtension(token, id, tc.body)
			expectStatus(t, rec, tc.want)
			if tc.field != "" {
				var body apiErr
				decode(t, rec, &body)
				if body.Fields[tc.field] == "" {
					t.Fatalf("no message for %s: %s", tc.field, rec.Body.String())
				}
			}
			if tc.want == http.StatusCreated {
				var x apiExtension
				decode(t, rec, &x)
				if x.Status != "pending" || *x.CurrentDue != "2023-03-31" || *x.NewDue != "2023-04-15" || x.AgencyCode != "BTTTT" || x.AssignmentID != id {
					t.Fatalf("created %+v", x)
				}
			}
		})
	}
	if a := e.getTimeliness(focal, id); *a.DueDate != "2023-03-31" || a.OriginalDue != nil {
		t.Fatalf("a request moved the deadline: %+v", a)
	}
	rec := e.do(http.MethodGet, "/api/v1/extensions?status=pending", focal, nil)
	expectStatus(t, rec, http.StatusOK)
	var list apiList[apiExtension]
	decode(t, rec, &list)
	if list.Total != 1 || len(list.Items) != 1 || list.Items[0].Reason != "Chờ thẩm định" {
		t.Fatalf("pending list %+v", list)
	}
	expectStatus(t, e.do(http.MethodGet, "/api/v1/extensions?status=later", focal, nil), http.StatusUnprocessableEntity)
	expectStatus(t, e.requestExtension(focal, 999999, map[string]string{"new_due": "15/04/2023", "reason": "x"}), http.StatusNotFound)
}

func TestAPIExtensionDecisionAndTimeliness(t *testing.T) {
	e := newEnv(t)
	focal, coord := e.token("focal"), e.token("coordinator")
	onTime, late := e.assignmentFor("BTTTT", "2023-03-31"), e.assignmentFor("BTTTT", "2023-03-31")
	ids := map[uint]uint{}
	for _, a := range []uint{onTime, late} {
		rec := e.requestExtension(focal, a, map[string]string{"new_due": "15/04/2023", "reason": "Chờ ý kiến thẩm định"})
		expectStatus(t, rec, http.StatusCreated)
		var x apiExtension
		decode(t, rec, &x)
		ids[a] = x.ID
	}
	expectStatus(t, e.decide(focal, ids[onTime], map[string]any{"approve": true}), http.StatusForbidden)
	expectStatus(t, e.decide(coord, ids[onTime], map[string]any{"note": "Thiếu quyết định"}), http.StatusUnprocessableEntity)
	rec := e.decide(coord, ids[onTime], map[string]any{"approve": false, "note": ""})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	var bad apiErr
	decode(t, rec, &bad)
	if bad.Fields["note"] == "" {
		t.Fatalf("a rejection without a note: %s", rec.Body.String())
	}
	for _, a := range []uint{onTime, late} {
		rec := e.decide(coord, ids[a], map[string]any{"approve": true})
		expectStatus(t, rec, http.StatusOK)
		var x apiExtension
		decode(t, rec, &x)
		if x.Status != "approved" || x.DecidedBy == "" {
			t.Fatalf("decided %+v", x)
		}
	}
	expectStatus(t, e.decide(coord, ids[onTime], map[string]any{"approve": true}), http.StatusConflict)
	a := e.getTimeliness(focal, onTime)
	if *a.DueDate != "2023-04-15" || a.OriginalDue == nil || *a.OriginalDue != "2023-03-31" {
		t.Fatalf("after approval: due %v, original %v", a.DueDate, a.OriginalDue)
	}
	if last := a.History[len(a.History)-1]; last.Note != "Gia hạn đến 15/04/2023: Chờ ý kiến thẩm định" || last.FromStatus != last.ToStatus {
		t.Fatalf("history row %+v", last)
	}

	// Done after the original deadline: within the extension, or after it.
	complete := func(id uint, on time.Time) apiTimeliness {
		e.clock.Set(on)
		expectStatus(t, e.patchAssignment(e.token("focal"), id, map[string]any{"status": "submitted", "evidence_ref": "15/QĐ-BTTTT"}), http.StatusOK)
		expectStatus(t, e.patchAssignment(e.token("coordinator"), id, map[string]any{"status": "done"}), http.StatusOK)
		return e.getTimeliness(e.token("viewer"), id)
	}
	if got := complete(onTime, at(t, 2023, 4, 10, 9, 0)); *got.Timeliness != "done_on_time" || !got.WithinExtension {
		t.Errorf("done 10/04 with an extension to 15/04: %v, within_extension %v", *got.Timeliness, got.WithinExtension)
	}
	if got := complete(late, at(t, 2023, 4, 20, 9, 0)); *got.Timeliness != "done_late" || got.WithinExtension || got.DaysOverdue != 5 {
		t.Errorf("done 20/04 with an extension to 15/04: %v, within_extension %v, %d days", *got.Timeliness, got.WithinExtension, got.DaysOverdue)
	}
}
