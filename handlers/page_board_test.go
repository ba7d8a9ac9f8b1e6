package handlers_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"roviec/models"
	"roviec/models/store"
)

// postCard sends a board card's form as htmx (or, with htmx false, as a
// browser without JavaScript does), with the CSRF token of the board page.
func (b *browser) postCard(board string, id uint, form url.Values, htmx bool) *httptest.ResponseRecorder {
	b.e.t.Helper()
	m := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`).FindStringSubmatch(b.get(board).Body.String())
	if m == nil {
		b.e.t.Fatalf("no CSRF token on %s", board)
	}
	form.Set("csrf_token", m[1])
	header := map[string]string{}
	if htmx {
		header["HX-Request"] = "true"
	}
	return b.send(http.MethodPost, "/assignments/"+itoa(id)+"/card", form, header)
}

// boardTotal reads the board's total for a status from an HTML body.
func boardTotal(t *testing.T, body string, status models.Status) int {
	t.Helper()
	m := regexp.MustCompile(`data-status="` + string(status) + `">[^<]*<span class="n">(\d+)</span>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no total for %s", status)
	}
	n, err := strconv.Atoi(m[1])
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestPageBoardCardForms(t *testing.T) {
	e := newEnv(t)
	a, other := e.pageAssignment("BTTTT"), e.pageAssignment("01")
	board := "/themes/" + itoa(a.Directive.ThemeID)
	focal := newBrowser(e)
	focal.login("focal")
	body := focal.get(board).Body.String()
	if !strings.Contains(body, `id="card-`+itoa(a.ID)+`-status"`) {
		t.Error("the focal point's own card has no form")
	}
	if strings.Contains(body, `/assignments/`+itoa(other.ID)+`/card"`) {
		t.Error("another agency's card has a form for the focal point")
	}
	coord := newBrowser(e)
	coord.login("coordinator")
	if body := coord.get(board).Body.String(); strings.Contains(body, `class="card-form"`) {
		t.Error("a coordinator gets reporting forms; only submitted cards offer acceptance")
	}
	viewer := newBrowser(e)
	viewer.login("viewer")
	if body := viewer.get(board).Body.String(); strings.Contains(body, `class="card-form"`) {
		t.Error("a viewer gets card forms")
	}
}

func TestPageBoardCardHTMX(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	a := e.pageAssignment("BTTTT")
	owner := "Nguyễn Thị Hằng"
	if _, err := e.store.UpdateAssignment(ctx, e.users["focal"], &models.Assignment{ID: a.ID}, models.AssignmentChange{OwnerName: &owner}, e.clock.Now()); err != nil {
		t.Fatal(err)
	}
	board := "/themes/" + itoa(a.Directive.ThemeID) + "?kind=ministry"
	focal := newBrowser(e)
	focal.login("focal")
	before := focal.get(board).Body.String()

	rec := focal.postCard(board, a.ID, url.Values{"status": {string(models.StatusInProgress)}, "progress": {"30"}, "back": {board}}, true)
	expectStatus(t, rec, http.StatusOK)
	body := rec.Body.String()
	if !strings.HasPrefix(strings.TrimSpace(body), `<div id="board">`) || strings.Contains(body, "<html") {
		t.Fatalf("want the board fragment, got:\n%.300s", body)
	}
	expectPage(t, rec, `id="card-`+itoa(a.ID)+`"`, `hx-swap-oob="innerHTML"`, "Đã lưu cập nhật.", "Đang thực hiện · 30%",
		`name="back" value="`+strings.ReplaceAll(board, "&", "&amp;")+`"`)
	for status, want := range map[models.Status]int{models.StatusNotStarted: -1, models.StatusInProgress: 1} {
		if got, was := boardTotal(t, body, status), boardTotal(t, before, status); got != was+want {
			t.Errorf("total %s: %d -> %d, want %+d", status, was, got, want)
		}
	}
	got, err := e.store.AssignmentByID(ctx, a.ID)
	if err != nil || got.Status != models.StatusInProgress || got.Progress != 30 || got.OwnerName != owner {
		t.Fatalf("saved %+v (%v): the card changes status and progress and keeps the rest", got, err)
	}

	// Refusals keep their status and are swapped into the card.
	for _, tc := range []struct {
		name, who string
		id        uint
		form      url.Values
		code      int
		msg       string
	}{
		{"no evidence", "focal", a.ID, url.Values{"status": {string(models.StatusSubmitted)}}, http.StatusUnprocessableEntity, "minh chứng"},
		{"bad progress", "focal", a.ID, url.Values{"progress": {"nhiều"}}, http.StatusUnprocessableEntity, "Tiến độ"},
		{"backwards", "focal", a.ID, url.Values{"status": {string(models.StatusNotStarted)}}, http.StatusConflict, "Không thể chuyển"},
		{"other agency", "focal", e.pageAssignment("01").ID, url.Values{"progress": {"5"}}, http.StatusForbidden, "không có quyền"},
		{"viewer", "viewer", a.ID, url.Values{"progress": {"5"}}, http.StatusForbidden, "không có quyền"},
	} {
		b := newBrowser(e)
		b.login(tc.who)
		rec := b.postCard(board, tc.id, tc.form, true)
		if rec.Code != tc.code || rec.Header().Get("HX-Retarget") != "#card-"+itoa(tc.id)+"-message" ||
			!strings.Contains(rec.Body.String(), tc.msg) || !strings.Contains(rec.Body.String(), `class="card-error"`) {
			t.Errorf("%s: %d %q %q, want %d with %q in the card", tc.name, rec.Code, rec.Header().Get("HX-Retarget"), rec.Body.String(), tc.code, tc.msg)
		}
	}
	if got := e.assignment(a.ID); got.Status != models.StatusInProgress || got.Progress != 30 {
		t.Fatalf("a refused card change was saved: %+v", got)
	}
}

