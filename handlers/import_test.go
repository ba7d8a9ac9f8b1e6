package handlers_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"roviec/models"
)

// importHeader is the template's header row.
var importHeader = []string{"Tên nhiệm vụ", "Mô tả", "Sản phẩm", "Tháng chủ đề", "Trụ cột", "Hạn hoàn thành",
	"Cơ quan thực hiện", "Số văn bản", "Ngày văn bản"}

// importCSV is a CSV file as Excel saves it where the decimal mark is a
// comma: a BOM, semicolons.
func importCSV(rows ...[]string) []byte {
	var b strings.Builder
	b.WriteString("\xEF\xBB\xBF")
	for _, r := range append([][]string{importHeader}, rows...) {
		b.WriteString(strings.Join(r, ";") + "\r\n")
	}
	return []byte(b.String())
}

// importXLSX is a workbook of rows under the header; a time.Time cell
// is written as a real Excel date.
func importXLSX(t testing.TB, rows ...[]any) []byte {
	t.Helper()
	x := excelize.NewFile()
	defer func() { _ = x.Close() }()
	head := make([]any, len(importHeader))
	for i, h := range importHeader {
		head[i] = h
	}
	for i, r := range append([][]any{head}, rows...) {
		if err := x.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// importFile posts a file to POST /api/v1/plans/{id}/import.
func (e *env) importFile(token string, planID uint, name string, data []byte, dryRun bool) *httptest.ResponseRecorder {
	e.t.Helper()
	body, mt := multipartFile(e.t, nil, name, "application/octet-stream", data)
	path := fmt.Sprintf("/api/v1/plans/%d/import", planID)
	if dryRun {
		path += "?dry_run=1"
	}
	req := httptest.NewRequest(http.MethodPost, path, body)
	req.Header.Set("Content-Type", mt)
	req.Header.Set("Authorization", "Bearer "+token)
	rec := httptest.NewRecorder()
	e.app.Echo.ServeHTTP(rec, req)
	return rec
}

// apiImport is the answer of an import.
type apiImport struct {
	Error       string            `json:"error"`
	Fields      map[string]string `json:"fields"`
	DryRun      bool              `json:"dry_run"`
	Directives  int               `json:"directives"`
	Assignments int               `json:"assignments"`
	Rows        []struct {
		Row    int               `json:"row"`
		Fields map[string]string `json:"fields"`
	} `json:"rows"`
}

// rowCounts counts what an import writes: directives, assignments, audit
// rows and notifications.
func (e *env) rowCounts() [4]int64 {
	e.t.Helper()
	var out [4]int64
	for i, table := range []string{"directives", "assignments", "audit_log", "notifications"} {
		if err := e.store.DB().Table(table).Count(&out[i]).Error; err != nil {
			e.t.Fatal(err)
		}
	}
	return out
}

func (e *env) ministries() int {
	e.t.Helper()
	var n int64
	if err := e.store.DB().Model(&models.Agency{}).Where("kind = ? AND active = ?", models.KindMinistry, true).Count(&n).Error; err != nil {
		e.t.Fatal(err)
	}
	return int(n)
}

func TestImportCSVWithBOMAndSemicolons(t *testing.T) {
	e := newEnv(t)
	plan := e.plans()[0].ID
	tok := e.token("coordinator")
	file := importCSV(
		[]string{"Rà soát dữ liệu dân cư của tỉnh", "Đối chiếu với CSDL quốc gia", "Báo cáo", "Tháng 5", "Dữ liệu", "30/06/2023", "bttttt, 01", "12/KH-BTTTT", "01/03/2023"},
		[]string{"Công bố danh mục dữ liệu mở", "", "Danh mục", "6", "data", "2023-07-31", "tất cả bộ, ngành", "", ""},
	)
	// A wrong code first: the file is refused as a whole.
	rec := e.importFile(tok, plan, "nhiem-vu.csv", file, false)
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	file = bytes.Replace(file, []byte("bttttt, 01"), []byte("btttt, 01"), 1)
	before := e.rowCounts()
	rec = e.importFile(tok, plan, "nhiem-vu.csv", file, true)
	expectStatus(t, rec, http.StatusOK)
	var got apiImport
	decode(t, rec, &got)
	want := 2 + e.ministries()
	if !got.DryRun || got.Directives != 2 || got.Assignments != want || len(got.Rows) != 0 {
		t.Fatalf("dry run = %+v, want 2 directives, %d assignments", got, want)
	}
	if after := e.rowCounts(); after != before {
		t.Fatalf("a dry run wrote: %v -> %v", before, after)
	}
	rec = e.importFile(tok, plan, "nhiem-vu.csv", file, false)
	expectStatus(t, rec, http.StatusCreated)
	after := e.rowCounts()
	if after[0]-before[0] != 2 || after[1]-before[1] != int64(want) || after[2]-before[2] != 2 || after[3] == before[3] {
		t.Fatalf("rows %v -> %v: want 2 directives, %d assignments, 2 audit rows and notifications", before, after, want)
	}
	var d models.Directive
	if err := e.store.DB().Where("title = ?", "Rà soát dữ liệu dân cư của tỉnh").First(&d).Error; err != nil {
		t.Fatal(err)
	}
	if d.DueOn != "2023-06-30" || d.Pillar != "data" || d.Source != "12/KH-BTTTT ngày 01/03/2023" || d.ThemeID != e.themeID(5) ||
		d.CreatedByID == nil || *d.CreatedByID != e.users["coordinator"].ID {
		t.Errorf("imported directive = %+v", d)
	}
	var codes []string
	e.store.DB().Table("assignments").Joins("JOIN agencies ON agencies.id = assignments.agency_id").
		Where("directive_id = ?", d.ID).Order("code").Pluck("code", &codes)
	if strings.Join(codes, ",") != "01,BTTTT" {
		t.Errorf("agencies = %v, want 01, BTTTT", codes)
	}
	// The same file again: every row is now a duplicate of the plan's directives.
	rec = e.importFile(tok, plan, "nhiem-vu.csv", file, false)
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	decode(t, rec, &got)
	if len(got.Rows) != 2 || !strings.Contains(got.Rows[0].Fields["title"], "đã có nhiệm vụ cùng tên") {
		t.Errorf("again: %+v", got)
	}
}

func TestImportXLSXWithExcelDates(t *testing.T) {
	e := newEnv(t)
	plan := e.plans()[0].ID
	due := time.Date(2023, 9, 15, 0, 0, 0, 0, time.UTC)
	file := importXLSX(t,
		[]any{"Kết nối dữ liệu đất đai", "", "Hệ thống kết nối", 9, "Chính phủ số", due, "tất cả tỉnh", "5/QĐ-UBQG", time.Date(2023, 2, 1, 0, 0, 0, 0, time.UTC)},
		[]any{},
		[]any{"Số hóa hồ sơ hộ tịch", "Mô tả", "", 10, "", "31.10.2023", "all", "", ""},
	)
	tok := e.token("admin")
	before := e.rowCounts()
	rec := e.importFile(tok, plan, "tasks.xlsx", file, false)
	expectStatus(t, rec, http.StatusCreated)
	var got apiImport
	decode(t, rec, &got)
	var provinces, all int64
	e.store.DB().Model(&models.Agency{}).Where("kind = ? AND active = ?", models.KindProvince, true).Count(&provinces)
	e.store.DB().Model(&models.Agency{}).Where("active = ?", true).Count(&all)
	if got.Directives != 2 || got.Assignments != int(provinces+all) {
		t.Fatalf("import = %+v, want 2 directives, %d assignments", got, provinces+all)
	}
	after := e.rowCounts()
	if after[0]-before[0] != 2 || after[1]-before[1] != provinces+all {
		t.Fatalf("rows %v -> %v", before, after)
	}
	var d models.Directive
	if err := e.store.DB().Where("title = ?", "Kết nối dữ liệu đất đai").First(&d).Error; err != nil {
		t.Fatal(err)
	}
	if d.DueOn != "2023-09-15" || d.Pillar != "government" || d.Source != "5/QĐ-UBQG ngày 01/02/2023" {
		t.Errorf("imported directive = %+v", d)
	}
}

func TestImportBadFileReportsEveryRowAndWritesNothing(t *testing.T) {
	e := newEnv(t)
	plan := e.plans()[0]
	var existing models.Directive
	if err := e.store.DB().Where("plan_id = ?", plan.ID).First(&existing).Error; err != nil {
		t.Fatal(err)
	}
	file := importCSV(
		[]string{"Nhiệm vụ tốt", "", "", "5", "", "30/06/2023", "BTTTT", "", ""},               // row 2: good
		[]string{"Nhiệm vụ A", "", "", "5", "", "30/06/2023", "BTTTT, XYZ", "", ""},            // 3: unknown agency
		[]string{"Nhiệm vụ B", "", "", "5", "", "31/02/2023", "BTTTT", "", ""},                 // 4: bad date
		[]string{"", "Không có tên", "", "5", "", "30/06/2023", "BTTTT", "", ""},               // 5: missing title
		[]string{"Nhiệm vụ C", "", "", "13", "", "30/06/2023", "BTTTT", "", ""},                // 6: no such month
		[]string{strings.ToUpper(existing.Title), "", "", "5", "", "", "BTTTT", "", ""},        // 7: in the plan already
		[]string{"nhiem vu tot", "", "", "5", "", "", "BTTTT", "", ""},                         // 8: row 2 again
		[]string{strings.Repeat("ạ", models.MaxTitleLen+1), "", "", "5", "", "", "01", "", ""}, // 9: too long
		[]string{"Nhiệm vụ D", "", "", "5", "", "", "", "", ""},                                // 10: no agencies
		[]string{"Nhiệm vụ E", "", "", "5", "", "", "01", "1/CV", "hôm qua"},                   // 11: bad document date
		[]string{"Nhiệm vụ F", "", "", "5", "vũ trụ", "", "01", "", ""},                        // 12: unknown pillar
	)
	tok := e.token("coordinator")
	before := e.rowCounts()
	rec := e.importFile(tok, plan.ID, "bad.csv", file, false)
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	var got apiImport
	decode(t, rec, &got)
	want := map[int][2]string{
		3: {"agencies", "XYZ"}, 4: {"due_date", "Hạn"}, 5: {"title", "Cần nhập tên"}, 6: {"theme_month", "13"},
		7: {"title", "đã có"}, 8: {"title", "dòng 2"}, 9: {"title", "quá dài"}, 10: {"agencies", "Cần ghi cơ quan"},
		11: {"document_date", "Ngày văn bản"}, 12: {"pillar", ""},
	}
	if got.Error == "" || got.Fields["file"] == "" || len(got.Rows) != len(want) || got.Directives != 1 {
		t.Fatalf("answer = %+v, want the error and %d bad rows", got, len(want))
	}
	for _, r := range got.Rows {
		w, ok := want[r.Row]
		if !ok || !strings.Contains(r.Fields[w[0]], w[1]) || r.Fields[w[0]] == "" {
			t.Errorf("row %d: %v, want %s mentioning %q", r.Row, r.Fields, w[0], w[1])
		}
	}
	if after := e.rowCounts(); after != before {
		t.Fatalf("a refused import wrote: %v -> %v", before, after)
	}
}

func TestImportMonthOutsidePlanRefusalsAndLimits(t *testing.T) {
	e := newEnv(t)
	p := &models.Plan{Name: "Kế hoạch 2024", Year: 2024, CreatedAt: e.clock.Now(), UpdatedAt: e.clock.Now(), Version: 1}
	if err := e.store.DB().Create(p).Error; err != nil {
		t.Fatal(err)
	}
	if err := e.store.DB().Create(&models.Theme{PlanID: p.ID, FirstMonth: 4, LastMonth: 4, TitleVI: "Tháng 4"}).Error; err != nil {
		t.Fatal(err)
	}
	file := importCSV([]string{"Nhiệm vụ tháng 5", "", "", "5", "", "", "BTTTT", "", ""})
	rec := e.importFile(e.token("coordinator"), p.ID, "x.csv", file, true)
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	var got apiImport
	decode(t, rec, &got)
	if len(got.Rows) != 1 || !strings.Contains(got.Rows[0].Fields["theme_month"], "2024 không có chủ đề của tháng 5") {
		t.Errorf("month outside: %+v", got)
	}
	expectStatus(t, e.importFile(e.token("focal"), p.ID, "x.csv", file, true), http.StatusForbidden)
	expectStatus(t, e.importFile(e.token("viewer"), p.ID, "x.csv", file, false), http.StatusForbidden)
	expectStatus(t, e.importFile(e.token("coordinator"), 99999, "x.csv", file, true), http.StatusNotFound)
	big := append(importCSV(), bytes.Repeat([]byte(" "), models.MaxEvidenceSize)...)
	expectStatus(t, e.importFile(e.token("coordinator"), p.ID, "x.csv", big, true), http.StatusRequestEntityTooLarge)
	rec = e.importFile(e.token("coordinator"), p.ID, "x.xlsx", []byte("PK\x03\x04not a zip"), true)
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	decode(t, rec, &got)
	if !strings.Contains(got.Fields["file"], "Excel") {
		t.Errorf("broken xlsx: %+v", got)
	}
	rec = e.importFile(e.token("coordinator"), p.ID, "x.csv", []byte("a,b\n1,2\n"), true)
	expectStatus(t, rec, http.StatusUnprocessableEntity)
}

// importUpload posts a file to a plan's import page with the page's CSRF token.
func (b *browser) importUpload(planID uint, name string, data []byte) *httptest.ResponseRecorder {
	b.e.t.Helper()
	page := b.get(fmt.Sprintf("/plans/%d/import", planID)).Body.String()
	m := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`).FindStringSubmatch(page)
	if m == nil {
		b.e.t.Fatalf("no form on the import page:\n%s", page)
	}
	body, ct := multipartFile(b.e.t, map[string]string{"csrf_token": m[1]}, name, "text/csv", data)
	return b.sendBody(fmt.Sprintf("/plans/%d/import", planID), body, ct)
}

// TestPageImportPreviewThenConfirm: a coordinator uploads, sees the
// counts, confirms, and lands on the plan; the confirm validates the held
// file again (a directive of the same title made meanwhile refuses it);
// bad rows are listed on the page; a focal point may not import.
func TestPageImportPreviewThenConfirm(t *testing.T) {
	e := newEnv(t)
	plan := e.plans()[0].ID
	b := newBrowser(e)
	b.login("coordinator")
	expectPage(t, b.get(fmt.Sprintf("/plans/%d", plan)), fmt.Sprintf(`href="/plans/%d/import"`, plan))
	file := importCSV([]string{"Thống kê kho dữ liệu", "", "", "8", "", "31/08/2023", "BTTTT, 01", "", ""})
	rec := b.importUpload(plan, "ok.csv", file)
	expectStatus(t, rec, http.StatusOK)
	expectPage(t, rec, "Sẽ tạo", "1 nhiệm vụ", "2 lượt giao cho cơ quan", "Xác nhận nhập")
	key := regexp.MustCompile(`name="key" value="([0-9a-f]{32})"`).FindStringSubmatch(rec.Body.String())
	if key == nil {
		t.Fatalf("no confirm form:\n%s", rec.Body.String())
	}
	before := e.rowCounts()
	rec = b.submit(fmt.Sprintf("/plans/%d/import", plan), fmt.Sprintf("/plans/%d/import/confirm", plan), url.Values{"key": {key[1]}})
	expectStatus(t, rec, http.StatusSeeOther)
	if after := e.rowCounts(); after[0]-before[0] != 1 || after[1]-before[1] != 2 {
		t.Fatalf("confirm wrote %v -> %v", before, after)
	}
	expectPage(t, b.get(rec.Header().Get("Location")), "Đã nhập 1 nhiệm vụ từ tệp.")
	// The key is used up: confirming again imports nothing.
	rec = b.submit(fmt.Sprintf("/plans/%d/import", plan), fmt.Sprintf("/plans/%d/import/confirm", plan), url.Values{"key": {key[1]}})
	expectStatus(t, rec, http.StatusConflict)
	expectPage(t, rec, "không còn được giữ")

	// Previewed, then the same title created by hand before the confirm.
	file = importCSV([]string{"Báo cáo sơ kết quý III", "", "", "9", "", "", "01", "", ""})
	rec = b.importUpload(plan, "ok.csv", file)
	key = regexp.MustCompile(`name="key" value="([0-9a-f]{32})"`).FindStringSubmatch(rec.Body.String())
	if key == nil {
		t.Fatalf("no confirm form:\n%s", rec.Body.String())
	}
	if _, _, err := e.store.CreateDirective(context.Background(), models.DirectiveInput{ThemeID: e.themeID(9),
		Title: "Báo cáo sơ kết quý III", AgencyCodes: []string{"01"}}, e.users["coordinator"], e.clock.Now()); err != nil {
		t.Fatal(err)
	}
	before = e.rowCounts()
	rec = b.submit(fmt.Sprintf("/plans/%d/import", plan), fmt.Sprintf("/plans/%d/import/confirm", plan), url.Values{"key": {key[1]}})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectPage(t, rec, "Dòng 2", "Kế hoạch đã có nhiệm vụ cùng tên.")
	if after := e.rowCounts(); after != before {
		t.Fatalf("a refused confirm wrote %v -> %v", before, after)
	}

	// Bad rows are listed, with no confirm button.
	rec = b.importUpload(plan, "bad.csv", importCSV(
		[]string{"", "", "", "8", "", "", "01", "", ""},
		[]string{"Nhiệm vụ X", "", "", "8", "", "99/99/2023", "ZZZ", "", ""}))
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectPage(t, rec, "2 dòng có lỗi", "Dòng 2", "Tên nhiệm vụ: Cần nhập tên nhiệm vụ.", "Dòng 3", "Hạn hoàn thành:",
		"Cơ quan thực hiện: Không có cơ quan mã ZZZ.")
	if strings.Contains(rec.Body.String(), `name="key"`) {
		t.Error("a file with bad rows may be confirmed")
	}
	// A file that is no spreadsheet says so at the field.
	rec = b.importUpload(plan, "x.csv", []byte("\xff\xfe\x00"))
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectPage(t, rec, "UTF-8")

	// Templates download in both formats.
	rec = b.get("/import/template/xlsx")
	if rec.Code != http.StatusOK || !bytes.HasPrefix(rec.Body.Bytes(), []byte("PK")) {
		t.Errorf("xlsx template: %d", rec.Code)
	}
	rec = b.get("/import/template/csv")
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Body.String(), "\xEF\xBB\xBFTên nhiệm vụ,") {
		t.Errorf("csv template: %d %q", rec.Code, rec.Body.String())
	}
	expectStatus(t, b.get("/import/template/pdf"), http.StatusNotFound)

	f := newBrowser(e)
	f.login("focal")
	expectStatus(t, f.get(fmt.Sprintf("/plans/%d/import", plan)), http.StatusForbidden)
	if strings.Contains(f.get(fmt.Sprintf("/plans/%d", plan)).Body.String(), "/import") {
		t.Error("a focal point is offered the import")
	}
}
