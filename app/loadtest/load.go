// Package loadtest measures a running Rõ Việc server under load: `roviec
// load` sends concurrent requests to the pages and API reads a committee
// waits for (and, in the write scenario, to assignment updates) and reports
// every target's latency percentiles; `roviec scale` builds databases of
// growing size with `roviec gen`, serves each from a child process and loads
// it, and reports how latency, memory, start-up and a reminder pass grow.
// It uses only the standard library, and talks to the server over HTTP as
// its users do.
package loadtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"time"
)

// Scenario says what a load run sends.
type Scenario string

// The scenarios: reads (pages and API), assignment updates, or both.
const (
	ScenarioRead  Scenario = "read"
	ScenarioWrite Scenario = "write"
	ScenarioAll   Scenario = "all"
)

// Options configure a load run.
type Options struct {
	URL      string // the server, e.g. http://127.0.0.1:8080
	Email    string // a coordinator or admin, so that no update is refused
	Password string
	Clients  int           // concurrent clients on each read target
	Writers  int           // concurrent clients of the write scenario
	Duration time.Duration // how long each target runs
	Scenario Scenario
	Now      func() time.Time // the clock latencies are measured on
	Progress io.Writer        // a line per finished target; nil for none
}

// validate says which option is wrong.
func (o Options) validate() error {
	u, err := url.Parse(o.URL)
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		return fmt.Errorf("--url: %q is not a server address like http://127.0.0.1:8080", o.URL)
	case o.Email == "" || o.Password == "":
		return errors.New("--email and --password are required")
	case o.Clients < 1 || o.Writers < 1:
		return errors.New("--clients and --writers must be at least 1")
	case o.Duration <= 0:
		return errors.New("--duration must be positive")
	case o.Scenario != ScenarioRead && o.Scenario != ScenarioWrite && o.Scenario != ScenarioAll:
		return fmt.Errorf("--scenario: %q is not read, write or all", o.Scenario)
	}
	return nil
}

// Report is what a load run measured.
type Report struct {
	Reads   []Stats // one per read target, in the order they ran
	Write   *Stats  // the write scenario, nil when it did not run
	Writers int     // the write scenario's concurrent clients
}

// all is every target's Stats in the order they ran.
func (r *Report) all() []Stats {
	if r.Write == nil {
		return r.Reads
	}
	return append(r.Reads[:len(r.Reads):len(r.Reads)], *r.Write)
}

// Run logs in, finds the ids the targets need and runs the scenario: each
// target in turn, all clients on it for the duration. An interrupted run
// (ctx done) returns what it measured so far with ctx's error.
func Run(ctx context.Context, o Options) (*Report, error) {
	if err := o.validate(); err != nil {
		return nil, err
	}
	client, err := newClient(max(o.Clients, o.Writers))
	if err != nil {
		return nil, err
	}
	s, err := login(ctx, client, o.URL, o.Email, o.Password)
	if err != nil {
		return nil, err
	}
	w, err := discover(ctx, s)
	if err != nil {
		return nil, fmt.Errorf("find a plan, theme, directive and agencies: %w", err)
	}
	r := &Report{Writers: o.Writers}
	if o.Scenario != ScenarioWrite {
		for _, t := range readTargets(w) {
			st := getLoad(s, t, o.Clients).run(ctx, o.Duration, o.Now)
			if err := ctx.Err(); err != nil {
				return r, err
			}
			r.Reads = append(r.Reads, st)
			o.progress(st)
		}
	}
	if o.Scenario != ScenarioRead {
		open, err := openAssignments(ctx, s)
		if err != nil {
			return r, fmt.Errorf("write scenario: %w", err)
		}
		st := writeLoad(s, open, o.Writers).run(ctx, o.Duration, o.Now)
		r.Write = &st
		o.progress(st)
	}
	return r, ctx.Err()
}

// progress reports a finished target, when someone is listening.
func (o Options) progress(s Stats) {
	if o.Progress == nil {
		return
	}
	line := fmt.Sprintf("%s: %d requests, p95 %s, %d errors", s.Target, s.Requests, millis(s.P95), s.Errors)
	if s.FirstError != "" {
		line += " (first: " + s.FirstError + ")"
	}
	_, _ = fmt.Fprintln(o.Progress, line) // a lost progress line loses nothing the table does not print
}
