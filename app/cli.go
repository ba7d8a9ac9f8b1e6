package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"roviec/models"
	"roviec/models/seed"
	"roviec/models/store"
	"roviec/views"

	"gorm.io/gorm"
)

const usage = `roviec: Rõ Việc, a tracker for programmes run by monthly themes.

Usage:
  roviec [serve] [--addr :8080] [--db roviec.db] [--demo]   run the web server (the default)
  roviec migrate                                              apply database migrations
  roviec seed                                                 load the built-in 2023 programme (idempotent)
  roviec user add --email E --name N --role R [--agency CODE] [--password P] [--language vi|en]
  roviec agencies merge --into CODE --from CODE,CODE [--name NAME]
                                                              merge agencies into a successor (existing, or new with --name)
  roviec remind [--at 2023-05-04T08:00:00+07:00] [--dry-run]  run one reminder pass deciding as if at that moment, then deliver now
  roviec outbox send                                          try every queued e-mail now
  roviec backup --out FILE [--db roviec.db]                  copy the live SQLite database to a new file (the server keeps running)
  roviec restore [--db roviec.db] FILE                        check a backup and put it in place (the server stopped); the old file is kept
  roviec keep [--from dd/mm/yyyy] [--to dd/mm/yyyy] [--db F]  keep the committee's figures of past days not kept yet (one sweep a plan)
  roviec gen --agencies N --directives M [--updates K] [--plans P] [--seed S] [--password P] [--db F]
                                                              fill a new database with a synthetic programme (load tests)
  roviec import FILE [--plan YEAR|ID] [--dry-run] [--db F]    import directives with their agencies from .xlsx or .csv (all or nothing)
  roviec import --template --out FILE                         write the import template (.xlsx or .csv, by the extension)
  roviec export --what assignments|scoreboard|league|targets|matrix --out FILE [--format xlsx|csv] [--as-of dd/mm/yyyy]
         [--plan-id N] [--theme-id N] [--directive-id N] [--agency-code C] [--kind K] [--status S] [--timeliness T] [--overdue] [--lang vi|en]
                                                              write a committee view to an Excel or CSV file, as the pages' download
  roviec healthcheck                                          exit 0 when the local server answers /healthz (for Docker)
  roviec load --email E --password P [--url http://127.0.0.1:8080] [--clients 8] [--writers 16] [--duration 20s] [--scenario read|write|all]
                                                              load a running server; print each target's latency percentiles
  roviec scale [--sizes 10000,100000,1000000] [--dir /tmp/roviec-scale] [--clients 8] [--duration 15s] [--keep]
                                                              generate databases of growing size, serve and load each, print how it grows

Configuration comes from ROVIEC_* environment variables (see README.md); flags override them.
`

// Run executes the command line on the wall clock and returns the process
// exit code. It is the one place the program reads the real time.
func Run(args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	return run(args, getenv, time.Now, stdout, stderr)
}

// run executes the command line on the clock now.
func run(args []string, getenv func(string) string, now func() time.Time, stdout, stderr io.Writer) int {
	cmd := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	cfg, err := ConfigFromEnv(getenv)
	if err != nil {
		_, _ = fmt.Fprintln(stderr, "roviec: configuration:", err) // nowhere left to report a failed write
		return 2
	}
	log := NewLogger(cfg.LogFormat, stderr)
	if cfg.MemoryLimit > 0 && getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(cfg.MemoryLimit) // GOMEMLIMIT, when set, takes precedence
	}
	switch cmd {
	case "serve":
		err = runServe(cfg, args, now, log, stderr)
	case "migrate":
		err = runMigrate(cfg, now, log)
	case "seed":
		err = runSeed(cfg, now, log)
	case "user":
		err = runUser(cfg, args, now, stdout, stderr)
	case "agencies":
		err = runAgencies(cfg, args, now, stdout, stderr)
	case "remind":
		err = runRemind(cfg, args, now, log, stdout, stderr)
	case "outbox":
		err = runOutbox(cfg, args, now, log, stdout)
	case "backup":
		err = runBackup(cfg, args, log, stderr)
	case "restore":
		err = runRestore(cfg, args, now, log, stderr)
	case "gen":
		err = runGen(cfg, args, now, stdout, stderr)
	case "keep":
		err = runKeep(cfg, args, now, stdout, stderr)
	case "import":
		err = runImport(cfg, args, now, stdout, stderr)
	case "export":
		err = runExport(cfg, args, now, stdout, stderr)
	case "healthcheck":
		err = runHealthcheck(cfg)
	case "load":
		err = runLoad(args, now, stdout, stderr)
	case "scale":
		err = runScale(args, now, stdout, stderr)
	case "help", "-h", "--help":
		if _, err := fmt.Fprint(stdout, usage); err != nil {
			return 1
		}
		return 0
	default:
		_, _ = fmt.Fprintf(stderr, "roviec: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		_, _ = fmt.Fprintln(stderr, "roviec:", errorText(err))
		return 1
	}
	return 0
}

