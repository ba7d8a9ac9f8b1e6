package handlers_test

import (
	"testing"
)

// TestBrowserPhoneMergeAgencies merges Hà Giang into Tuyên Quang on a
// phone (375 px): the choice, the preview and the result fit the screen with
// every control labelled, and the successor's type-ahead suggests it.
func TestBrowserPhoneMergeAgencies(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	phone := s.open(t, "phone-merge", 375, 812)
	phone.login("admin")
	phone.visit("/agencies")
	phone.submitAndWait(`a[href="/admin/agencies/merge"]`)
	phone.expectFits("merge-choose")
	phone.click(`input[name=from][value="02"]`)
	phone.fill("#into", "tuyen")
	phone.el(`#agency-options option[value="08"]`) // the type-ahead's suggestion
	phone.fill("#into", "08")
	phone.submitAndWait(`button[value=preview]`)
	phone.expectText("main", "Hà Giang (02)", "Tuyên Quang (08)", "Xác nhận sáp nhập")
	phone.expectFits("merge-confirm")
	phone.submitAndWait(`button.danger`)
	phone.expectText("main", "Đã sáp nhập.")
	phone.expectFits("merge-done")
}
