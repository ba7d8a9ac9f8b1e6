package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"roviec/models"
)

// updateForm is the assignment form as a focal point fills it in.
func updateForm(status models.Status, progress, owner, email string) url.Values {
	return url.Values{"status": {string(status)}, "progress": {progress}, "owner_name": {owner}, "owner_email": {email},
		"evidence_ref": {""}, "evidence_date": {""}, "evidence_url": {""}, "note": {"Đã họp triển khai"}}
}

func TestPageFocalUpdatesOwnAssignment(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	b.login("focal")
	a := e.pageAssignment("BTTTT")
	path := "/assignments/" + itoa(a.ID)
	rec := b.submit(path, path, updateForm(a.Status, "40", "Nguyễn Thị Hằng", "hang@mic.gov.vn"))
	expectStatus(t, rec, http.StatusSeeOther)
	if loc := rec.Header().Get("Location"); loc != path {
		t.Fatalf("Location %q", loc)
	}
	got, err := e.store.AssignmentByID(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Progress != 40 || got.Status != models.StatusInProgress || got.OwnerName != "Nguyễn Thị Hằng" || got.OwnerEmail != "hang@mic.gov.vn" {
		t.Fatalf("not saved: %+v", got)
	}
	hist, err := e.store.History(context.Background(), a.ID)
	if err != nil || len(hist) != 1 || hist[0].Progress != 40 || hist[0].Note != "Đã họp triển khai" || hist[0].UserID == nil || *hist[0].UserID != e.users["focal"].ID {
		t.Fatalf("history %+v, %v", hist, err)
	}
	page := b.get(path)
	expectPage(t, page, "Đã lưu cập nhật.", "Nguyễn Thị Hằng", "Đã họp triển khai", "25/02/2023 09:00", "Đang thực hiện")

	// Another agency's assignment: 403, unchanged.
	other := e.pageAssignment("01")
	opath := "/assignments/" + itoa(other.ID)
	rec = b.submit(opath, opath, updateForm(other.Status, "10", "X", ""))
	expectStatus(t, rec, http.StatusForbidden)
	if got := e.assignment(other.ID); got.Progress != other.Progress {
		t.Fatal("a refused update changed another agency's assignment")
	}
}

func TestPageInvalidInputKeepsInput(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	b.login("focal")
	a := e.pageAssignment("BTTTT")
	path := "/assignments/" + itoa(a.ID)
	rec := b.submit(path, path, updateForm(a.Status, "150", "Trần Văn Bình", "không-phải-email"))
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	body := rec.Body.String()
	for field, msg := range map[string]string{"progress": "Tiến độ phải từ 0 đến 100.", "owner_email": "Địa chỉ e-mail không hợp lệ."} {
		re := regexp.MustCompile(`(?s)id="` + field + `"[^>]*aria-invalid="true"[^>]*>\s*<p class="field-error" id="` + field + `-error">` + regexp.QuoteMeta(msg))
		if !re.MatchString(body) {
			t.Errorf("no message %q beside %s", msg, field)
		}
	}
	expectPage(t, rec, `value="150"`, `value="Trần Văn Bình"`, `value="không-phải-email"`)
	rec = b.submit(path, path, updateForm(a.Status, "nhiều", "", ""))
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectPage(t, rec, "Tiến độ phải là một số từ 0 đến 100.", `value="nhiều"`)
	if got := e.assignment(a.ID); got.Progress != a.Progress || got.OwnerName != "" {
		t.Fatalf("invalid input was saved: %+v", got)
	}
}

func TestPageViewerCannotWrite(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	b.login("viewer")
	a := e.pageAssignment("BTTTT")
	path := "/assignments/" + itoa(a.ID)
	rec := b.get(path)
	expectStatus(t, rec, http.StatusOK)
	if strings.Contains(rec.Body.String(), `action="/assignments/`) {
		t.Fatal("the viewer sees an update form")
	}
	expectPage(t, rec, "Bạn chỉ có quyền xem nhiệm vụ này.")
	rec = b.submit("/agencies", path, updateForm(a.Status, "30", "", ""))
	expectStatus(t, rec, http.StatusForbidden)
	for _, p := range []string{"/directives/new", "/plans/new", "/admin/users", "/agencies/BTTTT/edit"} {
		expectStatus(t, b.get(p), http.StatusForbidden)
	}
}

func TestPageReviewAndIllegalTransition(t *testing.T) {
	e := newEnv(t)
	focal, coord := newBrowser(e), newBrowser(e)
	focal.login("focal")
	coord.login("coordinator")
	a := e.pageAssignment("BTTTT")
	path := "/assignments/" + itoa(a.ID)

	// Accepting work that was never submitted is an illegal transition: 409, readable.
	rec := coord.submit(path, path, url.Values{"action": {"accept"}})
	expectStatus(t, rec, http.StatusConflict)
	expectPage(t, rec, "Không thể chuyển trạng thái")

	// Submitting without evidence: 422 beside the evidence field.
	rec = focal.submit(path, path, updateForm(models.StatusSubmitted, "100", "Lê Minh", "minh@mic.gov.vn"))
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectPage(t, rec, `id="evidence_ref-error">Cần nhập minh chứng`)

	form := updateForm(models.StatusSubmitted, "100", "Lê Minh", "minh@mic.gov.vn")
	form.Set("evidence_ref", "12/KH-BTTTT")
	form.Set("evidence_date", "20/02/2023")
	expectStatus(t, focal.submit(path, path, form), http.StatusSeeOther)
	// The focal point may not accept their own submission.
	expectStatus(t, focal.submit(path, path, url.Values{"action": {"accept"}}), http.StatusForbidden)
	// Returning needs a reason.
	rec = coord.submit(path, path, url.Values{"action": {"return"}, "note": {""}})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectPage(t, rec, `id="review-note-error">Cần nêu lý do trả lại.`)
	expectStatus(t, coord.submit(path, path, url.Values{"action": {"accept"}}), http.StatusSeeOther)
	got := e.assignment(a.ID)
	if got.Status != models.StatusDone || got.EvidenceDate != "2023-02-20" {
		t.Fatalf("after accept: %+v", got)
	}
	rec = coord.get(path)
	expectPage(t, rec, "Hoàn thành đúng hạn", "12/KH-BTTTT (20/02/2023)", "Nhiệm vụ đã đóng")
}