// errorText is err as the operator reads it: in Vietnamese when it is one of
// the models' messages (a taken e-mail, say), else err's own text.
func errorText(err error) string {
	r, rerr := views.New()
	if rerr != nil {
		return err.Error()
	}
	return r.ErrorText(views.LangVI, err)
}

func runServe(cfg Config, args []string, now func() time.Time, log *slog.Logger, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "listen address (ROVIEC_ADDR)")
	fs.StringVar(&cfg.Database, "db", cfg.Database, "SQLite database file or postgres:// URL (ROVIEC_DATABASE)")
	fs.BoolVar(&cfg.Demo, "demo", cfg.Demo, "create demo accounts and illustrative progress (ROVIEC_DEMO)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	return serve(ctx, cfg, now, log)
}

// serve runs the server until ctx ends (SIGTERM or SIGINT), then stops in
// an order that writes nothing half: the HTTP server stops taking requests
// and lets those in flight finish (App.Serve); the scheduler starts no new
// job, and a running reminder pass stops at the end of the batch it is
// writing (each batch is one transaction; the next pass writes the rest, and
// the reminder log sends nothing twice); the outbox sender stops; then the
// database is closed.
func serve(ctx context.Context, cfg Config, now func() time.Time, log *slog.Logger) (err error) {
	a, err := New(cfg, now, log)
	if err != nil {
		return err
	}
	defer closeAfter(a, &err)
	if err := a.Bootstrap(ctx); err != nil {
		return err
	}
	stopScheduler, err := a.StartScheduler(ctx)
	if err != nil {
		return err
	}
	defer stopScheduler()
	defer a.keepInBackground(ctx)() // past days not kept yet: history imported, or the server was down
	err = a.Serve(ctx)
	log.Info("shutting down: waiting for running jobs")
	return err
}

func runMigrate(cfg Config, now func() time.Time, log *slog.Logger) (err error) {
	db, err := OpenDatabase(cfg.Database, now)
	if err != nil {
		return err
	}
	defer closeAfter(databaseCloser{db}, &err)
	log.Info("database is up to date", "database", store.Redacted(cfg.Database))
	return nil
}

func runSeed(cfg Config, now func() time.Time, log *slog.Logger) (err error) {
	db, err := OpenDatabase(cfg.Database, now)
	if err != nil {
		return err
	}
	defer closeAfter(databaseCloser{db}, &err)
	var res seed.SeedResult
	err = exclusively(db, func() (err error) {
		res, err = seed.SeedProgramme2023(cliActor(), store.NewStore(db, cfg.Location), now())
		return err
	})
	if err != nil {
		return err
	}
	log.Info("seeded the 2023 programme", "agencies", res.Agencies, "themes", res.Themes, "targets", res.Targets,
		"directives", res.Directives, "assignments", res.Assignments)
	return nil
}

func runUser(cfg Config, args []string, now func() time.Time, stdout, stderr io.Writer) (err error) {
	if len(args) == 0 || args[0] != "add" {
		return fmt.Errorf("usage: roviec user add --email E --name N --role R [--agency CODE] [--password P]")
	}
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var nu models.NewUser
	fs.StringVar(&nu.Email, "email", "", "e-mail address (login)")
	fs.StringVar(&nu.Name, "name", "", "full name")
	fs.Func("role", "admin, coordinator, focal or viewer", func(v string) error { nu.Role = models.Role(v); return nil })
	fs.StringVar(&nu.AgencyCode, "agency", "", "agency code (required for focal)")
	fs.StringVar(&nu.Password, "password", "", "password (generated and printed when empty)")
	fs.StringVar(&nu.Language, "language", "vi", "vi or en")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	generated := nu.Password == ""
	if generated {
		nu.Password = models.RandomToken(12)
	}
	db, err := OpenDatabase(cfg.Database, now)
	if err != nil {
		return err
	}
	defer closeAfter(databaseCloser{db}, &err)
	u, err := store.NewStore(db, cfg.Location).CreateUser(cliActor(), nu)
	if err != nil {
		return err
	}
	out := &report{w: stdout}
	out.printf("created user %d %s (%s)\n", u.ID, u.Email, u.Role)
	if generated {
		out.printf("password: %s\n", nu.Password)
	}
	return out.err
}

// runHealthcheck asks the local server's /healthz, for container health checks.
func runHealthcheck(cfg Config) error {
	addr := cfg.Addr
	if strings.HasPrefix(addr, ":") {
		addr = "127.0.0.1" + addr
	}
	client := &http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get("http://" + addr + "/healthz")
	if err != nil {
		return err
	}
	_ = resp.Body.Close() // only the status matters
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("healthz answered %s", resp.Status)
	}
	return nil
}

