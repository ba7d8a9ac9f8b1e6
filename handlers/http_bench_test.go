package handlers_test

import (
	"fmt"
	"net/http"
	"testing"
)

// Benchmarks of whole requests through the real router on the demo data
// (93 agencies, 1317 assignments, 3,633 history rows), as a user would send
// them. Results are recorded in BENCHMARKS.md.

func benchRequest(b *testing.B, send func() int) {
	b.Helper()
	b.ReportAllocs()
	for b.Loop() {
		if code := send(); code != http.StatusOK {
			b.Fatalf("status %d", code)
		}
	}
}

// BenchmarkAPIAssignments500 is the largest API page of assignments, as JSON.
func BenchmarkAPIAssignments500(b *testing.B) {
	e := newEnv(b)
	e.demoPlanDirective()
	token := e.token("viewer")
	benchRequest(b, func() int { return e.do("GET", "/api/v1/assignments?per_page=500", token, nil).Code })
}

// BenchmarkAPIScoreboardAsOf is a directive's scoreboard as of 25/02/2023.
func BenchmarkAPIScoreboardAsOf(b *testing.B) {
	e := newEnv(b)
	id := e.demoPlanDirective()
	token := e.token("viewer")
	path := fmt.Sprintf("/api/v1/directives/%d/scoreboard?as_of=2023-02-25", id)
	benchRequest(b, func() int { return e.do("GET", path, token, nil).Code })
}

// BenchmarkPageThemeBoard renders the busiest theme board (Q1, 280 assignments) for a logged-in user.
func BenchmarkPageThemeBoard(b *testing.B) {
	e := newEnv(b)
	e.demoPlanDirective()
	br := newBrowser(e)
	br.login("viewer")
	path := fmt.Sprintf("/themes/%d", e.themeID(1))
	benchRequest(b, func() int { return br.get(path).Code })
}

// BenchmarkPageYearOverview renders the year overview with its chart.
func BenchmarkPageYearOverview(b *testing.B) {
	e := newEnv(b)
	e.demoPlanDirective()
	br := newBrowser(e)
	br.login("viewer")
	benchRequest(b, func() int { return br.get("/plans/1").Code })
}
