package handlers_test

import (
	"fmt"
	"strings"
	"testing"
)

func TestAPIInvalidValues(t *testing.T) {
	e := newEnv(t)
	focal, coord, admin := e.token("focal"), e.token("coordinator"), e.token("admin")
	own := e.assignmentFor("BTTTT", "2023-03-31")
	assignment := fmt.Sprintf("/api/v1/assignments/%d", own)
	cases := []struct {
		name, method, path, token string
		body                      map[string]any
		fields                    []string
	}{
		{"progress above 100", "PATCH", assignment, focal, map[string]any{"progress": 150}, []string{"progress"}},
		{"negative progress", "PATCH", assignment, focal, map[string]any{"progress": -1}, []string{"progress"}},
		{"impossible evidence date", "PATCH", assignment, focal, map[string]any{"evidence_date": "31/02/2023"}, []string{"evidence_date"}},
		{"evidence date not a date", "PATCH", assignment, focal, map[string]any{"evidence_date": "abc"}, []string{"evidence_date"}},
		{"due date not a date", "PATCH", assignment, coord, map[string]any{"due_date": "abc"}, []string{"due_date"}},
		{"owner e-mail", "PATCH", assignment, focal, map[string]any{"owner_email": "an.nv@"}, []string{"owner_email"}},
		{"evidence link", "PATCH", assignment, focal, map[string]any{"evidence_url": "ftp://mic.gov.vn/x"}, []string{"evidence_url"}},
		{"unknown status", "PATCH", assignment, focal, map[string]any{"status": "finished"}, []string{"status"}},
		{"several at once", "PATCH", assignment, focal, map[string]any{"progress": 101, "owner_email": "khong-hop-le",
			"evidence_date": "32/01/2023"}, []string{"progress", "owner_email", "evidence_date"}},
		{"submit without evidence", "PATCH", assignment, focal, map[string]any{"status": "submitted"}, []string{"evidence_ref"}},
		{"user e-mail", "POST", "/api/v1/users", admin, map[string]any{"email": "khong-phai-email", "name": "Lê Thị Bình",
			"role": "viewer", "password": testPassword}, []string{"email"}},
		{"user role and agency", "POST", "/api/v1/users", admin, map[string]any{"email": "binh@test.vn", "name": "Lê Thị Bình",
			"role": "focal", "password": "ngan"}, []string{"agency_code", "password"}},
		{"leader e-mail", "PATCH", "/api/v1/agencies/BTTTT", admin, map[string]any{"leader_email": "lanh dao@mic"}, []string{"leader_email"}},
		{"plan year", "POST", "/api/v1/plans", coord, map[string]any{"name": "Kế hoạch 2024", "year": 24}, []string{"year"}},
		{"theme months", "POST", "/api/v1/plans/1/themes", coord, map[string]any{"title_vi": "Chủ đề", "first_month": 13,
			"last_month": 1}, []string{"first_month", "last_month"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := e.do(tc.method, tc.path, tc.token, tc.body)
			expectStatus(t, rec, 422)
			var out apiErr
			decode(t, rec, &out)
			for _, f := range tc.fields {
				if out.Fields[f] == "" {
					t.Errorf("no message for %q in %v", f, out.Fields)
				}
			}
		})
	}
	var a apiAssignment
	decode(t, e.do("GET", assignment, focal, nil), &a)
	if a.Status != "not_started" || a.Progress != 0 || len(a.History) != 0 {
		t.Errorf("refused changes were written: %+v", a)
	}
}

func TestAPIMalformedJSON(t *testing.T) {
	e := newEnv(t)
	focal, coord := e.token("focal"), e.token("coordinator")
	assignment := fmt.Sprintf("/api/v1/assignments/%d", e.assignmentFor("BTTTT", "2023-03-31"))
	cases := []struct {
		name, method, path, token, body string
		mentions                        string
	}{
		{"cut short", "PATCH", assignment, focal, `{"progress": 4`, "JSON"},
		{"syntax", "PATCH", assignment, focal, `{progress: 40}`, "JSON"},
		{"empty body", "PATCH", assignment, focal, ``, "JSON"},
		{"progress as text", "PATCH", assignment, focal, `{"progress": "abc"}`, "progress"},
		{"progress as fraction", "PATCH", assignment, focal, `{"progress": 50.5}`, "progress"},
		{"status as number", "PATCH", assignment, focal, `{"status": 3}`, "status"},
		{"misspelt field", "PATCH", assignment, focal, `{"progres": 40}`, "progres"},
		{"misspelt after known fields", "PATCH", assignment, focal, `{"progress": 40, "evidence_rfe": "12/KH"}`, `"evidence_rfe"`},
		{"array instead of object", "PATCH", assignment, focal, `[{"progress": 40}]`, "đối tượng"},
		{"two objects", "PATCH", assignment, focal, `{"progress": 40} {"progress": 50}`, "một đối tượng"},
		{"codes as a string", "POST", "/api/v1/directives", coord, `{"title": "x", "agency_codes": "BTTTT"}`, "agency_codes"},
		{"negative theme id", "POST", "/api/v1/directives", coord, `{"theme_id": -1}`, "theme_id"},
		{"active as text", "PATCH", "/api/v1/agencies/BTTTT", e.token("admin"), `{"active": "yes"}`, "active"},
		{"token request", "POST", "/api/v1/auth/token", "", `{"email": ["a"]}`, "email"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := e.do(tc.method, tc.path, tc.token, tc.body)
			expectStatus(t, rec, 400)
			var out apiErr
			decode(t, rec, &out)
			if !strings.Contains(out.Error, tc.mentions) {
				t.Errorf("message %q does not mention %q", out.Error, tc.mentions)
			}
		})
	}
}

func TestAPIUnknownIDs(t *testing.T) {
	e := newEnv(t)
	coord, admin := e.token("coordinator"), e.token("admin")
	cases := []struct{ method, path, token string }{
		{"GET", "/api/v1/assignments/999999", coord},
		{"PATCH", "/api/v1/assignments/999999", coord},
		{"GET", "/api/v1/assignments/abc", coord},
		{"PATCH", "/api/v1/assignments/-1", coord},
		{"GET", "/api/v1/assignments/0", coord},
		{"GET", "/api/v1/directives/999999", coord},
		{"GET", "/api/v1/directives/1e3", coord},
		{"GET", "/api/v1/plans/999/themes", coord},
		{"POST", "/api/v1/plans/999/themes", coord},
		{"POST", "/api/v1/plans/999/copy", coord},
		{"PATCH", "/api/v1/agencies/KHONGCO", admin},
		{"GET", "/api/v1/khong-co", coord},
	}
	for _, tc := range cases {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			rec := e.do(tc.method, tc.path, tc.token, `{"progress": 10, "name": "Bản sao", "year": 2024}`)
			expectStatus(t, rec, 404)
			var out apiErr
			decode(t, rec, &out)
			if out.Error == "" {
				t.Errorf("no message: %s", rec.Body.String())
			}
		})
	}
}
