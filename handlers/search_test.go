package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestAPISearchIgnoresDiacritics(t *testing.T) {
	e := newEnv(t)
	viewer := e.token("viewer")
	type agencies struct {
		Items []struct{ Code, Name string }
		Total int
	}
	cases := []struct{ q, kind, want string }{
		{"ha noi", "", "01"},
		{"Ha\u0300 No\u0323i", "", "01"}, // decomposed
		{"HÀ NỘI", "", "01"},
		{"da nang", "", "48"},
		{"ĐÀ NẴNG", "province", "48"},
		{"thong tin va truyen thong", "ministry", "BTTTT"},
	}
	for _, c := range cases {
		var out agencies
		path := "/api/v1/agencies?q=" + url.QueryEscape(c.q)
		if c.kind != "" {
			path += "&kind=" + c.kind
		}
		decode(t, e.do("GET", path, viewer, nil), &out)
		if out.Total != 1 || len(out.Items) != 1 || out.Items[0].Code != c.want {
			t.Errorf("%s: %+v, want only %s", path, out, c.want)
		}
	}
	var none agencies
	decode(t, e.do("GET", "/api/v1/agencies?q=da+nang&kind=ministry", viewer, nil), &none)
	if none.Total != 0 {
		t.Errorf("Đà Nẵng is not a ministry: %+v", none)
	}

	type directives struct {
		Items []struct{ Title string }
		Total int
	}
	var composed, plain directives
	decode(t, e.do("GET", "/api/v1/directives?q="+url.QueryEscape("Dữ liệu mở"), viewer, nil), &composed)
	decode(t, e.do("GET", "/api/v1/directives?q=DU+LIEU+MO", viewer, nil), &plain)
	if composed.Total == 0 || composed.Total != plain.Total || composed.Items[0].Title != plain.Items[0].Title {
		t.Errorf("with diacritics %+v, without %+v", composed, plain)
	}
}

func TestPageSearchBoxes(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	b.login("viewer")
	rec := b.get("/agencies?q=da+nang")
	expectStatus(t, rec, http.StatusOK)
	expectPage(t, rec, `href="/agencies/48">Đà Nẵng</a>`, `name="q" value="da nang"`)
	if strings.Contains(rec.Body.String(), "/agencies/01\"") || strings.Contains(rec.Body.String(), "/agencies/BTTTT\"") {
		t.Error("the search lists agencies that do not match")
	}
	expectPage(t, b.get("/agencies?q=khong+co"), "Không có cơ quan nào khớp.")

	rec = b.get("/directives?q=" + url.QueryEscape("RA SOAT"))
	expectStatus(t, rec, http.StatusOK)
	expectPage(t, rec, "Rà soát, chuẩn hóa, điện tử hóa mẫu đơn")
	if strings.Contains(rec.Body.String(), "Ban hành Kế hoạch chuyển đổi số năm 2023") {
		t.Error("the directive search lists a task without the words")
	}
}
