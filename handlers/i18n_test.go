package handlers_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// doLang is e.do with an Accept-Language header.
func (e *env) doLang(method, path, token, acceptLanguage, body string) *httptest.ResponseRecorder {
	e.t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if acceptLanguage != "" {
		req.Header.Set("Accept-Language", acceptLanguage)
	}
	rec := httptest.NewRecorder()
	e.app.Echo.ServeHTTP(rec, req)
	return rec
}

func TestPageValidationMessagesInEnglish(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	b.login("focal")
	a := e.pageAssignment("BTTTT")
	path := "/assignments/" + itoa(a.ID)
	expectStatus(t, b.submit(path, "/lang", url.Values{"lang": {"en"}, "next": {path}}), http.StatusSeeOther)

	rec := b.submit(path, path, updateForm(a.Status, "150", "Trần Văn Bình", "không-phải-email"))
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectFieldError(t, rec.Body.String(), "progress", "Progress must be between 0 and 100.")
	expectFieldError(t, rec.Body.String(), "owner_email", "Invalid e-mail address.")
	expectPage(t, rec, `value="150"`, `value="Trần Văn Bình"`)
	if strings.Contains(rec.Body.String(), "Tiến độ phải") {
		t.Error("an English page shows a Vietnamese message")
	}

	// A refusal explained by the store (403) is in English too.
	other := "/assignments/" + itoa(e.pageAssignment("01").ID)
	rec = b.submit(other, other, updateForm("in_progress", "10", "", ""))
	expectStatus(t, rec, http.StatusForbidden)
	expectPage(t, rec, "You are not allowed to do this.")

	// The same mistake in Vietnamese, for a user who kept the default.
	vi := newBrowser(e)
	vi.login("focal2")
	own := "/assignments/" + itoa(e.pageAssignment("01").ID)
	rec = vi.submit(own, own, updateForm("in_progress", "150", "", ""))
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectFieldError(t, rec.Body.String(), "progress", "Tiến độ phải từ 0 đến 100.")
}

func TestAPIErrorsInTheUsersLanguage(t *testing.T) {
	e := newEnv(t)
	if err := e.store.SetUserLanguage(context.Background(), e.users["focal"].ID, "en"); err != nil {
		t.Fatal(err)
	}
	english, vietnamese := e.token("focal"), e.token("focal2")
	own := "/api/v1/assignments/" + itoa(e.assignmentFor("BTTTT", "2023-03-31"))
	theirs := "/api/v1/assignments/" + itoa(e.assignmentFor("01", "2023-03-31"))
	bad := `{"progress": 150, "owner_email": "x"}`
	type apiErr struct {
		Error  string            `json:"error"`
		Fields map[string]string `json:"fields"`
	}
	cases := []struct {
		name, path, token, acceptLanguage, body string
		code                                    int
		error, field, fieldMsg                  string
	}{
		{"English user", own, english, "", bad, 422, "The data is not valid.", "progress", "Progress must be between 0 and 100."},
		{"English user, e-mail", own, english, "", bad, 422, "The data is not valid.", "owner_email", "Invalid e-mail address."},
		{"English user asking for Vietnamese", own, english, "vi-VN, en;q=0.5", bad, 422, "Dữ liệu không hợp lệ.", "progress", "Tiến độ phải từ 0 đến 100."},
		{"Vietnamese user", theirs, vietnamese, "", bad, 422, "Dữ liệu không hợp lệ.", "progress", "Tiến độ phải từ 0 đến 100."},
		{"Vietnamese user asking for English", theirs, vietnamese, "en-GB,en;q=0.9", bad, 422, "The data is not valid.", "progress", "Progress must be between 0 and 100."},
		{"unsupported language: the user's own", own, english, "fr-FR", bad, 422, "The data is not valid.", "progress", "Progress must be between 0 and 100."},
		{"refused language: the user's own", own, english, "vi;q=0", bad, 422, "The data is not valid.", "progress", "Progress must be between 0 and 100."},
		{"another agency's task", theirs, english, "", `{"progress": 10}`, 403, "You are not allowed to do this.", "", ""},
		{"wrong JSON type", own, english, "", `{"progress": "ten"}`, 400, `The field "progress" must be a whole number.`, "", ""},
		{"no token", own, "", "en", `{}`, 401, "Missing access token (Authorization: Bearer ...).", "", ""},
		{"no token, default", own, "", "", `{}`, 401, "Thiếu mã truy cập (Authorization: Bearer ...).", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := e.doLang("PATCH", tc.path, tc.token, tc.acceptLanguage, tc.body)
			expectStatus(t, rec, tc.code)
			var out apiErr
			decode(t, rec, &out)
			if out.Error != tc.error {
				t.Errorf("error %q, want %q", out.Error, tc.error)
			}
			if tc.field != "" && out.Fields[tc.field] != tc.fieldMsg {
				t.Errorf("fields %v, want %s: %q", out.Fields, tc.field, tc.fieldMsg)
			}
		})
	}

	// A conflict explained by the store: a second extension request.
	ext := `{"new_due": "15/04/2023", "reason": "Chờ thẩm định"}`
	expectStatus(t, e.doLang("POST", own+"/extensions", english, "", ext), http.StatusCreated)
	rec := e.doLang("POST", own+"/extensions", english, "", ext)
	expectStatus(t, rec, http.StatusConflict)
	var out apiErr
	decode(t, rec, &out)
	if want := "The task already has an extension request awaiting a decision."; out.Error != want {
		t.Errorf("conflict %q, want %q", out.Error, want)
	}
}

