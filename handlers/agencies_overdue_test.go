package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"roviec/models"
)

// TestAgenciesOverdueOnly: ?overdue=1 lists only the agencies with open
// overdue work today, in any plan, each with its count, exact against a
// recount of the assignments; the page keeps the filter in its form and
// shows the counts; a value other than 0 or 1 is a 422 in the API.
func TestAgenciesOverdueOnly(t *testing.T) {
	e := newEnv(t)
	e.assignmentFor("BCA", "2023-02-01") // overdue in the built-in plan
	e.assignmentFor("01", "2023-12-31")  // not due yet
	var all []models.Assignment
	if err := e.store.DB().Preload("Agency").Find(&all).Error; err != nil {
		t.Fatal(err)
	}
	recount := map[string]int{}
	for i := range all {
		if models.ClassifyTimeliness(&all[i], e.clock.Now(), e.store.Location()).Class == models.OpenOverdue {
			recount[all[i].Agency.Code]++
		}
	}
	if recount["BCA"] == 0 {
		t.Fatal("the test world has no overdue work for BCA")
	}
	var out struct {
		Items []struct {
			Code    string `json:"code"`
			Kind    string `json:"kind"`
			Overdue *int   `json:"overdue"`
		} `json:"items"`
		Total int `json:"total"`
	}
	token := e.token("viewer")
	rec := e.do("GET", "/api/v1/agencies?overdue=1", token, nil)
	expectStatus(t, rec, http.StatusOK)
	decode(t, rec, &out)
	if out.Total != len(recount) || len(out.Items) != len(recount) {
		t.Fatalf("%d agencies listed as overdue, a recount finds %d", out.Total, len(recount))
	}
	for _, it := range out.Items {
		if it.Overdue == nil || *it.Overdue != recount[it.Code] {
			t.Errorf("%s: overdue %v, a recount finds %d", it.Code, it.Overdue, recount[it.Code])
		}
	}
	rec = e.do("GET", "/api/v1/agencies", token, nil)
	if strings.Contains(rec.Body.String(), `"overdue"`) {
		t.Error("the counts are given without ?overdue=1")
	}
	expectStatus(t, e.do("GET", "/api/v1/agencies?overdue=yes", token, nil), http.StatusUnprocessableEntity)

	b := newBrowser(e)
	b.login("viewer")
	page := b.get("/agencies?overdue=1&kind=ministry")
	expectStatus(t, page, http.StatusOK)
	expectPage(t, page, `name="overdue" value="1" checked`, `<a href="/agencies/BCA" class="overdue-count">`+itoa(uint(recount["BCA"]))+`</a>`)
	body := page.Body.String()
	if n := strings.Count(body, `class="overdue-count"`); n != countKind(t, e, recount, models.KindMinistry) {
		t.Errorf("%d ministries listed as overdue", n)
	}
	if strings.Contains(body, `href="/agencies/01"`) {
		t.Error("a province is listed under ministries, or an agency with nothing overdue")
	}
}

// countKind is how many agencies of a kind the recount finds overdue.
func countKind(t *testing.T, e *env, recount map[string]int, kind models.AgencyKind) int {
	t.Helper()
	n := 0
	for code := range recount {
		ag, err := e.store.AgencyByCode(t.Context(), code)
		if err != nil {
			t.Fatal(err)
		}
		if ag.Kind == kind {
			n++
		}
	}
	return n
}
