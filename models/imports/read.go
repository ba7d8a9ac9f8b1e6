package imports

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"roviec/models"
)

// MaxRows bounds the directives of one file: all of them are created in one
// transaction, each with up to every agency's assignment (1,000 directives
// to all 93 agencies is 93,000 assignments).
const MaxRows = 1000

// MaxFileSize bounds an uploaded file, as an evidence file is bounded.
const MaxFileSize = models.MaxEvidenceSize

// maxRecords bounds the records read, blank ones included (a sheet may
// hold blank rows between its directives), before a file is refused as too
// long without reading the rest.
const maxRecords = 10 * MaxRows

// tooManyRows refuses a file of more than MaxRows directives.
func tooManyRows() error { return models.Invalid("file", "err.import_too_many_rows", "Max", MaxRows) }

// unzipLimit bounds what an .xlsx may unpack to: a 10 MB file of repeated
// cells unpacks to far more, and excelize's own limit is 16 GB.
const unzipLimit = 200 << 20

// Format is a file format the importer reads and the template is written in.
type Format string

// The formats.
const (
	XLSX Format = "xlsx"
	CSV  Format = "csv"
)

// FormatOf is the format a file name's extension says ("" when neither).
func FormatOf(name string) Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx":
		return XLSX
	case ".csv":
		return CSV
	}
	return ""
}

// cells is one row of the file: its number (the header is row 1, as a
// spreadsheet numbers it) and its cells by column key.
type cells struct {
	line int
	by   map[string]string
}

// Read parses a file into rows: its format is told by its content (an
// .xlsx is a zip archive), its name only breaking no tie. Problems with the
// file as a whole (not a spreadsheet, no title column, no rows, too many)
// are a *models.ValidationError on "file"; problems of single rows are in
// each Row's Problems.
func Read(name string, data []byte) ([]Row, error) {
	var raw []cells
	var err error
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		raw, err = readXLSX(data)
	} else if FormatOf(name) == XLSX {
		return nil, models.Invalid("file", "err.import_xlsx_invalid")
	} else {
		raw, err = readCSV(data)
	}
	if err != nil {
		return nil, err
	}
	if len(raw) == 0 {
		return nil, models.Invalid("file", "err.import_empty")
	}
	if len(raw) > MaxRows {
		return nil, tooManyRows()
	}
	rows := make([]Row, len(raw))
	for i, r := range raw {
		rows[i] = parseRow(r)
	}
	return rows, nil
}

// readCSV reads a CSV file in UTF-8, with or without a BOM, its separator
// (comma or semicolon) told by the header line.
func readCSV(data []byte) ([]cells, error) {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(data) {
		return nil, models.Invalid("file", "err.import_csv_encoding")
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = separatorOf(data)
	r.FieldsPerRecord = -1
	var records [][]string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, models.Invalid("file", "err.import_csv_invalid", "Row", strconv.Itoa(pe.StartLine))
			}
			return nil, err
		}
		if records = append(records, rec); len(records) > maxRecords {
			return nil, tooManyRows()
		}
	}
	return byHeader(records)
}

// separatorOf is ';' when the header line holds more semicolons than
// commas outside quotes (Excel's CSV where the decimal mark is a comma, as
// in Vietnamese), else ','.
func separatorOf(data []byte) rune {
	commas, semis, quoted := 0, 0, false
	for _, b := range data {
		switch {
		case b == '"':
			quoted = !quoted
		case quoted:
		case b == '\n':
			if semis > commas {
				return ';'
			}
			return ','
		case b == ',':
			commas++
		case b == ';':
			semis++
		}
	}
	if semis > commas {
		return ';'
	}
	return ','
}

// readXLSX reads the first sheet of a workbook. Cells are read raw, so a
// date cell gives its serial number (turned into a date by dateCell), not
// the text its number format shows, which depends on the author's locale.
func readXLSX(data []byte) ([]cells, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: unzipLimit})
	if err != nil {
		return nil, models.Invalid("file", "err.import_xlsx_invalid")
	}
	defer func() { _ = f.Close() }()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, models.Invalid("file", "err.import_empty")
	}
	it, err := f.Rows(sheets[0])
	if err != nil {
		return nil, models.Invalid("file", "err.import_xlsx_invalid")
	}
	defer func() { _ = it.Close() }()
	var records [][]string
	for it.Next() {
		rec, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, models.Invalid("file", "err.import_xlsx_invalid")
		}
		if records = append(records, rec); len(records) > maxRecords {
			return nil, tooManyRows()
		}
	}
	if it.Error() != nil {
		return nil, models.Invalid("file", "err.import_xlsx_invalid")
	}
	return byHeader(records)
}

// byHeader names each record's cells by the header row's columns, skipping
// blank rows (their numbers still count). Unknown headers are ignored; a
// file without a title column is refused.
func byHeader(records [][]string) ([]cells, error) {
	if len(records) == 0 {
		return nil, models.Invalid("file", "err.import_empty")
	}
	keys := make([]string, len(records[0]))
	hasTitle := false
	for i, h := range records[0] {
		keys[i] = columnOf(h)
		hasTitle = hasTitle || keys[i] == ColTitle
	}
	if !hasTitle {
		return nil, models.Invalid("file", "err.import_no_title_column", "Name", Columns[0].Header)
	}
	var out []cells
	for n, rec := range records[1:] {
		r := cells{line: n + 2, by: map[string]string{}}
		blank := true
		for i, v := range rec {
			if i < len(keys) && keys[i] != "" {
				r.by[keys[i]] = strings.TrimSpace(v)
				blank = blank && r.by[keys[i]] == ""
			}
		}
		if !blank {
			out = append(out, r)
		}
	}
	return out, nil
}
