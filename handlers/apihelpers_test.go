package handlers_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"roviec/models"
)

// apiAssignment is the part of an assignment's JSON the tests read.
type apiAssignment struct {
	ID            uint     `json:"id"`
	DirectiveID   uint     `json:"directive_id"`
	AgencyCode    string   `json:"agency_code"`
	AgencyKind    string   `json:"agency_kind"`
	Status        string   `json:"status"`
	Progress      int      `json:"progress"`
	DueDate       *string  `json:"due_date"`
	SubmittedDate *string  `json:"submitted_date"`
	CompletedDate *string  `json:"completed_date"`
	Timeliness    *string  `json:"timeliness"`
	DueSoon       bool     `json:"due_soon"`
	DaysOverdue   int      `json:"days_overdue"`
	Clear         bool     `json:"clear"`
	Missing       []string `json:"missing"`
	OwnerName     string   `json:"owner_name"`
	OwnerEmail    string   `json:"owner_email"`
	EvidenceRef   string   `json:"evidence_ref"`
	EvidenceDate  *string  `json:"evidence_date"`
	EvidenceURL   string   `json:"evidence_url"`
	UpdatedAt     string   `json:"updated_at"`
	History       []struct {
		UserName   string `json:"user_name"`
		FromStatus string `json:"from_status"`
		ToStatus   string `json:"to_status"`
		Progress   int    `json:"progress"`
		Note       string `json:"note"`
	} `json:"history"`
}

// apiList is a page of an API list.
type apiList[T any] struct {
	Items   []T   `json:"items"`
	Total   int64 `json:"total"`
	Page    int   `json:"page"`
	PerPage int   `json:"per_page"`
}

// apiErr is the JSON body of an API error.
type apiErr struct {
	Error  string            `json:"error"`
	Fields map[string]string `json:"fields"`
}

// themeID is the id of the 2023 plan's theme covering month m.
func (e *env) themeID(m int) uint {
	e.t.Helper()
	ctx := context.Background()
	plans, err := e.store.ListPlans(ctx)
	if err != nil || len(plans) == 0 {
		e.t.Fatalf("plans: %v", err)
	}
	th, err := e.store.ThemeForMonth(ctx, plans[0].ID, m)
	if err != nil {
		e.t.Fatal(err)
	}
	return th.ID
}

// assignmentFor creates, through the store, a directive of the March theme
// due on due (YYYY-MM-DD) for one agency and returns that agency's assignment id.
func (e *env) assignmentFor(code, due string) uint {
	e.t.Helper()
	_, list, err := e.store.CreateDirective(context.Background(), models.DirectiveInput{ThemeID: e.themeID(3),
		Pillar: "data", Title: "Ban hành danh mục cơ sở dữ liệu", Deliverable: "Quyết định ban hành danh mục",
		DueDate: due, AgencyCodes: []string{code}}, e.users["coordinator"], e.clock.Now())
	if err != nil || len(list) != 1 {
		e.t.Fatalf("create directive for %s: %v", code, err)
	}
	return list[0].ID
}

// patchAssignment sends PATCH /api/v1/assignments/{id}.
func (e *env) patchAssignment(token string, id uint, body any) *httptest.ResponseRecorder {
	e.t.Helper()
	return e.do("PATCH", fmt.Sprintf("/api/v1/assignments/%d", id), token, body)
}

// submitted returns an assignment of agency code that its focal point has
// submitted with evidence (the env user "focal" for BTTTT).
func (e *env) submitted(t *testing.T, focalToken, code string) uint {
	t.Helper()
	id := e.assignmentFor(code, "2023-03-31")
	rec := e.patchAssignment(focalToken, id, map[string]any{"status": "submitted", "evidence_ref": "123/QĐ-BTTTT"})
	expectStatus(t, rec, 200)
	return id
}

// inProgress returns a BTTTT assignment its focal point has started.
func (e *env) inProgress(t *testing.T, focalToken string) uint {
	t.Helper()
	id := e.assignmentFor("BTTTT", "2023-03-31")
	expectStatus(t, e.patchAssignment(focalToken, id, map[string]any{"progress": 20}), 200)
	return id
}

// at is a moment in Vietnam's time zone.
func at(t testing.TB, y int, m time.Month, d, hh, mm int) time.Time {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	return time.Date(y, m, d, hh, mm, 0, 0, loc)
}

// doAuth sends a bodiless request with a raw Authorization header ("" for none).
func (e *env) doAuth(method, path, authorization string) *httptest.ResponseRecorder {
	e.t.Helper()
	req := httptest.NewRequest(method, path, nil)
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	rec := httptest.NewRecorder()
	e.app.Echo.ServeHTTP(rec, req)
	return rec
}
