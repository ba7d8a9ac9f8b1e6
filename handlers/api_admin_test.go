package handlers_test

import (
	"fmt"
	"testing"
)

func TestAPICreateUser(t *testing.T) {
	e := newEnv(t)
	admin := e.token("admin")
	body := map[string]any{"email": "Dau.Moi@Hanoi.gov.vn", "name": "Trần Thu Hà", "role": "focal",
		"agency_code": "01", "password": "mat-khau-moi-123", "language": "vi"}
	rec := e.do("POST", "/api/v1/users", admin, body)
	expectStatus(t, rec, 201)
	var u struct {
		Email      string  `json:"email"`
		Role       string  `json:"role"`
		AgencyCode *string `json:"agency_code"`
		Active     bool    `json:"active"`
	}
	decode(t, rec, &u)
	if u.Email != "dau.moi@hanoi.gov.vn" || u.Role != "focal" || u.AgencyCode == nil || *u.AgencyCode != "01" || !u.Active {
		t.Errorf("created %+v", u)
	}
	expectStatus(t, e.do("POST", "/api/v1/auth/token", "", map[string]string{"email": "dau.moi@hanoi.gov.vn",
		"password": "mat-khau-moi-123"}), 201)

	body["email"] = "DAU.MOI@hanoi.gov.vn"
	expectStatus(t, e.do("POST", "/api/v1/users", admin, body), 409)
}

func TestAPIAgencies(t *testing.T) {
	e := newEnv(t)
	viewer, admin := e.token("viewer"), e.token("admin")
	for kind, want := range map[string]int64{"ministry": 30, "province": 63, "": 93} {
		var list apiList[struct {
			Code string `json:"code"`
			Kind string `json:"kind"`
		}]
		decode(t, e.do("GET", "/api/v1/agencies?kind="+kind, viewer, nil), &list)
		if list.Total != want || len(list.Items) != int(want) {
			t.Errorf("kind %q: total %d, %d items; want %d", kind, list.Total, len(list.Items), want)
		}
	}

	rec := e.do("PATCH", "/api/v1/agencies/01", admin, map[string]any{"leader_name": "Chủ tịch UBND thành phố",
		"leader_email": "chutich@hanoi.gov.vn", "active": false})
	expectStatus(t, rec, 200)
	var ag struct {
		Name        string `json:"name"`
		LeaderName  string `json:"leader_name"`
		LeaderEmail string `json:"leader_email"`
		Active      bool   `json:"active"`
	}
	decode(t, rec, &ag)
	if ag.Name != "Hà Nội" || ag.LeaderEmail != "chutich@hanoi.gov.vn" || ag.Active {
		t.Errorf("after patch: %+v (name kept, leader set, inactive)", ag)
	}
	// An inactive province no longer receives "all provinces" directives.
	rec = e.do("POST", "/api/v1/directives", admin, map[string]any{"theme_id": e.themeID(6), "title": "Phân tích dữ liệu",
		"agency_kinds": []string{"province"}})
	expectStatus(t, rec, 201)
	var d apiDirective
	decode(t, rec, &d)
	if len(d.AssignmentIDs) != 62 {
		t.Errorf("%d assignments, want 62 active provinces", len(d.AssignmentIDs))
	}
}

func TestAPIPlansAndThemes(t *testing.T) {
	e := newEnv(t)
	coord := e.token("coordinator")
	var plans apiList[struct {
		ID   uint `json:"id"`
		Year int  `json:"year"`
	}]
	decode(t, e.do("GET", "/api/v1/plans", coord, nil), &plans)
	if plans.Total != 1 || plans.Items[0].Year != 2023 {
		t.Fatalf("plans %+v, want the 2023 programme", plans)
	}
	src := plans.Items[0].ID
	type theme struct {
		FirstMonth int    `json:"first_month"`
		TitleVI    string `json:"title_vi"`
	}
	var themes apiList[theme]
	decode(t, e.do("GET", fmt.Sprintf("/api/v1/plans/%d/themes", src), coord, nil), &themes)
	if themes.Total != 10 || themes.Items[0].FirstMonth != 1 || themes.Items[9].FirstMonth != 12 {
		t.Errorf("2023 themes: %+v", themes)
	}

	rec := e.do("POST", "/api/v1/plans", coord, map[string]any{"name": "Kế hoạch chuyển đổi số 2024", "year": 2024})
	expectStatus(t, rec, 201)
	var p struct {
		ID uint `json:"id"`
	}
	decode(t, rec, &p)
	themesURL := fmt.Sprintf("/api/v1/plans/%d/themes", p.ID)
	expectStatus(t, e.do("POST", themesURL, coord, map[string]any{"first_month": 1, "last_month": 3,
		"title_vi": "Khởi động", "title_en": "Launch"}), 201)
	expectStatus(t, e.do("POST", themesURL, coord, map[string]any{"first_month": 3, "last_month": 4,
		"title_vi": "Trùng tháng 3"}), 409)
	var created apiList[theme]
	decode(t, e.do("GET", themesURL, coord, nil), &created)
	if created.Total != 1 || created.Items[0].TitleVI != "Khởi động" {
		t.Errorf("themes of the new plan: %+v", created)
	}

	rec = e.do("POST", fmt.Sprintf("/api/v1/plans/%d/copy", src), coord, map[string]any{"name": "Năm Dữ liệu số 2025", "year": 2025})
	expectStatus(t, rec, 201)
	var cp struct {
		ID   uint `json:"id"`
		Year int  `json:"year"`
	}
	decode(t, rec, &cp)
	var copied apiList[theme]
	decode(t, e.do("GET", fmt.Sprintf("/api/v1/plans/%d/themes", cp.ID), coord, nil), &copied)
	var dirs apiList[apiDirective]
	decode(t, e.do("GET", fmt.Sprintf("/api/v1/directives?plan_id=%d&per_page=500", cp.ID), coord, nil), &dirs)
	var srcDirs apiList[apiDirective]
	decode(t, e.do("GET", fmt.Sprintf("/api/v1/directives?plan_id=%d", src), coord, nil), &srcDirs)
	if cp.Year != 2025 || copied.Total != 10 || dirs.Total != srcDirs.Total || dirs.Total == 0 {
		t.Errorf("copy: year %d, %d themes, %d directives (source %d)", cp.Year, copied.Total, dirs.Total, srcDirs.Total)
	}
	for _, d := range dirs.Items {
		if d.DueDate != nil && (*d.DueDate)[:4] != "2025" {
			t.Errorf("copied directive %d due %s, want in 2025", d.ID, *d.DueDate)
		}
	}
}
