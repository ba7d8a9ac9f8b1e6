package handlers_test

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"roviec/app"
)

// reportEnv is an env with a plan of its own (so the 2023 programme's tasks
// do not count) and one theme holding two directives:
//
//	D1 due 31/03: BTTTT done 10/04 (late), 01 done 20/03 (on time), 79 open
//	D2 due 05/04: BTTTT and 01 open
//
// The clock stands on 12/04/2023.
func reportEnv(t *testing.T, tweak func(*app.Config)) (e *env, themeID uint) {
	e = newEnvWith(t, tweak)
	coord := e.token("coordinator")
	rec := e.do("POST", "/api/v1/plans", coord, map[string]any{"name": "Kế hoạch thử in", "year": 2022})
	expectStatus(t, rec, 201)
	var p struct {
		ID uint `json:"id"`
	}
	decode(t, rec, &p)
	rec = e.do("POST", fmt.Sprintf("/api/v1/plans/%d/themes", p.ID), coord, map[string]any{"first_month": 1, "last_month": 3,
		"title_vi": "Chủ đề in thử", "title_en": "Print test"})
	expectStatus(t, rec, 201)
	var th struct {
		ID uint `json:"id"`
	}
	decode(t, rec, &th)
	_, ids := e.issue(coord, th.ID, "Ban hành kế hoạch dữ liệu", "2023-03-31", "BTTTT", "01", "79")
	e.issue(coord, th.ID, "Công bố danh mục dữ liệu mở", "2023-04-05", "BTTTT", "01")
	e.clock.Set(at(t, 2023, 3, 20, 9, 0))
	expectStatus(t, e.patchAssignment(e.token("focal2"), ids["01"], map[string]any{"status": "submitted", "evidence_ref": "12/KH-UBND"}), 200)
	expectStatus(t, e.patchAssignment(e.token("coordinator"), ids["01"], map[string]any{"status": "done"}), 200)
	e.clock.Set(at(t, 2023, 4, 10, 9, 0))
	expectStatus(t, e.patchAssignment(e.token("focal"), ids["BTTTT"], map[string]any{"status": "submitted", "evidence_ref": "5/KH-BTTTT"}), 200)
	expectStatus(t, e.patchAssignment(e.token("coordinator"), ids["BTTTT"], map[string]any{"status": "done"}), 200)
	e.clock.Set(at(t, 2023, 4, 12, 9, 0))
	return e, th.ID
}

// totals reads the report's four counts and the total per kind.
func totals(t *testing.T, body string) string {
	t.Helper()
	var out []string
	for _, kind := range []string{"ministry", "province"} {
		for _, c := range []string{"done_on_time", "done_late", "open_on_track", "open_overdue", "total"} {
			m := regexp.MustCompile(`id="tot-` + kind + `-` + c + `">(\d+)<`).FindStringSubmatch(body)
			if m == nil {
				t.Fatalf("no %s %s count on the report:\n%s", kind, c, body)
			}
			out = append(out, m[1])
		}
	}
	return strings.Join(out, " ")
}

// TestMonthlyReport: the report counts the theme's directives by kind and
// timeliness as their scoreboards do, at today or ?as_of=, names the
// agencies behind and shows the targets; a bad as_of is a 422 saying so.
func TestMonthlyReport(t *testing.T) {
	e, theme := reportEnv(t, func(*app.Config) {})
	b := newBrowser(e)
	b.login("viewer")
	rec := b.get(fmt.Sprintf("/themes/%d/report", theme))
	expectStatus(t, rec, http.StatusOK)
	// ministries: BTTTT late on D1, overdue on D2; provinces: 01 on time
	// on D1 and overdue on D2, 79 overdue on D1.
	if got := totals(t, rec.Body.String()); got != "0 1 0 1 2 1 0 0 2 3" {
		t.Errorf("today's totals: %s", got)
	}
	expectPage(t, rec, "Báo cáo tháng: Chủ đề in thử", "Kế hoạch thử in", "Ban hành kế hoạch dữ liệu", "Cơ quan chậm tiến độ (3)",
		"Bộ Thông tin và Truyền thông", "Hồ Chí Minh", "Hà Nội", `data-print`)
	rec = b.get(fmt.Sprintf("/themes/%d/report?as_of=05/04/2023", theme))
	if got := totals(t, rec.Body.String()); got != "0 0 1 1 2 1 0 1 1 3" {
		t.Errorf("totals as of 05/04: %s", got)
	}
	rec = b.get(fmt.Sprintf("/themes/%d/report?as_of=31/02/2023", theme))
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectPage(t, rec, `id="as_of-error"`)
	expectStatus(t, b.get("/themes/999999/report"), http.StatusNotFound)
}

