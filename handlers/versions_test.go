package handlers_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"roviec/models"
)

// readForm is a form as a page showed it: its hidden fields (CSRF token,
// version) taken from the page at the moment it was read, to be posted later.
func (b *browser) readForm(page string) url.Values {
	b.e.t.Helper()
	body := b.get(page).Body.String()
	form := url.Values{}
	m := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`).FindStringSubmatch(body)
	if m == nil {
		b.e.t.Fatalf("no CSRF token on %s", page)
	}
	form.Set("csrf_token", m[1])
	// A page older than versions has none: its form is posted without one.
	if v := regexp.MustCompile(`name="version"[^>]*value="(\d+)"`).FindStringSubmatch(body); v != nil {
		form.Set("version", v[1])
	}
	return form
}

// post sends a form read earlier with readForm, with the fields given.
func (b *browser) post(action string, read url.Values, fields url.Values, htmx bool) *httptest.ResponseRecorder {
	b.e.t.Helper()
	form := url.Values{}
	for k, v := range read {
		form[k] = v
	}
	for k, v := range fields {
		form[k] = v
	}
	header := map[string]string{}
	if htmx {
		header["HX-Request"] = "true"
	}
	return b.send(http.MethodPost, action, form, header)
}

// The scenario: a focal point opens the assignment page, a
// coordinator then sets the responsible person and the evidence through the
// API, and the focal point saves a progress change with the form read
// before. The coordinator's owner, e-mail and evidence must survive: the
// focal point changed only the progress, so the save merges it (303).
func TestPageStaleFormMergesAndKeepsOthersChange(t *testing.T) {
	e := newEnv(t)
	a := e.pageAssignment("BTTTT")
	path := "/assignments/" + itoa(a.ID)
	focal := newBrowser(e)
	focal.login("focal")
	read := focal.readForm(path)

	expectStatus(t, e.patchAssignment(e.token("coordinator"), a.ID, map[string]any{"owner_name": "Trần Văn Bình",
		"owner_email": "binh@mic.gov.vn", "evidence_ref": "45/QĐ-BTTTT", "evidence_url": "https://mic.gov.vn/45"}), http.StatusOK)

	// The form as the focal point saw it: nobody named, no evidence; 0% -> 40%.
	rec := focal.post(path, read, updateForm(a.Status, "40", "", ""), false)
	expectStatus(t, rec, http.StatusSeeOther)
	got := e.assignment(a.ID)
	if got.OwnerName != "Trần Văn Bình" || got.OwnerEmail != "binh@mic.gov.vn" || got.EvidenceRef != "45/QĐ-BTTTT" ||
		got.EvidenceURL != "https://mic.gov.vn/45" {
		t.Fatalf("the coordinator's change was undone by a stale form: %+v", got)
	}
	if got.Progress != 40 || got.Status != models.StatusInProgress {
		t.Fatalf("the focal point's progress was not merged: %+v", got)
	}
	if got.Version != a.Version+2 {
		t.Fatalf("version %d, want %d after two changes", got.Version, a.Version+2)
	}
}

// A stale form whose own edit clashes with a change made since (both set
// the responsible person, differently) is refused with a 409 that says who
// changed what, and shows the user's input beside the value now; nothing is
// saved. Saving again from that page (it carries the current version)
// applies the user's input.
func TestPageStaleFormClashIsRefused(t *testing.T) {
	e := newEnv(t)
	a := e.pageAssignment("BTTTT")
	path := "/assignments/" + itoa(a.ID)
	focal := newBrowser(e)
	focal.login("focal")
	read := focal.readForm(path)

	expectStatus(t, e.patchAssignment(e.token("coordinator"), a.ID, map[string]any{"owner_name": "Trần Văn Bình",
		"owner_email": "binh@mic.gov.vn", "evidence_ref": "45/QĐ-BTTTT"}), http.StatusOK)

	rec := focal.post(path, read, updateForm(a.Status, "40", "Nguyễn Thị Hằng", "hang@mic.gov.vn"), false)
	expectStatus(t, rec, http.StatusConflict)
	expectPage(t, rec, "Người khác đã sửa sau khi bạn mở trang này", "Người dùng coordinator",
		"Họ tên người phụ trách", "Số hiệu văn bản", // who changed which fields
		"Nguyễn Thị Hằng", "Trần Văn Bình", "Bạn nhập", "Hiện tại") // the input beside the value now
	got := e.assignment(a.ID)
	if got.OwnerName != "Trần Văn Bình" || got.EvidenceRef != "45/QĐ-BTTTT" || got.Progress != 0 {
		t.Fatalf("a refused stale form changed the assignment: %+v", got)
	}

	// The refusal's form keeps the focal point's edits, takes the evidence
	// set since (the focal point left it as read) and carries the current
	// version: saving it again is a decision, and loses nothing.
	shown := url.Values{"csrf_token": read["csrf_token"], "note": {"Đã họp triển khai"}}
	for _, f := range []string{"version", "status", "progress", "owner_name", "owner_email", "evidence_ref", "evidence_date", "evidence_url"} {
		m := regexp.MustCompile(`name="` + f + `"[^>]*value="([^"]*)"`).FindStringSubmatch(rec.Body.String())
		if f == "status" {
			m = regexp.MustCompile(`<option value="([a-z_]+)" selected>`).FindStringSubmatch(rec.Body.String())
		}
		if m == nil {
			t.Fatalf("the 409 form has no %s", f)
		}
		shown.Set(f, m[1])
	}
	if shown.Get("version") != itoa(uint(got.Version)) || shown.Get("owner_name") != "Nguyễn Thị Hằng" ||
		shown.Get("progress") != "40" || shown.Get("evidence_ref") != "45/QĐ-BTTTT" {
		t.Fatalf("the 409 form shows %v: want the current version, the focal point's edits and the evidence now", shown)
	}
	expectStatus(t, focal.send(http.MethodPost, path, shown, nil), http.StatusSeeOther)
	if got := e.assignment(a.ID); got.OwnerName != "Nguyễn Thị Hằng" || got.Progress != 40 || got.EvidenceRef != "45/QĐ-BTTTT" {
		t.Fatalf("saving again after the 409: %+v", got)
	}
}

