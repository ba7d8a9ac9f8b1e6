package handlers_test

import (
	"os"
	"path/filepath"
	"testing"
)

// TestBrowserEvidenceFiles: on a phone (375 px) a focal point picks the
// signed document in the upload form, without any script of the page, and
// the assignment page lists it with its size, uploader and date and shows it
// in the history; the page still fits the screen.
func TestBrowserEvidenceFiles(t *testing.T) {
	s := newSite(t)
	id := s.assignmentFor("BTTTT", "2023-03-31")
	dir := t.TempDir()
	doc := filepath.Join(dir, "Kế hoạch số 12-KH-BTTTT về dữ liệu số năm 2023 (bản ký số).pdf")
	if err := os.WriteFile(doc, append(samplePDF("Kế hoạch 12"), make([]byte, 200<<10)...), 0o644); err != nil {
		t.Fatal(err)
	}
	phone := s.open(t, "phone-files", 375, 812)
	phone.login("focal")
	phone.visit("/assignments/" + itoa(id))
	if err := phone.el("#file").SetFiles([]string{doc}); err != nil {
		t.Fatal(err)
	}
	phone.submitAndWait(`form[enctype="multipart/form-data"] button[type=submit]`)
	phone.expectText(".files", "Kế hoạch số 12-KH-BTTTT về dữ liệu số năm 2023 (bản ký số).pdf", "(201 KB)", "25/02/2023")
	phone.expectText("section[aria-labelledby=history]", "đã đính kèm tệp Kế hoạch số 12-KH-BTTTT")
	phone.expectFits("assignment-with-files")
	phone.shotOf("files-section", "section[aria-labelledby=files]")
}
