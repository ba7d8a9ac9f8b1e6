package handlers_test

import (
	"fmt"
	"net/http/httptest"
	"testing"
)

// TestAPIPermissionMatrix runs every write (and one read) as every kind of
// caller. "focal" belongs to BTTTT, the agency of the assignments touched;
// "focal2" belongs to another agency (Hà Nội).
func TestAPIPermissionMatrix(t *testing.T) {
	e := newEnv(t)
	roles := []string{"admin", "coordinator", "focal", "focal2", "viewer", "anonymous"}
	tokens := map[string]string{"anonymous": ""}
	for _, r := range roles[:5] {
		tokens[r] = e.token(r)
	}
	actions := []struct {
		name string
		run  func(token, role string) *httptest.ResponseRecorder
		want map[string]int
	}{
		{"read assignments", func(tok, _ string) *httptest.ResponseRecorder {
			return e.do("GET", "/api/v1/assignments?agency_code=BTTTT", tok, nil)
		}, map[string]int{"admin": 200, "coordinator": 200, "focal": 200, "focal2": 200, "viewer": 200, "anonymous": 401}},
		{"PATCH a BTTTT assignment", func(tok, _ string) *httptest.ResponseRecorder {
			return e.patchAssignment(tok, e.assignmentFor("BTTTT", "2023-03-31"), map[string]any{"progress": 10})
		}, map[string]int{"admin": 200, "coordinator": 200, "focal": 200, "focal2": 403, "viewer": 403, "anonymous": 401}},
		{"accept a BTTTT submission", func(tok, _ string) *httptest.ResponseRecorder {
			return e.patchAssignment(tok, e.submitted(t, tokens["focal"], "BTTTT"), map[string]any{"status": "done"})
		}, map[string]int{"admin": 200, "coordinator": 200, "focal": 403, "focal2": 403, "viewer": 403, "anonymous": 401}},
		{"read the review queue", func(tok, _ string) *httptest.ResponseRecorder {
			return e.do("GET", "/api/v1/review", tok, nil)
		}, map[string]int{"admin": 200, "coordinator": 200, "focal": 403, "focal2": 403, "viewer": 403, "anonymous": 401}},
		{"bulk accept a BTTTT submission", func(tok, _ string) *httptest.ResponseRecorder {
			return e.do("POST", "/api/v1/assignments/bulk", tok, map[string]any{"ids": []uint{e.submitted(t, tokens["focal"], "BTTTT")},
				"action": "accept"})
		}, map[string]int{"admin": 200, "coordinator": 200, "focal": 403, "focal2": 403, "viewer": 403, "anonymous": 401}},
		{"urge an agency about a directive", func(tok, _ string) *httptest.ResponseRecorder {
			d := e.assignment(e.assignmentFor("BTTTT", "2023-02-01")).DirectiveID
			return e.do("POST", fmt.Sprintf("/api/v1/directives/%d/urge", d), tok, map[string]any{"agency_codes": []string{"BTTTT"}})
		}, map[string]int{"admin": 200, "coordinator": 200, "focal": 403, "focal2": 403, "viewer": 403, "anonymous": 401}},
		{"urge an agency about its overdue work of a plan", func(tok, _ string) *httptest.ResponseRecorder {
			return e.do("POST", "/api/v1/agencies/urge", tok, map[string]any{"plan_id": e.plans()[0].ID, "agency_codes": []string{"BTTTT"}})
		}, map[string]int{"admin": 200, "coordinator": 200, "focal": 403, "focal2": 403, "viewer": 403, "anonymous": 401}},
		{"read notifications", func(tok, _ string) *httptest.ResponseRecorder {
			return e.do("GET", "/api/v1/notifications", tok, nil)
		}, map[string]int{"admin": 200, "coordinator": 200, "focal": 200, "focal2": 200, "viewer": 200, "anonymous": 401}},
		{"mark notifications read", func(tok, _ string) *httptest.ResponseRecorder {
			return e.do("POST", "/api/v1/notifications/read", tok, map[string]any{"all": true})
		}, map[string]int{"admin": 200, "coordinator": 200, "focal": 200, "focal2": 200, "viewer": 200, "anonymous": 401}},
		{"read notification preferences", func(tok, _ string) *httptest.ResponseRecorder {
			return e.do("GET", "/api/v1/notifications/preferences", tok, nil)
		}, map[string]int{"admin": 200, "coordinator": 200, "focal": 200, "focal2": 200, "viewer": 200, "anonymous": 401}},
		{"set notification preferences", func(tok, _ string) *httptest.ResponseRecorder {
			return e.do("PUT", "/api/v1/notifications/preferences", tok, map[string]any{"comment": "none"})
		}, map[string]int{"admin": 200, "coordinator": 200, "focal": 200, "focal2": 200, "viewer": 200, "anonymous": 401}},
		{"read a BTTTT assignment's comments", func(tok, _ string) *httptest.ResponseRecorder {
			return e.do("GET", fmt.Sprintf("/api/v1/assignments/%d/comments", e.assignmentFor("BTTTT", "2023-03-31")), tok, nil)
		}, map[string]int{"admin": 200, "coordinator": 200, "focal": 200, "focal2": 200, "viewer": 200, "anonymous": 401}},
		{"comment on a BTTTT assignment", func(tok, _ string) *httptest.ResponseRecorder {
			return e.do("POST", fmt.Sprintf("/api/v1/assignments/%d/comments", e.assignmentFor("BTTTT", "2023-03-31")), tok,
				map[string]any{"body": "Đề nghị bổ sung văn bản"})
		}, map[string]int{"admin": 201, "coordinator": 201, "focal": 201, "focal2": 403, "viewer": 403, "anonymous": 401}},
		{"edit the BTTTT focal point's comment", func(tok, _ string) *httptest.ResponseRecorder {
			id := e.assignmentFor("BTTTT", "2023-03-31")
			var c struct{ ID uint }
			decode(t, e.do("POST", fmt.Sprintf("/api/v1/assignments/%d/comments", id), tokens["focal"], map[string]any{"body": "Bản nháp"}), &c)
			return e.do("PATCH", fmt.Sprintf("/api/v1/assignments/%d/comments/%d", id, c.ID), tok, map[string]any{"body": "Bản sửa"})
		}, map[string]int{"admin": 403, "coordinator": 403, "focal": 200, "focal2": 403, "viewer": 403, "anonymous": 401}},
		{"POST directive", func(tok, _ string) *httptest.ResponseRecorder {
			return e.do("POST", "/api/v1/directives", tok, map[string]any{"theme_id": e.themeID(5), "title": "Rà soát dữ liệu",
				"agency_codes": []string{"BTTTT"}})
		}, map[string]int{"admin": 201, "coordinator": 201, "focal": 403, "focal2": 403, "viewer": 403, "anonymous": 401}},
		{"PATCH agency", func(tok, _ string) *httptest.ResponseRecorder {
			return e.do("PATCH", "/api/v1/agencies/BTTTT", tok, map[string]any{"leader_name": "Bộ trưởng"})
		}, map[string]int{"admin": 200, "coordinator": 403, "focal": 403, "focal2": 403, "viewer": 403, "anonymous": 401}},
		{"POST user", func(tok, role string) *httptest.ResponseRecorder {
			return e.do("POST", "/api/v1/users", tok, map[string]any{"email": "moi." + role + "@test.vn", "name": "Người mới",
				"role": "viewer", "password": testPassword})
		}, map[string]int{"admin": 201, "coordinator": 403, "focal": 403, "focal2": 403, "viewer": 403, "anonymous": 401}},
		{"POST invitation", func(tok, role string) *httptest.ResponseRecorder {
			return e.do("POST", "/api/v1/users/invitations", tok, map[string]any{"email": "moi.inv." + role + "@test.vn",
				"name": "Người được mời", "role": "viewer"})
		}, map[string]int{"admin": 201, "coordinator": 403, "focal": 403, "focal2": 403, "viewer": 403, "anonymous": 401}},
		{"POST plan", func(tok, role string) *httptest.ResponseRecorder {
			year := map[string]int{"admin": 2024, "coordinator": 2025}[role] // a year has one plan
			return e.do("POST", "/api/v1/plans", tok, map[string]any{"name": "Kế hoạch chuyển đổi số", "year": year})
		}, map[string]int{"admin": 201, "coordinator": 201, "focal": 403, "focal2": 403, "viewer": 403, "anonymous": 401}},
		{"read the audit trail", func(tok, _ string) *httptest.ResponseRecorder {
			return e.do("GET", "/api/v1/audit?entity=agency", tok, nil)
		}, map[string]int{"admin": 200, "coordinator": 403, "focal": 403, "focal2": 403, "viewer": 403, "anonymous": 401}},
		{"read my work", func(tok, _ string) *httptest.ResponseRecorder {
			return e.do("GET", "/api/v1/me/work", tok, nil)
		}, map[string]int{"admin": 200, "coordinator": 200, "focal": 200, "focal2": 200, "viewer": 200, "anonymous": 401}},
		{"merge Hà Giang into Tuyên Quang", func(tok, _ string) *httptest.ResponseRecorder {
			return e.do("POST", "/api/v1/agencies/merge", tok, map[string]any{"into": "08", "from": []string{"02"}})
		}, map[string]int{"admin": 200, "coordinator": 403, "focal": 403, "focal2": 403, "viewer": 403, "anonymous": 401}},
		// Last: a changed password ends the caller's token.
		{"POST own password", func(tok, role string) *httptest.ResponseRecorder {
			return e.do("POST", "/api/v1/account/password", tok, map[string]any{"current_password": testPassword,
				"new_password": "mat-khau-moi-" + role})
		}, map[string]int{"admin": 200, "coordinator": 200, "focal": 200, "focal2": 200, "viewer": 200, "anonymous": 401}},
	}
	for _, act := range actions {
		for _, role := range roles {
			t.Run(fmt.Sprintf("%s as %s", act.name, role), func(t *testing.T) {
				expectStatus(t, act.run(tokens[role], role), act.want[role])
			})
		}
	}
}

