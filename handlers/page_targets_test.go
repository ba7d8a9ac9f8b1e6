package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"roviec/models"
	"roviec/models/store"
)

func TestTargetsPage(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	b.login("viewer")
	rec := b.get("/targets")
	expectStatus(t, rec, http.StatusOK)
	expectPage(t, rec, `<a href="/targets" aria-current="page">Chỉ tiêu</a>`, "Dữ liệu số", "Chính phủ số",
		`href="/targets/D1?plan_id=`, "≥ 100%", "&gt; 85%", "75%", // S2's 2022 baseline
		`<progress class="target-bar" max="100" value="0"`, "Chưa đạt", "Chưa có số liệu",
		"0/36 chỉ tiêu đạt", "Số liệu tính đến hết ngày 25/02/2023.")
	if n := strings.Count(rec.Body.String(), `<th scope="row"><a href="/targets/`); n != 36 {
		t.Errorf("%d target rows, want 36", n)
	}
	rec = b.get("/targets?as_of=30/02/2023")
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectPage(t, rec, `class="field-error" id="as_of-error"`, "D1")
	expectStatus(t, b.get("/targets?plan_id=999"), http.StatusNotFound)
	rec = b.submit("/targets", "/lang", url.Values{"lang": {"en"}, "next": {"/targets/S2"}})
	rec = b.get(rec.Header().Get("Location"))
	expectPage(t, rec, "Target S2", "Goal", "&gt; 85%", "2022 baseline", "Trajectory of target S2 in 2023", "No data")
	expectStatus(t, b.get("/targets/ZZ9"), http.StatusNotFound)
}

// TestAgenciesTargetPage shows D3's split after two agencies are done, with
// the serving directive linked (and linking back) and the trajectory drawn.
func TestAgenciesTargetPage(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	b := newBrowser(e)
	b.login("viewer")
	rec := b.get("/targets/D3")
	expectStatus(t, rec, http.StatusOK)
	var d3 apiTarget
	decode(t, e.do("GET", "/api/v1/targets/D3", e.token("viewer"), nil), &d3)
	for _, code := range []string{"BTTTT", "01"} {
		ag, err := e.store.AgencyByCode(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		list, _, err := e.store.ListAssignments(ctx, store.AssignmentFilter{DirectiveID: d3.Directives[0].ID, AgencyID: ag.ID}, e.clock.Now())
		if err != nil || len(list) != 1 {
			t.Fatalf("%s: %v", code, err)
		}
		for _, st := range []models.Status{models.StatusSubmitted, models.StatusDone} {
			ch := models.AssignmentChange{Status: &st, EvidenceRef: strPtr("7/KH")}
			if _, err := e.store.UpdateAssignment(ctx, e.users["coordinator"], &models.Assignment{ID: list[0].ID}, ch, e.clock.Now()); err != nil {
				t.Fatal(err)
			}
		}
	}
	rec = b.get("/targets/D3")
	expectStatus(t, rec, http.StatusOK)
	expectPage(t, rec, "Chỉ tiêu D3", "<strong>1/30</strong> Bộ, ngành (3,3%)", "<strong>1/63</strong> Địa phương (1,6%)",
		"2,2%", `href="/directives/`+itoa(d3.Directives[0].ID)+`"`, `role="img" aria-label="Lộ trình chỉ tiêu D3 năm 2023"`,
		`<th scope="row">T2</th><td class="num">2,2%</td><td class="num">100%</td>`, "Chưa đạt")
	if strings.Contains(rec.Body.String(), "Báo cáo số liệu") {
		t.Error("a computed target offers the value form")
	}
	// The directive's page links back to the target it serves.
	rec = b.get("/directives/" + itoa(d3.Directives[0].ID))
	expectPage(t, rec, `<a href="/targets/D3?plan_id=`+itoa(d3.PlanID)+`">D3</a>: `)
}

// TestReportNationalTargetPage: the responsible ministry's focal point sees
// the form; a refused value comes back 422 with the input kept; a good one
// is saved and shown; another agency's focal point may not report.
func TestReportNationalTargetPage(t *testing.T) {
	e := newEnv(t)
	viewer := newBrowser(e)
	viewer.login("viewer")
	if rec := viewer.get("/targets/S2"); strings.Contains(rec.Body.String(), `action="/targets/S2/values`) {
		t.Error("a viewer is offered the value form")
	}
	b := newBrowser(e)
	b.login("focal") // BTTTT reports S2
	rec := b.get("/targets/S2")
	expectPage(t, rec, `action="/targets/S2/values?plan_id=`, `name="value_as_of" value="25/02/2023"`, "Chưa có số liệu nào được báo cáo.")
	action := regexpAction(t, rec.Body.String())
	rec = b.submit("/targets/S2", action, url.Values{"value": {"nhiều"}, "value_as_of": {"2023-03-01"}, "source": {""}, "note": {"ghi chú giữ lại"}})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectPage(t, rec, `id="tv-value-error"`, `id="tv-date-error"`, `id="tv-source-error"`, `value="nhiều"`, "ghi chú giữ lại")
	rec = b.submit("/targets/S2", action, url.Values{"value": {"86,5"}, "value_as_of": {"20/02/2023"}, "source": {"Cục Viễn thông"}})
	expectStatus(t, rec, http.StatusSeeOther)
	rec = b.get(rec.Header().Get("Location"))
	expectPage(t, rec, "Đã lưu số liệu chỉ tiêu.", "20/02/2023", "86,5%", "Cục Viễn thông", `class="badge target-met"`)

	other := newBrowser(e)
	other.login("focal2")
	rec = other.submit("/targets/S2", action, url.Values{"value": {"90"}, "value_as_of": {"2023-02-21"}, "source": {"x"}})
	expectStatus(t, rec, http.StatusForbidden)
}

// regexpAction is the action of the value form on a target page.
func regexpAction(t *testing.T, body string) string {
	t.Helper()
	_, rest, ok := strings.Cut(body, `action="/targets/S2/values?`)
	if !ok {
		t.Fatal("no value form")
	}
	q, _, _ := strings.Cut(rest, `"`)
	return "/targets/S2/values?" + strings.ReplaceAll(q, "&amp;", "&")
}

func TestChartsOnOverviewAndThemeProgress(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	b.login("viewer")
	plans, err := e.store.ListPlans(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	rec := b.get("/plans/" + itoa(plans[0].ID))
	expectStatus(t, rec, http.StatusOK)
	theme := itoa(e.themeID(3))
	expectPage(t, rec, `<figure class="chart" id="timeliness-split">`, `aria-label="Nhiệm vụ theo tháng đến hạn và nhóm tiến độ"`,
		`<th scope="row">T3</th>`, `href="/themes/`+theme+`/progress"`, "Bảng số liệu của biểu đồ")
	rec = b.get("/themes/" + theme + "/progress")
	expectStatus(t, rec, http.StatusOK)
	expectPage(t, rec, `<figure class="chart" id="burn-up">`, "Tổng số nhiệm vụ", "Đã hoàn thành", "<strong>0/", "25/02")
	expectStatus(t, b.get("/themes/"+theme+"/progress?as_of=nope"), http.StatusUnprocessableEntity)
	expectStatus(t, b.get("/themes/99999/progress"), http.StatusNotFound)
}