// A reviewer's accept judges the report as it was read: a report changed
// since (new evidence) refuses it, even though accepting touches only the status.
func TestPageStaleReviewIsRefused(t *testing.T) {
	e := newEnv(t)
	focalTok := e.token("focal")
	id := e.submitted(t, focalTok, "BTTTT")
	path := "/assignments/" + itoa(id)
	coord := newBrowser(e)
	coord.login("coordinator")
	read := coord.readForm(path)
	e.clock.Set(e.clock.Now().Add(1))
	expectStatus(t, e.patchAssignment(focalTok, id, map[string]any{"evidence_ref": "124/QĐ-BTTTT"}), http.StatusOK)
	rec := coord.post(path, read, url.Values{"action": {"accept"}}, false)
	expectStatus(t, rec, http.StatusConflict)
	expectPage(t, rec, "Người dùng focal", "Số hiệu văn bản")
	if got := e.assignment(id); got.Status != models.StatusSubmitted {
		t.Fatalf("a stale accept was saved: %s", got.Status)
	}
}

// The board card carries its version: a card saved after someone else
// changed the progress gets a 409 in the card (htmx), saying who, with the
// status and progress now, and the card's version moves to the current one;
// the other change stays. A card whose status and progress nobody touched
// since saves, keeping what others changed.
func TestPageBoardCardStale(t *testing.T) {
	e := newEnv(t)
	a := e.pageAssignment("BTTTT")
	board := "/themes/" + itoa(a.Directive.ThemeID)
	card := "/assignments/" + itoa(a.ID) + "/card"
	focal := newBrowser(e)
	focal.login("focal")
	read := focal.readForm(board)
	if read.Get("version") == "" {
		t.Fatal("the board's card carries no version")
	}

	expectStatus(t, e.patchAssignment(e.token("coordinator"), a.ID, map[string]any{"progress": 60}), http.StatusOK)
	rec := focal.post(card, read, url.Values{"status": {string(models.StatusInProgress)}, "progress": {"30"}}, true)
	if rec.Code != http.StatusConflict || rec.Header().Get("HX-Retarget") != "#card-"+itoa(a.ID)+"-message" {
		t.Fatalf("stale card: %d %q, want 409 into the card; body %s", rec.Code, rec.Header().Get("HX-Retarget"), rec.Body.String())
	}
	now := e.assignment(a.ID)
	expectPage(t, rec, "Người dùng coordinator", "Tiến độ", "Hiện tại: Đang thực hiện · 60",
		`id="card-`+itoa(a.ID)+`-version" value="`+itoa(uint(now.Version))+`" hx-swap-oob="true"`)
	if now.Progress != 60 {
		t.Fatalf("a stale card undid the coordinator's progress: %d", now.Progress)
	}

	// Someone names the responsible person; a card read before still saves its progress.
	read = focal.readForm(board)
	expectStatus(t, e.patchAssignment(e.token("coordinator"), a.ID, map[string]any{"owner_name": "Trần Văn Bình"}), http.StatusOK)
	expectStatus(t, focal.post(card, read, url.Values{"status": {string(models.StatusInProgress)}, "progress": {"70"}}, true), http.StatusOK)
	if got := e.assignment(a.ID); got.Progress != 70 || got.OwnerName != "Trần Văn Bình" {
		t.Fatalf("card merge: %+v", got)
	}
}

