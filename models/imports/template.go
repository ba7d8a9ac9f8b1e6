package imports

import (
	"encoding/csv"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// WriteTemplate writes the empty template in format f: the headers (in
// .xlsx bold, frozen, with widths, and a second sheet explaining each
// column); in .csv with a BOM, so that Excel reads the Vietnamese right.
func WriteTemplate(w io.Writer, f Format) error {
	switch f {
	case CSV:
		if _, err := io.WriteString(w, "\xEF\xBB\xBF"); err != nil {
			return err
		}
		cw := csv.NewWriter(w)
		if err := cw.Write(headers()); err != nil {
			return err
		}
		cw.Flush()
		return cw.Error()
	case XLSX:
		return writeXLSX(w)
	}
	return fmt.Errorf("unknown template format %q (.xlsx or .csv)", f)
}

func headers() []string {
	out := make([]string, len(Columns))
	for i, c := range Columns {
		out[i] = c.Header
	}
	return out
}

// templateSheet and guideSheet name the template's sheets: the first is
// the one read back.
const (
	templateSheet = "Nhiệm vụ"
	guideSheet    = "Hướng dẫn"
)

func writeXLSX(w io.Writer) (err error) {
	x := excelize.NewFile()
	defer func() {
		if cerr := x.Close(); err == nil {
			err = cerr
		}
	}()
	if err := x.SetSheetName("Sheet1", templateSheet); err != nil {
		return err
	}
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return err
	}
	date, err := x.NewStyle(&excelize.Style{CustomNumFmt: ptr("dd/mm/yyyy")})
	if err != nil {
		return err
	}
	widths := map[string]float64{ColTitle: 50, ColDescription: 40, ColDeliverable: 30, ColAgencies: 30}
	for i, c := range Columns {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := x.SetCellStr(templateSheet, col+"1", c.Header); err != nil {
			return err
		}
		width := widths[c.Key]
		if width == 0 {
			width = 16
		}
		if err := x.SetColWidth(templateSheet, col, col, width); err != nil {
			return err
		}
		if c.Key == ColDueDate || c.Key == ColDocDate {
			// Dates typed into these columns become real dates, shown dd/mm/yyyy.
			if err := x.SetColStyle(templateSheet, col, date); err != nil {
				return err
			}
		}
	}
	if err := x.SetRowStyle(templateSheet, 1, 1, bold); err != nil {
		return err
	}
	if err := x.SetPanes(templateSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := writeGuide(x, bold); err != nil {
		return err
	}
	return x.Write(w)
}

// writeGuide lists each column with what it takes.
func writeGuide(x *excelize.File, bold int) error {
	if _, err := x.NewSheet(guideSheet); err != nil {
		return err
	}
	rows := [][]any{{"Cột", "Cách ghi"}}
	for _, c := range Columns {
		rows = append(rows, []any{c.Header, c.Note})
	}
	for i, r := range rows {
		if err := x.SetSheetRow(guideSheet, fmt.Sprintf("A%d", i+1), &r); err != nil {
			return err
		}
	}
	if err := x.SetColWidth(guideSheet, "A", "A", 22); err != nil {
		return err
	}
	if err := x.SetColWidth(guideSheet, "B", "B", 100); err != nil {
		return err
	}
	return x.SetRowStyle(guideSheet, 1, 1, bold)
}

func ptr[T any](v T) *T { return &v }
