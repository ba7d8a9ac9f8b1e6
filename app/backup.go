package app

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"roviec/models/backup"
)

// runBackup copies the live SQLite database to a new file (backup.Create).
func runBackup(cfg Config, args []string, log *slog.Logger, stderr io.Writer) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.Database, "db", cfg.Database, "SQLite database file (ROVIEC_DATABASE)")
	out := fs.String("out", "", "the new file to write the copy to (never overwritten)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" || fs.NArg() > 0 {
		return fmt.Errorf("usage: roviec backup --out FILE [--db roviec.db]")
	}
	start := time.Now() // a duration for the log, not a rule's time
	if err := backup.Create(context.Background(), cfg.Database, *out); err != nil {
		return err
	}
	log.Info("backup written", "database", cfg.Database, "out", *out, "seconds", time.Since(start).Seconds())
	return nil
}

// runRestore puts a backup in place of the SQLite database (backup.Restore),
// keeping the old one beside it.
func runRestore(cfg Config, args []string, now func() time.Time, log *slog.Logger, stderr io.Writer) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.Database, "db", cfg.Database, "SQLite database file to replace (ROVIEC_DATABASE)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("usage: roviec restore [--db roviec.db] FILE")
	}
	old, summary, err := backup.Restore(context.Background(), cfg.Database, fs.Arg(0), now())
	if err != nil {
		return err
	}
	log.Info("backup restored", "database", cfg.Database, "from", fs.Arg(0), "check", summary, "previous_database_kept_as", old)
	return nil
}