func TestPageBoardCardWithoutJavaScript(t *testing.T) {
	e := newEnv(t)
	a := e.pageAssignment("BTTTT")
	theme := "/themes/" + itoa(a.Directive.ThemeID)
	focal := newBrowser(e)
	focal.login("focal")

	rec := focal.postCard(theme, a.ID, url.Values{"progress": {"20"}, "back": {theme + "?kind=ministry&status=in_progress"}}, false)
	expectStatus(t, rec, http.StatusSeeOther)
	if loc := rec.Header().Get("Location"); loc != theme+"?kind=ministry&status=in_progress" {
		t.Errorf("back to %q, want the board with its filters", loc)
	}
	expectPage(t, focal.get(rec.Header().Get("Location")), "Đã lưu cập nhật.")

	for _, back := range []string{"https://evil.example/x", "//evil.example" + theme, "/themes/999999", "/plans"} {
		rec := focal.postCard(theme, a.ID, url.Values{"progress": {"25"}, "back": {back}}, false)
		if loc := rec.Header().Get("Location"); rec.Code != http.StatusSeeOther || loc != theme {
			t.Errorf("back=%q: %d to %q, want 303 to the bare board %s", back, rec.Code, loc, theme)
		}
	}

	rec = focal.postCard(theme, a.ID, url.Values{"status": {string(models.StatusSubmitted)}, "back": {theme}}, false)
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectPage(t, rec, "minh chứng", `id="evidence_ref"`, `<option value="submitted" selected>`)
}

// TestPageBoardAgencyFilterTypeAhead filters a board by an agency typed as
// a code or as a name (case and diacritics ignored), refuses an unknown or
// ambiguous one, and suggests matches as a small datalist instead of listing
// every agency in the page.
func TestPageBoardAgencyFilterTypeAhead(t *testing.T) {
	e := newEnv(t)
	a, other := e.pageAssignment("BTTTT"), e.pageAssignment("01")
	board := "/themes/" + itoa(a.Directive.ThemeID)
	b := newBrowser(e)
	b.login("coordinator")
	full := b.get(board).Body.String()
	if strings.Count(full, "<option value=\"01\"") > 0 || strings.Contains(full, "<optgroup") {
		t.Error("the board lists the agencies in its filter")
	}
	for _, typed := range []string{"01", "ha noi", "HÀ NỘI"} {
		rec := b.get(board + "?agency=" + url.QueryEscape(typed))
		expectStatus(t, rec, http.StatusOK)
		body := rec.Body.String()
		if !strings.Contains(body, "/assignments/"+itoa(other.ID)) || strings.Contains(body, "/assignments/"+itoa(a.ID)+"\"") {
			t.Errorf("agency=%q: the board does not show Hà Nội's work alone", typed)
		}
		if !strings.Contains(body, `name="agency" value="01"`) {
			t.Errorf("agency=%q: the filter does not keep the agency's code", typed)
		}
	}
	// Nothing or several match: the board says so beside the filter, keeps the text and shows no card.
	for _, typed := range []string{"khong-co", "b"} {
		rec := b.get(board + "?agency=" + typed)
		expectStatus(t, rec, http.StatusUnprocessableEntity)
		body := rec.Body.String()
		if !strings.Contains(body, `id="agency-error"`) || !strings.Contains(body, `name="agency" value="`+typed+`"`) ||
			strings.Contains(body, "/assignments/"+itoa(a.ID)+"/card") {
			t.Errorf("agency=%q: no message beside the filter, or cards shown", typed)
		}
	}
	rec := b.send(http.MethodGet, "/agencies/options?agency=ha+n", nil, map[string]string{"HX-Request": "true"})
	expectStatus(t, rec, http.StatusOK)
	body := rec.Body.String()
	if !strings.HasPrefix(body, `<datalist id="agency-options">`) || !strings.Contains(body, `<option value="01">`) ||
		strings.Contains(body, `value="BTTTT"`) {
		t.Errorf("suggestions for \"ha n\": %s", body)
	}
}