// TestAPIRefusedWritesChangeNothing checks that a viewer's or a focal
// point's refused writes leave no trace.
func TestAPIRefusedWritesChangeNothing(t *testing.T) {
	e := newEnv(t)
	id := e.assignmentFor("BTTTT", "2023-03-31")
	viewer, focal := e.token("viewer"), e.token("focal")
	expectStatus(t, e.patchAssignment(viewer, id, map[string]any{"progress": 30, "owner_name": "Ai đó"}), 403)
	for _, tok := range []string{viewer, focal} {
		expectStatus(t, e.do("POST", "/api/v1/directives", tok, map[string]any{"theme_id": e.themeID(5),
			"title": "Nhiệm vụ không được phép", "agency_kinds": []string{"province"}}), 403)
	}
	var a apiAssignment
	decode(t, e.do("GET", fmt.Sprintf("/api/v1/assignments/%d", id), viewer, nil), &a)
	if a.Progress != 0 || a.OwnerName != "" || len(a.History) != 0 {
		t.Errorf("viewer's refused update was written: %+v", a)
	}
	var found apiList[apiDirective]
	decode(t, e.do("GET", "/api/v1/directives?q=không+được+phép", viewer, nil), &found)
	if found.Total != 0 {
		t.Errorf("%d refused directives written", found.Total)
	}
}
