package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"roviec/models"
	"roviec/models/store"
)

func TestPageDirectiveForAllProvinces(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	b.login("coordinator")
	ctx := context.Background()
	themes := e.themes(e.plans()[0].ID)
	form := url.Values{"title": {"Công bố danh mục dữ liệu mở của tỉnh"}, "deliverable": {"Quyết định công bố danh mục"},
		"theme_id": {fmt.Sprint(themes[1].ID)}, "pillar": {"data"}, "due_date": {"31/05/2023"}, "scope": {"provinces"}}

	// Invalid date: 422 beside the field, input kept, nothing written.
	bad := url.Values{}
	for k, v := range form {
		bad[k] = v
	}
	bad.Set("due_date", "31/02/2023")
	rec := b.submit("/directives/new", "/directives", bad)
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectPage(t, rec, `id="due_date-error">Hạn hoàn thành không hợp lệ`, `value="31/02/2023"`,
		`value="Công bố danh mục dữ liệu mở của tỉnh"`, `value="provinces" checked`)

	rec = b.submit("/directives/new", "/directives", form)
	expectStatus(t, rec, http.StatusSeeOther)
	var id uint
	if _, err := fmt.Sscanf(rec.Header().Get("Location"), "/directives/%d", &id); err != nil {
		t.Fatalf("Location %q", rec.Header().Get("Location"))
	}
	list, total, err := e.store.ListAssignments(ctx, store.AssignmentFilter{DirectiveID: id, Page: store.Page{PerPage: 500}}, e.clock.Now())
	if err != nil || total != 63 {
		t.Fatalf("%d assignments, %v", total, err)
	}
	for _, a := range list {
		if a.Agency.Kind != models.KindProvince || a.DueOn != "2023-05-31" {
			t.Fatalf("assignment %+v", a)
		}
	}
	page := b.get(rec.Header().Get("Location"))
	expectPage(t, page, "Đã giao nhiệm vụ cho 63 cơ quan.", "Địa phương: 0/63", "31/05/2023", "Quyết định công bố danh mục")
	// Provinces in Vietnamese order: Bà Rịa - Vũng Tàu before Bắc Giang before Đà Nẵng before Điện Biên.
	body := page.Body.String()
	order := []string{"An Giang", "Bà Rịa", "Bắc Giang", "Cà Mau", "Đà Nẵng", "Điện Biên", "Yên Bái"}
	for i := 1; i < len(order); i++ {
		if strings.Index(body, order[i-1]) > strings.Index(body, order[i]) {
			t.Errorf("%s shown after %s", order[i-1], order[i])
		}
	}

	// Picking agencies one by one, and editing.
	pick := url.Values{"title": {"Báo cáo riêng"}, "theme_id": {fmt.Sprint(themes[1].ID)}, "scope": {"pick"},
		"agency": {"BTTTT", "01"}}
	rec = b.submit("/directives/new", "/directives", pick)
	expectStatus(t, rec, http.StatusSeeOther)
	loc := rec.Header().Get("Location")
	expectPage(t, b.get(loc), "Đã giao nhiệm vụ cho 2 cơ quan.", "Bộ, ngành: 0/1", "Địa phương: 0/1")
	pick.Set("title", "Báo cáo riêng (sửa)")
	expectStatus(t, b.submit(loc+"/edit", loc, pick), http.StatusSeeOther)
	expectPage(t, b.get(loc), "Báo cáo riêng (sửa)")

	// The list finds it by search, and htmx gets only the list.
	rec = b.send(http.MethodGet, "/directives?q=ri%C3%AAng", nil, map[string]string{"HX-Request": "true", "HX-Target": "directive-list"})
	expectStatus(t, rec, http.StatusOK)
	if !strings.HasPrefix(strings.TrimSpace(rec.Body.String()), `<div id="directive-list">`) {
		t.Fatalf("not the list fragment: %.200s", rec.Body.String())
	}
	expectPage(t, rec, "Báo cáo riêng (sửa)", "1 nhiệm vụ")
}

func TestPageFocalCannotCreateDirective(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	b.login("focal")
	expectStatus(t, b.get("/directives/new"), http.StatusForbidden)
	rec := b.submit("/directives", "/directives", url.Values{"title": {"Zzz thử quyền"}, "theme_id": {"1"}, "scope": {"all"}})
	expectStatus(t, rec, http.StatusForbidden)
	_, total, err := e.store.ListDirectives(context.Background(), store.DirectiveFilter{Query: "Zzz thử quyền"})
	if err != nil || total != 0 {
		t.Fatalf("a refused directive was written: %d, %v", total, err)
	}
}