// The API: GET gives the version as an ETag and in the JSON; a PATCH with
// If-Match (or "version") on a stale version is a 409 whose fields say who
// changed what; without either it applies as before; a malformed If-Match
// is a 400, a version below 1 a 422.
func TestAPIIfMatch(t *testing.T) {
	e := newEnv(t)
	a := e.pageAssignment("BTTTT")
	focal, coord := e.token("focal"), e.token("coordinator")
	path := fmt.Sprintf("/api/v1/assignments/%d", a.ID)
	rec := e.do("GET", path, focal, nil)
	expectStatus(t, rec, http.StatusOK)
	etag := rec.Header().Get("ETag")
	var got struct {
		Version int `json:"version"`
	}
	decode(t, rec, &got)
	if etag != fmt.Sprintf(`"%d"`, got.Version) || got.Version != a.Version {
		t.Fatalf("ETag %q, version %d; want the version %d", etag, got.Version, a.Version)
	}

	expectStatus(t, e.patchAssignment(coord, a.ID, map[string]any{"owner_name": "Trần Văn Bình"}), http.StatusOK)

	rec = e.doMatch("PATCH", path, focal, etag, map[string]any{"progress": 30})
	expectStatus(t, rec, http.StatusConflict)
	var ae apiErr
	decode(t, rec, &ae)
	if !strings.Contains(ae.Error, "Người dùng coordinator") || !strings.Contains(ae.Fields["owner_name"], "Người dùng coordinator") {
		t.Fatalf("409 body %+v: should say who changed the responsible person", ae)
	}
	rec = e.patchAssignment(focal, a.ID, map[string]any{"progress": 30, "version": a.Version})
	expectStatus(t, rec, http.StatusConflict)
	if e.assignment(a.ID).Progress != 0 {
		t.Fatal("a stale PATCH was saved")
	}

	for _, tc := range []struct {
		name, ifMatch string
		body          map[string]any
		code          int
	}{
		{"malformed If-Match", "version 3", map[string]any{"progress": 30}, http.StatusBadRequest},
		{"unquoted If-Match", "3", map[string]any{"progress": 30}, http.StatusBadRequest},
		{"zero version", "", map[string]any{"progress": 30, "version": 0}, http.StatusUnprocessableEntity},
		{"If-Match and version disagree", fmt.Sprintf(`"%d"`, a.Version+1), map[string]any{"progress": 30, "version": a.Version}, http.StatusBadRequest},
	} {
		if rec := e.doMatch("PATCH", path, focal, tc.ifMatch, tc.body); rec.Code != tc.code {
			t.Errorf("%s: %d, want %d; %s", tc.name, rec.Code, tc.code, rec.Body.String())
		}
	}

	// The current ETag applies; so does a PATCH without any (clients older than versions).
	rec = e.do("GET", path, focal, nil)
	rec = e.doMatch("PATCH", path, focal, rec.Header().Get("ETag"), map[string]any{"progress": 30})
	expectStatus(t, rec, http.StatusOK)
	if rec.Header().Get("ETag") != fmt.Sprintf(`"%d"`, a.Version+2) {
		t.Fatalf("ETag after the change %q", rec.Header().Get("ETag"))
	}
	expectStatus(t, e.patchAssignment(focal, a.ID, map[string]any{"progress": 35}), http.StatusOK)
	if got := e.assignment(a.ID); got.Progress != 35 || got.OwnerName != "Trần Văn Bình" {
		t.Fatalf("after the PATCHes: %+v", got)
	}
}

