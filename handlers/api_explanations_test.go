package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"roviec/models"
)

// apiExplanation is the part of an explanation request's JSON the tests read.
type apiExplanation struct {
	ID           uint    `json:"id"`
	AssignmentID uint    `json:"assignment_id"`
	AgencyCode   string  `json:"agency_code"`
	MissedDue    *string `json:"missed_due_date"`
	Open         bool    `json:"open"`
	Answer       string  `json:"answer"`
	AnsweredBy   string  `json:"answered_by"`
	AnsweredAt   *string `json:"answered_at"`
}

// openExplanation inserts an explanation request for assignment id, as the
// reminder pass does at level 2 of the escalation ladder.
func (e *env) openExplanation(id uint) *models.ExplanationRequest {
	e.t.Helper()
	a, err := e.store.AssignmentByID(context.Background(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	req := &models.ExplanationRequest{AssignmentID: id, DueOn: a.DueOn, RequestedAt: e.clock.Now()}
	if err := e.store.DB().Create(req).Error; err != nil {
		e.t.Fatal(err)
	}
	return req
}

// explanations lists explanation requests through the API.
func (e *env) explanations(token, query string) []apiExplanation {
	e.t.Helper()
	rec := e.do(http.MethodGet, "/api/v1/explanations"+query, token, nil)
	expectStatus(e.t, rec, http.StatusOK)
	var list apiList[apiExplanation]
	decode(e.t, rec, &list)
	return list.Items
}

func TestAPIExplanationAnswer(t *testing.T) {
	e := newEnv(t)
	id := e.assignmentFor("BTTTT", "2023-03-31")
	e.clock.Set(at(t, 2023, 4, 17, 8, 0))
	req := e.openExplanation(id)
	focal, viewer := e.token("focal"), e.token("viewer")
	open := e.explanations(viewer, "?open=1")
	if len(open) != 1 || !open[0].Open || open[0].AgencyCode != "BTTTT" || *open[0].MissedDue != "2023-03-31" || open[0].AssignmentID != id {
		t.Fatalf("open requests %+v", open)
	}
	path := fmt.Sprintf("/api/v1/explanations/%d/answer", req.ID)
	answer := "Bộ đang chờ ý kiến thẩm định của Bộ Tài chính; dự kiến ban hành trước 30/04/2023."
	tests := []struct {
		name, who string
		body      any
		want      int
	}{
		{"focal of another agency", "focal2", map[string]string{"answer": "Không phải việc của chúng tôi"}, 403},
		{"viewer", "viewer", map[string]string{"answer": "Xem"}, 403},
		{"empty answer", "focal", map[string]string{"answer": "  "}, 422},
		{"focal of the agency", "focal", map[string]string{"answer": answer}, 200},
		{"answered already", "focal", map[string]string{"answer": "Lần hai"}, 409},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := e.do(http.MethodPost, path, e.token(tc.who), tc.body)
			expectStatus(t, rec, tc.want)
			if tc.want == http.StatusOK {
				var got apiExplanation
				decode(t, rec, &got)
				if got.Open || got.Answer != answer || got.AnsweredAt == nil || got.AnsweredBy == "" {
					t.Fatalf("answered %+v", got)
				}
			}
		})
	}
	if open := e.explanations(viewer, "?open=1"); len(open) != 0 {
		t.Fatalf("an answered request is still open: %+v", open)
	}
	if all := e.explanations(viewer, ""); len(all) != 1 || all[0].Answer != answer {
		t.Fatalf("all requests %+v", all)
	}
	a := e.getTimeliness(focal, id)
	if last := a.History[len(a.History)-1]; last.Note != "Giải trình: "+answer {
		t.Fatalf("history %+v", a.History)
	}
	expectStatus(t, e.do(http.MethodGet, "/api/v1/explanations?open=maybe", viewer, nil), http.StatusUnprocessableEntity)
	expectStatus(t, e.do(http.MethodPost, "/api/v1/explanations/999999/answer", focal, map[string]string{"answer": "x"}), http.StatusNotFound)
}

// apiHoliday is a day off as the API shows it.
type apiHoliday struct {
	ID     uint   `json:"id"`
	Day    string `json:"day"`
	NameVI string `json:"name_vi"`
}

func TestAPIHolidays(t *testing.T) {
	e := newEnv(t)
	list := func(query string) apiList[apiHoliday] {
		rec := e.do(http.MethodGet, "/api/v1/holidays"+query, e.token("focal"), nil)
		expectStatus(t, rec, http.StatusOK)
		var out apiList[apiHoliday]
		decode(t, rec, &out)
		return out
	}
	before := list("?year=2023")
	if before.Total == 0 || before.Items[1].Day != "2023-01-20" || before.Items[1].NameVI != "Tết Nguyên đán" {
		t.Fatalf("2023 holidays %+v", before)
	}
	if l := list("?year=2024"); l.Total != 0 {
		t.Fatalf("2024 holidays %+v", l)
	}
	day := map[string]string{"day": "02/01/2024", "name_vi": "Nghỉ bù", "name_en": "Day in lieu"}
	tests := []struct {
		name, who string
		body      map[string]string
		want      int
	}{
		{"focal", "focal", day, 403},
		{"coordinator", "coordinator", day, 403},
		{"bad date", "admin", map[string]string{"day": "32/01/2024", "name_vi": "Nghỉ"}, 422},
		{"admin", "admin", day, 201},
		{"the same day again", "admin", day, 409},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			expectStatus(t, e.do(http.MethodPost, "/api/v1/holidays", e.token(tc.who), tc.body), tc.want)
		})
	}
	added := list("?year=2024")
	if added.Total != 1 || added.Items[0].Day != "2024-01-02" {
		t.Fatalf("2024 after adding %+v", added)
	}
	path := fmt.Sprintf("/api/v1/holidays/%d", added.Items[0].ID)
	expectStatus(t, e.do(http.MethodDelete, path, e.token("coordinator"), nil), http.StatusForbidden)
	expectStatus(t, e.do(http.MethodDelete, path, e.token("admin"), nil), http.StatusNoContent)
	expectStatus(t, e.do(http.MethodDelete, path, e.token("admin"), nil), http.StatusNotFound)
	if l := list(""); l.Total != before.Total {
		t.Fatalf("%d holidays after removing, want %d", l.Total, before.Total)
	}
}
