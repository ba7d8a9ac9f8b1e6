// Package filetype tells what an uploaded evidence file is from its content
// (its first bytes and, for office documents, the zip container's entries),
// never from its name or the Content-Type a client sent, which anyone can
// set: an HTML page or a program renamed "report.pdf" is not a PDF.
package filetype

import (
	"archive/zip"
	"bytes"
	"io"
	"net/http"

	"roviec/models"
)

// Detect returns the kind of document data holds, or false when it is none
// of the accepted kinds.
func Detect(data []byte) (models.FileKind, bool) {
	switch http.DetectContentType(data) {
	case "application/pdf":
		return models.FilePDF, true
	case "image/png":
		return models.FilePNG, true
	case "image/jpeg":
		return models.FileJPEG, true
	case "application/zip":
		return office(data)
	}
	return "", false
}

// office tells an office document from any other zip file by the entries
// its format requires: Office Open XML names its main part, OpenDocument
// stores its media type, uncompressed, in a first entry "mimetype". Only
// that small entry is ever decompressed (at most 100 bytes of it), so a zip
// bomb costs nothing.
func office(data []byte) (models.FileKind, bool) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", false
	}
	names := map[string]*zip.File{}
	for _, f := range zr.File {
		names[f.Name] = f
	}
	if names["[Content_Types].xml"] != nil {
		switch {
		case names["word/document.xml"] != nil:
			return models.FileDOCX, true
		case names["xl/workbook.xml"] != nil:
			return models.FileXLSX, true
		}
		return "", false
	}
	if len(zr.File) == 0 || zr.File[0].Name != "mimetype" {
		return "", false
	}
	rc, err := zr.File[0].Open()
	if err != nil {
		return "", false
	}
	defer func() { _ = rc.Close() }()
	mt, err := io.ReadAll(io.LimitReader(rc, 100))
	if err != nil {
		return "", false
	}
	switch string(bytes.TrimSpace(mt)) {
	case models.FileODT.ContentType():
		return models.FileODT, true
	case models.FileODS.ContentType():
		return models.FileODS, true
	}
	return "", false
}