// Two clients PATCH the same assignment at once with the same If-Match:
// exactly one wins, the other gets a 409, and the history has one row.
// Run on SQLite and on PostgreSQL (ROVIEC_TEST_DATABASE).
func TestAPIConcurrentPatchesWithSameIfMatch(t *testing.T) {
	e := newEnv(t)
	a := e.pageAssignment("BTTTT")
	path := fmt.Sprintf("/api/v1/assignments/%d", a.ID)
	tokens := []string{e.token("focal"), e.token("coordinator")}
	for round := range 5 {
		etag := e.do("GET", path, tokens[0], nil).Header().Get("ETag")
		var wg sync.WaitGroup
		codes := make([]int, len(tokens))
		for i, tok := range tokens {
			wg.Go(func() {
				codes[i] = e.doMatch("PATCH", path, tok, etag, map[string]any{"progress": 10*round + i + 1}).Code
			})
		}
		wg.Wait()
		ok, conflict := 0, 0
		for _, c := range codes {
			switch c {
			case http.StatusOK:
				ok++
			case http.StatusConflict:
				conflict++
			}
		}
		if ok != 1 || conflict != 1 {
			t.Fatalf("round %d: statuses %v, want one 200 and one 409", round, codes)
		}
	}
	hist, err := e.store.History(t.Context(), a.ID)
	if err != nil || len(hist) != 5 {
		t.Fatalf("history: %d rows (%v), want one per round", len(hist), err)
	}
}

// doMatch is do with an If-Match header (none when ifMatch is "").
func (e *env) doMatch(method, path, token, ifMatch string, body any) *httptest.ResponseRecorder {
	e.t.Helper()
	if ifMatch == "" {
		return e.do(method, path, token, body)
	}
	return e.doHeader(method, path, token, map[string]string{"If-Match": ifMatch}, body)
}

