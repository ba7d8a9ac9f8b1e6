package models_test

import (
	"strings"
	"testing"

	"roviec/models"
)

func TestEvidenceFileName(t *testing.T) {
	for _, c := range []struct {
		name string
		kind models.FileKind
		want string
	}{
		{"Kế hoạch 12.pdf", models.FilePDF, "Kế hoạch 12.pdf"},
		{"SCAN.PDF", models.FilePDF, "SCAN.pdf"},
		{`C:\Users\a\Desktop\bao cao.docx`, models.FileDOCX, "bao cao.docx"},
		{"../../etc/passwd", models.FilePDF, "passwd.pdf"},
		{"anh.jpeg", models.FileJPEG, "anh.jpeg"},
		{"anh.jpg", models.FileJPEG, "anh.jpg"},
		{"virus.exe", models.FilePDF, "virus.exe.pdf"},
		{"trang.html", models.FilePNG, "trang.html.png"},
		{"a\x00b\r\n\"c\".pdf", models.FilePDF, "a_b___c_.pdf"},
		{"\xff\xfe.pdf", models.FilePDF, "_.pdf"},
		{"", models.FileXLSX, "tep-minh-chung.xlsx"},
		{" .pdf", models.FilePDF, "tep-minh-chung.pdf"},
		{strings.Repeat("ư", 300) + ".odt", models.FileODT, strings.Repeat("ư", models.MaxNameLen-4) + ".odt"},
	} {
		if got := models.EvidenceFileName(c.name, c.kind); got != c.want {
			t.Errorf("EvidenceFileName(%q, %s) = %q, want %q", c.name, c.kind, got, c.want)
		}
	}
}
