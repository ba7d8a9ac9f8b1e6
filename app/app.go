// Package app is the composition root: configuration, database, the HTTP
// server and the command line. It is the only package that knows every other.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"roviec/app/mailer"
	"roviec/handlers"
	"roviec/handlers/web"
	"roviec/metrics"
	"roviec/models"
	"roviec/models/migrations"
	"roviec/models/seed"
	"roviec/models/store"
	"roviec/views"
)

// App is the wired application.
type App struct {
	Cfg     Config
	DB      *gorm.DB
	Store   *store.Store
	Echo    *echo.Echo
	Log     *slog.Logger
	Now     func() time.Time
	Handler *web.Handler
	Mail    *views.MailRenderer
	Sender  mailer.Sender // nil when no SMTP server is configured
	Metrics *metrics.Metrics
	Hooks   *http.Client // delivers webhooks, each request bounded by models.HookTimeout
}

// New opens (and migrates) the database and builds the HTTP server. now is
// the clock every rule reads, the outbox's leases and retries follow and the
// database's timestamps are stamped with; pass time.Now in production.
func New(cfg Config, now func() time.Time, log *slog.Logger) (*App, error) {
	if cfg.Location == nil {
		if err := cfg.Validate(); err != nil {
			return nil, err
		}
	}
	db, err := OpenDatabase(cfg.Database, now)
	if err != nil {
		return nil, err
	}
	renderer, mailRenderer, sender, err := buildOutput(cfg)
	if err != nil {
		closeDB(db)
		return nil, err
	}
	store := store.NewStore(db, cfg.Location)
	m := metrics.New(store.OutboxBacklog, now)
	if err := countDatabaseErrors(db, m); err != nil {
		closeDB(db)
		return nil, err
	}
	store.Notices = mailRenderer.RenderNotice
	h := &web.Handler{Store: store, Views: renderer, Now: now, Log: log, Metrics: m, Opt: web.Options{
		BaseURL: cfg.BaseURL, SecureCookies: cfg.SecureCookies(), Demo: cfg.Demo,
		SessionTTL: 12 * time.Hour, TokenTTL: 30 * 24 * time.Hour, MetricsToken: cfg.MetricsToken,
		Ready: func(ctx context.Context) error {
			if err := store.Ping(ctx); err != nil {
				return err
			}
			return migrations.Check(db.WithContext(ctx))
		},
	}, Logins: web.NewLoginThrottle(web.DefaultLoginLimits()), Resets: web.NewLoginThrottle(web.DefaultResetLimits()),
		Mail: mailRenderer, PDF: &web.PDFPrinter{Binary: web.FindChromium(cfg.Chromium), Timeout: 60 * time.Second}}
	if !h.PDF.Available() {
		log.Warn("no chromium found: reports print from the browser, no PDF downloads", "ROVIEC_CHROMIUM", cfg.Chromium)
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	// The client's address (login throttling) is the peer's, or what a proxy
	// on a loopback or private address says it forwarded for, never what a
	// client on the internet claims in X-Forwarded-For.
	e.IPExtractor = echo.ExtractIPFromXFFHeader()
	handlers.Register(e, h)
	return &App{Cfg: cfg, DB: db, Store: store, Echo: e, Log: log, Now: now, Handler: h, Mail: mailRenderer, Sender: sender, Metrics: m,
		Hooks: hookClient()}, nil
}

// buildOutput parses the page and e-mail templates and builds the SMTP
// sender (nil without ROVIEC_SMTP_URL).
func buildOutput(cfg Config) (*views.Renderer, *views.MailRenderer, mailer.Sender, error) {
	renderer, err := views.New()
	if err != nil {
		return nil, nil, nil, fmt.Errorf("templates: %w", err)
	}
	mailRenderer, err := views.NewMailRenderer(cfg.BaseURL)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("e-mail templates: %w", err)
	}
	if cfg.SMTPURL == "" {
		return renderer, mailRenderer, nil, nil
	}
	sender, err := mailer.NewSMTP(cfg.SMTPURL)
	return renderer, mailRenderer, sender, err
}

