package loadtest

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Time limits of the children of a scale run.
const (
	genTimeout    = 3 * time.Hour
	remindTimeout = time.Hour
)

// genAdmin is the administrator `roviec gen` creates, with the password it is given.
const genAdmin = "admin@gen.roviec.vn"

// ScaleOptions configure a scale benchmark.
type ScaleOptions struct {
	Exe      string        // the roviec binary, run as `gen`, `serve` and `remind`
	Sizes    []int         // nominal sizes, each one of generatorSizes
	Dir      string        // where the databases and the servers' logs go
	Clients  int           // concurrent clients on each read target
	Writers  int           // concurrent clients of the write scenario
	Duration time.Duration // how long each target runs
	Keep     bool          // keep each database after its run
	Now      func() time.Time
	Out      io.Writer // the tables
	Log      io.Writer // progress and the children's output
}

// sizeRun is what a scale run measured at one size.
type sizeRun struct {
	gen          generatorSize
	survey       survey
	dbBytes      int64
	genTime      time.Duration
	startup      time.Duration
	serveRSS     int64 // kB, the peak of the samples
	load         *Report
	remindTime   time.Duration
	remindRSS    int64  // kB, from rusage
	remindResult string // what `roviec remind` printed
}

// Scale builds a database of each size with `roviec gen`, serves it from a
// child process, loads it with every scenario, stops it, runs one reminder
// pass on it, and prints a table per size as soon as it is measured, then a
// summary of how each measure grows with size.
func Scale(ctx context.Context, o ScaleOptions) error {
	if o.Exe == "" || len(o.Sizes) == 0 {
		return errors.New("scale needs the roviec binary and at least one size")
	}
	if err := os.MkdirAll(o.Dir, 0o755); err != nil {
		return err
	}
	var runs []sizeRun
	for _, size := range o.Sizes {
		g, err := sizeFor(size)
		if err != nil {
			return err
		}
		r, err := o.runSize(ctx, g)
		if err != nil {
			return fmt.Errorf("size %d: %w", size, err)
		}
		if err := writeSizeTables(o.Out, r); err != nil {
			return err
		}
		runs = append(runs, r)
	}
	return writeSummary(o.Out, runs)
}

// runSize measures one size, from generation to the reminder pass.
func (o ScaleOptions) runSize(ctx context.Context, g generatorSize) (r sizeRun, err error) {
	r.gen = g
	db := filepath.Join(o.Dir, fmt.Sprintf("roviec-%d.db", g.Size))
	if err := removeDatabase(db); err != nil {
		return r, err
	}
	if !o.Keep {
		defer func() { err = errors.Join(err, removeDatabase(db)) }()
	}
	password := rand.Text()
	if r.genTime, err = o.generate(ctx, g, db, password); err != nil {
		return r, err
	}
	if r.dbBytes, err = databaseBytes(db); err != nil {
		return r, err
	}
	o.logf("size %d: starting the server", g.Size)
	srv, startup, err := startServer(ctx, o.Exe, db, db+".serve.log", o.Now)
	if err != nil {
		return r, err
	}
	r.startup = startup
	loadErr := o.loadServer(ctx, srv.url, password, &r)
	rss, stopErr := srv.stop()
	r.serveRSS = rss
	if err := errors.Join(loadErr, stopErr); err != nil {
		return r, err
	}
	return r, o.remind(ctx, db, &r)
}

// generate runs `roviec gen` for g into db and returns how long it took.
func (o ScaleOptions) generate(ctx context.Context, g generatorSize, db, password string) (time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, genTimeout)
	defer cancel()
	args := []string{"gen", "--agencies", strconv.Itoa(g.Agencies), "--directives", strconv.Itoa(g.Directives),
		"--db", db, "--seed", "1", "--password", password}
	o.logf("size %d: roviec %s", g.Size, strings.Join(args[:len(args)-2], " "))
	cmd := command(ctx, o.Exe, childEnv(db), args...)
	cmd.Stdout, cmd.Stderr = o.Log, o.Log
	start := o.Now()
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("roviec gen: %w", err)
	}
	return o.Now().Sub(start), nil
}

// loadServer surveys the server at url and runs every load scenario on it.
func (o ScaleOptions) loadServer(ctx context.Context, url, password string, r *sizeRun) error {
	client, err := newClient(1)
	if err != nil {
		return err
	}
	s, err := login(ctx, client, url, genAdmin, password)
	if err != nil {
		return err
	}
	if r.survey, err = surveyServer(ctx, s); err != nil {
		return err
	}
	o.logf("size %d: %d assignments; loading %s per target", r.gen.Size, r.survey.Assignments, o.Duration)
	r.load, err = Run(ctx, Options{URL: url, Email: genAdmin, Password: password, Clients: o.Clients,
		Writers: o.Writers, Duration: o.Duration, Scenario: ScenarioAll, Now: o.Now, Progress: o.Log})
	return err
}

// remind runs one real reminder pass on db at the survey's moment, timing it
// and reading its peak memory.
func (o ScaleOptions) remind(ctx context.Context, db string, r *sizeRun) error {
	ctx, cancel := context.WithTimeout(ctx, remindTimeout)
	defer cancel()
	at := r.survey.RemindAt.Format(time.RFC3339)
	o.logf("size %d: roviec remind --at %s", r.gen.Size, at)
	var out bytes.Buffer
	cmd := command(ctx, o.Exe, childEnv(db), "remind", "--at", at)
	cmd.Stdout, cmd.Stderr = &out, o.Log
	start := o.Now()
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("roviec remind --at %s: %w", at, err)
	}
	r.remindTime, r.remindRSS = o.Now().Sub(start), maxRSSKB(cmd.ProcessState)
	r.remindResult = strings.TrimSpace(out.String())
	return nil
}

// logf writes a progress line.
func (o ScaleOptions) logf(format string, args ...any) {
	_, _ = fmt.Fprintf(o.Log, format+"\n", args...) // progress only: the tables say what matters
}

// databaseFiles are the SQLite database db and its write-ahead log files.
func databaseFiles(db string) []string { return []string{db, db + "-wal", db + "-shm"} }

// databaseBytes is the size on disk of the database db.
func databaseBytes(db string) (int64, error) {
	var n int64
	for _, f := range databaseFiles(db) {
		fi, err := os.Stat(f)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return 0, err
		}
		n += fi.Size()
	}
	return n, nil
}

// removeDatabase deletes the database db, if it is there.
func removeDatabase(db string) error {
	var errs []error
	for _, f := range databaseFiles(db) {
		if err := os.Remove(f); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