// runRemind runs one reminder pass, queues the notification e-mails
// waiting to go at once (and, on a working day, the daily digest), then
// delivers the outbox. The pass
// decides as if at --at (which rules fire, their keys and due dates); the app
// runs on the clock now, so the messages are queued, leased, retried and
// marked sent at the real time, and a running server's sender never takes a
// message this run holds, whatever moment --at names.
func runRemind(cfg Config, args []string, now func() time.Time, log *slog.Logger, stdout, stderr io.Writer) (err error) {
	fs := flag.NewFlagSet("remind", flag.ContinueOnError)
	fs.SetOutput(stderr)
	atFlag := fs.String("at", "", "the moment the pass decides for, RFC 3339 (default: now)")
	dry := fs.Bool("dry-run", false, "print what would be sent; send and record nothing")
	if err := fs.Parse(args); err != nil {
		return err
	}
	at, err := passMoment(*atFlag, now)
	if err != nil {
		return err
	}
	a, err := New(cfg, now, log)
	if err != nil {
		return err
	}
	defer closeAfter(a, &err)
	ctx := cliActor()
	res, err := a.RunPass(ctx, at, *dry)
	out := &report{w: stdout}
	if *dry {
		printPass(out, res)
		return errors.Join(err, out.err)
	}
	notes, nerr := a.MailNotifications(ctx, res.WorkingDay)
	sent, failed, derr := a.DeliverOutbox(ctx)
	out.printf("%s: queued %d messages (%d items), opened %d explanation requests, %d notification e-mails; delivered %d, failed %d\n",
		res.Day.VN(), len(res.Messages), res.Items(), res.Explanations, notes, sent, failed)
	hsent, hfailed, herr := a.DeliverHooks(ctx)
	if hsent+hfailed > 0 {
		out.printf("webhooks: delivered %d, failed %d\n", hsent, hfailed)
	}
	return errors.Join(err, nerr, derr, herr, out.err)
}

// passMoment is the moment named by remind's --at, or now when it is empty.
func passMoment(at string, now func() time.Time) (time.Time, error) {
	if at == "" {
		return now(), nil
	}
	t, err := time.Parse(time.RFC3339, at)
	if err != nil {
		return t, fmt.Errorf("--at: %q is not a time like 2023-05-04T08:00:00+07:00", at)
	}
	return t, nil
}

// printPass lists what a dry run would send.
func printPass(out *report, res store.PassResult) {
	if !res.WorkingDay {
		out.printf("%s is not a working day: nothing would be sent\n", res.Day.VN())
		return
	}
	out.printf("%s: would send %d messages (%d items) and open %d explanation requests\n",
		res.Day.VN(), len(res.Messages), res.Items(), res.Explanations)
	for _, m := range res.Messages {
		switch {
		case m.Digest != nil:
			out.printf("- %s: weekly digest %s\n", m.Recipient.Email, m.Digest.Week)
		case m.Kickoff != nil:
			out.printf("- %s: theme kick-off %s (%d items)\n", m.Recipient.Email, m.Kickoff.Month, len(m.Kickoff.Items))
		default:
			out.printf("- %s: %d items\n", m.Recipient.Email, len(m.Items))
		}
		for _, it := range m.Items {
			out.printf("    %s\n", it.Key)
		}
	}
}

func runOutbox(cfg Config, args []string, now func() time.Time, log *slog.Logger, stdout io.Writer) (err error) {
	if len(args) != 1 || args[0] != "send" {
		return fmt.Errorf("usage: roviec outbox send")
	}
	a, err := New(cfg, now, log)
	if err != nil {
		return err
	}
	defer closeAfter(a, &err)
	if a.Sender == nil {
		return fmt.Errorf("ROVIEC_SMTP_URL is not set: messages stay in the outbox")
	}
	sent, failed, err := a.DeliverOutbox(context.Background())
	out := &report{w: stdout}
	out.printf("delivered %d, failed %d\n", sent, failed)
	return errors.Join(err, out.err)
}

// report writes a command's output and keeps the first write error, so that
// a command whose output was lost (a generated password, say) fails.
type report struct {
	w   io.Writer
	err error
}

func (r *report) printf(format string, args ...any) {
	if r.err == nil {
		_, r.err = fmt.Fprintf(r.w, format, args...)
	}
}

// closeAfter closes c when a command ends; its error becomes the command's
// unless the command failed already.
func closeAfter(c io.Closer, err *error) {
	if cerr := c.Close(); cerr != nil && *err == nil {
		*err = cerr
	}
}

// databaseCloser closes the connections of a database a command opened.
type databaseCloser struct{ db *gorm.DB }

// Close closes the database's connection pool.
func (d databaseCloser) Close() error {
	sqlDB, err := d.db.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// cliActor is the context of a command's changes: the audit trail records
// them as the system's, from the command line.
func cliActor() context.Context { return models.WithActor(context.Background(), models.System("cli")) }
