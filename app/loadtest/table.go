package loadtest

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// WriteTable writes a load run as a Markdown table, one row per target in
// the order they ran, then the write rate when the write scenario ran.
func WriteTable(w io.Writer, r *Report) error {
	var b strings.Builder
	b.WriteString("| target | requests | req/s | p50 | p95 | p99 | max | errors |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, s := range r.all() {
		fmt.Fprintf(&b, "| `%s` | %d | %.1f | %s | %s | %s | %s | %d |\n", s.Target, s.Requests, s.PerSecond(),
			millis(s.P50), millis(s.P95), millis(s.P99), millis(s.Max), s.Errors)
	}
	if r.Write != nil {
		fmt.Fprintf(&b, "\nwrites: %.1f updates/s (%d in %s by %d clients), %d stale conflicts (409), %d errors\n",
			perSecond(r.Write.Succeeded(), r.Write.Elapsed), r.Write.Succeeded(), seconds(r.Write.Elapsed),
			r.Writers, r.Write.Stale, r.Write.Errors)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// millis is a latency in milliseconds with one decimal.
func millis(d time.Duration) string {
	return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
}

// seconds is a duration in seconds with one decimal.
func seconds(d time.Duration) string {
	return fmt.Sprintf("%.1f s", d.Seconds())
}
