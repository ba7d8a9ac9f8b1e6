package handlers_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"roviec/models"
)

// Fuzz targets of the request parsers, through the real router on one app
// per fuzzing process. Whatever the input: no 500, a refusal is a 4xx with a
// message, and what is accepted reads back as sent. Run one for longer by
// hand: go test ./handlers -run '^$' -fuzz '^FuzzAssignmentPatchJSON$' -fuzztime 10m

// fuzzEnv is an env for a fuzz target: its helpers report to the running
// input's t, since a fuzz function must not call the F's methods.
func fuzzEnv(f *testing.F) *env {
	f.Helper()
	return newEnv(f)
}

// expectRefusalOr checks a fuzzed request's answer: one of ok, or a 4xx
// whose body says why.
func expectRefusalOr(t *testing.T, rec *httptest.ResponseRecorder, ok ...int) {
	t.Helper()
	if slices.Contains(ok, rec.Code) {
		return
	}
	if rec.Code < 400 || rec.Code >= 500 {
		t.Fatalf("status %d; body: %.500s", rec.Code, rec.Body.String())
	}
	if strings.TrimSpace(rec.Body.String()) == "" {
		t.Fatalf("status %d without a message", rec.Code)
	}
	if strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		var body apiErr
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Error == "" {
			t.Fatalf("status %d, not an {\"error\"} body: %.500s", rec.Code, rec.Body.String())
		}
	}
}

// FuzzAssignmentsQuery: the list filters (theme, agency, directive,
// status, timeliness, page) answer 200 or 422, whatever the query string.
func FuzzAssignmentsQuery(f *testing.F) {
	e := fuzzEnv(f)
	tok := e.token("viewer")
	for _, q := range []string{"", "status=done&page=2&per_page=50", "theme_id=1&agency_code=BTTTT", "timeliness=open_overdue",
		"page=0", "page=-1", "per_page=99999999999999999999", "page=1048577", "status=%00", "theme_id=1.5", "agency_code=%27%20OR%201%3D1--",
		"directive_id=1e3", "q=%ff%fe", "status=done&status=cancelled", "%zz", "page=+3"} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, query string) {
		e.t = t
		req := httptest.NewRequest("GET", "/api/v1/assignments", nil)
		req.URL.RawQuery = query
		req.Header.Set("Authorization", "Bearer "+tok)
		rec := httptest.NewRecorder()
		e.app.Echo.ServeHTTP(rec, req)
		expectRefusalOr(t, rec, http.StatusOK)
		if rec.Code != http.StatusOK && rec.Code != http.StatusUnprocessableEntity && rec.Code != http.StatusBadRequest {
			t.Fatalf("status %d for a list query", rec.Code)
		}
	})
}

// FuzzAssignmentPatchJSON: any body sent to PATCH /api/v1/assignments/{id}
// by its focal point is applied (200, the progress sent reads back) or
// refused with a message; never a 500.
func FuzzAssignmentPatchJSON(f *testing.F) {
	e := fuzzEnv(f)
	tok := e.token("focal")
	id := e.assignmentFor("BTTTT", "2023-03-31")
	for _, b := range []string{`{"progress": 30}`, `{"status":"in_progress","progress":50,"note":"đang làm"}`,
		`{"status":"submitted","evidence_ref":"12/QĐ","evidence_date":"2023-03-01","evidence_url":"https://x.gov.vn/a.pdf"}`,
		`{"progress": -1}`, `{"progress": 1e99}`, `{"progress": 50.5}`, `{"progress": "50"}`, `{"owner_email":"không-phải-email"}`,
		`{"evidence_date":"2023-02-30"}`, `{"evidence_date":"99999-01-01"}`, `{"progres": 3}`, `{"owner_name":"<script>alert(1)</script>"}`,
		`{"owner_name":"a\u0000b"}`, "{\"note\":\"\xff\"}", `[]`, `null`, ``, `{`, `{"a":{"b":{"c":[[[[[[]]]]]]}}}`, `{"due_date":"31/12/9999"}`} {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, body string) {
		e.t = t
		rec := e.patchAssignment(tok, id, body)
		expectRefusalOr(t, rec, http.StatusOK)
		if rec.Code != http.StatusOK {
			return
		}
		var sent map[string]any
		var got struct{ Progress int }
		if json.Unmarshal([]byte(body), &sent) != nil {
			t.Fatalf("200 for a body that is not a JSON object: %q", body)
		}
		decode(t, rec, &got)
		if p, ok := sent["progress"].(float64); ok && float64(got.Progress) != p {
			t.Fatalf("progress %v sent, %d stored", p, got.Progress)
		}
	})
}

