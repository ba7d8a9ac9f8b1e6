package loadtest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
)

// writeTarget names the write scenario's row in the table.
const writeTarget = "PATCH /api/v1/assignments/{id}"

// openAssignment is an assignment the write scenario may change.
type openAssignment struct {
	ID       uint `json:"id"`
	Progress int  `json:"progress"`
}

// openPages is how many pages of 500 open assignments of each status the
// write scenario spreads its changes over: at ~1,000 updates a second for a
// minute, each of 5,000 assignments gets ~12 updates (with 1,000 it got 60,
// and every answer, which carries the assignment's history, grew with them).
const openPages = 5

// openAssignments lists up to openPages pages of 500 assignments in
// progress and as many not started, the ones a small change always suits.
func openAssignments(ctx context.Context, s *session) ([]openAssignment, error) {
	var open []openAssignment
	for _, status := range []string{"in_progress", "not_started"} {
		for n := 1; n <= openPages; n++ {
			var page struct {
				Items []openAssignment `json:"items"`
			}
			url := fmt.Sprintf("/api/v1/assignments?per_page=500&page=%d&status=%s", n, status)
			if err := s.getJSON(ctx, url, &page); err != nil {
				return nil, err
			}
			open = append(open, page.Items...)
			if len(page.Items) < 500 {
				break
			}
		}
	}
	if len(open) == 0 {
		return nil, errors.New("no open assignment to change")
	}
	return open, nil
}

// writeLoad is the write scenario: each request changes a random open
// assignment a little, the owner's name or, every other time, its progress
// a few points up (at most 99, so that nothing is reported done). Two
// writers meeting on one row may make the later one stale (409).
func writeLoad(s *session, open []openAssignment, writers int) load {
	return load{name: writeTarget, clients: writers, stale: true, send: func(ctx context.Context, n int) (int, error) {
		a := open[rand.IntN(len(open))]
		change := map[string]any{"owner_name": fmt.Sprintf("Cán bộ phụ trách %d", n)}
		if n%2 == 1 {
			change = map[string]any{"progress": min(99, a.Progress+1+n%5)}
		}
		body, err := json.Marshal(change)
		if err != nil {
			return 0, err
		}
		req, err := s.request(ctx, http.MethodPatch, fmt.Sprintf("/api/v1/assignments/%d", a.ID), body)
		if err != nil {
			return 0, err
		}
		return s.do(req)
	}}
}
