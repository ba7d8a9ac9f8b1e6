package export

import (
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"roviec/models"
)

// toneFills are the status colours of the pages' legend, light enough for
// black text to stay readable when printed.
var toneFills = map[Tone]string{Red: "#F8D7DA", Amber: "#FFE8A3", Green: "#D4EDDA", Grey: "#E2E3E5", Blue: "#D6E4F5"}

// sheetWriter writes through excelize's StreamWriter, which keeps rows past
// its buffer in a temporary file rather than in memory; Close writes the
// zip to w.
type sheetWriter struct {
	w      io.Writer
	f      *excelize.File
	sw     *excelize.StreamWriter
	kinds  []Kind
	styles map[any]int // by Kind of column or Tone
	row    int         // the last row written
}

func newSheet(w io.Writer, t Table) (_ *sheetWriter, err error) {
	f := excelize.NewFile()
	defer func() {
		if err != nil {
			_ = f.Close() // the error that stopped us is the one to report
		}
	}()
	name := sheetName(t.Name)
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return nil, err
	}
	s := &sheetWriter{w: w, f: f, styles: map[any]int{}}
	if s.sw, err = f.NewStreamWriter(name); err != nil {
		return nil, err
	}
	if err := s.makeStyles(); err != nil {
		return nil, err
	}
	head := len(t.Title) + 1 // the header's row
	// Widths and panes must come before the first row in a stream.
	for i, col := range t.Columns {
		s.kinds = append(s.kinds, col.Kind)
		if col.Width > 0 {
			if err := s.sw.SetColWidth(i+1, i+1, col.Width); err != nil {
				return nil, err
			}
		}
	}
	top, _ := excelize.CoordinatesToCellName(1, head+1)
	if err := s.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: head, TopLeftCell: top, ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	for i, line := range t.Title {
		style := s.styles["subtitle"]
		if i == 0 {
			style = s.styles["title"]
		}
		if err := s.put([]any{excelize.Cell{StyleID: style, Value: line}}); err != nil {
			return nil, err
		}
	}
	cells := make([]any, len(t.Columns))
	for i, col := range t.Columns {
		cells[i] = excelize.Cell{StyleID: s.styles["header"], Value: col.Header}
	}
	return s, s.put(cells)
}

// makeStyles registers the few styles every sheet uses.
func (s *sheetWriter) makeStyles() error {
	dateFmt, pctFmt := "dd/mm/yyyy", "0.0%"
	border := []excelize.Border{{Type: "bottom", Color: "#333333", Style: 1}}
	defs := map[any]*excelize.Style{
		"title":    {Font: &excelize.Font{Bold: true, Size: 14}},
		"subtitle": {Font: &excelize.Font{Italic: true, Color: "#444444"}},
		"header": {Font: &excelize.Font{Bold: true}, Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#DDE3EA"}}},
		Date:    {CustomNumFmt: &dateFmt},
		Percent: {CustomNumFmt: &pctFmt},
	}
	for tone, fill := range toneFills {
		defs[tone] = &excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fill}}}
	}
	for key, def := range defs {
		id, err := s.f.NewStyle(def)
		if err != nil {
			return err
		}
		s.styles[key] = id
	}
	return nil
}

func (s *sheetWriter) put(cells []any) error {
	s.row++
	at, _ := excelize.CoordinatesToCellName(1, s.row)
	return s.sw.SetRow(at, cells)
}

// Row writes one row: dates as dates, percents as fractions shown as
// percents, toned cells filled with their colour.
func (s *sheetWriter) Row(values ...any) error {
	cells := make([]any, len(values))
	for i, v := range values {
		kind := Text
		if i < len(s.kinds) {
			kind = s.kinds[i]
		}
		switch x := v.(type) {
		case nil:
			cells[i] = nil
		case models.Day:
			if x.IsZero() {
				cells[i] = nil
			} else {
				cells[i] = excelize.Cell{StyleID: s.styles[Date], Value: x.Time()}
			}
		case Toned:
			cells[i] = excelize.Cell{StyleID: s.styles[x.Tone], Value: x.Text}
		case float64:
			if kind == Percent {
				cells[i] = excelize.Cell{StyleID: s.styles[Percent], Value: x}
			} else {
				cells[i] = x
			}
		default:
			cells[i] = v
		}
	}
	return s.put(cells)
}

// Close writes the sheet to w and removes the stream's temporary files.
func (s *sheetWriter) Close() error {
	err := s.sw.Flush()
	if err == nil {
		_, err = s.f.WriteTo(s.w)
	}
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// sheetName is name as Excel accepts it: at most 31 characters, none of
// []:*?/\.
func sheetName(name string) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '-'
		}
		return r
	}, name)
	if r := []rune(name); len(r) > 31 {
		name = string(r[:31])
	}
	if strings.TrimSpace(name) == "" {
		return "Sheet1"
	}
	return name
}