// FuzzAssignmentForm: the assignment page's update form, whatever its
// fields hold, saves (303) or re-renders with a message (4xx); never a 500.
func FuzzAssignmentForm(f *testing.F) {
	e := fuzzEnv(f)
	id := e.assignmentFor("BTTTT", "2023-03-31")
	b := newBrowser(e)
	b.login("focal")
	page := b.get("/assignments/" + itoa(id))
	m := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`).FindStringSubmatch(page.Body.String())
	if m == nil {
		f.Fatal("no CSRF token on the assignment page")
	}
	f.Add("in_progress", "40", "ghi chú", "Nguyễn Văn A", "a@btttt.gov.vn", "", "01/03/2023")
	f.Add("submitted", "100", "", "", "", "12/QĐ-BTTTT", "30/02/2023")
	f.Add("done", "-5", "\x00", "<b>x</b>", "x@", "'; DROP TABLE assignments;--", "99999-01-01")
	f.Add("", "1e3", strings.Repeat("dài ", 2000), "\xff", "a@b.vn", "", "2023-03-01")
	f.Fuzz(func(t *testing.T, status, progress, note, owner, ownerEmail, evidenceRef, evidenceDate string) {
		e.t = t
		form := url.Values{"csrf_token": {m[1]}, "status": {status}, "progress": {progress}, "note": {note}, "owner_name": {owner},
			"owner_email": {ownerEmail}, "evidence_ref": {evidenceRef}, "evidence_date": {evidenceDate}}
		rec := b.send(http.MethodPost, "/assignments/"+itoa(id), form, nil)
		expectRefusalOr(t, rec, http.StatusSeeOther)
	})
}

// FuzzDirectiveCreateJSON: any body sent to POST /api/v1/directives by a
// coordinator creates the directive (201; its title and due date read back)
// or is refused with a message; never a 500.
func FuzzDirectiveCreateJSON(f *testing.F) {
	e := fuzzEnv(f)
	tok := e.token("coordinator")
	theme := e.themeID(5)
	ok := fmt.Sprintf(`{"theme_id":%d,"pillar":"data","title":"Số hoá hồ sơ","deliverable":"Báo cáo","due_date":"2023-05-31","agency_codes":["BTTTT"]}`, theme)
	for _, b := range []string{ok, strings.Replace(ok, "2023-05-31", "31/05/2023", 1), strings.Replace(ok, "2023-05-31", "2023-02-30", 1),
		strings.Replace(ok, `["BTTTT"]`, `[]`, 1), strings.Replace(ok, `"agency_codes":["BTTTT"]`, `"agency_kinds":["ministry"]`, 1),
		strings.Replace(ok, `"agency_codes":["BTTTT"]`, `"agency_kinds":["planet"]`, 1), strings.Replace(ok, "Số hoá hồ sơ", `<script>alert(1)</script>`, 1),
		strings.Replace(ok, fmt.Sprint(theme), "-1", 1), strings.Replace(ok, fmt.Sprint(theme), "1.5", 1), `{"theme_id":99999999999999999999}`,
		`{}`, `[]`, ``, `{"title":"a\u0000b"}`, "{\"title\":\"\xff\"}"} {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, body string) {
		e.t = t
		rec := e.do("POST", "/api/v1/directives", tok, body)
		expectRefusalOr(t, rec, http.StatusCreated)
		if rec.Code != http.StatusCreated {
			return
		}
		var sent struct {
			Title   string `json:"title"`
			DueDate string `json:"due_date"`
		}
		var got struct {
			Title   string  `json:"title"`
			DueDate *string `json:"due_date"`
		}
		if json.Unmarshal([]byte(body), &sent) != nil {
			t.Fatalf("201 for a body that is not a directive: %q", body)
		}
		decode(t, rec, &got)
		if got.Title != strings.TrimSpace(sent.Title) {
			t.Fatalf("title %q sent, %q stored", sent.Title, got.Title)
		}
		want, err := models.ParseDay(strings.TrimSpace(sent.DueDate))
		if err != nil || (want == "") != (got.DueDate == nil) || (got.DueDate != nil && *got.DueDate != string(want)) {
			t.Fatalf("due date %q sent, %v stored (%v)", sent.DueDate, got.DueDate, err)
		}
	})
}

// FuzzDirectiveForm: the new-directive form, whatever its fields hold,
// creates the directive (303) or re-renders with a message (4xx).
func FuzzDirectiveForm(f *testing.F) {
	e := fuzzEnv(f)
	b := newBrowser(e)
	b.login("coordinator")
	page := b.get("/directives/new")
	m := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`).FindStringSubmatch(page.Body.String())
	if m == nil {
		f.Fatal("no CSRF token on the directive form")
	}
	theme := itoa(e.themeID(5))
	f.Add(theme, "Số hoá hồ sơ", "Báo cáo", "31/05/2023", "agencies", "BTTTT")
	f.Add(theme, "x", "y", "30/02/2023", "ministries", "")
	f.Add("-1", "<script>alert(1)</script>", "\x00", "99999-01-01", "planets", "'; DROP TABLE directives;--")
	f.Add("1.5", strings.Repeat("dài ", 300), "\xff", "2023-05-31", "", "BTTTT,01")
	f.Fuzz(func(t *testing.T, themeID, title, deliverable, due, scope, agency string) {
		e.t = t
		form := url.Values{"csrf_token": {m[1]}, "theme_id": {themeID}, "pillar": {"data"}, "title": {title},
			"deliverable": {deliverable}, "due_date": {due}, "scope": {scope}, "agency_codes": {agency}}
		rec := b.send(http.MethodPost, "/directives", form, nil)
		expectRefusalOr(t, rec, http.StatusSeeOther)
	})
}
