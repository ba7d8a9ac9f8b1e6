// Package export writes a table (a title, named columns, rows) as a
// formatted .xlsx sheet or as a .csv file, row by row, so that a download of
// a million assignments holds one row at a time, not the whole table.
package export

import (
	"fmt"
	"io"
	"strings"

	"roviec/models"
)

// Format is a file format an export is written in.
type Format string

// The formats.
const (
	XLSX Format = "xlsx"
	CSV  Format = "csv"
)

// Formats lists the formats, in the order the pages offer them.
var Formats = []Format{XLSX, CSV}

// ContentType is the MIME type of a file of the format.
func (f Format) ContentType() string {
	if f == XLSX {
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	return "text/csv; charset=utf-8"
}

// Kind says how a column's values are written: a date becomes a real date
// in the sheet (and YYYY-MM-DD in CSV), a number a number, a percent a
// fraction shown as a percent.
type Kind int

// The kinds of columns.
const (
	Text Kind = iota
	Number
	Date
	Percent // a fraction in [0, 1]
)

// Column is a column of the table: its header (already translated), its
// width in characters in the sheet, and the kind of its values.
type Column struct {
	Header string
	Width  float64
	Kind   Kind
}

// Table describes what is exported: the sheet's name, the title lines above
// the header (programme and page, as-of date, filters; the sheet only) and
// the columns.
type Table struct {
	Name    string
	Title   []string
	Columns []Column
}

// Tone is the colour of a status cell in the sheet; the text says the same
// in words, so that the colour is never the only sign.
type Tone string

// The tones, as the pages colour them.
const (
	Red   Tone = "red"
	Amber Tone = "amber"
	Green Tone = "green"
	Grey  Tone = "grey"
	Blue  Tone = "blue"
)

// Toned is a cell value with a colour.
type Toned struct {
	Text string
	Tone Tone
}

// Writer takes the rows of a table, one at a time, in column order. A row's
// values are strings, ints, float64s, models.Days (empty: no date), Toned
// cells or nil (an empty cell). Close finishes the file; nothing is complete
// before it.
type Writer interface {
	Row(values ...any) error
	Close() error
}

// New starts writing table t in format f to w.
func New(w io.Writer, f Format, t Table) (Writer, error) {
	switch f {
	case XLSX:
		return newSheet(w, t)
	case CSV:
		return newCSV(w, t)
	}
	return nil, fmt.Errorf("export: unknown format %q", f)
}

// text is a value as CSV writes it (and the sheet writes text).
func text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case models.Day:
		return x.String()
	case float64:
		return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.4f", x), "0"), ".")
	case Toned:
		return x.Text
	}
	return fmt.Sprint(v)
}
