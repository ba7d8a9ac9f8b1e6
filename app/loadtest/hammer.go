package loadtest

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// load is one target's requests as concurrent clients send them.
type load struct {
	name    string
	clients int
	// send sends a client's n-th request and returns the answer's status.
	// n counts across the clients (client c sends c, c+clients, ...), so
	// that a target going round a list spreads over all of it.
	send func(ctx context.Context, n int) (int, error)
	// stale makes 409 answers stale conflicts, counted apart from errors.
	stale bool
}

// run has the clients send requests one after another until d has passed
// on the clock now, and summarises every request's latency. Requests in
// flight at the end are waited for and counted; an interrupted run (ctx
// done) stops at once and leaves the cut requests out.
func (l load) run(ctx context.Context, d time.Duration, now func() time.Time) Stats {
	start := now()
	tallies := make([]tally, l.clients)
	var wg sync.WaitGroup
	for c := range l.clients {
		wg.Go(func() { tallies[c] = l.client(ctx, c, start, d, now) })
	}
	wg.Wait()
	var all tally
	for _, t := range tallies {
		all.add(t)
	}
	return summarise(l.name, all, now().Sub(start))
}

// client is one client's loop: requests c, c+clients, ... until d after start.
func (l load) client(ctx context.Context, c int, start time.Time, d time.Duration, now func() time.Time) tally {
	var t tally
	for n := c; now().Sub(start) < d; n += l.clients {
		sent := now()
		status, err := l.send(ctx, n)
		if ctx.Err() != nil {
			break
		}
		t.latencies = append(t.latencies, now().Sub(sent))
		t.record(status, err, l.stale)
	}
	return t
}

// record counts an answer: fine in 2xx and 3xx, a stale conflict for a 409
// when stale conflicts are expected, else an error.
func (t *tally) record(status int, err error, stale bool) {
	switch {
	case err == nil && status >= 200 && status < 400:
		return
	case err == nil && stale && status == http.StatusConflict:
		t.stale++
		return
	}
	t.errors++
	if t.firstError != "" {
		return
	}
	if err != nil {
		t.firstError = err.Error()
	} else {
		t.firstError = fmt.Sprintf("%d %s", status, http.StatusText(status))
	}
}

// getLoad is the load of a read target on s.
func getLoad(s *session, t target, clients int) load {
	return load{name: t.name, clients: clients, send: func(ctx context.Context, n int) (int, error) {
		req, err := s.request(ctx, http.MethodGet, t.path(n), nil)
		if err != nil {
			return 0, err
		}
		return s.do(req)
	}}
}
