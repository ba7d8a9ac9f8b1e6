package export_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"roviec/models"
	"roviec/models/export"
)

var table = export.Table{Name: "Bảng xếp hạng: 2023/06", Title: []string{"Năm Dữ liệu số 2023 · Bảng xếp hạng", "Tính đến 30/06/2023"},
	Columns: []export.Column{{Header: "Cơ quan", Width: 30}, {Header: "Hạn", Kind: export.Date, Width: 12},
		{Header: "Tỷ lệ", Kind: export.Percent}, {Header: "Số", Kind: export.Number}, {Header: "Trạng thái"}}}

func write(t *testing.T, f export.Format) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := export.New(&buf, f, table)
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]any{{"Bộ Công an", models.Day("2023-06-30"), 0.5, 3, export.Toned{Text: "Quá hạn", Tone: export.Red}},
		{"Hà Nội, \"thủ đô\"", models.Day(""), nil, 0, export.Toned{Text: "Đúng hạn", Tone: export.Green}}}
	for _, r := range rows {
		if err := w.Row(r...); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSheetHasTitleFrozenHeaderRealDatesAndColours(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(write(t, export.XLSX)))
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetName(0)
	if sheet != "Bảng xếp hạng- 2023-06" {
		t.Errorf("sheet name %q", sheet)
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 || rows[0][0] != table.Title[0] || rows[1][0] != table.Title[1] || rows[2][0] != "Cơ quan" || rows[2][4] != "Trạng thái" {
		t.Fatalf("rows %q", rows)
	}
	if got := rows[3]; got[0] != "Bộ Công an" || got[1] != "30/06/2023" || got[2] != "50.0%" || got[3] != "3" || got[4] != "Quá hạn" {
		t.Errorf("first row %q", got)
	}
	// A real date: a number shown as a date, not text.
	if typ, _ := f.GetCellType(sheet, "B4"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("the date is text (%v)", typ)
	}
	if raw, _ := f.GetCellValue(sheet, "B4", excelize.Options{RawCellValue: true}); raw != "45107" {
		t.Errorf("B4 holds %q, want the serial of 30/06/2023", raw)
	}
	panes, err := f.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != 3 {
		t.Errorf("panes %+v (%v): want the header row frozen", panes, err)
	}
	if w, _ := f.GetColWidth(sheet, "A"); w != 30 {
		t.Errorf("column A is %v wide", w)
	}
	style, _ := f.GetCellStyle(sheet, "E4")
	if s, err := f.GetStyle(style); err != nil || len(s.Fill.Color) == 0 || !strings.EqualFold(strings.TrimPrefix(s.Fill.Color[0], "#"), "F8D7DA") {
		t.Errorf("the overdue cell's fill is %+v (%v)", s, err)
	}
}

func TestCSVStartsWithBOMAndQuotes(t *testing.T) {
	b := write(t, export.CSV)
	if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		t.Fatalf("no byte order mark: %q", b[:10])
	}
	recs, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"Cơ quan", "Hạn", "Tỷ lệ", "Số", "Trạng thái"}, {"Bộ Công an", "2023-06-30", "0.5", "3", "Quá hạn"},
		{"Hà Nội, \"thủ đô\"", "", "", "0", "Đúng hạn"}}
	if strings.Join(flat(recs), "|") != strings.Join(flat(want), "|") {
		t.Errorf("records %q, want %q", recs, want)
	}
}

func flat(rs [][]string) []string {
	var out []string
	for _, r := range rs {
		out = append(out, strings.Join(r, ","))
	}
	return out
}

func TestCSVKeepsTypedTextFromBeingAFormula(t *testing.T) {
	var buf bytes.Buffer
	w, _ := export.New(&buf, export.CSV, export.Table{Columns: []export.Column{{Header: "a"}, {Header: "b", Kind: export.Number}}})
	if err := w.Row("=HYPERLINK(\"x\")", -3); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); !strings.Contains(got, "\"'=HYPERLINK(\"\"x\"\")\",-3") {
		t.Errorf("got %q", got)
	}
}

// TestSheetHoldsAnyText: markup and characters XML cannot hold (typed into
// a note) leave a sheet that opens, the markup as text.
func TestSheetHoldsAnyText(t *testing.T) {
	var buf bytes.Buffer
	w, _ := export.New(&buf, export.XLSX, export.Table{Name: "x", Columns: []export.Column{{Header: "a"}, {Header: "b"}}})
	if err := w.Row("<b>&amp;</b>\x01", export.Toned{Text: "]]>", Tone: export.Amber}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("x")
	if err != nil || len(rows) != 2 || rows[1][0] != "<b>&amp;</b>\uFFFD" || rows[1][1] != "]]>" {
		t.Errorf("rows %q (%v)", rows, err)
	}
}
