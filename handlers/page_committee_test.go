package handlers_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// expectOrder fails unless the texts appear in the body in this order.
func expectOrder(t *testing.T, body string, texts ...string) {
	t.Helper()
	last := -1
	for _, s := range texts {
		i := strings.Index(body, s)
		if i < 0 || i < last {
			t.Errorf("%q missing or out of order (at %d, after %d)", s, i, last)
			return
		}
		last = i
	}
}

// TestScoreboardPageDemo shows the record of seed 002 as of 25/02/2023 in
// big figures, the laggards with links to their assignments, and other
// figures on another day; the directive page links to it.
func TestScoreboardPageDemo(t *testing.T) {
	e := newEnv(t)
	id := e.demoPlanDirective()
	b := newBrowser(e)
	b.login("viewer")
	path := fmt.Sprintf("/directives/%d/scoreboard", id)
	rec := b.get(path + "?as_of=25/02/2023")
	expectStatus(t, rec, http.StatusOK)
	expectPage(t, rec, "<strong>6/30</strong> bộ, ngành", "<strong>29/63</strong> địa phương",
		"Số liệu tính đến hết ngày 25/02/2023.", `value="25/02/2023"`, "Cơ quan chưa hoàn thành (58)",
		`<a href="/assignments/`, "Hoàn thành đúng hạn")
	later := b.get(path + "?as_of=2023-04-30")
	expectStatus(t, later, http.StatusOK)
	if strings.Contains(later.Body.String(), "<strong>6/30</strong>") || strings.Contains(later.Body.String(), "<strong>29/63</strong>") {
		t.Error("the figures of 30/04/2023 are those of 25/02/2023")
	}
	expectPage(t, later, "Số liệu tính đến hết ngày 30/04/2023.", "Quá hạn")
	expectPage(t, b.get(fmt.Sprintf("/directives/%d", id)), `href="/directives/`+itoa(id)+`/scoreboard"`)
}

// TestScoreboardPageBadDate keeps the user's input, says what is wrong and
// shows today's figures with a 422.
func TestScoreboardPageBadDate(t *testing.T) {
	e := newEnv(t)
	id, _ := e.issue(e.token("coordinator"), e.testTheme(), "Công bố dữ liệu mở", "2023-03-05", "BTTTT", "01")
	b := newBrowser(e)
	b.login("coordinator")
	rec := b.get(fmt.Sprintf("/directives/%d/scoreboard?as_of=%s", id, url.QueryEscape("31/02/2023")))
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectPage(t, rec, "Ngày không hợp lệ", `aria-invalid="true"`, "Số liệu tính đến hết ngày 25/02/2023.",
		"<strong>0/1</strong> bộ, ngành", "<strong>0/1</strong> địa phương")
	expectStatus(t, b.get("/directives/99999/scoreboard"), http.StatusNotFound)
}

// TestLeaguePage shows the ranking with a word beside every colour, filters
// by kind and to the agencies with overdue work, and switches to English.
func TestLeaguePage(t *testing.T) {
	e, theme := leagueWorld(t)
	b := newBrowser(e)
	b.login("viewer")
	path := fmt.Sprintf("/league?theme_id=%d", theme)
	rec := b.get(path)
	expectStatus(t, rec, http.StatusOK)
	body := rec.Body.String()
	expectOrder(t, body, "Bộ Thông tin và Truyền thông", "Hồ Chí Minh", "Bộ Công an", "Đà Nẵng", "Hà Nội")
	expectPage(t, rec, `<span class="badge lg-amber">Cần chú ý</span>`, `<span class="badge lg-green">Đúng tiến độ</span>`,
		`<span class="badge lg-red">Có việc quá hạn</span>`, `<td class="num" data-label="Tỷ lệ đúng hạn">100%</td>`, `<td class="num" data-label="Tỷ lệ đúng hạn">0%</td>`, `aria-current="page">Bảng xếp hạng`)
	if strings.Count(body, `<tr class="lg-row-`) != 5 {
		t.Errorf("%d rows, want 5", strings.Count(body, `<tr class="lg-row-`))
	}
	provinces := b.get(path + "&kind=province&as_of=2023-03-25").Body.String()
	if strings.Contains(provinces, "Bộ Công an</a>") || !strings.Contains(provinces, `<span class="badge lg-grey">Chưa đến hạn</span>`) {
		t.Error("the provinces' league of 25/03/2023 shows a ministry or no grey row")
	}
	// Overdue only: the agencies with overdue work, each with its rank in
	// the whole table, and the box stays ticked.
	late := b.get(path + "&overdue=1").Body.String()
	if n, red := strings.Count(late, `<tr class="lg-row-`), strings.Count(late, `<tr class="lg-row-red`); n == 0 || n != red || n >= 5 {
		t.Errorf("overdue only: %d rows, %d of them overdue; want only the overdue ones", n, red)
	}
	if !strings.Contains(late, `name="overdue" value="1" checked`) {
		t.Error("the overdue-only box is not ticked on the filtered page")
	}
	bad := b.get(path + "&as_of=hom-qua")
	expectStatus(t, bad, http.StatusUnprocessableEntity)
	expectPage(t, bad, "Ngày không hợp lệ")
	expectStatus(t, b.get("/league?theme_id=99999"), http.StatusNotFound)

	b.submit(path, "/lang", url.Values{"lang": {"en"}, "next": {path}})
	en := b.get(path)
	expectPage(t, en, "League table of agencies", "100%", `<span class="badge lg-red">Overdue</span>`)
}

