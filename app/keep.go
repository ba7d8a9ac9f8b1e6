package app

import (
	"context"
	"flag"
	"fmt"
	"io"
	"sync"
	"time"

	"gorm.io/gorm"

	"roviec/models"
	"roviec/models/store"
)

// keepLock is the PostgreSQL advisory lock (with the hash of the current
// schema) held by the one instance that keeps past days' figures, so that
// instances sharing a database do not sweep the same history side by side.
const keepLock = 7_042_025

// keepThisYear keeps the figures of every day of yesterday's year that is
// over and not kept yet (store.KeepDays), on PostgreSQL unless another
// instance is doing it. Normally only yesterday is missing; after history
// was imported, or kept figures were dropped because what groups them
// changed, the whole year is swept once.
func (a *App) keepThisYear(ctx context.Context) {
	yesterday := models.DayOf(a.Now(), a.Cfg.Location).AddDays(-1)
	first := models.DayFromDate(yesterday.Time().Year(), time.January, 1)
	started := time.Now()
	var n int
	err := unlessBusy(a.DB, func() (err error) {
		n, err = a.Store.KeepDays(ctx, first, yesterday, a.Now())
		return err
	})
	if err != nil {
		a.Log.Error("keeping past days' figures failed", "err", err)
	} else if n > 0 {
		a.Log.Info("kept past days' figures", "figure_days", n, "took", time.Since(started).Round(time.Millisecond))
	}
}

// keepInBackground runs keepThisYear once, beside the server starting up;
// the returned function stops it and waits for it.
func (a *App) keepInBackground(ctx context.Context) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		a.keepThisYear(ctx)
	}()
	return func() {
		cancel()
		wg.Wait()
	}
}

// unlessBusy runs fn unless another instance holds the keep lock on
// PostgreSQL (then it does nothing: that instance keeps the same days). On
// SQLite (one machine) it just runs fn.
func unlessBusy(db *gorm.DB, fn func() error) error {
	if db.Dialector.Name() != "postgres" {
		return fn()
	}
	return db.Connection(func(conn *gorm.DB) error {
		var got bool
		if err := conn.Raw("SELECT pg_try_advisory_lock(?, hashtext(current_schema()))", keepLock).Scan(&got).Error; err != nil || !got {
			return err
		}
		defer conn.Exec("SELECT pg_advisory_unlock(?, hashtext(current_schema()))", keepLock)
		return fn()
	})
}

// runKeep keeps the figures of the past days --from..--to (default every
// day of every plan's year up to yesterday) that are not kept yet: for a
// database whose history did not go through the morning schedule (imported,
// generated, or a server that was down).
func runKeep(cfg Config, args []string, now func() time.Time, stdout, stderr io.Writer) (err error) {
	fs := flag.NewFlagSet("keep", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.Database, "db", cfg.Database, "SQLite database file or postgres:// URL (ROVIEC_DATABASE)")
	fromFlag := fs.String("from", "", "first day, dd/mm/yyyy (default: the first day of the first plan's year)")
	toFlag := fs.String("to", "", "last day, dd/mm/yyyy (default and at most: yesterday)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	from, err := models.ParseDay(*fromFlag)
	if err != nil {
		return fmt.Errorf("--from: %w", err)
	}
	to, err := models.ParseDay(*toFlag)
	if err != nil {
		return fmt.Errorf("--to: %w", err)
	}
	if to.IsZero() {
		to = models.DayOf(now(), cfg.Location)
	}
	db, err := OpenDatabase(cfg.Database, now)
	if err != nil {
		return err
	}
	defer closeAfter(databaseCloser{db}, &err)
	return keepDays(store.NewStore(db, cfg.Location), from, to, now(), &report{w: stdout})
}

// keepDays keeps from..to as of now and says how long it took.
func keepDays(s *store.Store, from, to models.Day, now time.Time, out *report) error {
	started := time.Now()
	n, err := s.KeepDays(context.Background(), from, to, now)
	out.printf("kept the figures of %d days (of a plan, or of all plans) in %s\n", n, time.Since(started).Round(100*time.Millisecond))
	return err
}
