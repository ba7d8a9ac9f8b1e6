package views

import (
	"bytes"
	"net/url"
	"strings"
	"testing"

	"roviec/models"
)

func TestNewParsesEveryPage(t *testing.T) {
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{LangVI, LangEN} {
		if got := len(r.pages[lang]); got != len(pageNames()) {
			t.Errorf("%s: %d pages parsed, want %d", lang, got, len(pageNames()))
		}
	}
}

func TestTranslate(t *testing.T) {
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ lang, id, want string }{
		{LangVI, "status.done", "Hoàn thành"},
		{LangEN, "status.done", "Done"},
		{"fr", "status.done", "Hoàn thành"},
		{LangVI, "no.such.message", "no.such.message"},
	}
	for _, c := range cases {
		if got := r.T(c.lang, c.id); got != c.want {
			t.Errorf("T(%s, %s) = %q, want %q", c.lang, c.id, got, c.want)
		}
	}
	if got := r.T(LangVI, "flash.directive_created", "N", 63); got != "Đã giao nhiệm vụ cho 63 cơ quan." {
		t.Errorf("with an argument: %q", got)
	}
}

func TestErrorPageAndBanner(t *testing.T) {
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	p := &Page{Lang: LangEN, Demo: true, Values: url.Values{}, Data: struct {
		Code   int
		Detail string
	}{404, "gone"}}
	var buf bytes.Buffer
	if err := r.Render(&buf, "error", p); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<html lang="en">`, "Illustrative data", "(404)", "gone", "/static/app.css?v="} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if err := r.Render(&buf, "no-such-page", p); err == nil {
		t.Error("rendering an unknown page must fail")
	}
}

func TestPageHelpers(t *testing.T) {
	p := &Page{Values: url.Values{"agency": {"01", "BTTTT"}, "progress": {"150"}},
		Errors: map[string]string{"progress": "Tiến độ phải từ 0 đến 100."}}
	if !p.Has("agency", "BTTTT") || p.Has("agency", "02") || p.V("progress") != "150" || p.Err("progress") == "" || p.Err("note") != "" {
		t.Error("form helpers")
	}
	admin := &models.User{Role: models.RoleAdmin, Active: true}
	viewer := &models.User{Role: models.RoleViewer, Active: true}
	if !(&Page{User: admin}).May().ManageUsers || (&Page{User: viewer}).May().ManageUsers || (&Page{}).May() != (models.Permissions{}) {
		t.Error("May")
	}
}