// The directive, plan, agency and reminder-settings forms carry their
// version: a form read before another save is refused with a 409 that
// shows the input beside the value now, and the other save stays. Before
// versions the stale form silently undid it.
func TestPageStaleFormsOfOtherRecords(t *testing.T) {
	e := newEnv(t)
	d := e.pageAssignment("BTTTT").Directive
	plan := e.plans()[0]
	dir := "/directives/" + itoa(d.ID)
	directive := func(title string) url.Values {
		return url.Values{"theme_id": {itoa(d.ThemeID)}, "pillar": {d.Pillar}, "title": {title}, "description": {d.Description},
			"deliverable": {d.Deliverable}, "due_date": {d.DueOn.VN()}, "source": {d.Source}}
	}
	settings := func(every string) url.Values {
		return url.Values{"due_soon_days": {"5, 1"}, "overdue_every": {every}, "leader_after": {"5"}, "committee_after": {"10"},
			"weekly_digest": {"1"}}
	}
	for _, tc := range []struct {
		name, page, action string
		theirs, mine       url.Values
		now                func() string // the value saved by the other save, read back
		want               string
	}{
		{"directive", dir + "/edit", dir, directive("Tiêu đề của người thứ hai"), directive("Tiêu đề của tôi"),
			func() string { d, _ := e.store.DirectiveByID(t.Context(), d.ID); return d.Title }, "Tiêu đề của người thứ hai"},
		{"plan", "/plans/" + itoa(plan.ID) + "/edit", "/plans/" + itoa(plan.ID),
			url.Values{"name": {"Kế hoạch của người thứ hai"}, "name_en": {""}, "year": {"2023"}},
			url.Values{"name": {"Kế hoạch của tôi"}, "name_en": {""}, "year": {"2023"}},
			func() string { p, _ := e.store.PlanByID(t.Context(), plan.ID); return p.Name }, "Kế hoạch của người thứ hai"},
		{"agency", "/agencies/BTTTT/edit", "/agencies/BTTTT",
			url.Values{"name": {"Bộ Thông tin và Truyền thông"}, "leader_name": {"Lãnh đạo thứ hai"}, "active": {"1"}},
			url.Values{"name": {"Bộ Thông tin và Truyền thông"}, "leader_name": {"Lãnh đạo của tôi"}, "active": {"1"}},
			func() string { a, _ := e.store.AgencyByCode(t.Context(), "BTTTT"); return a.LeaderName }, "Lãnh đạo thứ hai"},
		{"settings", "/admin/reminders", "/admin/reminders", settings("4"), settings("6"),
			func() string { rs, _ := e.store.ReminderSettings(t.Context()); return itoa(uint(rs.OverdueEvery)) }, "4"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			first, second := newBrowser(e), newBrowser(e)
			first.login("admin")
			second.login("admin")
			if tc.name == "settings" { // saved once, so that both read a stored version
				expectStatus(t, second.submit(tc.page, tc.action, settings("3")), http.StatusSeeOther)
			}
			read := first.readForm(tc.page)
			if read.Get("version") == "" {
				t.Fatalf("the form of %s carries no version", tc.page)
			}
			expectStatus(t, second.submit(tc.page, tc.action, tc.theirs), http.StatusSeeOther)
			rec := first.post(tc.action, read, tc.mine, false)
			expectStatus(t, rec, http.StatusConflict)
			expectPage(t, rec, "Người khác đã sửa sau khi bạn mở trang này", "Bạn nhập", "Hiện tại", tc.want)
			if got := tc.now(); got != tc.want {
				t.Fatalf("the other save was undone: %q, want %q", got, tc.want)
			}
			// The refusal's form carries the version now: saving it again applies.
			m := regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(rec.Body.String())
			if m == nil || m[1] == read.Get("version") {
				t.Fatalf("the 409 form carries version %v, read at %s", m, read.Get("version"))
			}
			read.Set("version", m[1])
			expectStatus(t, first.post(tc.action, read, tc.mine, false), http.StatusSeeOther)
		})
	}
}

// The API gives a directive's and an agency's version (ETag, "version");
// a PATCH of an agency on a stale one is a 409 and changes nothing.
func TestAPIVersionsOfOtherRecords(t *testing.T) {
	e := newEnv(t)
	admin := e.token("admin")
	d := e.pageAssignment("BTTTT").Directive
	rec := e.do("GET", fmt.Sprintf("/api/v1/directives/%d", d.ID), admin, nil)
	expectStatus(t, rec, http.StatusOK)
	if rec.Header().Get("ETag") != fmt.Sprintf(`"%d"`, d.Version) || !strings.Contains(rec.Body.String(), fmt.Sprintf(`"version":%d`, d.Version)) {
		t.Fatalf("directive: ETag %q, body %s", rec.Header().Get("ETag"), rec.Body.String())
	}
	rec = e.do("PATCH", "/api/v1/agencies/BTTTT", admin, map[string]any{"leader_name": "Lãnh đạo A"})
	expectStatus(t, rec, http.StatusOK)
	etag := rec.Header().Get("ETag")
	expectStatus(t, e.do("PATCH", "/api/v1/agencies/BTTTT", admin, map[string]any{"leader_name": "Lãnh đạo B"}), http.StatusOK)
	rec = e.doMatch("PATCH", "/api/v1/agencies/BTTTT", admin, etag, map[string]any{"leader_name": "Lãnh đạo C"})
	expectStatus(t, rec, http.StatusConflict)
	if a, _ := e.store.AgencyByCode(t.Context(), "BTTTT"); a.LeaderName != "Lãnh đạo B" {
		t.Fatalf("a stale agency PATCH was saved: %q", a.LeaderName)
	}
}
