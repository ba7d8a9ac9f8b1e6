package handlers_test

import (
	"strings"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"
)

// What a person does in a tab: find, click, type, choose, read, log in.

// elementWait is how long el waits for an element to appear.
const elementWait = 10 * time.Second

// el finds an element, waiting up to elementWait for it to appear.
func (tb *tab) el(selector string) *rod.Element {
	tb.t.Helper()
	el, err := tb.page.Timeout(elementWait).Element(selector)
	if err != nil {
		tb.t.Fatalf("element %s on %s: %v", selector, tb.url(), err)
	}
	return el.CancelTimeout()
}

// click clicks an element as a person would (scrolled into view, by mouse).
func (tb *tab) click(selector string) {
	tb.t.Helper()
	if err := tb.el(selector).Click(proto.InputMouseButtonLeft, 1); err != nil {
		tb.t.Fatalf("click %s: %v", selector, err)
	}
}

// fill replaces the value of a text or number input by typing.
func (tb *tab) fill(selector, value string) {
	tb.t.Helper()
	el := tb.el(selector)
	if err := el.SelectAllText(); err != nil {
		tb.t.Fatalf("select %s: %v", selector, err)
	}
	if err := el.Input(value); err != nil {
		tb.t.Fatalf("type into %s: %v", selector, err)
	}
}

// choose picks the option of a select whose text matches the regular expression.
func (tb *tab) choose(selector, optionText string) {
	tb.t.Helper()
	if err := tb.el(selector).Select([]string{optionText}, true, rod.SelectorTypeRegex); err != nil {
		tb.t.Fatalf("choose %q in %s: %v", optionText, selector, err)
	}
}

// text is the visible text of an element.
func (tb *tab) text(selector string) string {
	tb.t.Helper()
	s, err := tb.el(selector).Text()
	if err != nil {
		tb.t.Fatalf("text of %s: %v", selector, err)
	}
	return strings.TrimSpace(s)
}

// eval runs a JavaScript function on the page and returns its JSON value.
func (tb *tab) eval(js string, args ...any) *proto.RuntimeRemoteObject {
	tb.t.Helper()
	res, err := tb.page.Eval(js, args...)
	if err != nil {
		tb.t.Fatalf("eval %s: %v", js, err)
	}
	return res
}

// url is the address the tab shows.
func (tb *tab) url() string {
	info, err := tb.page.Info()
	if err != nil {
		return "?"
	}
	return info.URL
}

// expectText fails unless the element's text contains every want.
func (tb *tab) expectText(selector string, want ...string) {
	tb.t.Helper()
	got := tb.text(selector)
	for _, w := range want {
		if !strings.Contains(got, w) {
			tb.t.Fatalf("%s on %s: text %q lacks %q", selector, tb.url(), got, w)
		}
	}
}

// login signs in through the login form as one of the env's users.
func (tb *tab) login(who string) {
	tb.t.Helper()
	tb.visit("/login")
	tb.fill("#email", tb.s.users[who].Email)
	tb.fill("#password", testPassword)
	tb.shot("login-" + who)
	tb.submitAndWait(`form[action="/login"] button[type=submit]`)
	if strings.Contains(tb.url(), "/login") {
		tb.t.Fatalf("login as %s failed: still on %s", who, tb.url())
	}
}
