package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"gorm.io/gorm"

	"roviec/models"
	"roviec/models/bulk"
	"roviec/models/store"
	"roviec/models/synth"
)

// runGen fills a new database with a synthetic national programme for load
// tests (roviec gen): the rows come from synth, through the store's bulk
// writer. The database's own records (the migrations applied) are dated at
// the moment the programme stands, so that one seed always gives the same
// database.
func runGen(cfg Config, args []string, now func() time.Time, stdout, stderr io.Writer) (err error) {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sc := synth.Config{Location: cfg.Location}
	fs.StringVar(&cfg.Database, "db", cfg.Database, "SQLite database file, new or empty (ROVIEC_DATABASE)")
	fs.IntVar(&sc.Agencies, "agencies", 0, "agencies: about 30 ministries, the rest provinces")
	fs.IntVar(&sc.Directives, "directives", 0, "directives, spread over the plans and their themes")
	fs.Float64Var(&sc.Updates, "updates", 3, "history rows per assignment, on average (3 to 20)")
	fs.IntVar(&sc.Plans, "plans", 3, "yearly plans from 2023 on")
	fs.Uint64Var(&sc.Seed, "seed", 1, "random seed: the same seed gives the same database")
	fs.StringVar(&sc.Password, "password", "roviec-load-123", "password of every generated user")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := sc.Validate(); err != nil {
		return err
	}
	started := now()
	db, err := OpenDatabase(cfg.Database, sc.Moment)
	if err != nil {
		return err
	}
	defer closeAfter(databaseCloser{db}, &err)
	if err := bulkLoadConnection(db); err != nil {
		return err
	}
	ctx := context.Background()
	if sc.Calendar, err = store.NewStore(db, cfg.Location).Calendar(ctx); err != nil {
		return err
	}
	w, err := bulk.NewWriter(ctx, db)
	if err != nil {
		return err
	}
	sum, err := synth.Generate(sc, w)
	if err = errors.Join(err, w.Close()); err != nil {
		return fmt.Errorf("%w (%s holds part of a programme: delete it before trying again)", err, cfg.Database)
	}
	out := &report{w: stdout}
	printGen(out, cfg.Database, sum, sc.Password, now().Sub(started))
	// A live deployment's mornings would have kept every day before the moment.
	moment := sc.Moment()
	return keepDays(store.NewStore(db, cfg.Location), "", models.DayOf(moment, cfg.Location), moment, out)
}

// printGen tells what roviec gen wrote and who can log in.
func printGen(out *report, path string, sum synth.Summary, password string, took time.Duration) {
	out.printf("generated %s in %s, as it stands on %s:\n", path, took.Round(100*time.Millisecond),
		sum.Moment.Format("02/01/2006 15:04"))
	for _, row := range []struct {
		table string
		n     int
	}{{"agencies", sum.Agencies}, {"users", sum.Users}, {"plans", sum.Plans}, {"themes", sum.Themes},
		{"directives", sum.Directives}, {"assignments", sum.Assignments}, {"updates", sum.Updates},
		{"extensions", sum.Extensions}, {"explanation_requests", sum.Explanations}, {"outbox", sum.Outbox},
		{"reminder_logs", sum.ReminderLogs}} {
		out.printf("  %-21s %10d\n", row.table, row.n)
	}
	out.printf("users, all with the password %q:\n", password)
	for _, email := range sum.Staff {
		out.printf("  %s\n", email)
	}
	if n := len(sum.Focal); n > 0 {
		out.printf("  %s ... %s: %d focal points, focal.<agency code>@%s\n", sum.Focal[0], sum.Focal[n-1], n, synth.Domain)
	}
}

// bulkLoadConnection keeps a SQLite database to one connection with a large
// page cache (128 MB) while roviec gen loads it: the indexes of a million
// assignments and their history stay in memory instead of being read back
// from the file at every batch. PostgreSQL keeps its own buffers.
func bulkLoadConnection(db *gorm.DB) error {
	if db.Dialector.Name() != "sqlite" {
		return nil
	}
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	sqlDB.SetMaxOpenConns(1)
	return db.Exec("PRAGMA cache_size = -131072").Error
}
