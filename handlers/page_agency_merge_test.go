package handlers_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestPageMergeAgencies walks an admin through a merger: the agencies page
// links to it, the list is narrowed by kind and search with the picks kept,
// a refusal is a 422 naming the field, the preview shows what will move and
// writes nothing, and the confirmation merges the same; others get 403.
func TestPageMergeAgencies(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	b.login("admin")
	expectPage(t, b.get("/agencies"), `href="/admin/agencies/merge"`)
	rec := b.get("/admin/agencies/merge")
	expectStatus(t, rec, http.StatusOK)
	expectPage(t, rec, `value="02"> Hà Giang`, `value="08"> Tuyên Quang`)
	if strings.Contains(rec.Body.String(), `value="BTTTT"`) {
		t.Error("the provinces' list offers a ministry")
	}

	// A search keeps Hà Giang picked and offers only what matches.
	rec = b.submit("/admin/agencies/merge", "/admin/agencies/merge/preview", url.Values{"step": {"search"}, "kind": {"province"},
		"q": {"tuyen"}, "from": {"02"}})
	expectStatus(t, rec, http.StatusOK)
	expectPage(t, rec, `value="02" checked> Hà Giang`, `value="08"> Tuyên Quang`)
	if strings.Contains(rec.Body.String(), "Hà Nội") {
		t.Error("the search for tuyen offers Hà Nội")
	}

	rec = b.submit("/admin/agencies/merge", "/admin/agencies/merge/preview", url.Values{"step": {"preview"}, "from": {"02"}, "into": {"TQ-MOI"}})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectPage(t, rec, `id="name-error">Chưa có cơ quan mã TQ-MOI: hãy nhập tên để tạo cơ quan kế thừa mới.`, `value="02" checked> Hà Giang`)

	rec = b.submit("/admin/agencies/merge", "/admin/agencies/merge/preview", url.Values{"step": {"preview"}, "from": {"02"}, "into": {"08"}})
	expectStatus(t, rec, http.StatusOK)
	expectPage(t, rec, "Kiểm tra lại trước khi sáp nhập", "Hà Giang (02)", "Tuyên Quang", `<input type="hidden" name="from" value="02">`)
	cancelled := regexp.MustCompile(`id="merge-cancelled">(\d+)<`).FindStringSubmatch(rec.Body.String())
	if cancelled == nil || cancelled[1] == "0" {
		t.Fatalf("the preview shows no cancelled tasks (every province holds every province's directive): %v", cancelled)
	}
	if a, err := e.store.AgencyByCode(t.Context(), "02"); err != nil || !a.Active {
		t.Fatalf("the preview merged Hà Giang: %+v %v", a, err)
	}

	rec = b.submit("/admin/agencies/merge", "/admin/agencies/merge", url.Values{"from": {"02"}, "into": {"08"}})
	expectStatus(t, rec, http.StatusOK)
	expectPage(t, rec, "Đã sáp nhập.", `id="merge-cancelled">`+cancelled[1]+`<`, `href="/agencies/08"`)
	if a, err := e.store.AgencyByCode(t.Context(), "02"); err != nil || a.Active || a.MergedOn != "2023-02-25" {
		t.Fatalf("Hà Giang after the merger: %+v %v", a, err)
	}

	// Merged, Hà Giang is no longer offered, and merging it again is refused.
	if strings.Contains(b.get("/admin/agencies/merge").Body.String(), `value="02"`) {
		t.Error("the merged Hà Giang is still offered")
	}
	rec = b.submit("/admin/agencies/merge", "/admin/agencies/merge", url.Values{"from": {"02"}, "into": {"08"}})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectPage(t, rec, "Cơ quan 02 đã ngừng hoạt động (đã sáp nhập).")

	c := newBrowser(e)
	c.login("coordinator")
	expectStatus(t, c.get("/admin/agencies/merge"), http.StatusForbidden)
	if strings.Contains(c.get("/agencies").Body.String(), "/admin/agencies/merge") {
		t.Error("a coordinator is offered the merge page")
	}
}