// Close releases the database.
func (a *App) Close() error {
	sqlDB, err := a.DB.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// Bootstrap prepares a database for first use: the built-in 2023 programme
// when there is no plan yet, the first administrator when there is no user,
// and the demo accounts and progress when demo mode is on; then it refreshes
// the statistics the query planner chooses indexes by. Instances starting
// together on one PostgreSQL database bootstrap it one after the other.
func (a *App) Bootstrap(ctx context.Context) error {
	return exclusively(a.DB, func() error { return a.bootstrap(ctx) })
}

// bootstrap is Bootstrap without the start-up lock.
func (a *App) bootstrap(ctx context.Context) error {
	plans, err := a.Store.ListPlans(ctx)
	if err != nil {
		return err
	}
	if len(plans) == 0 {
		res, err := seed.SeedProgramme2023(ctx, a.Store, a.Now())
		if err != nil {
			return fmt.Errorf("load the 2023 programme: %w", err)
		}
		a.Log.Info("loaded the built-in 2023 programme", "agencies", res.Agencies, "themes", res.Themes,
			"targets", res.Targets, "directives", res.Directives, "assignments", res.Assignments)
	}
	if err := a.ensureAdmin(ctx); err != nil {
		return err
	}
	if a.Cfg.Demo {
		if err := a.loadDemo(ctx); err != nil {
			return err
		}
	}
	return a.Store.Optimize(ctx)
}

func (a *App) ensureAdmin(ctx context.Context) error {
	n, err := a.Store.CountUsers(ctx)
	if err != nil || n > 0 {
		return err
	}
	password, generated := a.Cfg.AdminPassword, false
	if password == "" {
		password, generated = models.RandomToken(12), true
	}
	_, err = a.Store.CreateUser(ctx, models.NewUser{Email: a.Cfg.AdminEmail, Name: "Quản trị hệ thống",
		Role: models.RoleAdmin, Password: password})
	if err != nil {
		return fmt.Errorf("create the first administrator: %w", err)
	}
	if generated {
		a.Log.Info("created the first administrator; this password is shown once", "email", a.Cfg.AdminEmail, "password", password)
	} else {
		a.Log.Info("created the first administrator", "email", a.Cfg.AdminEmail)
	}
	return nil
}

// loadDemo creates the demo accounts and illustrative progress once.
func (a *App) loadDemo(ctx context.Context) error {
	creds, err := seed.SeedDemo(ctx, a.Store, a.Cfg.Location)
	if err != nil {
		return fmt.Errorf("load demo data: %w", err)
	}
	for _, c := range creds {
		a.Log.Info("demo account; this password is shown once", "email", c.Email, "role", c.Role, "password", c.Password)
	}
	return nil
}

// Serve runs the HTTP server (and, with ROVIEC_METRICS_ADDR, the metrics
// listener) until ctx ends, then shuts them down gracefully.
func (a *App) Serve(ctx context.Context) error {
	servers := []*http.Server{{Addr: a.Cfg.Addr, Handler: a.Echo, ReadHeaderTimeout: 10 * time.Second}}
	if a.Cfg.MetricsAddr != "" {
		servers = append(servers, &http.Server{Addr: a.Cfg.MetricsAddr, Handler: a.metricsOnly(), ReadHeaderTimeout: 10 * time.Second})
	}
	errc := make(chan error, len(servers))
	for _, srv := range servers {
		go func() { errc <- srv.ListenAndServe() }()
	}
	a.Log.Info("listening", "addr", a.Cfg.Addr, "url", a.Cfg.BaseURL, "metrics_addr", a.Cfg.MetricsAddr)
	var err error
	select {
	case err = <-errc:
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, srv := range servers {
		if serr := srv.Shutdown(shutdown); serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
			err = serr
		}
	}
	return err
}

// metricsOnly serves /metrics and nothing else, for the metrics listener:
// to anyone who can reach that address, or, with ROVIEC_METRICS_TOKEN set,
// only to requests that carry the token there too.
func (a *App) metricsOnly() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, r *http.Request) {
		if a.Cfg.MetricsToken != "" && !web.BearerMatches(r, a.Cfg.MetricsToken) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
			http.Error(w, "metrics token required (ROVIEC_METRICS_TOKEN)", http.StatusUnauthorized)
			return
		}
		a.Metrics.Handler().ServeHTTP(w, r)
	})
	return mux
}
