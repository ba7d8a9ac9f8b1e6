package handlers_test

import (
	"testing"
)

// TestBrowserLanguageSwitch: the English switch changes the page's language
// and labels, for a visitor (kept in a cookie) and for a user (kept on the
// account, so it follows them into a fresh browser).
func TestBrowserLanguageSwitch(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	visitor := s.open(t, "lang-visitor", 1280, 800)
	visitor.visit("/login")
	visitor.expectLang("vi")
	visitor.expectText("main h1", "Đăng nhập")
	visitor.submitAndWait(`form.lang button[value=en]`)
	visitor.expectLang("en")
	visitor.expectText("main h1", "Log in")
	visitor.shot("login-en")
	visitor.visit("/login")
	visitor.expectText("main h1", "Log in")

	user := s.open(t, "lang-user", 1280, 800)
	user.login("focal")
	user.visit("/plans")
	user.expectText(`.nav a[href="/agencies"]`, "Cơ quan")
	user.submitAndWait(`form.lang button[value=en]`)
	user.expectLang("en")
	if got := user.text(`.nav a[href="/agencies"]`); got != "Agencies" {
		t.Errorf("after the switch the agencies link reads %q, want Agencies", got)
	}
	if got := user.url(); got != s.base+"/plans" {
		t.Errorf("the switch should come back to /plans, not %s", got)
	}
	user.shot("plans-en")

	again := s.open(t, "lang-user-again", 1280, 800)
	again.login("focal")
	again.visit("/agencies")
	again.expectLang("en")
	again.expectText("main h1", "Ministries and provinces")
	again.shot("agencies-en")
	again.submitAndWait(`form.lang button[value=vi]`)
	again.expectLang("vi")
	again.expectText(`.nav a[href="/agencies"]`, "Cơ quan")
}

// expectLang fails unless the document's language is lang.
func (tb *tab) expectLang(lang string) {
	tb.t.Helper()
	if got := tb.eval(`() => document.documentElement.lang`).Value.Str(); got != lang {
		tb.t.Fatalf("%s: page language %q, want %q", tb.url(), got, lang)
	}
}
