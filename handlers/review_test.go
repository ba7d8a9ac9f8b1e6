package handlers_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"roviec/models"
)

// rows counts the rows of a table matching a condition.
func (e *env) rows(table, where string, args ...any) int64 {
	e.t.Helper()
	var n int64
	if err := e.store.DB().Table(table).Where(where, args...).Count(&n).Error; err != nil {
		e.t.Fatal(err)
	}
	return n
}

// apiBulk is POST /api/v1/assignments/bulk's answer.
type apiBulk struct {
	Results []struct {
		ID      uint              `json:"id"`
		OK      bool              `json:"ok"`
		Status  string            `json:"status"`
		Code    int               `json:"code"`
		Error   string            `json:"error"`
		Fields  map[string]string `json:"fields"`
		Version int               `json:"version"`
	} `json:"results"`
}

func (e *env) bulk(token string, body any) (int, apiBulk) {
	e.t.Helper()
	rec := e.do("POST", "/api/v1/assignments/bulk", token, body)
	var out apiBulk
	if rec.Code == http.StatusOK {
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
			e.t.Fatal(err)
		}
	}
	return rec.Code, out
}

// TestBulkAPI: each id is done or refused on its own with the reason (not
// submitted, unknown, stale), with a history and an audit row for each one
// done; a request wrong as a whole changes nothing; a focal point may not.
func TestBulkAPI(t *testing.T) {
	e := newEnv(t)
	focal, coord := e.token("focal"), e.token("coordinator")
	a1, a2 := e.submitted(t, focal, "BTTTT"), e.submitted(t, focal, "BTTTT")
	open := e.assignmentFor("BTTTT", "2023-03-31")
	stale := e.submitted(t, focal, "BTTTT")
	hist, audits := e.rows("updates", "1=1"), e.rows("audit_log", "entity = ?", "assignment")

	code, out := e.bulk(coord, map[string]any{"ids": []uint{a1, a2, open, 999999, stale}, "action": "accept",
		"versions": map[string]int{itoa(stale): 1}})
	if code != http.StatusOK || len(out.Results) != 5 {
		t.Fatalf("status %d, %+v", code, out)
	}
	want := []struct {
		ok   bool
		code int
	}{{true, 0}, {true, 0}, {false, 409}, {false, 404}, {false, 409}}
	for i, w := range want {
		r := out.Results[i]
		if r.OK != w.ok || r.Code != w.code || (!r.OK && r.Error == "") {
			t.Errorf("result %d: %+v, want ok=%v code=%d", i, r, w.ok, w.code)
		}
	}
	if e.assignment(a1).Status != models.StatusDone || e.assignment(a2).Status != models.StatusDone ||
		e.assignment(stale).Status != models.StatusSubmitted || e.assignment(open).Status != models.StatusNotStarted {
		t.Error("statuses after the bulk accept are wrong")
	}
	if n := e.rows("updates", "1=1") - hist; n != 2 {
		t.Errorf("%d history rows written, want 2", n)
	}
	if n := e.rows("audit_log", "entity = ?", "assignment") - audits; n != 2 {
		t.Errorf("%d audit rows written, want 2", n)
	}

	// Wrong as a whole: nothing changes.
	for _, body := range []map[string]any{
		{"ids": []uint{stale}, "action": "return"},                         // no reason
		{"ids": []uint{}, "action": "accept"},                              // no ids
		{"ids": []uint{stale}, "action": "approve"},                        // unknown action
		{"ids": []uint{open}, "action": "extend", "reason": "Chờ số liệu"}, // no date
	} {
		code, _ := e.bulk(coord, body)
		expectCode(t, code, http.StatusUnprocessableEntity)
	}
	code, _ = e.bulk(focal, map[string]any{"ids": []uint{stale}, "action": "accept"})
	expectCode(t, code, http.StatusForbidden)
	if e.assignment(stale).Status != models.StatusSubmitted {
		t.Error("a refused request changed an assignment")
	}

	// Return, extend and cancel with reasons.
	code, out = e.bulk(coord, map[string]any{"ids": []uint{stale}, "action": "return", "reason": "Thiếu số văn bản"})
	if code != 200 || !out.Results[0].OK || e.assignment(stale).Status != models.StatusInProgress {
		t.Errorf("return: %d %+v", code, out)
	}
	code, out = e.bulk(coord, map[string]any{"ids": []uint{open, stale}, "action": "extend", "reason": "Chờ nghị định",
		"due_date": "30/04/2023"})
	if code != 200 || !out.Results[0].OK || !out.Results[1].OK || e.assignment(open).DueOn != "2023-04-30" ||
		e.assignment(open).OriginalDue != "2023-03-31" {
		t.Errorf("extend: %d %+v, due %s", code, out, e.assignment(open).DueOn)
	}
	code, out = e.bulk(coord, map[string]any{"ids": []uint{open, a1}, "action": "cancel", "reason": "Gộp vào nhiệm vụ khác"})
	if code != 200 || !out.Results[0].OK || out.Results[1].OK || e.assignment(open).Status != models.StatusCancelled {
		t.Errorf("cancel: %d %+v", code, out)
	}
	if e.rows("updates", "assignment_id = ? AND to_status = ? AND note = ?", open, models.StatusCancelled, "Gộp vào nhiệm vụ khác") != 1 {
		t.Error("the cancellation's reason is not in the history")
	}
}

