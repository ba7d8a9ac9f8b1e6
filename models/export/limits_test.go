package export

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// TestSheetStaysWithinExcelsLimits writes more rows than a sheet may hold
// (the limit lowered to 10 for the test) and a cell longer than Excel
// takes: the sheet ends with a row saying it was cut, and the long text is
// cut to the limit; excelize reads the file back.
func TestSheetStaysWithinExcelsLimits(t *testing.T) {
	defer func(n int) { maxSheetRows = n }(maxSheetRows)
	maxSheetRows = 10
	var buf bytes.Buffer
	w, err := New(&buf, XLSX, Table{Name: "x", Title: []string{"Tiêu đề"}, Columns: []Column{{Header: "a"}}})
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("ễ", maxCellText+10)
	for i := range 20 {
		v := "dòng"
		if i == 0 {
			v = long
		}
		if err := w.Row(v); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("x")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 10 || rows[9][0] != cutNote {
		t.Fatalf("%d rows, the last %q; want 10, the last saying the sheet is cut", len(rows), rows[len(rows)-1])
	}
	for _, r := range rows {
		if len(r) > 0 && utf8.RuneCountInString(r[0]) > maxCellText {
			t.Fatalf("a cell of %d characters", utf8.RuneCountInString(r[0]))
		}
	}
	if got := rows[2][0]; utf8.RuneCountInString(got) != maxCellText || !strings.HasSuffix(got, "…") {
		t.Fatalf("the long cell: %d characters", utf8.RuneCountInString(got))
	}
}