// TestMeetingPackFrozen: a coordinator freezes the report as of the
// meeting's day as pack 1/2023, the next is 2/2023; the pack reads the same
// after history is corrected while the live report changes; viewers and
// focal points may read packs but not make them; a bad or future day is a
// 422 on the field and stores nothing.
func TestMeetingPackFrozen(t *testing.T) {
	e, theme := reportEnv(t, func(*app.Config) {})
	b := newBrowser(e)
	b.login("coordinator")
	page := fmt.Sprintf("/themes/%d/report", theme)
	action := fmt.Sprintf("/themes/%d/packs", theme)
	for _, bad := range []string{"", "31/02/2023", "13/04/2023"} {
		rec := b.submit(page, action, url.Values{"meeting_on": {bad}})
		expectStatus(t, rec, http.StatusUnprocessableEntity)
		expectPage(t, rec, `id="meeting_on-error"`)
	}
	if n := e.rows("meeting_packs", "1 = 1"); n != 0 {
		t.Fatalf("%d packs stored by refused forms", n)
	}
	rec := b.submit(page, action, url.Values{"meeting_on": {"05/04/2023"}})
	expectStatus(t, rec, http.StatusSeeOther)
	packURL := rec.Header().Get("Location")
	rec = b.get(packURL)
	expectPage(t, rec, "Tài liệu họp số 1/2023", "Phiên họp ngày 05/04/2023")
	if got := totals(t, rec.Body.String()); got != "0 0 1 1 2 1 0 1 1 3" {
		t.Errorf("pack's totals: %s", got)
	}
	// The registry corrected: 79 was wrongly a province named so; reports
	// read an agency's name and kind when shown.
	if err := e.store.DB().Exec("UPDATE agencies SET name = 'Sở Thử nghiệm', kind = 'ministry' WHERE code = '79'").Error; err != nil {
		t.Fatal(err)
	}
	if got := totals(t, b.get(page+"?as_of=05/04/2023").Body.String()); got == "0 0 1 1 2 1 0 1 1 3" {
		t.Fatal("the correction did not change the live report: the test proves nothing")
	}
	rec = b.get(packURL)
	if got := totals(t, rec.Body.String()); got != "0 0 1 1 2 1 0 1 1 3" {
		t.Errorf("pack's totals after the correction: %s", got)
	}
	expectPage(t, rec, "Hồ Chí Minh")
	rec = b.submit(page, action, url.Values{"meeting_on": {"12/04/2023"}})
	expectStatus(t, rec, http.StatusSeeOther)
	expectPage(t, b.get(rec.Header().Get("Location")), "Tài liệu họp số 2/2023")
	expectPage(t, b.get("/packs"), "Tài liệu họp số 1/2023", "Tài liệu họp số 2/2023", "05/04/2023")

	for _, who := range []string{"viewer", "focal"} {
		v := newBrowser(e)
		v.login(who)
		expectStatus(t, v.get(packURL), http.StatusOK)
		if strings.Contains(v.get(page).Body.String(), action) {
			t.Errorf("%s is offered the pack form", who)
		}
		expectStatus(t, v.submit(page, action, url.Values{"meeting_on": {"05/04/2023"}}), http.StatusForbidden)
	}
	if n := e.rows("meeting_packs", "1 = 1"); n != 2 {
		t.Errorf("%d packs stored, want 2", n)
	}
	if n := e.rows("audit_log", "entity = 'meeting_pack' AND action = 'create'"); n != 2 {
		t.Errorf("%d audit rows of packs made, want 2", n)
	}
}

// pdfText is the text of a PDF as pdftotext lays it out.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	file := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// row is the figures pdftotext shows on the line of a label.
func row(text, label string) string {
	for _, line := range strings.Split(text, "\n") {
		if f := strings.Fields(line); strings.HasPrefix(strings.TrimSpace(line), label) && len(f) >= 2 {
			return strings.Join(f[len(strings.Fields(label)):], " ")
		}
	}
	return ""
}

