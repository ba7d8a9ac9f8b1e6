package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// expectFieldError fails unless the page shows msg right beside the input
// or textarea with id field, marked invalid.
func expectFieldError(t *testing.T, body, field, msg string) {
	t.Helper()
	re := regexp.MustCompile(`(?s)id="` + regexp.QuoteMeta(field) + `"[^>]*aria-invalid="true"[^>]*>.{0,400}?<p class="field-error" id="` +
		regexp.QuoteMeta(field) + `-error">` + regexp.QuoteMeta(msg))
	if !re.MatchString(body) {
		t.Errorf("no message %q beside %s", msg, field)
	}
}

func TestPageExtensionRequest(t *testing.T) {
	e := newEnv(t)
	id := e.assignmentFor("BTTTT", "2023-03-31")
	path := "/assignments/" + itoa(id)
	action := path + "/extensions"
	b := newBrowser(e)
	b.login("focal")
	expectPage(t, b.get(path), "Đề nghị gia hạn", `action="`+action+`"`)

	rec := b.submit(path, action, url.Values{"new_due": {"31/02/2023"}, "reason": {"Chờ thẩm định"}})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectFieldError(t, rec.Body.String(), "new_due", "Hạn mới không hợp lệ (dd/mm/yyyy).")
	expectPage(t, rec, `value="31/02/2023"`, ">Chờ thẩm định</textarea>")
	rec = b.submit(path, action, url.Values{"new_due": {"15/03/2023"}, "reason": {""}})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectFieldError(t, rec.Body.String(), "reason", "Cần nêu lý do đề nghị gia hạn.")
	rec = b.submit(path, action, url.Values{"new_due": {"15/03/2023"}, "reason": {"Chờ thẩm định"}})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectFieldError(t, rec.Body.String(), "new_due", "Hạn mới phải sau hạn hiện tại (31/03/2023).")

	rec = b.submit(path, action, url.Values{"new_due": {"15/04/2023"}, "reason": {"Chờ thẩm định"}})
	expectStatus(t, rec, http.StatusSeeOther)
	page := b.get(path)
	expectPage(t, page, "Đã gửi đề nghị gia hạn.", "Đề nghị gia hạn đến 15/04/2023", "Chờ quyết định", "Lý do: Chờ thẩm định")
	if strings.Contains(page.Body.String(), `action="`+action+`"`) || strings.Contains(page.Body.String(), "Đồng ý gia hạn") {
		t.Error("the focal point is offered a second request or the decision")
	}

	// Another agency's focal point, and a viewer, cannot ask.
	other := newBrowser(e)
	other.login("focal2")
	expectStatus(t, other.submit(path, action, url.Values{"new_due": {"20/04/2023"}, "reason": {"x"}}), http.StatusForbidden)
	// Nor can the focal point decide.
	exts, err := e.store.ExtensionsFor(context.Background(), id)
	if err != nil || len(exts) != 1 {
		t.Fatalf("extensions %v, %v", exts, err)
	}
	decision := path + "/extensions/" + itoa(exts[0].ID) + "/decision"
	expectStatus(t, b.submit(path, decision, url.Values{"action": {"approve"}}), http.StatusForbidden)
}

