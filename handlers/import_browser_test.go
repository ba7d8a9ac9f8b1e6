package handlers_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBrowserImport: on a phone (375 px) a coordinator goes from the plan
// to its import page, picks an .xlsx with a bad row and sees that row
// named, then the corrected file, its counts, and confirms; the plan's
// page says how many directives came in. Every step fits the screen.
func TestBrowserImport(t *testing.T) {
	s := newSite(t)
	plan := s.plans()[0].ID
	dir := t.TempDir()
	bad, good := filepath.Join(dir, "nhiệm vụ lỗi.xlsx"), filepath.Join(dir, "nhiệm vụ tháng 10.xlsx")
	due := time.Date(2023, 10, 31, 0, 0, 0, 0, time.UTC)
	rows := [][]any{
		{"Công khai dữ liệu về đất đai trên cổng dữ liệu quốc gia", "", "Bộ dữ liệu mở", 10, "Dữ liệu", due, "tất cả tỉnh", "15/KH-UBQG", "01/09/2023"},
		{"Báo cáo kết quả Năm Dữ liệu số", "", "Báo cáo", 10, "", due, "tất cả bộ", "", ""},
	}
	if err := os.WriteFile(good, importXLSX(t, rows...), 0o644); err != nil {
		t.Fatal(err)
	}
	wrong := append([][]any{}, rows...)
	wrong[1] = []any{"Báo cáo kết quả Năm Dữ liệu số", "", "Báo cáo", 10, "", "31/10/2023", "BXYZ", "", ""}
	if err := os.WriteFile(bad, importXLSX(t, wrong...), 0o644); err != nil {
		t.Fatal(err)
	}
	phone := s.open(t, "import", 375, 812)
	phone.login("coordinator")
	phone.visit("/plans/" + itoa(plan))
	phone.submitAndWait(`a[href="/plans/` + itoa(plan) + `/import"]`)
	phone.expectFits("import-form")
	if err := phone.el("#file").SetFiles([]string{bad}); err != nil {
		t.Fatal(err)
	}
	phone.submitAndWait(`form[enctype="multipart/form-data"] button[type=submit]`)
	phone.expectText("section[aria-labelledby=import-preview]", "Dòng 3", "Không có cơ quan mã BXYZ.")
	phone.expectFits("import-bad-row")
	if err := phone.el("#file").SetFiles([]string{good}); err != nil {
		t.Fatal(err)
	}
	phone.submitAndWait(`form[enctype="multipart/form-data"] button[type=submit]`)
	phone.expectText("section[aria-labelledby=import-preview]", "2 nhiệm vụ", "lượt giao cho cơ quan")
	phone.expectFits("import-preview")
	phone.submitAndWait(`form[action$="/import/confirm"] button[type=submit]`)
	if !strings.HasSuffix(phone.url(), "/plans/"+itoa(plan)) {
		t.Fatalf("after the confirm: %s", phone.url())
	}
	phone.expectText(".flash", "Đã nhập 2 nhiệm vụ từ tệp.")
	phone.expectFits("import-done")
}
