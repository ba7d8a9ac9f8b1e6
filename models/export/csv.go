package export

import (
	"encoding/csv"
	"io"
	"strings"
)

// bom starts every CSV file: without it Excel reads UTF-8 as the local
// code page and garbles Vietnamese.
const bom = "\uFEFF"

// csvWriter writes the header and rows only: title lines would break the
// tools that read CSV as data, and the file name carries the date.
type csvWriter struct {
	w *csv.Writer
}

func newCSV(w io.Writer, t Table) (*csvWriter, error) {
	if _, err := io.WriteString(w, bom); err != nil {
		return nil, err
	}
	c := &csvWriter{w: csv.NewWriter(w)}
	head := make([]string, len(t.Columns))
	for i, col := range t.Columns {
		head[i] = col.Header
	}
	return c, c.w.Write(head)
}

// Row writes one record; the csv.Writer buffers a few KB and writes them on.
func (c *csvWriter) Row(values ...any) error {
	rec := make([]string, len(values))
	for i, v := range values {
		rec[i] = text(v)
		if _, typed := v.(string); typed {
			rec[i] = unformula(rec[i])
		}
	}
	return c.w.Write(rec)
}

func (c *csvWriter) Close() error {
	c.w.Flush()
	return c.w.Error()
}

// unformula keeps a spreadsheet from reading text typed by anyone (a
// directive's title, the e-mail of a failed login) as a formula: such a
// value starts with a quote. The sheet needs none: its text cells are text.
func unformula(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
