package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"roviec/models"
	"roviec/models/store"
	"roviec/views"
)

func TestPageYearOverview(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	b.login("viewer") // a coordinator lands on the review queue
	ctx := context.Background()
	plans, err := e.store.ListPlans(ctx)
	if err != nil || len(plans) != 1 {
		t.Fatalf("plans %v, %v", plans, err)
	}
	rec := b.get("/")
	expectStatus(t, rec, http.StatusSeeOther)
	overview := fmt.Sprintf("/plans/%d", plans[0].ID)
	if loc := rec.Header().Get("Location"); loc != overview {
		t.Fatalf("home goes to %q", loc)
	}
	rec = b.get(overview)
	expectStatus(t, rec, http.StatusOK)
	themes, err := e.store.ListThemes(ctx, plans[0].ID)
	if err != nil || len(themes) != 10 {
		t.Fatalf("themes %d, %v", len(themes), err)
	}
	counts, err := e.store.TimelinessCounts(ctx, plans[0].ID, "", e.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	body := rec.Body.String()
	for _, th := range themes {
		link := fmt.Sprintf(`<a href="/themes/%d">%s</a>`, th.ID, th.TitleVI)
		i := strings.Index(body, link)
		if i < 0 {
			t.Errorf("theme %q missing", th.TitleVI)
			continue
		}
		card := body[i:]
		if j := strings.Index(card, `<li class="month`); j > 0 {
			card = card[:j]
		}
		if c := counts[th.ID]; len(c) > 0 {
			want := fmt.Sprintf("Đang thực hiện trong hạn: %d", c[models.OpenOnTrack])
			if !strings.Contains(card, want) {
				t.Errorf("theme %q lacks %q", th.TitleVI, want)
			}
		}
	}
	expectPage(t, rec, "Tháng 1–3", "Tháng 12", "Quá hạn: ", "Hoàn thành đúng hạn: ")
	if strings.Count(body, `class="month"`) != 10 || strings.Contains(body, "Chưa có chủ đề") {
		t.Errorf("want the twelve months covered by 10 themes")
	}
}

func TestPagePlanCopyAndThemes(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	b.login("coordinator")
	ctx := context.Background()
	plans := e.plans()
	src := fmt.Sprintf("/plans/%d", plans[0].ID)

	rec := b.submit(src, src+"/copy", url.Values{"name": {"Chương trình 2024"}, "year": {"hai nghìn"}})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectPage(t, rec, `id="copy-year-error">Năm phải là một số`, `value="Chương trình 2024"`)

	rec = b.submit(src, src+"/copy", url.Values{"name": {"Chương trình 2024"}, "year": {"2024"}})
	expectStatus(t, rec, http.StatusSeeOther)
	plans = e.plans()
	if len(plans) != 2 || plans[0].Year != 2024 {
		t.Fatalf("plans after copy: %+v", plans)
	}
	newPlan := fmt.Sprintf("/plans/%d", plans[0].ID)
	if rec.Header().Get("Location") != newPlan {
		t.Fatalf("Location %q", rec.Header().Get("Location"))
	}
	expectPage(t, b.get(newPlan), "Chương trình 2024", "Dữ liệu mở")

	// A theme overlapping another is a readable 409; a valid edit is saved.
	themes := e.themes(plans[0].ID)
	edit := fmt.Sprintf("/themes/%d", themes[1].ID)
	form := url.Values{"first_month": {"3"}, "last_month": {"4"}, "title_vi": {"Dữ liệu mở"}, "title_en": {"Open data"}}
	rec = b.submit(edit+"/edit", edit, form)
	expectStatus(t, rec, http.StatusConflict)
	expectPage(t, rec, "trùng với một chủ đề khác")
	form.Set("first_month", "4")
	form.Set("title_vi", "Dữ liệu mở 2024")
	expectStatus(t, b.submit(edit+"/edit", edit, form), http.StatusSeeOther)
	if th, err := e.store.ThemeByID(ctx, themes[1].ID); err != nil || th.TitleVI != "Dữ liệu mở 2024" {
		t.Fatalf("theme not saved: %+v, %v", th, err)
	}

	// A new plan with one theme.
	rec = b.submit("/plans/new", "/plans", url.Values{"name": {"Kế hoạch 2025"}, "year": {"2025"}})
	expectStatus(t, rec, http.StatusSeeOther)
	loc := rec.Header().Get("Location")
	rec = b.submit(loc+"/themes/new", loc+"/themes", url.Values{"first_month": {"1"}, "last_month": {"2"}, "title_vi": {"Khởi động"}})
	expectStatus(t, rec, http.StatusSeeOther)
	expectPage(t, b.get(loc), "Đã lưu chủ đề.", "Khởi động", "Chưa có chủ đề.")
}

func TestPageThemeBoard(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	b.login("viewer")
	themes := e.themes(e.plans()[0].ID)
	q1 := fmt.Sprintf("/themes/%d", themes[0].ID)
	rec := b.get(q1)
	expectStatus(t, rec, http.StatusOK)
	expectPage(t, rec, "Khởi động Năm Dữ liệu số quốc gia", `id="board"`, "Chưa bắt đầu", "Chưa rõ")

	// By July the first quarter's work is overdue: filter the board to overdue ministries.
	e.clock.Set(e.clock.Now().AddDate(0, 4, 0))
	b.login("viewer") // the session of February has expired
	rec = b.get(q1 + "?kind=ministry&overdue=1")
	expectStatus(t, rec, http.StatusOK)
	_, n, err := e.store.ListAssignments(context.Background(), store.AssignmentFilter{ThemeID: themes[0].ID, AgencyKind: models.KindMinistry,
		OverdueOnly: true}, e.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if cards := strings.Count(rec.Body.String(), `class="card overdue"`); n == 0 || int64(cards) != min(n, 50) {
		t.Errorf("%d overdue cards, want the first 50 of %d", cards, n)
	}
	expectPage(t, rec, "Quá hạn · 86 ngày")
	if strings.Contains(rec.Body.String(), "Hà Nội</a>") {
		t.Error("a province is on the ministries board")
	}

	// One agency, through htmx: only the board fragment comes back.
	rec = b.send(http.MethodGet, q1+"?agency=01", nil, map[string]string{"HX-Request": "true", "HX-Target": "board"})
	expectStatus(t, rec, http.StatusOK)
	body := rec.Body.String()
	if !strings.HasPrefix(strings.TrimSpace(body), `<div id="board">`) || strings.Contains(body, "<html") {
		t.Fatalf("not a fragment: %.200s", body)
	}
	expectPage(t, rec, "Hà Nội</a>")
	if strings.Contains(body, "Bộ Công an</a>") {
		t.Error("another agency's card on a one-agency board")
	}
}

// TestPageYearOverviewAsOf: with ?as_of= every figure of the overview (the
// year totals and the month cards, not only the chart) is that of the end
// of that day, rebuilt here from the history independently, and the links
// to the themes, their matrix and the league carry the day.
func TestPageYearOverviewAsOf(t *testing.T) {
	e := newEnv(t)
	e.demoPlanDirective() // the demo data, standing on 15/01/2024
	ctx := context.Background()
	plans, err := e.store.ListPlans(ctx)
	if err != nil || len(plans) == 0 {
		t.Fatalf("plans %v, %v", plans, err)
	}
	plan := plans[0]
	day := models.Day("2023-02-25")
	list, err := e.store.AssignmentsAsOf(ctx, store.AssignmentFilter{PlanID: plan.ID}, day, e.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	year, themes := map[models.Timeliness]int{}, map[uint]map[models.Timeliness]int{}
	for i := range list {
		cl := models.ClassifyTimeliness(&list[i], models.EndOfDay(day, e.store.Location()), e.store.Location()).Class
		if cl == "" {
			continue
		}
		year[cl]++
		th := list[i].Directive.ThemeID
		if themes[th] == nil {
			themes[th] = map[models.Timeliness]int{}
		}
		themes[th][cl]++
	}
	today, err := e.store.TimelinessCounts(ctx, plan.ID, "", e.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(today) == fmt.Sprint(themes) {
		t.Fatal("the demo data should differ between 25/02/2023 and today")
	}
	b := newBrowser(e)
	b.login("viewer")
	for _, path := range []string{"/plans/" + itoa(plan.ID) + "?as_of=25/02/2023", "/plans/" + itoa(plan.ID) + "?as_of=2023-02-25"} {
		rec := b.get(path) // the second read takes the kept figure
		expectStatus(t, rec, http.StatusOK)
		body := rec.Body.String()
		totals := body[strings.Index(body, `id="year-totals"`):strings.Index(body, `id="split-heading"`)]
		for _, cl := range models.TimelinessClasses {
			want := fmt.Sprintf("%s: %s", map[models.Timeliness]string{models.DoneOnTime: "Hoàn thành đúng hạn",
				models.DoneLate: "Hoàn thành quá hạn", models.OpenOnTrack: "Đang thực hiện trong hạn", models.OpenOverdue: "Quá hạn"}[cl],
				views.FormatNumber(views.LangVI, float64(year[cl]), 0))
			if !strings.Contains(totals, want) {
				t.Errorf("%s: the year totals lack %q", path, want)
			}
		}
		for id, c := range themes {
			i := strings.Index(body, fmt.Sprintf(`<a href="/themes/%d?as_of=2023-02-25">`, id))
			if i < 0 {
				t.Errorf("%s: no link to theme %d carrying the day", path, id)
				continue
			}
			card := body[i:]
			if j := strings.Index(card, `<li class="month`); j > 0 {
				card = card[:j]
			}
			if want := fmt.Sprintf("Quá hạn: %d", c[models.OpenOverdue]); !strings.Contains(card, want) {
				t.Errorf("%s: theme %d's card lacks %q", path, id, want)
			}
			if !strings.Contains(card, fmt.Sprintf(`href="/themes/%d/matrix?as_of=2023-02-25"`, id)) {
				t.Errorf("%s: theme %d's matrix link loses the day", path, id)
			}
		}
		expectPage(t, rec, `href="/league?plan_id=`+itoa(plan.ID)+`&amp;as_of=2023-02-25"`, `href="/league?as_of=2023-02-25"`)
	}
}