// TestThemeMatrixPage shows the hand-built theme: short titles with the full
// title in a tooltip, cells linked to assignments with a word, an empty cell
// said in words; the theme board links to it.
func TestThemeMatrixPage(t *testing.T) {
	e, theme := leagueWorld(t)
	b := newBrowser(e)
	b.login("viewer")
	rec := b.get(fmt.Sprintf("/themes/%d/matrix", theme))
	expectStatus(t, rec, http.StatusOK)
	expectPage(t, rec, `<abbr title="Công bố danh mục dữ liệu mở">Công bố danh mục dữ liệu mở</abbr>`,
		`class="table-wrap matrix-wrap"`, "Quá hạn 10 ngày", "Sắp đến hạn", "Xong muộn", "Đúng hạn",
		`<span class="visually-hidden">Không được giao</span>`, `<a href="/assignments/`)
	expectOrder(t, rec.Body.String(), "Bộ Công an", "Bộ Thông tin và Truyền thông", "Đà Nẵng", "Hà Nội", "Hồ Chí Minh")
	old := b.get(fmt.Sprintf("/themes/%d/matrix?as_of=2023-02-24", theme))
	expectPage(t, old, "Chủ đề chưa có nhiệm vụ được giao vào ngày này.")
	expectStatus(t, b.get("/themes/99999/matrix"), http.StatusNotFound)
	expectPage(t, b.get(fmt.Sprintf("/themes/%d", theme)), fmt.Sprintf(`href="/themes/%d/matrix"`, theme))
}

// TestThemeMatrixPageShortTitle cuts a long title at a word, keeping the
// whole of it in the tooltip.
func TestThemeMatrixPageShortTitle(t *testing.T) {
	e := newEnv(t)
	theme := e.testTheme()
	long := strings.TrimSpace(strings.Repeat("Xây dựng cơ sở dữ liệu ", 4))
	e.issue(e.token("coordinator"), theme, long, "2023-04-28", "BTTTT")
	b := newBrowser(e)
	b.login("viewer")
	rec := b.get(fmt.Sprintf("/themes/%d/matrix", theme))
	expectPage(t, rec, `<abbr title="`+long+`">Xây dựng cơ sở dữ liệu Xây dựng cơ sở dữ liệu…</abbr>`)
}

// TestThemeMatrixPageMergesEmptyCells shows a run of directives an agency
// holds no copy of as one cell spanning them.
func TestThemeMatrixPageMergesEmptyCells(t *testing.T) {
	e := newEnv(t)
	theme := e.testTheme()
	e.issue(e.token("coordinator"), theme, "Báo cáo tháng 4", "2023-04-28", "BTTTT")
	e.issue(e.token("coordinator"), theme, "Báo cáo tháng 5", "2023-05-29", "01")
	e.issue(e.token("coordinator"), theme, "Báo cáo tháng 6", "2023-06-29", "01")
	b := newBrowser(e)
	b.login("viewer")
	rec := b.get(fmt.Sprintf("/themes/%d/matrix", theme))
	body := rec.Body.String()
	if n := strings.Count(body, `<td class="mx mx-none" colspan="2">`); n != 1 {
		t.Errorf("%d cells spanning the two directives Bộ Thông tin và Truyền thông holds no copy of, want 1", n)
	}
	if n := strings.Count(body, `<td class="mx mx-none" colspan="1">`); n != 1 {
		t.Errorf("%d cells for the one directive Hà Nội holds no copy of, want 1", n)
	}
}

// TestThemeMatrixPageColumnPages shows 30 directives a page, by deadline,
// with links to the previous and next ones that keep the date; the date form
// keeps the page of directives.
func TestThemeMatrixPageColumnPages(t *testing.T) {
	e := newEnv(t)
	theme := e.testTheme()
	coord := e.token("coordinator")
	for i := 32; i >= 1; i-- { // created in reverse: the columns follow the deadlines
		due := time.Date(2023, 3, i, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
		e.issue(coord, theme, fmt.Sprintf("Báo cáo số %02d", i), due, "BTTTT", "01")
	}
	b := newBrowser(e)
	b.login("viewer")
	path := fmt.Sprintf("/themes/%d/matrix", theme)
	first := b.get(path + "?as_of=25/02/2023")
	expectStatus(t, first, http.StatusOK)
	body := first.Body.String()
	expectOrder(t, body, "Nhiệm vụ 1–30 trên 32", "Báo cáo số 01", "Báo cáo số 02", "Báo cáo số 29", "Báo cáo số 30")
	if strings.Contains(body, "Báo cáo số 31") || strings.Contains(body, "Nhiệm vụ trước") || strings.Count(body, `<td class="mx">`) != 60 {
		t.Errorf("the first page of directives shows the 31st, a link back or not 2×30 cells")
	}
	next := path + "?as_of=25%2F02%2F2023&amp;cols=2"
	expectPage(t, first, `<a href="`+next+`">Nhiệm vụ tiếp theo →</a>`)
	second := b.get(path + "?as_of=25%2F02%2F2023&cols=2")
	expectStatus(t, second, http.StatusOK)
	expectOrder(t, second.Body.String(), "Nhiệm vụ 31–32 trên 32", "Báo cáo số 31", "Báo cáo số 32")
	expectPage(t, second, `<a href="`+path+`?as_of=25%2F02%2F2023&amp;cols=1">← Nhiệm vụ trước</a>`,
		`<input type="hidden" name="cols" value="2">`, "Bộ Thông tin và Truyền thông", "Hà Nội")
	if strings.Contains(second.Body.String(), "Báo cáo số 30") || strings.Contains(second.Body.String(), "Nhiệm vụ tiếp theo") {
		t.Error("the last page of directives shows the 30th or a next link")
	}
}
