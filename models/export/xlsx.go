package export

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"roviec/models"
)

// toneFills are the status colours of the pages' legend, light enough for
// black text to stay readable when printed.
var toneFills = map[Tone]string{Red: "#F8D7DA", Amber: "#FFE8A3", Green: "#D4EDDA", Grey: "#E2E3E5", Blue: "#D6E4F5"}

// sheetPath is where excelize keeps its first sheet in the package.
const sheetPath = "xl/worksheets/sheet1.xml"

// sheetWriter streams a workbook to w. excelize builds the small parts (the
// styles, the title and header rows, widths and frozen panes), but it
// assembles a whole file in memory before writing it, even from its
// StreamWriter (File.WriteTo), which at a million rows is hundreds of MB.
// So the sheet's rows are written here, as XML straight into the zip entry
// that follows excelize's parts, one row at a time.
type sheetWriter struct {
	zw     *zip.Writer
	out    *bufio.Writer
	suffix string // the sheet's XML after its rows
	kinds  []Kind
	cols   []string    // column letters
	styles map[any]int // by Kind of column or Tone
	row    int         // the last row written
	buf    []byte      // a row's XML, reused
}

func newSheet(w io.Writer, t Table) (*sheetWriter, error) {
	s := &sheetWriter{styles: map[any]int{}}
	parts, err := s.frame(t)
	if err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(parts), int64(len(parts)))
	if err != nil {
		return nil, err
	}
	s.zw = zip.NewWriter(w)
	var sheet []byte
	for _, f := range zr.File {
		if f.Name == sheetPath {
			if sheet, err = readPart(f); err != nil {
				return nil, err
			}
			continue
		}
		if err := s.zw.Copy(f); err != nil {
			return nil, err
		}
	}
	// The rows go where excelize's end, before </sheetData>; its
	// dimension would be wrong once they are there, and is only a hint.
	xmlText := dimension.ReplaceAllString(string(sheet), "")
	end := strings.Index(xmlText, "</sheetData>")
	if end < 0 {
		return nil, errors.New("export: no sheetData in excelize's sheet")
	}
	entry, err := s.zw.Create(sheetPath)
	if err != nil {
		return nil, err
	}
	s.out, s.suffix = bufio.NewWriterSize(entry, 64<<10), xmlText[end:]
	_, err = s.out.WriteString(xmlText[:end])
	return s, err
}

var dimension = regexp.MustCompile(`<dimension ref="[^"]*"\s*/>`)

func readPart(f *zip.File) ([]byte, error) {
	r, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer func() { _ = r.Close() }() // a read-only entry of a zip in memory: nothing to lose
	return io.ReadAll(r)
}

// frame builds, with excelize, the workbook without its data rows: the
// styles, widths, frozen panes, title lines and header.
func (s *sheetWriter) frame(t Table) (_ []byte, err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	name := sheetName(t.Name)
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return nil, err
	}
	if err := s.makeStyles(f); err != nil {
		return nil, err
	}
	for i, col := range t.Columns {
		letter, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return nil, err
		}
		s.kinds, s.cols = append(s.kinds, col.Kind), append(s.cols, letter)
		if col.Width > 0 {
			if err := f.SetColWidth(name, letter, letter, col.Width); err != nil {
				return nil, err
			}
		}
		if err := s.set(f, name, letter, len(t.Title)+1, col.Header, "header"); err != nil {
			return nil, err
		}
	}
	for i, line := range t.Title {
		style := "subtitle"
		if i == 0 {
			style = "title"
		}
		if err := s.set(f, name, "A", i+1, line, style); err != nil {
			return nil, err
		}
	}
	s.row = len(t.Title) + 1
	top, _ := excelize.CoordinatesToCellName(1, s.row+1)
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: s.row, TopLeftCell: top, ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (s *sheetWriter) set(f *excelize.File, sheet, col string, row int, value, style string) error {
	cell := col + strconv.Itoa(row)
	if err := f.SetCellStr(sheet, cell, value); err != nil {
		return err
	}
	return f.SetCellStyle(sheet, cell, cell, s.styles[style])
}

// makeStyles registers the few styles every sheet uses.
func (s *sheetWriter) makeStyles(f *excelize.File) error {
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
		id, err := f.NewStyle(def)
		if err != nil {
			return err
		}
		s.styles[key] = id
	}
	return nil
}

// excelEpoch is day 0 of a sheet's dates (1900 date system, for days after
// 28/02/1900, which every date here is).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// Excel's limits: rows in a sheet (a variable so that a test can reach it)
// and characters in a cell. A file past them is one Excel calls corrupt.
var maxSheetRows = 1_048_576

const maxCellText = 32_767

// cutNote is the last row of a sheet that had more rows than Excel holds.
const cutNote = "… Excel chỉ chứa 1.048.576 dòng: tải bản .csv để có đủ / Excel holds 1,048,576 rows: download the .csv for all of them"

// Row writes one row: dates as dates, percents as fractions shown as
// percents, toned cells filled with their colour, text inline. When only
// one row of the sheet is left, that row says the sheet is cut and further
// rows are left out (the .csv holds them all).
func (s *sheetWriter) Row(values ...any) error {
	switch {
	case s.row >= maxSheetRows:
		return nil
	case s.row == maxSheetRows-1:
		values = []any{cutNote}
	}
	s.row++
	b := fmt.Appendf(s.buf[:0], `<row r="%d">`, s.row)
	for i, v := range values {
		if i >= len(s.cols) {
			break
		}
		ref := s.cols[i] + strconv.Itoa(s.row)
		switch x := v.(type) {
		case nil:
		case int:
			b = fmt.Appendf(b, `<c r="%s"><v>%d</v></c>`, ref, x)
		case float64:
			style := 0
			if s.kinds[i] == Percent {
				style = s.styles[Percent]
			}
			b = fmt.Appendf(b, `<c r="%s" s="%d"><v>%s</v></c>`, ref, style, strconv.FormatFloat(x, 'f', -1, 64))
		case models.Day:
			if !x.IsZero() {
				b = fmt.Appendf(b, `<c r="%s" s="%d"><v>%d</v></c>`, ref, s.styles[Date], int(x.Time().Sub(excelEpoch).Hours()/24))
			}
		case Toned:
			b = inline(b, ref, s.styles[x.Tone], x.Text)
		default:
			b = inline(b, ref, 0, text(v))
		}
	}
	s.buf = append(b, "</row>"...)
	_, err := s.out.Write(s.buf)
	return err
}

// inline appends a text cell holding its text (escaped for XML; characters
// XML cannot hold become U+FFFD; past Excel's limit of a cell, cut with …).
func inline(b []byte, ref string, style int, value string) []byte {
	if r := []rune(value); len(r) > maxCellText {
		value = string(r[:maxCellText-1]) + "…"
	}
	b = fmt.Appendf(b, `<c r="%s" s="%d" t="inlineStr"><is><t xml:space="preserve">`, ref, style)
	var esc bytes.Buffer
	_ = xml.EscapeText(&esc, []byte(value)) // a bytes.Buffer takes every write
	return append(append(b, esc.Bytes()...), "</t></is></c>"...)
}

// Close ends the sheet and the zip.
func (s *sheetWriter) Close() error {
	if _, err := s.out.WriteString(s.suffix); err != nil {
		return err
	}
	if err := s.out.Flush(); err != nil {
		return err
	}
	return s.zw.Close()
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
