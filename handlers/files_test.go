package handlers_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"regexp"
	"strings"
	"testing"

	"roviec/models"
)

// samplePDF is a small PDF-looking document.
func samplePDF(text string) []byte { return []byte("%PDF-1.7\n% " + text + "\n%%EOF\n") }

// sampleDOCX is the smallest zip a Word document is recognised by.
func sampleDOCX(t testing.TB) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "word/document.xml"} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write([]byte("<x/>"))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// multipartFile is a multipart body with the given fields, then data as the
// part "file" named name, claimed by the client to be of type ctype.
func multipartFile(t testing.TB, fields map[string]string, name, ctype string, data []byte) (*bytes.Buffer, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		if err := mw.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="file"; filename="%s"`, name))
	h.Set("Content-Type", ctype)
	w, err := mw.CreatePart(h)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return &buf, mw.FormDataContentType()
}

// upload posts a file to POST /api/v1/assignments/{id}/files.
func (e *env) upload(token string, id uint, name, ctype string, data []byte) *httptest.ResponseRecorder {
	e.t.Helper()
	body, mt := multipartFile(e.t, nil, name, ctype, data)
	req := httptest.NewRequest(http.MethodPost, fmt.Sprintf("/api/v1/assignments/%d/files", id), body)
	req.Header.Set("Content-Type", mt)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	e.app.Echo.ServeHTTP(rec, req)
	return rec
}

// apiFile is a file as the API shows it.
type apiFile struct {
	ID          uint   `json:"id"`
	Name        string `json:"name"`
	Kind        string `json:"kind"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	UploadedBy  string `json:"uploaded_by"`
	URL         string `json:"url"`
}

// stored is how many rows the evidence tables hold.
func (e *env) stored() (files, blobs int64) {
	e.t.Helper()
	db := e.store.DB()
	if err := db.Table("evidence_files").Count(&files).Error; err != nil {
		e.t.Fatal(err)
	}
	if err := db.Table("evidence_blobs").Count(&blobs).Error; err != nil {
		e.t.Fatal(err)
	}
	return files, blobs
}

