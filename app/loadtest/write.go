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

// openAssignments lists up to 500 assignments in progress and 500 not
// started, the ones a small change always suits.
func openAssignments(ctx context.Context, s *session) ([]openAssignment, error) {
	var open []openAssignment
	for _, status := range []string{"in_progress", "not_started"} {
		var page struct {
			Items []openAssignment `json:"items"`
		}
		if err := s.getJSON(ctx, "/api/v1/assignments?per_page=500&status="+status, &page); err != nil {
			return nil, err
		}
		open = append(open, page.Items...)
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