func TestNumbersFollowTheLanguage(t *testing.T) {
	e := newEnv(t)
	a := e.pageAssignment("BTTTT") // of a task given to every ministry and province
	expectStatus(t, e.patchAssignment(e.token("focal"), a.ID, map[string]any{"status": "submitted", "evidence_ref": "12/KH-BTTTT"}), http.StatusOK)
	expectStatus(t, e.patchAssignment(e.token("coordinator"), a.ID, map[string]any{"status": "done"}), http.StatusOK)
	directive := "/directives/" + itoa(a.DirectiveID)

	vi := newBrowser(e)
	vi.login("viewer")
	expectPage(t, vi.get("/plans/"+itoa(a.Directive.PlanID)), "Đang thực hiện trong hạn: 1.316")
	expectPage(t, vi.get(directive), "Bộ, ngành: 1/30 · 3,3%", "Địa phương: 0/63 · 0%")

	en := newBrowser(e)
	en.login("viewer")
	expectStatus(t, en.submit(directive, "/lang", url.Values{"lang": {"en"}, "next": {directive}}), http.StatusSeeOther)
	expectPage(t, en.get("/plans/"+itoa(a.Directive.PlanID)), "Open, on track: 1,316")
	expectPage(t, en.get(directive), "Ministries and agencies: 1/30 · 3.3%", "Provinces: 0/63 · 0%")
}

// English pages count in the singular for one and in the plural for more:
// the flash after assigning a task, the list's count, the scoreboard's
// figures; Vietnamese pages say the same as ever.
func TestEnglishPagesCountInSingularAndPlural(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	plans, _ := e.store.ListPlans(ctx)
	themes, _ := e.store.ListThemes(ctx, plans[0].ID)
	en := newBrowser(e)
	en.login("coordinator")
	expectStatus(t, en.submit("/directives", "/lang", url.Values{"lang": {"en"}, "next": {"/directives"}}), http.StatusSeeOther)
	assign := func(title string, agencies ...string) string {
		t.Helper()
		form := url.Values{"title": {title}, "theme_id": {itoa(themes[1].ID)}, "scope": {"pick"}, "agency": agencies}
		rec := en.submit("/directives/new", "/directives", form)
		expectStatus(t, rec, http.StatusSeeOther)
		return rec.Header().Get("Location")
	}

	one := assign("Đếm số ít zeta", "BTTTT")
	expectPage(t, en.get(one), "Task assigned to 1 agency.")
	expectPage(t, en.get("/directives?q=zeta"), "1 task<")
	expectPage(t, en.get(one+"/scoreboard"), "<strong>0/1</strong> ministry<", "Agencies not done (1)")

	two := assign("Đếm số nhiều zeta", "BTTTT", "BNV", "01")
	expectPage(t, en.get(two), "Task assigned to 3 agencies.")
	expectPage(t, en.get("/directives?q=zeta"), "2 tasks<")
	expectPage(t, en.get(two+"/scoreboard"), "<strong>0/2</strong> ministries<", "<strong>0/1</strong> province<")

	vi := newBrowser(e)
	vi.login("viewer")
	expectPage(t, vi.get("/directives?q=zeta"), "2 nhiệm vụ<")
	expectPage(t, vi.get(one+"/scoreboard"), "<strong>0/1</strong> bộ, ngành<", "Cơ quan chưa hoàn thành (1)")
}