func TestPageExtensionDecision(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	id := e.assignmentFor("BTTTT", "2023-03-31")
	x, err := e.store.RequestExtension(ctx, e.users["focal"], id, "15/04/2023", "Chờ ý kiến thẩm định", e.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	path := "/assignments/" + itoa(id)
	decision := path + "/extensions/" + itoa(x.ID) + "/decision"
	b := newBrowser(e)
	b.login("coordinator")

	// From the list: a rejection without a note is refused beside the note.
	list := b.get("/extensions")
	expectStatus(t, list, http.StatusOK)
	expectPage(t, list, "Bộ Thông tin và Truyền thông", "15/04/2023", "Chờ ý kiến thẩm định", `action="`+decision+`"`)
	rec := b.submit("/extensions", decision, url.Values{"action": {"reject"}, "decision_note": {""}, "back": {"list"}})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectFieldError(t, rec.Body.String(), "decision_note_"+itoa(x.ID), "Cần nêu lý do không đồng ý gia hạn.")

	// From the assignment page: approved, the deadline moves and the original stays.
	rec = b.submit(path, decision, url.Values{"action": {"approve"}, "decision_note": {""}})
	expectStatus(t, rec, http.StatusSeeOther)
	page := b.get(path)
	expectPage(t, page, "Đã đồng ý gia hạn; hạn mới được áp dụng.", "Hạn ban đầu 31/03/2023, gia hạn đến 15/04/2023",
		"Gia hạn đến 15/04/2023: Chờ ý kiến thẩm định", "Đã đồng ý")
	a, err := e.store.AssignmentByID(ctx, id)
	if err != nil || a.DueOn != "2023-04-15" || a.OriginalDue != "2023-03-31" {
		t.Fatalf("after approval: %+v, %v", a, err)
	}
	expectPage(t, b.get("/extensions"), "Không có đề nghị gia hạn nào.")
	expectStatus(t, b.submit(path, decision, url.Values{"action": {"approve"}}), http.StatusConflict)

	// Done after the original deadline, before the extended one.
	e.clock.Set(at(t, 2023, 4, 10, 9, 0))
	expectStatus(t, e.patchAssignment(e.token("focal"), id, map[string]any{"status": "submitted", "evidence_ref": "15/QĐ-BTTTT"}), http.StatusOK)
	expectStatus(t, e.patchAssignment(e.token("coordinator"), id, map[string]any{"status": "done"}), http.StatusOK)
	b.login("viewer") // the session of February has expired
	expectPage(t, b.get(path), "Hoàn thành trong hạn gia hạn")
}

func TestPageExplanationAnswer(t *testing.T) {
	e := newEnv(t)
	id := e.assignmentFor("BTTTT", "2023-03-31")
	e.clock.Set(at(t, 2023, 4, 14, 8, 0))
	req := e.openExplanation(id)
	e.clock.Set(at(t, 2023, 4, 17, 9, 0))
	path := "/assignments/" + itoa(id)
	action := path + "/explanations/" + itoa(req.ID) + "/answer"

	committee := newBrowser(e)
	committee.login("coordinator")
	list := committee.get("/explanations")
	expectStatus(t, list, http.StatusOK)
	if !regexp.MustCompile(`(?s)Bộ Thông tin và Truyền thông.*31/03/2023.*14/04/2023 08:00.*<td class="num">3</td>`).MatchString(list.Body.String()) {
		t.Errorf("the open request is not listed with its agency, deadline, date and days waiting:\n%s", list.Body.String())
	}

	b := newBrowser(e)
	b.login("focal")
	expectPage(t, b.get(path), "Yêu cầu giải trình", "Nhiệm vụ quá hạn 31/03/2023", `action="`+action+`"`)
	rec := b.submit(path, action, url.Values{"answer": {" "}})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectFieldError(t, rec.Body.String(), "answer-"+itoa(req.ID), "Cần nhập nội dung giải trình.")
	other := newBrowser(e)
	other.login("focal2")
	expectStatus(t, other.submit(path, action, url.Values{"answer": {"Không"}}), http.StatusForbidden)

	answer := "Chờ ý kiến thẩm định của Bộ Tài chính."
	expectStatus(t, b.submit(path, action, url.Values{"answer": {answer}}), http.StatusSeeOther)
	page := b.get(path)
	expectPage(t, page, "Đã gửi giải trình.", "Đã giải trình", "Giải trình: "+answer)
	if strings.Contains(page.Body.String(), `action="`+action+`"`) {
		t.Error("the answer form is still offered")
	}
	expectStatus(t, b.send(http.MethodPost, action, url.Values{"answer": {"Lần hai"}, "csrf_token": {csrfOf(t, page.Body.String())}}, nil), http.StatusConflict)
	expectPage(t, committee.get("/explanations"), "Không có yêu cầu giải trình nào.")
	expectPage(t, committee.get("/explanations?all=1"), answer)
	hist, err := e.store.History(context.Background(), id)
	if err != nil || len(hist) == 0 || hist[len(hist)-1].Note != "Giải trình: "+answer {
		t.Fatalf("history %+v, %v", hist, err)
	}
}

// csrfOf is the CSRF token of a page's forms.
func csrfOf(t *testing.T, body string) string {
	t.Helper()
	m := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no CSRF token")
	}
	return m[1]
}

func TestPageDeadlineLinksByRole(t *testing.T) {
	e := newEnv(t)
	for who, want := range map[string]bool{"admin": true, "coordinator": true, "focal": false, "viewer": false} {
		b := newBrowser(e)
		b.login(who)
		body := b.get("/plans").Body.String()
		if got := strings.Contains(body, `href="/explanations"`) && strings.Contains(body, `href="/extensions"`); got != want {
			t.Errorf("%s: links to explanations and extensions %v, want %v", who, got, want)
		}
		if got := strings.Contains(body, `href="/admin/outbox"`); got != (who == "admin") {
			t.Errorf("%s: link to the outbox %v", who, got)
		}
	}
}
