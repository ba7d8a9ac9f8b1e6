package handlers_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"roviec/models"
)

// publicGet fetches a public address without any login.
func publicGet(e *env, path string) (int, string, http.Header) {
	rec := e.do("GET", path, "", nil)
	return rec.Code, rec.Body.String(), rec.Header()
}

func TestPublicScoreboardOptInOnly(t *testing.T) {
	e := newEnv(t)
	plan := e.plans()[0]
	for _, path := range []string{"/public/2023", "/public/2023.json", "/public/2023.csv", "/public/2023/directives.csv",
		"/public/" + itoa(plan.ID), "/public/2024", "/public/abc", "/public/2023.xml"} {
		if code, _, _ := publicGet(e, path); code != http.StatusNotFound {
			t.Errorf("%s of a private plan: %d, want 404", path, code)
		}
	}
	expectStatus(t, e.do("PUT", "/api/v1/plans/"+itoa(plan.ID)+"/public", e.token("coordinator"), map[string]any{"public": true}), http.StatusForbidden)
	expectStatus(t, e.do("PUT", "/api/v1/plans/"+itoa(plan.ID)+"/public", e.token("admin"), map[string]any{}), http.StatusUnprocessableEntity)
	rec := e.do("PUT", "/api/v1/plans/"+itoa(plan.ID)+"/public", e.token("admin"), map[string]any{"public": true})
	expectStatus(t, rec, http.StatusOK)
	if !strings.Contains(rec.Body.String(), `"public":true`) {
		t.Fatalf("plan after opening: %s", rec.Body.String())
	}
	code, body, hdr := publicGet(e, "/public/2023")
	if code != http.StatusOK || !strings.Contains(hdr.Get("Cache-Control"), "public, max-age=") {
		t.Fatalf("public page: %d, Cache-Control %q", code, hdr.Get("Cache-Control"))
	}
	if len(hdr.Values("Set-Cookie")) > 0 {
		t.Errorf("a cacheable public page sets cookies: %v", hdr.Values("Set-Cookie"))
	}
	if !strings.Contains(body, "Bảng xếp hạng cơ quan") || !strings.Contains(body, "Hà Nội") || !strings.Contains(body, `href="?lang=en"`) {
		t.Fatalf("public page in Vietnamese:\n%s", body)
	}
	expectPage(t, e.do("GET", "/public/2023?lang=en", "", nil), "League table of agencies", `href="?lang=vi"`)

	// The administrator's page closes it again.
	b := newBrowser(e)
	b.login("admin")
	if rec := b.submit("/plans/"+itoa(plan.ID), "/plans/"+itoa(plan.ID)+"/public", url.Values{"public": {"0"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("closing from the plan page: %d", rec.Code)
	}
	if code, _, _ := publicGet(e, "/public/2023.json"); code != http.StatusNotFound {
		t.Fatalf("closed again, the JSON answers %d", code)
	}
}

// TestPublicScoreboardNamesNoPerson fills the people's fields (owners, a
// leader, comments, evidence) and checks that no user's, owner's or leader's
// name or address is in the page, the JSON or the CSVs.
func TestPublicScoreboardNamesNoPerson(t *testing.T) {
	e := newEnv(t)
	focal := e.token("focal")
	id := e.assignmentFor("BTTTT", "2023-03-31")
	expectStatus(t, e.patchAssignment(focal, id, map[string]any{"status": "submitted", "owner_name": "Võ Thị Chủ Trì",
		"owner_email": "chutri@mic.gov.vn", "evidence_ref": "99/QĐ-BTTTT", "note": "Ghi chú nội bộ bí mật"}), 200)
	expectStatus(t, e.do("POST", "/api/v1/assignments/"+itoa(id)+"/comments", focal, map[string]any{"body": "Bình luận nội bộ"}), 201)
	expectStatus(t, e.do("PATCH", "/api/v1/agencies/01", e.token("admin"), map[string]any{"leader_name": "Đinh Lãnh Đạo",
		"leader_email": "lanhdao@hanoi.gov.vn"}), 200)
	expectStatus(t, e.do("PUT", "/api/v1/plans/"+itoa(e.plans()[0].ID)+"/public", e.token("admin"), map[string]any{"public": true}), 200)

	var secrets []string
	var users []models.User
	if err := e.app.DB.Find(&users).Error; err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		secrets = append(secrets, u.Email, u.Name)
	}
	var people []struct{ OwnerName, OwnerEmail string }
	if err := e.app.DB.Model(&models.Assignment{}).Distinct("owner_name", "owner_email").Scan(&people).Error; err != nil {
		t.Fatal(err)
	}
	for _, p := range people {
		secrets = append(secrets, p.OwnerName, p.OwnerEmail)
	}
	var agencies []models.Agency
	if err := e.app.DB.Find(&agencies).Error; err != nil {
		t.Fatal(err)
	}
	for _, a := range agencies {
		secrets = append(secrets, a.LeaderName, a.LeaderEmail)
	}
	secrets = append(secrets, "Ghi chú nội bộ bí mật", "Bình luận nội bộ", "99/QĐ-BTTTT")
	if !containsAll(secrets, "Võ Thị Chủ Trì", "chutri@mic.gov.vn", "Đinh Lãnh Đạo", "admin@test.vn") {
		t.Fatalf("the people to look for are not all in the database: %v", secrets)
	}

	var a models.Assignment
	if err := e.app.DB.First(&a, id).Error; err != nil {
		t.Fatal(err)
	}
	board := "/public/2023/directives/" + itoa(a.DirectiveID)
	for _, path := range []string{"/public/2023", "/public/2023.json", "/public/2023.csv", "/public/2023/directives.csv", board, board + ".json"} {
		code, body, _ := publicGet(e, path)
		if code != http.StatusOK {
			t.Fatalf("%s: %d", path, code)
		}
		for _, s := range secrets {
			if strings.TrimSpace(s) != "" && strings.Contains(body, s) {
				t.Errorf("%s shows %q", path, s)
			}
		}
		if strings.HasSuffix(path, ".json") && strings.Contains(body, "@") {
			t.Errorf("%s holds an e-mail address", path)
		}
		if strings.HasSuffix(path, ".csv") && !strings.HasPrefix(body, "\uFEFF") {
			t.Errorf("%s has no byte-order mark", path)
		}
	}

	// The JSON's league is the committee's league table of the plan.
	var pub struct {
		League []struct {
			AgencyCode string `json:"agency_code"`
			DoneOnTime int    `json:"done_on_time"`
			Due        int    `json:"due"`
		} `json:"league"`
		Themes []struct {
			Directives []struct{ Assigned, Done int } `json:"directives"`
		} `json:"themes"`
	}
	_, body, _ := publicGet(e, "/public/2023.json")
	if err := json.Unmarshal([]byte(body), &pub); err != nil {
		t.Fatal(err)
	}
	var api apiList[struct {
		AgencyCode string `json:"agency_code"`
		DoneOnTime int    `json:"done_on_time"`
		DueSoFar   int    `json:"due_so_far"`
	}]
	decode(t, e.do("GET", "/api/v1/agencies/league?plan_id="+itoa(e.plans()[0].ID)+"&per_page=500", e.token("viewer"), nil), &api)
	if len(api.Items) == 0 || len(api.Items) != len(pub.League) {
		t.Fatalf("public league %d rows, API %d", len(pub.League), len(api.Items))
	}
	for i, r := range api.Items {
		if p := pub.League[i]; p.AgencyCode != r.AgencyCode || p.DoneOnTime != r.DoneOnTime || p.Due != r.DueSoFar {
			t.Errorf("row %d: public %+v, API %+v", i, p, r)
		}
	}
	assigned := 0
	for _, th := range pub.Themes {
		for _, d := range th.Directives {
			assigned += d.Assigned
		}
	}
	var n int64
	if err := e.app.DB.Model(&models.Assignment{}).Where("status <> ?", models.StatusCancelled).Count(&n).Error; err != nil || int64(assigned) != n {
		t.Errorf("the directives hold %d assignments; the database %d (%v)", assigned, n, err)
	}
}

// TestPublicDirectiveScoreboard: each directive of a public plan has its
// scoreboard, linked from the plan's page, telling the committee's figures
// (the same counts, the same agencies not done and done); a directive of a
// private plan, an unknown one or another suffix is a 404.
func TestPublicDirectiveScoreboard(t *testing.T) {
	e := newEnv(t)
	_, list, err := e.store.CreateDirective(context.Background(), models.DirectiveInput{ThemeID: e.themeID(3), Title: "Công bố danh mục dữ liệu mở",
		DueDate: "2023-03-31", AgencyCodes: []string{"BTTTT", "01"}}, e.users["coordinator"], e.clock.Now())
	if err != nil || len(list) != 2 {
		t.Fatalf("create directive: %v", err)
	}
	mic, err := e.store.AgencyByCode(context.Background(), "BTTTT")
	if err != nil {
		t.Fatal(err)
	}
	id := list[0].ID
	if list[0].AgencyID != mic.ID {
		id = list[1].ID
	}
	expectStatus(t, e.patchAssignment(e.token("focal"), id, map[string]any{"status": "submitted", "evidence_ref": "12/BC-BTTTT"}), 200)
	expectStatus(t, e.patchAssignment(e.token("coordinator"), id, map[string]any{"status": "done"}), 200)
	var a models.Assignment
	if err := e.app.DB.First(&a, id).Error; err != nil {
		t.Fatal(err)
	}
	path := "/public/2023/directives/" + itoa(a.DirectiveID)
	if code, _, _ := publicGet(e, path); code != http.StatusNotFound {
		t.Fatalf("the scoreboard of a private plan's directive: %d, want 404", code)
	}
	expectStatus(t, e.do("PUT", "/api/v1/plans/"+itoa(e.plans()[0].ID)+"/public", e.token("admin"), map[string]any{"public": true}), 200)
	if _, body, _ := publicGet(e, "/public/2023"); !strings.Contains(body, `href="`+path+`"`) {
		t.Fatalf("the plan's page does not link %s", path)
	}
	var api, pub struct {
		Ministries, Provinces struct{ Done, Total int }
		NotDone               []struct {
			AgencyCode string `json:"agency_code"`
		} `json:"not_done"`
		Done []struct {
			AgencyCode string `json:"agency_code"`
		} `json:"done"`
	}
	decode(t, e.do("GET", "/api/v1/directives/"+itoa(a.DirectiveID)+"/scoreboard", e.token("viewer"), nil), &api)
	code, body, _ := publicGet(e, path+".json")
	if code != http.StatusOK {
		t.Fatalf("%s.json: %d", path, code)
	}
	if err := json.Unmarshal([]byte(body), &pub); err != nil {
		t.Fatal(err)
	}
	if pub.Ministries != api.Ministries || pub.Provinces != api.Provinces || len(pub.NotDone) != len(api.NotDone) ||
		len(pub.Done) != len(api.Done) || len(pub.Done) == 0 || len(pub.NotDone) == 0 {
		t.Fatalf("public %+v, the committee's %+v", pub, api)
	}
	for i := range api.NotDone {
		if pub.NotDone[i] != api.NotDone[i] {
			t.Errorf("not done %d: public %v, committee %v", i, pub.NotDone[i], api.NotDone[i])
		}
	}
	code, body, _ = publicGet(e, path)
	if code != http.StatusOK || !strings.Contains(body, "Bộ Thông tin và Truyền thông") || !strings.Contains(body, "Hà Nội") {
		t.Fatalf("%s: %d\n%s", path, code, body)
	}
	var other models.Directive
	if err := e.app.DB.Where("plan_id <> ?", e.plans()[0].ID).First(&other).Error; err == nil {
		if code, _, _ := publicGet(e, "/public/2023/directives/"+itoa(other.ID)); code != http.StatusNotFound {
			t.Errorf("a directive of another plan under 2023: %d", code)
		}
	}
	for _, p := range []string{"/public/2023/directives/999999", "/public/2023/directives/abc", path + ".csv", path + ".xml"} {
		if code, _, _ := publicGet(e, p); code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", p, code)
		}
	}
}

func containsAll(list []string, want ...string) bool {
	for _, w := range want {
		found := false
		for _, s := range list {
			found = found || s == w
		}
		if !found {
			return false
		}
	}
	return true
}
