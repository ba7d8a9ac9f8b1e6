package handlers_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestAPITextLimits: text longer than its documented limit, with a NUL or
// broken UTF-8, and dates outside 2000-2100 are refused with 422 naming the
// field (and the limit), a second plan for a year too, and nothing is
// written.
func TestAPITextLimits(t *testing.T) {
	e := newEnv(t)
	focal, coord, admin := e.token("focal"), e.token("coordinator"), e.token("admin")
	own := e.assignmentFor("BTTTT", "2023-03-31")
	assignment := fmt.Sprintf("/api/v1/assignments/%d", own)
	cases := []struct {
		name, method, path, token string
		body                      map[string]any
		field, mentions           string
	}{
		{"300,000-character plan name", "POST", "/api/v1/plans", coord, map[string]any{"name": strings.Repeat("a", 300000), "year": 2030}, "name", "200"},
		{"long evidence link", "PATCH", assignment, focal, map[string]any{"evidence_url": "https://mic.gov.vn/" + strings.Repeat("a", 3000)}, "evidence_url", "2.000"},
		{"NUL in the owner's name", "PATCH", assignment, focal, map[string]any{"owner_name": "Lê\x00Minh"}, "owner_name", "ký tự không hợp lệ"},
		{"NUL in a note", "PATCH", assignment, focal, map[string]any{"note": "đã họp\x00"}, "note", "ký tự không hợp lệ"},
		{"NUL in a user's name", "POST", "/api/v1/users", admin, map[string]any{"email": "binh@test.vn", "name": "Bình\x00",
			"role": "viewer", "password": testPassword}, "name", "ký tự không hợp lệ"},
		{"long agency name", "PATCH", "/api/v1/agencies/BTTTT", admin, map[string]any{"name": strings.Repeat("Bộ ", 100)}, "name", "200"},
		{"long leader e-mail", "PATCH", "/api/v1/agencies/BTTTT", admin, map[string]any{"leader_email": strings.Repeat("a", 250) + "@mic.gov.vn"}, "leader_email", "e-mail"},
		{"long theme title", "POST", "/api/v1/plans/1/themes", coord, map[string]any{"title_vi": strings.Repeat("x", 201), "first_month": 1, "last_month": 1}, "title_vi", "200"},
		{"holiday in year 1", "POST", "/api/v1/holidays", admin, map[string]any{"day": "0001-01-01", "name_vi": "Nghỉ"}, "day", "dd/mm/yyyy"},
		{"holiday with a NUL name", "POST", "/api/v1/holidays", admin, map[string]any{"day": "2024-01-02", "name_vi": "Nghỉ\x00"}, "name_vi", "ký tự không hợp lệ"},
		{"extension to 31/12/9999", "POST", assignment + "/extensions", focal, map[string]any{"new_due": "31/12/9999", "reason": "Chờ thẩm định"}, "new_due", "dd/mm/yyyy"},
		{"deadline in year 99999", "PATCH", assignment, coord, map[string]any{"due_date": "31/12/99999"}, "due_date", "dd/mm/yyyy"},
		{"second plan for 2023", "POST", "/api/v1/plans", coord, map[string]any{"name": "Kế hoạch 2023 bis", "year": 2023}, "year", "Kế hoạch năm 2023 đã có"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := e.do(tc.method, tc.path, tc.token, tc.body)
			expectStatus(t, rec, http.StatusUnprocessableEntity)
			var out apiErr
			decode(t, rec, &out)
			if !strings.Contains(out.Fields[tc.field], tc.mentions) {
				t.Errorf("message for %q is %q, want it to mention %q (all: %v)", tc.field, out.Fields[tc.field], tc.mentions, out.Fields)
			}
		})
	}
	var a apiAssignment
	decode(t, e.do("GET", assignment, focal, nil), &a)
	if len(a.History) != 0 || a.OwnerName != "" {
		t.Errorf("refused changes were written: %+v", a)
	}
	plans, err := e.store.ListPlans(t.Context())
	if err != nil || len(plans) != 1 {
		t.Errorf("plans after refusals: %d, %v", len(plans), err)
	}
	agency, err := e.store.AgencyByCode(t.Context(), "BTTTT")
	if err != nil || agency.Name != "Bộ Thông tin và Truyền thông" {
		t.Errorf("agency after refusals: %+v, %v", agency, err)
	}

	// The English message names the limit too.
	req := httptest.NewRequest("POST", "/api/v1/plans", strings.NewReader(`{"name":"`+strings.Repeat("a", 201)+`","year":2031}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+coord)
	req.Header.Set("Accept-Language", "en")
	rec := httptest.NewRecorder()
	e.app.Echo.ServeHTTP(rec, req)
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectPage(t, rec, "at most 200 characters")

	// Broken UTF-8 in a JSON body.
	rec = e.do("PATCH", assignment, focal, "{\"owner_name\": \"L\xff\"}")
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectPage(t, rec, "ký tự không hợp lệ")
}

// TestPageTextLimits: through the pages, a 3 MB evidence link is refused
// before it is read (413 with a readable page), a long one and broken UTF-8
// get the form back with the message (422), and nothing is written.
func TestPageTextLimits(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	b.login("focal")
	a := e.pageAssignment("BTTTT")
	path := "/assignments/" + itoa(a.ID)
	form := updateForm(a.Status, "40", "Lê Minh", "minh@mic.gov.vn")
	form.Set("evidence_url", "https://mic.gov.vn/"+strings.Repeat("a", 3<<20))
	rec := b.submit(path, path, form)
	expectStatus(t, rec, http.StatusRequestEntityTooLarge)
	expectPage(t, rec, "Nội dung yêu cầu quá lớn.")

	form.Set("evidence_url", "https://mic.gov.vn/"+strings.Repeat("a", 3000))
	rec = b.submit(path, path, form)
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectPage(t, rec, "tối đa 2.000 ký tự")

	form = updateForm(a.Status, "40", "L\xffMinh", "minh@mic.gov.vn")
	rec = b.submit(path, path, form)
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectPage(t, rec, "ký tự không hợp lệ")

	if got := e.assignment(a.ID); got.Progress != a.Progress || got.OwnerName != a.OwnerName || got.EvidenceURL != a.EvidenceURL {
		t.Errorf("refused changes were written: %+v", got)
	}
}