// TestMonthlyReportPDF: the report and a meeting pack download as PDFs
// printed by headless Chromium, whose text holds the figures the page shows,
// the title block and page numbers.
func TestMonthlyReportPDF(t *testing.T) {
	if _, err := exec.LookPath("chromium"); err != nil {
		t.Skip("chromium is not installed")
	}
	e, theme := reportEnv(t, func(*app.Config) {})
	b := newBrowser(e)
	b.login("coordinator")
	page := fmt.Sprintf("/themes/%d/report", theme)
	expectPage(t, b.get(page), `id="report-pdf"`)
	rec := b.get(page + "/pdf?as_of=05/04/2023")
	expectStatus(t, rec, http.StatusOK)
	if ct := rec.Header().Get("Content-Type"); ct != "application/pdf" || !strings.HasPrefix(rec.Body.String(), "%PDF") {
		t.Fatalf("not a PDF: %s %.20q", ct, rec.Body.String())
	}
	text := pdfText(t, rec.Body.Bytes())
	for label, want := range map[string]string{"Hoàn thành đúng hạn": "0 1", "Hoàn thành quá hạn": "0 0",
		"Đang thực hiện trong hạn": "1 1", "Quá hạn": "1 1", "Tổng số nhiệm vụ giao": "2 3"} {
		if got := row(text, label); got != want {
			t.Errorf("PDF row %q: %q, want %q; text:\n%s", label, got, want, text)
		}
	}
	for _, s := range []string{"Báo cáo tháng: Chủ đề in thử", "Số liệu đến hết ngày 05/04/2023", "In lúc 12/04/2023 09:00",
		"Bộ Thông tin và Truyền"} {
		if !strings.Contains(text, s) {
			t.Errorf("PDF lacks %q; text:\n%s", s, text)
		}
	}
	if !regexp.MustCompile(`(?m)^\s*1\s*/\s*\d+\s*$`).MatchString(text) {
		t.Errorf("no page number on the PDF's first page:\n%s", text)
	}
	if strings.Contains(text, "Đăng xuất") || strings.Contains(text, "In trang này") {
		t.Errorf("the PDF prints the menu or buttons:\n%s", text)
	}
	rec = b.submit(page, fmt.Sprintf("/themes/%d/packs", theme), url.Values{"meeting_on": {"05/04/2023"}})
	expectStatus(t, rec, http.StatusSeeOther)
	rec = b.get(rec.Header().Get("Location") + "/pdf")
	expectStatus(t, rec, http.StatusOK)
	text = pdfText(t, rec.Body.Bytes())
	if !strings.Contains(text, "Tài liệu họp số 1/2023") || row(text, "Tổng số nhiệm vụ giao") != "2 3" {
		t.Errorf("pack PDF:\n%s", text)
	}
}

// TestReportWithoutChromium: with ROVIEC_CHROMIUM naming a missing file the
// report says no PDF can be made and offers none, its PDF address answers
// 503 with the printable page, and the page still prints.
func TestReportWithoutChromium(t *testing.T) {
	e, theme := reportEnv(t, func(c *app.Config) { c.Chromium = filepath.Join(t.TempDir(), "no-chromium") })
	b := newBrowser(e)
	b.login("viewer")
	page := fmt.Sprintf("/themes/%d/report", theme)
	rec := b.get(page)
	expectStatus(t, rec, http.StatusOK)
	expectPage(t, rec, `id="no-pdf"`, "Máy chủ chưa cài Chromium", "data-print")
	if strings.Contains(rec.Body.String(), `id="report-pdf"`) {
		t.Error("a PDF link is offered without Chromium")
	}
	rec = b.get(page + "/pdf")
	expectStatus(t, rec, http.StatusServiceUnavailable)
	expectPage(t, rec, "Máy chủ chưa cài Chromium", `id="tot-ministry-total">2<`)
}

// TestUrgeLetter: the draft letter carries the national motto, a number to
// fill in, place and date, "Kính gửi:" each agency behind, each one's
// overdue tasks with their days overdue, and the signature block; an agency
// that is done on everything is not addressed.
func TestUrgeLetter(t *testing.T) {
	e, theme := reportEnv(t, func(*app.Config) {})
	b := newBrowser(e)
	b.login("coordinator")
	rec := b.get(fmt.Sprintf("/themes/%d/urge-letter", theme))
	expectStatus(t, rec, http.StatusOK)
	body := rec.Body.String()
	expectPage(t, rec, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: ……/CV-BCĐ",
		"Hà Nội, ngày 12 tháng 04 năm 2023", "Kính gửi:", "<li>Bộ Thông tin và Truyền thông;</li>", "<li>Hồ Chí Minh;</li>",
		"<li>Hà Nội;</li>", "TM. BAN CHỈ ĐẠO", "Nơi nhận:")
	// 79 holds D1, overdue since 31/03: 12 days; BTTTT and 01 hold D2,
	// overdue since 05/04: 7 days. BTTTT's D1 is done and not listed.
	hcm := body[strings.Index(body, "Hồ Chí Minh (1 nhiệm vụ quá hạn)"):]
	if !strings.Contains(hcm[:strings.Index(hcm, "</section>")], `Ban hành kế hoạch dữ liệu</td><td>31/03/2023</td><td class="num">12</td>`) {
		t.Errorf("HCM's overdue task:\n%s", hcm)
	}
	mic := body[strings.Index(body, "Bộ Thông tin và Truyền thông (1 nhiệm vụ quá hạn)"):]
	mic = mic[:strings.Index(mic, "</section>")]
	if !strings.Contains(mic, `Công bố danh mục dữ liệu mở</td><td>05/04/2023</td><td class="num">7</td>`) || strings.Contains(mic, "Ban hành kế hoạch") {
		t.Errorf("BTTTT's overdue tasks:\n%s", mic)
	}
	// Everyone done: nobody addressed.
	if err := e.store.DB().Exec("UPDATE assignments SET status = 'done', progress = 100, completed_on = '2023-04-01' "+
		"WHERE directive_id IN (SELECT id FROM directives WHERE theme_id = ?)", theme).Error; err != nil {
		t.Fatal(err)
	}
	expectPage(t, b.get(fmt.Sprintf("/themes/%d/urge-letter", theme)), "Không cơ quan nào có nhiệm vụ quá hạn")
}