// TestAPIFileUploadAndDownload: a focal point attaches a PDF (the type the
// client claims is ignored); it is listed, downloads as an attachment with a
// safe name, the detected type, nosniff and no-store, and the assignment
// has a new version, a history row and an audit row.
func TestAPIFileUploadAndDownload(t *testing.T) {
	e := newEnv(t)
	focal, coord := e.token("focal"), e.token("coordinator")
	id := e.assignmentFor("BTTTT", "2023-03-31")
	before := e.assignment(id).Version
	data := samplePDF("Kế hoạch số 12/KH-BTTTT")

	rec := e.upload(focal, id, "Kế hoạch 12.pdf", "text/html", data)
	expectStatus(t, rec, http.StatusCreated)
	var f apiFile
	decode(t, rec, &f)
	if f.Kind != "pdf" || f.ContentType != "application/pdf" || f.Size != int64(len(data)) || f.Name != "Kế hoạch 12.pdf" ||
		f.UploadedBy == "" || f.URL != fmt.Sprintf("/api/v1/files/%d", f.ID) {
		t.Errorf("attached: %+v", f)
	}
	rec = e.upload(focal, id, "bao-cao.docx", "application/octet-stream", sampleDOCX(t))
	expectStatus(t, rec, http.StatusCreated)

	var list struct{ Items []apiFile }
	decode(t, e.do("GET", fmt.Sprintf("/api/v1/assignments/%d/files", id), coord, nil), &list)
	if len(list.Items) != 2 || list.Items[0].ID != f.ID || list.Items[1].Kind != "docx" {
		t.Errorf("listed: %+v", list.Items)
	}

	rec = e.do("GET", f.URL, coord, nil)
	expectStatus(t, rec, http.StatusOK)
	h := rec.Header()
	for k, want := range map[string]string{
		"Content-Type":           "application/pdf",
		"Content-Disposition":    `attachment; filename="ke hoach 12.pdf"; filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%2012.pdf`,
		"X-Content-Type-Options": "nosniff",
		"Cache-Control":          "no-store",
		"Content-Length":         fmt.Sprint(len(data)),
	} {
		if got := h.Get(k); got != want {
			t.Errorf("%s: %q, want %q", k, got, want)
		}
	}
	if !strings.Contains(h.Get("Content-Security-Policy"), "sandbox") || !bytes.Equal(rec.Body.Bytes(), data) {
		t.Errorf("download: CSP %q, body %q", h.Get("Content-Security-Policy"), rec.Body.String())
	}

	if v := e.assignment(id).Version; v != before+2 {
		t.Errorf("version after two files: %d, want %d", v, before+2)
	}
	hist, err := e.store.History(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 2 || hist[0].FileEvent != models.FileAttached || hist[0].File == nil || hist[0].File.ID != f.ID ||
		hist[0].User == nil || hist[0].User.ID != e.users["focal"].ID {
		t.Errorf("history: %+v", hist)
	}
	var trail []models.AuditEntry
	if err := e.store.DB().Where("action = ?", models.AuditFileAttach).Order("id").Find(&trail).Error; err != nil {
		t.Fatal(err)
	}
	if len(trail) != 2 || trail[0].Actor != e.users["focal"].Email || trail[0].EntityID != fmt.Sprint(id) ||
		!strings.Contains(trail[0].After, `"Name":"Kế hoạch 12.pdf"`) {
		t.Errorf("audit rows: %+v", trail)
	}

	var shown struct {
		History []struct {
			FileEvent string `json:"file_event"`
			File      *struct {
				Name string
				URL  string
			}
		}
	}
	decode(t, e.do("GET", fmt.Sprintf("/api/v1/assignments/%d", id), coord, nil), &shown)
	if len(shown.History) != 2 || shown.History[0].FileEvent != "attached" || shown.History[0].File == nil ||
		shown.History[0].File.Name != "Kế hoạch 12.pdf" || shown.History[0].File.URL != f.URL {
		t.Errorf("history through the API: %+v", shown.History)
	}

	// Removed, the file leaves the list and stays readable from the history.
	expectStatus(t, e.do("DELETE", f.URL, focal, nil), http.StatusNoContent)
	expectStatus(t, e.do("DELETE", f.URL, focal, nil), http.StatusConflict)
	decode(t, e.do("GET", fmt.Sprintf("/api/v1/assignments/%d/files", id), coord, nil), &list)
	if len(list.Items) != 1 || list.Items[0].Kind != "docx" {
		t.Errorf("listed after removal: %+v", list.Items)
	}
	expectStatus(t, e.do("GET", f.URL, coord, nil), http.StatusOK)
}

// TestAPIFileTypeByContent: what a file is comes from its content: an HTML
// page or a program named .pdf and claimed as application/pdf is refused
// with 415 and the accepted types, and nothing is stored.
func TestAPIFileTypeByContent(t *testing.T) {
	e := newEnv(t)
	focal := e.token("focal")
	id := e.assignmentFor("BTTTT", "2023-03-31")
	for name, data := range map[string][]byte{
		"html":    []byte("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"),
		"program": append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"), make([]byte, 64)...),
		"zip":     zipWith(t, "setup.exe"),
	} {
		rec := e.upload(focal, id, "bao-cao.pdf", "application/pdf", data)
		expectStatus(t, rec, http.StatusUnsupportedMediaType)
		var body apiErr
		decode(t, rec, &body)
		if !strings.Contains(body.Error, "PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS") {
			t.Errorf("%s refused with %q", name, body.Error)
		}
	}
	rec := e.upload(focal, id, "rong.pdf", "application/pdf", nil)
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	if files, blobs := e.stored(); files+blobs != 0 {
		t.Errorf("refused files stored: %d files, %d blobs", files, blobs)
	}
}

// zipWith is a zip holding one empty entry.
func zipWith(t testing.TB, name string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	if _, err := zw.Create(name); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestAPIFileTooLarge: the upload route takes files over the app's 1 MB
// body limit up to 10 MB; a larger file is refused with 413 and the limit,
// whether its body says its length or not, and nothing is stored.
func TestAPIFileTooLarge(t *testing.T) {
	e := newEnv(t)
	focal := e.token("focal")
	id := e.assignmentFor("BTTTT", "2023-03-31")
	big := append(samplePDF("scan"), make([]byte, 3<<20)...)
	expectStatus(t, e.upload(focal, id, "scan.pdf", "application/pdf", big), http.StatusCreated)

	tooBig := append(samplePDF("scan"), make([]byte, models.MaxEvidenceSize)...)
	rec := e.upload(focal, id, "scan.pdf", "application/pdf", tooBig)
	expectStatus(t, rec, http.StatusRequestEntityTooLarge)
	var body apiErr
	decode(t, rec, &body)
	if !strings.Contains(body.Error, "10 MB") {
		t.Errorf("too large: %q", body.Error)
	}
	// The same without a Content-Length: cut off at the limit.
	buf, mt := multipartFile(t, nil, "scan.pdf", "application/pdf", append(tooBig, make([]byte, 1<<20)...))
	req := httptest.NewRequest(http.MethodPost, fmt.Sprintf("/api/v1/assignments/%d/files", id), io.MultiReader(buf))
	req.ContentLength = -1
	req.Header.Set("Content-Type", mt)
	req.Header.Set("Authorization", "Bearer "+focal)
	rec = httptest.NewRecorder()
	e.app.Echo.ServeHTTP(rec, req)
	expectStatus(t, rec, http.StatusRequestEntityTooLarge)
	if files, blobs := e.stored(); files != 1 || blobs != 1 {
		t.Errorf("after the refusals: %d files, %d blobs; want the first only", files, blobs)
	}
	// Other routes keep the 1 MB limit.
	expectStatus(t, e.patchAssignment(focal, id, map[string]any{"note": strings.Repeat("x", 2<<20)}), http.StatusRequestEntityTooLarge)
}

// TestAPIFilePermissions is the permission matrix of the file routes:
// "focal" belongs to BTTTT, the assignment's agency; "focal2" to Hà Nội,
// who reads the assignment but not its evidence (404, as an unknown id).
func TestAPIFilePermissions(t *testing.T) {
	e := newEnv(t)
	roles := []string{"admin", "coordinator", "focal", "focal2", "viewer", "anonymous"}
	tokens := map[string]string{"anonymous": ""}
	for _, r := range roles[:5] {
		tokens[r] = e.token(r)
	}
	id := e.assignmentFor("BTTTT", "2023-03-31")
	var f apiFile
	rec := e.upload(tokens["admin"], id, "a.pdf", "application/pdf", samplePDF("a"))
	expectStatus(t, rec, http.StatusCreated)
	decode(t, rec, &f)
	actions := []struct {
		name string
		run  func(token string) *httptest.ResponseRecorder
		want map[string]int
	}{
		{"upload", func(tok string) *httptest.ResponseRecorder {
			return e.upload(tok, id, "b.pdf", "application/pdf", samplePDF("b"))
		}, map[string]int{"admin": 201, "coordinator": 201, "focal": 201, "focal2": 403, "viewer": 403, "anonymous": 401}},
		{"list", func(tok string) *httptest.ResponseRecorder {
			return e.do("GET", fmt.Sprintf("/api/v1/assignments/%d/files", id), tok, nil)
		}, map[string]int{"admin": 200, "coordinator": 200, "focal": 200, "focal2": 404, "viewer": 200, "anonymous": 401}},
		{"download", func(tok string) *httptest.ResponseRecorder {
			return e.do("GET", f.URL, tok, nil)
		}, map[string]int{"admin": 200, "coordinator": 200, "focal": 200, "focal2": 404, "viewer": 200, "anonymous": 401}},
		{"download an unknown file", func(tok string) *httptest.ResponseRecorder {
			return e.do("GET", "/api/v1/files/999", tok, nil)
		}, map[string]int{"admin": 404, "coordinator": 404, "focal": 404, "focal2": 404, "viewer": 404, "anonymous": 401}},
		{"remove", func(tok string) *httptest.ResponseRecorder {
			var mine apiFile
			decode(t, e.upload(tokens["admin"], id, "c.pdf", "application/pdf", samplePDF(tok)), &mine)
			return e.do("DELETE", mine.URL, tok, nil)
		}, map[string]int{"admin": 204, "coordinator": 204, "focal": 204, "focal2": 404, "viewer": 403, "anonymous": 401}},
	}
	for _, act := range actions {
		for _, role := range roles {
			t.Run(act.name+" as "+role, func(t *testing.T) {
				expectStatus(t, act.run(tokens[role]), act.want[role])
			})
		}
	}
}

// sendBody is send with a raw body (a multipart form).
func (b *browser) sendBody(path string, body io.Reader, ctype string) *httptest.ResponseRecorder {
	b.e.t.Helper()
	req := httptest.NewRequest(http.MethodPost, path, body)
	req.Header.Set("Content-Type", ctype)
	for _, c := range b.cookies {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	b.e.app.Echo.ServeHTTP(rec, req)
	for _, c := range rec.Result().Cookies() {
		if c.MaxAge >= 0 && c.Value != "" {
			b.cookies[c.Name] = c
		}
	}
	return rec
}

// uploadForm opens the assignment page, takes the CSRF token of its upload
// form and posts the file through it.
func (b *browser) uploadForm(id uint, name string, data []byte) *httptest.ResponseRecorder {
	b.e.t.Helper()
	page := b.get(fmt.Sprintf("/assignments/%d", id)).Body.String()
	m := regexp.MustCompile(`(?s)enctype="multipart/form-data">\s*<input type="hidden" name="csrf_token" value="([^"]+)"`).FindStringSubmatch(page)
	if m == nil {
		b.e.t.Fatalf("no upload form on the assignment page:\n%s", page)
	}
	body, ct := multipartFile(b.e.t, map[string]string{"csrf_token": m[1]}, name, "application/pdf", data)
	return b.sendBody(fmt.Sprintf("/assignments/%d/files", id), body, ct)
}

// TestPageAttachFile: through the page a focal point attaches the signed
// document and sees it listed with its size, uploader and date, and in the
// history; a refused type, a file too large and a missing file re-render the
// page with the reason; removing keeps it in the history.
func TestPageAttachFile(t *testing.T) {
	e := newEnv(t)
	id := e.assignmentFor("BTTTT", "2023-03-31")
	b := newBrowser(e)
	b.login("focal")
	data := append(samplePDF("Quyết định 12"), make([]byte, 120<<10)...)
	rec := b.uploadForm(id, "Quyết định 12.pdf", data)
	expectStatus(t, rec, http.StatusSeeOther)
	if loc := rec.Header().Get("Location"); loc != fmt.Sprintf("/assignments/%d#files", id) {
		t.Errorf("redirect to %q", loc)
	}
	page := b.get(fmt.Sprintf("/assignments/%d", id))
	expectPage(t, page, "Đã đính kèm tệp.", "Quyết định 12.pdf", "(121 KB)", "Người dùng focal tải lên ngày 25/02/2023",
		"đã đính kèm tệp <a href=\"/files/1\" download>Quyết định 12.pdf</a> (121 KB)")
	dl := b.get("/files/1")
	expectStatus(t, dl, http.StatusOK)
	if !bytes.Equal(dl.Body.Bytes(), data) || !strings.HasPrefix(dl.Header().Get("Content-Disposition"), "attachment;") {
		t.Errorf("page download: %s, %d bytes", dl.Header().Get("Content-Disposition"), dl.Body.Len())
	}

	for _, c := range []struct {
		name string
		data []byte
		code int
		text string
	}{
		{"trang.pdf", []byte("<html><script>alert(1)</script></html>"), http.StatusUnsupportedMediaType,
			"Loại tệp này không được nhận (kiểm tra theo nội dung tệp, không theo tên). Chỉ nhận: PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS."},
		{"scan.pdf", append(samplePDF("x"), make([]byte, models.MaxEvidenceSize)...), http.StatusRequestEntityTooLarge, "Tệp lớn quá 10 MB."},
		{"rong.pdf", nil, http.StatusUnprocessableEntity, "Tệp rỗng."},
	} {
		rec := b.uploadForm(id, c.name, c.data)
		expectStatus(t, rec, c.code)
		expectPage(t, rec, `<p class="field-error" id="file-error">`+c.text, `aria-invalid="true" aria-describedby="file-hint file-error"`)
	}
	if files, _ := e.stored(); files != 1 {
		t.Errorf("%d files stored, want 1", files)
	}

	rec = b.submit(fmt.Sprintf("/assignments/%d", id), fmt.Sprintf("/assignments/%d/files/1/remove", id), map[string][]string{})
	expectStatus(t, rec, http.StatusSeeOther)
	page = b.get(fmt.Sprintf("/assignments/%d", id))
	expectPage(t, page, "Chưa có tệp nào.", "đã gỡ tệp <a href=\"/files/1\" download>Quyết định 12.pdf</a>")
	expectStatus(t, b.get("/files/1"), http.StatusOK)
}

// TestPageFilePermissions: another agency's focal point reads the
// assignment but sees no files section nor links, gets 404 for the file and
// 403 for an upload; a viewer sees and downloads the files but has no upload
// form; a post without the CSRF token is refused; anonymous visitors go to
// the login page.
func TestPageFilePermissions(t *testing.T) {
	e := newEnv(t)
	id := e.assignmentFor("BTTTT", "2023-03-31")
	expectStatus(t, e.upload(e.token("focal"), id, "kh.pdf", "application/pdf", samplePDF("x")), http.StatusCreated)
	path := fmt.Sprintf("/assignments/%d", id)

	other := newBrowser(e)
	other.login("focal2")
	page := other.get(path)
	expectStatus(t, page, http.StatusOK)
	if s := page.Body.String(); strings.Contains(s, `id="files"`) || strings.Contains(s, `href="/files/1"`) || !strings.Contains(s, "kh.pdf") {
		t.Errorf("another agency's focal point: files section or link shown, or the history lacks the name")
	}
	expectStatus(t, other.get("/files/1"), http.StatusNotFound)
	csrf := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`).FindStringSubmatch(page.Body.String())[1]
	body, ct := multipartFile(t, map[string]string{"csrf_token": csrf}, "x.pdf", "application/pdf", samplePDF("y"))
	expectStatus(t, other.sendBody(path+"/files", body, ct), http.StatusForbidden)
	rec := other.submit(path, path+"/files/1/remove", map[string][]string{})
	expectStatus(t, rec, http.StatusForbidden)

	viewer := newBrowser(e)
	viewer.login("viewer")
	page = viewer.get(path)
	expectPage(t, page, `id="files"`, `href="/files/1"`)
	if strings.Contains(page.Body.String(), "multipart/form-data") {
		t.Error("a viewer is offered the upload form")
	}
	expectStatus(t, viewer.get("/files/1"), http.StatusOK)

	focal := newBrowser(e)
	focal.login("focal")
	focal.get(path)
	body, ct = multipartFile(t, nil, "x.pdf", "application/pdf", samplePDF("z"))
	expectStatus(t, focal.sendBody(path+"/files", body, ct), http.StatusForbidden)

	anon := newBrowser(e)
	expectStatus(t, anon.get("/files/1"), http.StatusSeeOther)
	if files, _ := e.stored(); files != 1 {
		t.Errorf("%d files stored, want 1", files)
	}
}

// TestFileRaisesTheVersion: attaching a file moves the assignment on, so a
// review made on the version read before is refused with 409 saying who
// attached a file; a stale form whose fields nobody touched still merges.
func TestFileRaisesTheVersion(t *testing.T) {
	e := newEnv(t)
	focal, coord := e.token("focal"), e.token("coordinator")
	id := e.submitted(t, focal, "BTTTT")
	read := e.assignment(id).Version
	expectStatus(t, e.upload(focal, id, "kh.pdf", "application/pdf", samplePDF("x")), http.StatusCreated)
	rec := e.patchAssignment(coord, id, map[string]any{"status": "done", "version": read})
	expectStatus(t, rec, http.StatusConflict)
	var body apiErr
	decode(t, rec, &body)
	if !strings.Contains(body.Error, "Người dùng focal (tệp minh chứng)") {
		t.Errorf("stale review refused with %q", body.Error)
	}

	b := newBrowser(e)
	b.login("focal")
	id2 := e.inProgress(t, focal)
	page := fmt.Sprintf("/assignments/%d", id2)
	form := map[string][]string{"status": {"in_progress"}, "progress": {"60"}, "version": {fmt.Sprint(e.assignment(id2).Version)}}
	expectStatus(t, e.upload(focal, id2, "kh.pdf", "application/pdf", samplePDF("y")), http.StatusCreated)
	expectStatus(t, b.submit(page, page, form), http.StatusSeeOther)
	if a := e.assignment(id2); a.Progress != 60 {
		t.Errorf("the stale form's progress was not merged: %d", a.Progress)
	}
}
