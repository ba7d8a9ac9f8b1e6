package filetype_test

import (
	"archive/zip"
	"bytes"
	"testing"

	"roviec/models"
	"roviec/models/filetype"
)

// zipOf is a zip file of the named entries, each holding its text.
func zipOf(t *testing.T, entries ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i < len(entries); i += 2 {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: entries[i], Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(entries[i+1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDetect(t *testing.T) {
	for _, c := range []struct {
		name string
		data []byte
		want models.FileKind // "" for refused
	}{
		{"pdf", []byte("%PDF-1.4\n1 0 obj\n"), models.FilePDF},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), models.FilePNG},
		{"jpeg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), models.FileJPEG},
		{"docx", zipOf(t, "[Content_Types].xml", "<Types/>", "word/document.xml", "<w:document/>"), models.FileDOCX},
		{"xlsx", zipOf(t, "[Content_Types].xml", "<Types/>", "xl/workbook.xml", "<workbook/>"), models.FileXLSX},
		{"odt", zipOf(t, "mimetype", "application/vnd.oasis.opendocument.text", "content.xml", "<x/>"), models.FileODT},
		{"ods", zipOf(t, "mimetype", "application/vnd.oasis.opendocument.spreadsheet", "content.xml", "<x/>"), models.FileODS},
		{"pptx", zipOf(t, "[Content_Types].xml", "<Types/>", "ppt/presentation.xml", "<p/>"), ""},
		{"a plain zip", zipOf(t, "setup.exe", "MZ"), ""},
		{"an odp", zipOf(t, "mimetype", "application/vnd.oasis.opendocument.presentation"), ""},
		{"mimetype not first", zipOf(t, "content.xml", "<x/>", "mimetype", "application/vnd.oasis.opendocument.text"), ""},
		{"html", []byte("<!DOCTYPE html><html><script>alert(1)</script>"), ""},
		{"html after spaces", []byte("  \n<html><body>"), ""},
		{"svg", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), ""},
		{"windows program", []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"), ""},
		{"linux program", []byte("\x7fELF\x02\x01\x01\x00"), ""},
		{"shell script", []byte("#!/bin/sh\nrm -rf /\n"), ""},
		{"legacy doc (OLE2)", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00"), ""},
		{"empty", nil, ""},
		{"zip header only", []byte("PK\x03\x04broken"), ""},
	} {
		got, ok := filetype.Detect(c.data)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("%s: %q, %v; want %q", c.name, got, ok, c.want)
		}
	}
}
