package handlers_test

import (
	"testing"

	"roviec/models"
)

// TestBrowserPhoneFormErrors: at 375 px a focal point submits with a date
// typed 25.02.2023 and no evidence: the page comes back with the message in
// view, the focus on the evidence field and no sideways scroll; filling it
// in saves, the date read as 25/02/2023.
func TestBrowserPhoneFormErrors(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	a := s.pageAssignment("BTTTT")
	phone := s.open(t, "phone-form", 375, 812)
	phone.login("focal")
	path := "/assignments/" + itoa(a.ID)
	phone.visit(path)
	phone.choose("#status", "Đã báo cáo")
	phone.fill("#evidence_date", "25.02.2023")
	phone.submitAndWait(`form[action="` + path + `"] button[type=submit]`)
	focus := phone.eval(`() => { const el = document.activeElement, r = el.getBoundingClientRect();
		const err = document.getElementById(el.id + '-error');
		return {id: el.id, inView: r.top >= 0 && r.bottom <= innerHeight,
			msg: err ? err.textContent : '', summary: document.querySelectorAll('.error-summary a').length} }`).Value
	if focus.Get("id").Str() != "evidence_ref" || !focus.Get("inView").Bool() || focus.Get("msg").Str() == "" || focus.Get("summary").Int() != 1 {
		t.Errorf("after the refused save: %v; want the focus on evidence_ref, in view, its message beside it and one summary link", focus)
	}
	phone.expectFits("form-error")
	phone.shot("form-error")
	if v := phone.eval(`() => document.getElementById('evidence_date').value`).Value.Str(); v != "25.02.2023" {
		t.Errorf("the typed date was not kept: %q", v)
	}
	phone.fill("#evidence_ref", "Kế hoạch 12/KH-BTTTT")
	phone.submitAndWait(`form[action="` + path + `"] button[type=submit]`)
	got := s.assignment(a.ID)
	if got.Status != models.StatusSubmitted || got.EvidenceDate != "2023-02-25" {
		t.Fatalf("saved %s with evidence date %q", got.Status, got.EvidenceDate)
	}
	phone.expectText("main", "25/02/2023")
}
