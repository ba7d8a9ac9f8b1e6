package handlers_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"roviec/models"
)

// TestPageFormAllErrorsAtOnce: a submit with several faults shows every
// message at once, a summary at the top linking to each field in the form's
// order, the focus (autofocus) on the first, and the input kept.
func TestPageFormAllErrorsAtOnce(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	b.login("focal")
	a := e.pageAssignment("BTTTT")
	path := "/assignments/" + itoa(a.ID)
	form := updateForm(models.StatusSubmitted, "100", "", "")
	form.Set("evidence_date", "32/13/2023") // a bad date and no evidence: two messages, not one then the other
	rec := b.submit(path, path, form)
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	body := rec.Body.String()
	summary := regexp.MustCompile(`(?s)<div class="alert error-summary" role="alert">.*?</div>`).FindString(body)
	links := regexp.MustCompile(`<a href="#([a-z_]+)">`).FindAllStringSubmatch(summary, -1)
	if len(links) != 2 || links[0][1] != "evidence_date" || links[1][1] != "evidence_ref" {
		t.Fatalf("summary links %v in %q", links, summary)
	}
	if n := strings.Count(body, " autofocus"); n != 1 || !regexp.MustCompile(`id="evidence_date"[^>]*autofocus`).MatchString(body) {
		t.Errorf("%d autofocus, want one on evidence_date", n)
	}
	expectPage(t, rec, `value="32/13/2023"`, `id="evidence_ref-error"`, `id="evidence_date-error"`)
	if got := e.assignment(a.ID); got.Status != a.Status {
		t.Fatalf("a refused submit changed the assignment: %+v", got)
	}
}

// TestPageFormDatesAndLinks: dates typed as on a phone are accepted, a link
// without a scheme gets https://.
func TestPageFormDatesAndLinks(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	b.login("focal")
	a := e.pageAssignment("BTTTT")
	path := "/assignments/" + itoa(a.ID)
	form := updateForm(models.StatusSubmitted, "100", "", "")
	form.Set("evidence_ref", "Kế hoạch 12/KH-BTTTT")
	form.Set("evidence_date", "20.02.2023")
	form.Set("evidence_url", "mic.gov.vn/kh-12")
	expectStatus(t, b.submit(path, path, form), http.StatusSeeOther)
	got := e.assignment(a.ID)
	if got.EvidenceDate != "2023-02-20" || got.EvidenceURL != "https://mic.gov.vn/kh-12" || got.Status != models.StatusSubmitted {
		t.Fatalf("saved %q %q %s", got.EvidenceDate, got.EvidenceURL, got.Status)
	}
}

// TestPageDirectivePastDeadlineAsksConfirmation: a deadline already past is
// refused with a confirmation box, and accepted once the box is ticked; the
// API takes what it is sent.
func TestPageDirectivePastDeadlineAsksConfirmation(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	b.login("coordinator")
	themes := e.themes(e.plans()[0].ID)
	form := url.Values{"title": {"Báo cáo nhanh kết quả tháng 1"}, "deliverable": {"Báo cáo"},
		"theme_id": {fmt.Sprint(themes[0].ID)}, "due_date": {"20-02-2023"}, "scope": {"ministries"}}
	rec := b.submit("/directives/new", "/directives", form)
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectPage(t, rec, "Hạn hoàn thành này đã qua", `name="confirm_past"`, `value="20-02-2023"`)
	form.Set("confirm_past", "1")
	rec = b.submit("/directives/new", "/directives", form)
	expectStatus(t, rec, http.StatusSeeOther)
}

// TestExtensionAllErrorsAtOnce: no reason and a date before the deadline are
// told together.
func TestExtensionAllErrorsAtOnce(t *testing.T) {
	e := newEnv(t)
	a := e.pageAssignment("BTTTT")
	rec := e.do("POST", "/api/v1/assignments/"+itoa(a.ID)+"/extensions", e.token("focal"), map[string]string{"new_due": "01/01/2023", "reason": ""})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	var out struct{ Fields map[string]string }
	decode(t, rec, &out)
	if out.Fields["reason"] == "" || out.Fields["new_due"] == "" {
		t.Fatalf("fields %v, want reason and new_due", out.Fields)
	}
}