// expectCode fails when a status code is not the one wanted.
func expectCode(t *testing.T, got, want int) {
	t.Helper()
	if got != want {
		t.Errorf("status %d, want %d", got, want)
	}
}

// TestCancelNeedsReason: a PATCH to cancelled without a reason is a 422
// naming the note, and changes nothing.
func TestCancelNeedsReason(t *testing.T) {
	e := newEnv(t)
	id := e.assignmentFor("BTTTT", "2023-03-31")
	rec := e.patchAssignment(e.token("coordinator"), id, map[string]any{"status": "cancelled"})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectPage(t, rec, `"note":`)
	if e.assignment(id).Status != models.StatusNotStarted {
		t.Error("cancelled without a reason")
	}
}

// TestReviewQueuePage: a coordinator lands on the queue, sees the submitted
// work oldest first with its evidence (attached files too) and the queue's count in the menu,
// returns one in place (htmx: a reason is required) and accepts two
// together; a focal point may not open it.
func TestReviewQueuePage(t *testing.T) {
	e := newEnv(t)
	focal := e.token("focal")
	first := e.submitted(t, focal, "BTTTT")
	e.clock.Set(e.clock.Now().AddDate(0, 0, 1))
	focal = e.token("focal") // the first one lasts an hour
	second := e.assignmentFor("BTTTT", "2023-03-31")
	expectStatus(t, e.patchAssignment(focal, second, map[string]any{"status": "submitted", "evidence_ref": "45/BC-BTTTT",
		"evidence_date": "26/02/2023", "evidence_url": "https://mic.gov.vn/bc45"}), 200)
	expectStatus(t, e.upload(focal, second, "bao-cao-45.pdf", "application/pdf", samplePDF("45")), http.StatusCreated)
	third := e.submitted(t, focal, "BTTTT")

	b := newBrowser(e)
	b.login("coordinator")
	if loc := b.get("/").Header().Get("Location"); loc != "/review" {
		t.Fatalf("coordinator lands on %q", loc)
	}
	rec := b.get("/review")
	expectStatus(t, rec, http.StatusOK)
	body := rec.Body.String()
	expectPage(t, rec, `id="count-review">3<`, "45/BC-BTTTT", "26/02/2023", `href="https://mic.gov.vn/bc45"`, "bao-cao-45.pdf</a>")
	if i, j := strings.Index(body, `id="review-`+itoa(first)+`"`), strings.Index(body, `id="review-`+itoa(second)+`"`); i < 0 || j < i {
		t.Errorf("not oldest first: %d, %d", i, j)
	}
	csrf := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`).FindStringSubmatch(body)[1]
	htmx := map[string]string{"HX-Request": "true"}

	// Return in place: without a reason refused in the card, with one done.
	form := url.Values{"csrf_token": {csrf}, "action": {"return"}, "version": {itoa(uint(e.assignment(third).Version))}}
	rec = b.send(http.MethodPost, "/review/"+itoa(third), form, htmx)
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	if rec.Header().Get("HX-Retarget") != "#review-"+itoa(third)+"-message" {
		t.Errorf("refusal not retargeted into the card: %q", rec.Header().Get("HX-Retarget"))
	}
	expectPage(t, rec, "lý do")
	form.Set("note", "Thiếu ngày văn bản")
	rec = b.send(http.MethodPost, "/review/"+itoa(third), form, htmx)
	expectStatus(t, rec, http.StatusOK)
	expectPage(t, rec, "Đã trả lại")
	if a := e.assignment(third); a.Status != models.StatusInProgress {
		t.Errorf("returned in place: %s", a.Status)
	}

	// Accept two together.
	form = url.Values{"csrf_token": {csrf}, "action": {"accept"}, "ids": {itoa(first), itoa(second)},
		"version-" + itoa(first): {itoa(uint(e.assignment(first).Version))}, "version-" + itoa(second): {itoa(uint(e.assignment(second).Version))}}
	rec = b.send(http.MethodPost, "/review/bulk", form, nil)
	expectStatus(t, rec, http.StatusOK)
	expectPage(t, rec, "Đã xử lý 2 nhiệm vụ", `id="count-review">0<`)
	if e.assignment(first).Status != models.StatusDone || e.assignment(second).Status != models.StatusDone {
		t.Error("the two selected are not accepted")
	}
	// A stale selection is refused with the reason.
	form.Set("version-"+itoa(first), "1")
	rec = b.send(http.MethodPost, "/review/bulk", form, nil)
	expectPage(t, rec, "2 nhiệm vụ không xử lý được")

	f := newBrowser(e)
	f.login("focal")
	expectStatus(t, f.get("/review"), http.StatusForbidden)
}

// TestCancelPageAsksConfirmation: the assignment page's cancel needs the
// confirmation box and a reason, both said at once; with them the task is
// cancelled and the reason kept in the history.
func TestCancelPageAsksConfirmation(t *testing.T) {
	e := newEnv(t)
	id := e.assignmentFor("BTTTT", "2023-03-31")
	b := newBrowser(e)
	b.login("coordinator")
	page := "/assignments/" + itoa(id)
	version := itoa(uint(e.assignment(id).Version))
	rec := b.submit(page, page, url.Values{"action": {"cancel"}, "version": {version}})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectPage(t, rec, "Đánh dấu ô xác nhận", "Cần nêu lý do hủy")
	rec = b.submit(page, page, url.Values{"action": {"cancel"}, "version": {version}, "note": {"Trùng nhiệm vụ 12"}})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	if e.assignment(id).Status != models.StatusNotStarted {
		t.Fatal("cancelled without confirmation")
	}
	rec = b.submit(page, page, url.Values{"action": {"cancel"}, "version": {version}, "note": {"Trùng nhiệm vụ 12"},
		"confirm_cancel": {"1"}})
	expectStatus(t, rec, http.StatusSeeOther)
	if e.assignment(id).Status != models.StatusCancelled ||
		e.rows("updates", "assignment_id = ? AND note = ?", id, "Trùng nhiệm vụ 12") != 1 {
		t.Error("not cancelled with its reason")
	}
}

// TestPagePermissionsWorkAndReview: every signed-in user may open their
// work page; only reviewers (admin, coordinator) the review queue, its
// forms and the urge forms (a scoreboard's, the league's); anonymous visitors go to the login page.
func TestPagePermissionsWorkAndReview(t *testing.T) {
	e := newEnv(t)
	focal := e.token("focal")
	dir := e.assignment(e.assignmentFor("BTTTT", "2023-02-01")).DirectiveID
	// /work, /review, POST /review/bulk, POST /review/:id, POST /directives/:id/urge, POST /league/urge
	want := map[string][6]int{
		"admin":       {303, 200, 200, 303, 303, 200},
		"coordinator": {303, 200, 200, 303, 303, 200},
		"focal":       {200, 403, 403, 403, 403, 403},
		"focal2":      {200, 403, 403, 403, 403, 403},
		"viewer":      {303, 403, 403, 403, 403, 403},
	}
	for who, w := range want {
		id := e.submitted(t, focal, "BTTTT")
		b := newBrowser(e)
		b.login(who)
		csrf := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`).FindStringSubmatch(b.get("/account/password").Body.String())[1]
		got := [6]int{b.get("/work").Code, b.get("/review").Code,
			b.send(http.MethodPost, "/review/bulk", url.Values{"csrf_token": {csrf}, "action": {"accept"}, "ids": {"999999"}}, nil).Code,
			b.send(http.MethodPost, "/review/"+itoa(id), url.Values{"csrf_token": {csrf}, "action": {"return"}, "note": {"Thiếu"}}, nil).Code,
			b.send(http.MethodPost, "/directives/"+itoa(dir)+"/urge", url.Values{"csrf_token": {csrf}, "agency_codes": {"BTTTT"}}, nil).Code,
			b.send(http.MethodPost, "/league/urge", url.Values{"csrf_token": {csrf}, "plan_id": {itoa(e.plans()[0].ID)}, "agency_codes": {"BTTTT"}}, nil).Code}
		if got != w {
			t.Errorf("%s: %v, want %v", who, got, w)
		}
	}
	anon := newBrowser(e)
	for _, path := range []string{"/work", "/review"} {
		if loc := anon.get(path).Header().Get("Location"); loc != "/login" && !strings.HasPrefix(loc, "/login?") {
			t.Errorf("anonymous %s: sent to %q", path, loc)
		}
	}
}
