package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"roviec/app/loadtest"
)

// runLoad loads a running server with concurrent clients and prints a
// Markdown table of every target's latencies. The default scenario only
// reads: the write scenario changes assignments, so it is asked for.
func runLoad(args []string, now func() time.Time, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o := loadtest.Options{Now: now, Progress: stderr, Scenario: loadtest.ScenarioRead}
	fs.StringVar(&o.URL, "url", "http://127.0.0.1:8080", "the server")
	fs.StringVar(&o.Email, "email", "", "a coordinator's or admin's e-mail")
	fs.StringVar(&o.Password, "password", "", "their password")
	fs.IntVar(&o.Clients, "clients", 8, "concurrent clients on each read target")
	fs.IntVar(&o.Writers, "writers", 16, "concurrent clients of the write scenario")
	fs.DurationVar(&o.Duration, "duration", 20*time.Second, "how long each target runs")
	fs.Func("scenario", "read, write (changes assignments) or all (default read)", func(v string) error {
		o.Scenario = loadtest.Scenario(v)
		return nil
	})
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	r, err := loadtest.Run(ctx, o)
	if r == nil {
		return interrupted(err)
	}
	return errors.Join(interrupted(err), loadtest.WriteTable(stdout, r))
}

// runScale generates databases of growing size with `roviec gen` (this same
// binary), serves and loads each from a child process, and prints a table
// per size and a summary of how each measure grows.
func runScale(args []string, now func() time.Time, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("scale", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o := loadtest.ScaleOptions{Now: now, Out: stdout, Log: stderr}
	sizes := "10000,100000,1000000"
	fs.StringVar(&sizes, "sizes", sizes, "nominal database sizes, comma-separated (see app/loadtest/sizes.go)")
	fs.StringVar(&o.Dir, "dir", filepath.Join(os.TempDir(), "roviec-scale"), "where the databases and server logs go")
	fs.IntVar(&o.Clients, "clients", 8, "concurrent clients on each read target")
	fs.IntVar(&o.Writers, "writers", 16, "concurrent clients of the write scenario")
	fs.DurationVar(&o.Duration, "duration", 15*time.Second, "how long each target runs")
	fs.BoolVar(&o.Keep, "keep", false, "keep each database after its run")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var err error
	if o.Sizes, err = loadtest.ParseSizes(sizes); err != nil {
		return fmt.Errorf("--sizes: %w", err)
	}
	if o.Exe, err = os.Executable(); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	return interrupted(loadtest.Scale(ctx, o))
}

// interrupted names the error of a run stopped by SIGINT or SIGTERM.
func interrupted(err error) error {
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("interrupted (%w)", err)
	}
	return err
}