// TestPageBoardMore shows 50 cards and a link to the next ones that keeps
// the filters: htmx appends them in place, a browser without JavaScript
// opens the next page (with a link back); a card changed on a board holding
// two pages redraws both.
func TestPageBoardMore(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	theme := e.themes(e.plans()[0].ID)[0].ID
	hanoi, err := e.store.AgencyByCode(ctx, "01")
	if err != nil {
		t.Fatal(err)
	}
	mine, _, err := e.store.ListAssignments(ctx, store.AssignmentFilter{ThemeID: theme, AgencyID: hanoi.ID}, e.clock.Now())
	if err != nil || len(mine) == 0 {
		t.Fatal(err, len(mine))
	}
	_, n, err := e.store.ListAssignments(ctx, store.AssignmentFilter{ThemeID: theme, AgencyKind: models.KindProvince}, e.clock.Now())
	if err != nil || n <= 100 {
		t.Fatal(err, n)
	}
	total := strconv.FormatInt(n, 10)
	board := "/themes/" + itoa(theme) + "?kind=province"
	cards := func(body string) int { return strings.Count(body, `<li class="card`) }
	b := newBrowser(e)
	b.login("focal2")

	first := b.get(board)
	expectStatus(t, first, http.StatusOK)
	next := "/themes/" + itoa(theme) + "?kind=province&amp;page=2"
	expectPage(t, first, "Nhiệm vụ 1–50 trên "+total, `<a href="`+next+`" hx-get="`+next+`" hx-target="#board-more"`,
		"Xem thêm 50 nhiệm vụ", `<input type="hidden" id="board-shown" name="shown" value="1">`)
	if c := cards(first.Body.String()); c != 50 || strings.Contains(first.Body.String(), `rel="prev"`) {
		t.Errorf("first page: %d cards, or a link back", c)
	}

	more := b.send(http.MethodGet, board+"&page=2", nil, map[string]string{"HX-Request": "true", "HX-Target": "board-more"})
	expectStatus(t, more, http.StatusOK)
	body := more.Body.String()
	if strings.Contains(body, `id="board"`) || strings.Contains(body, "board-totals") || strings.Contains(body, "<html") || cards(body) != 50 {
		t.Errorf("the next cards are not a fragment of 50 cards: %.300s", body)
	}
	expectPage(t, more, "Nhiệm vụ 1–100 trên "+total, `name="shown" value="2"`, "&amp;page=3")

	plain := b.get(board + "&page=2")
	expectPage(t, plain, "Nhiệm vụ 51–100 trên "+total, `<a href="/themes/`+itoa(theme)+`?kind=province&amp;page=1" rel="prev">`, `id="board"`)
	if strings.Contains(plain.Body.String(), `id="board-shown"`) {
		t.Error("a later page reached without JavaScript says it holds the pages before it")
	}

	saved := b.postCard(board, mine[0].ID, url.Values{"progress": {"10"}, "back": {board + "&page=2"}, "shown": {"2"}}, true)
	expectStatus(t, saved, http.StatusOK)
	expectPage(t, saved, "Nhiệm vụ 1–100 trên "+total, `name="back" value="/themes/`+itoa(theme)+`?kind=province"`, `name="shown" value="2"`)
	if c := cards(saved.Body.String()); c != 100 {
		t.Errorf("the redrawn board holds %d cards, want the 100 shown", c)
	}
}
