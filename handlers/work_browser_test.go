package handlers_test

import (
	"strings"
	"testing"

	"roviec/models"
)

// TestBrowserWorkAndReview at 375 px: a focal point logs in and lands on
// their work, the returned submission first with the committee's reason
// above it; a coordinator logs in, lands on the review queue, ticks two
// submissions and accepts them in one action.
func TestBrowserWorkAndReview(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	focal, coord := s.token("focal"), s.token("coordinator")
	returned := s.submitted(t, focal, "BTTTT")
	expectStatus(t, s.patchAssignment(coord, returned, map[string]any{"status": "in_progress",
		"note": "Thiếu quyết định ban hành kèm theo"}), 200)
	first, second := s.submitted(t, focal, "BTTTT"), s.submitted(t, focal, "BTTTT")

	phone := s.open(t, "work", 375, 812)
	phone.login("focal")
	if !strings.HasSuffix(phone.url(), "/work") {
		t.Fatalf("the focal point lands on %s", phone.url())
	}
	if id := phone.eval(`() => document.querySelector('.work-group h2').id`).Value.Str(); id != "work-returned" {
		t.Errorf("the first group is %q, want the returned work", id)
	}
	card := phone.text(".work-list .card")
	if !strings.HasPrefix(card, "Lý do trả lại: Thiếu quyết định ban hành kèm theo") {
		t.Errorf("the first card does not start with the reason: %q", card)
	}
	if href := phone.eval(`() => document.querySelector('.work-list .card .work-action a').getAttribute('href')`).Value.Str(); href != "/assignments/"+itoa(returned)+"#update" {
		t.Errorf("the returned work's action leads to %q", href)
	}
	phone.expectFits("focal-work")

	// From the list to a saved submission in three taps: the card's one
	// action, the status, the save button (typing the evidence is no tap).
	phone.submitAndWait(".work-list .card .work-action a")
	phone.choose("#status", "^Đã báo cáo hoàn thành$")
	phone.fill("#evidence_ref", "12/QĐ-BTTTT")
	phone.fill("#evidence_date", "24.02.2023")
	phone.submitAndWait("section[aria-labelledby=update] form.stack button[type=submit]")
	if got := s.assignment(returned); got.Status != models.StatusSubmitted || got.EvidenceRef != "12/QĐ-BTTTT" {
		t.Errorf("after three taps the returned work is %s with evidence %q", got.Status, got.EvidenceRef)
	}
	phone.expectFits("focal-submitted")

	desk := s.open(t, "review", 375, 812)
	desk.login("coordinator")
	if !strings.HasSuffix(desk.url(), "/review") {
		t.Fatalf("the coordinator lands on %s", desk.url())
	}
	if n := desk.text("#count-review"); n != "3" { // the two, and the returned work submitted again
		t.Errorf("the menu counts %s awaiting review", n)
	}
	desk.click("#review-" + itoa(first) + " .review-select input")
	desk.click("#review-" + itoa(second) + " .review-select input")
	desk.expectFits("review-queue-selected")
	desk.submitAndWait("#bulk-accept")
	if got := desk.text(".flash p"); !strings.Contains(got, "Đã xử lý 2 nhiệm vụ") {
		t.Errorf("after accepting: %q", got)
	}
	if s.assignment(first).Status != models.StatusDone || s.assignment(second).Status != models.StatusDone {
		t.Error("the two submissions are not accepted")
	}
	desk.expectFits("review-queue-accepted")
}
