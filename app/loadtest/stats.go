package loadtest

import (
	"slices"
	"time"
)

// Stats is what one target measured: every request's latency, summarised
// exactly (nearest rank on the sorted latencies, no sampling or buckets).
type Stats struct {
	Target   string        // the URL with its ids as placeholders
	Requests int           // requests sent, answered or failed
	Errors   int           // failed requests and answers outside 2xx and 3xx
	Stale    int           // 409 answers of the write scenario: two writers changed the same row; not in Errors
	Elapsed  time.Duration // from the first request sent to the last answer read
	P50      time.Duration
	P95      time.Duration
	P99      time.Duration
	Max      time.Duration
	// FirstError says what went wrong first ("404 Not Found", a network
	// error), so that a broken target is easy to find; empty without errors.
	FirstError string
}

// PerSecond is the rate of requests over the target's run.
func (s Stats) PerSecond() float64 { return perSecond(s.Requests, s.Elapsed) }

// Succeeded is the number of requests that neither failed nor met a stale conflict.
func (s Stats) Succeeded() int { return s.Requests - s.Errors - s.Stale }

// perSecond is n events over d, 0 for an empty interval.
func perSecond(n int, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}

// tally is what one client counted while it ran a target.
type tally struct {
	latencies  []time.Duration
	errors     int
	stale      int
	firstError string
}

// add merges another client's tally into t.
func (t *tally) add(o tally) {
	t.latencies = append(t.latencies, o.latencies...)
	t.errors += o.errors
	t.stale += o.stale
	if t.firstError == "" {
		t.firstError = o.firstError
	}
}

// summarise turns the merged tally of a target into its Stats.
func summarise(target string, t tally, elapsed time.Duration) Stats {
	sorted := slices.Clone(t.latencies)
	slices.Sort(sorted)
	s := Stats{Target: target, Requests: len(sorted), Errors: t.errors, Stale: t.stale, Elapsed: elapsed,
		P50: percentile(sorted, 50), P95: percentile(sorted, 95), P99: percentile(sorted, 99), FirstError: t.firstError}
	if len(sorted) > 0 {
		s.Max = sorted[len(sorted)-1]
	}
	return s
}

// percentile is the nearest-rank p-th percentile (0 < p <= 100) of sorted:
// the smallest latency that at least p% of the requests did not exceed. It
// is 0 for no requests.
func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := (p*len(sorted) + 99) / 100 // ceil(p/100 * n), in integers
	return sorted[max(rank, 1)-1]
}
