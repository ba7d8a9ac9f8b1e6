package app

import (
	"fmt"
	"io"
	"log/slog"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"roviec/models"
	"roviec/models/store"
)

// Config is the whole configuration, read from ROVIEC_* environment variables.
type Config struct {
	Addr          string         // ROVIEC_ADDR
	Database      string         // ROVIEC_DATABASE: a SQLite file path or a postgres:// URL
	BaseURL       string         // ROVIEC_BASE_URL
	TZ            string         // ROVIEC_TZ
	Location      *time.Location // loaded from TZ
	AdminEmail    string         // ROVIEC_ADMIN_EMAIL
	AdminPassword string         // ROVIEC_ADMIN_PASSWORD
	Demo          bool           // ROVIEC_DEMO
	// RemindSchedule is the cron spec of the reminder pass, in TZ; "off" turns passes off.
	RemindSchedule string // ROVIEC_REMIND_SCHEDULE
	SMTPURL        string // ROVIEC_SMTP_URL: smtp://host:port, smtp://user:pass@host:587?tls=starttls, smtps://host:465
	MailFrom       string // ROVIEC_MAIL_FROM
	// MemoryLimit is the soft limit of the process's Go memory in bytes (0: none): the
	// garbage collector works harder near it, so that a national reminder pass or a
	// burst of heavy pages stays within a small machine.
	MemoryLimit int64 // ROVIEC_MEMORY_LIMIT: 256MiB, 1GiB, or off
	// LogFormat is how log lines are written: "text" (key=value) or "json"
	// (one object a line, for a log collector).
	LogFormat string // ROVIEC_LOG_FORMAT
	// MetricsToken, when set, serves /metrics on Addr to requests that carry
	// it as a bearer token (and is asked for on MetricsAddr too).
	MetricsToken string // ROVIEC_METRICS_TOKEN
	// MetricsAddr, when set, serves /metrics alone on a listener of its own
	// (an address the public cannot reach, e.g. 127.0.0.1:9090).
	MetricsAddr string // ROVIEC_METRICS_ADDR
	// Chromium is the browser that prints reports to PDF; empty: chromium,
	// chromium-browser or google-chrome on PATH. Without one, no PDFs.
	Chromium string // ROVIEC_CHROMIUM
}

// DefaultConfig is the configuration with nothing set.
func DefaultConfig() Config {
	return Config{Addr: ":8080", Database: "roviec.db", BaseURL: "http://localhost:8080", TZ: "Asia/Ho_Chi_Minh",
		AdminEmail: "admin@roviec.local", RemindSchedule: "0 8 * * *", MailFrom: "Rõ Việc <no-reply@roviec.local>",
		MemoryLimit: 256 << 20, LogFormat: "text"}
}

// ConfigFromEnv reads the environment over the defaults and validates the result.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	c := DefaultConfig()
	str := func(name string, dst *string) {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			*dst = v
		}
	}
	str("ROVIEC_ADDR", &c.Addr)
	str("ROVIEC_DATABASE", &c.Database)
	str("ROVIEC_BASE_URL", &c.BaseURL)
	str("ROVIEC_TZ", &c.TZ)
	str("ROVIEC_ADMIN_EMAIL", &c.AdminEmail)
	str("ROVIEC_REMIND_SCHEDULE", &c.RemindSchedule)
	str("ROVIEC_SMTP_URL", &c.SMTPURL)
	str("ROVIEC_MAIL_FROM", &c.MailFrom)
	str("ROVIEC_LOG_FORMAT", &c.LogFormat)
	str("ROVIEC_METRICS_TOKEN", &c.MetricsToken)
	str("ROVIEC_CHROMIUM", &c.Chromium)
	str("ROVIEC_METRICS_ADDR", &c.MetricsAddr)
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return c, fmt.Errorf("ROVIEC_LOG_FORMAT: %q is neither text nor json", c.LogFormat)
	}
	c.AdminPassword = getenv("ROVIEC_ADMIN_PASSWORD")
	if v := strings.TrimSpace(getenv("ROVIEC_MEMORY_LIMIT")); v != "" {
		limit, err := parseMemory(v)
		if err != nil {
			return c, err
		}
		c.MemoryLimit = limit
	}
	switch v := strings.ToLower(strings.TrimSpace(getenv("ROVIEC_DEMO"))); v {
	case "", "0", "false", "no", "off":
	case "1", "true", "yes", "on":
		c.Demo = true
	default:
		return c, fmt.Errorf("ROVIEC_DEMO: %q is not a boolean (use 1 or 0)", v)
	}
	return c, c.Validate()
}

// Validate checks every value and loads the time zone; the error names the variable.
func (c *Config) Validate() error {
	if !strings.Contains(c.Addr, ":") {
		return fmt.Errorf("ROVIEC_ADDR: %q is not a listen address like :8080 or 127.0.0.1:8080", c.Addr)
	}
	if c.MetricsAddr != "" && !strings.Contains(c.MetricsAddr, ":") {
		return fmt.Errorf("ROVIEC_METRICS_ADDR: %q is not a listen address like 127.0.0.1:9090", c.MetricsAddr)
	}
	if c.MetricsToken != "" && len(c.MetricsToken) < 16 {
		return fmt.Errorf("ROVIEC_METRICS_TOKEN: must have at least 16 characters")
	}
	if err := checkDatabase(c.Database); err != nil {
		return err
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("ROVIEC_BASE_URL: %q is not an http(s) URL like https://roviec.example.gov.vn", c.BaseURL)
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	loc, err := time.LoadLocation(c.TZ)
	if err != nil {
		return fmt.Errorf("ROVIEC_TZ: %q is not a known time zone (e.g. Asia/Ho_Chi_Minh)", c.TZ)
	}
	c.Location = loc
	if !strings.Contains(c.AdminEmail, "@") {
		return fmt.Errorf("ROVIEC_ADMIN_EMAIL: %q is not an e-mail address", c.AdminEmail)
	}
	if err := checkAdminPassword(c.AdminPassword, c.AdminEmail); err != nil {
		return err
	}
	if c.RemindSchedule != "off" {
		if _, err := cron.ParseStandard(c.RemindSchedule); err != nil {
			return fmt.Errorf("ROVIEC_REMIND_SCHEDULE: %q is not a cron schedule like \"0 8 * * *\" or \"off\": %v", c.RemindSchedule, err)
		}
	}
	if _, err := mail.ParseAddress(c.MailFrom); err != nil {
		return fmt.Errorf("ROVIEC_MAIL_FROM: %q is not an address like \"Rõ Việc <no-reply@example.gov.vn>\"", c.MailFrom)
	}
	return nil
}

// checkDatabase refuses a database target that names neither a SQLite file
// nor a PostgreSQL database (the URL itself is not repeated: it may hold a password).
func checkDatabase(target string) error {
	if target == "" {
		return fmt.Errorf("ROVIEC_DATABASE: must name a SQLite file or a postgres:// URL")
	}
	if !store.IsPostgres(target) {
		return nil
	}
	u, err := url.Parse(target)
	if err != nil || strings.Trim(u.Path, "/") == "" {
		return fmt.Errorf("ROVIEC_DATABASE: not a URL like postgres://user:password@host:5432/roviec?sslmode=disable")
	}
	return nil
}

// checkAdminPassword refuses a chosen administrator's password that the
// store would refuse (none chosen: one is generated).
func checkAdminPassword(password, email string) error {
	if password == "" {
		return nil
	}
	v := &models.ValidationError{}
	models.CheckPassword(v, "password", password, email)
	if v.OrNil() != nil {
		return fmt.Errorf("ROVIEC_ADMIN_PASSWORD: must have at least %d characters and at most %d bytes, and be neither the e-mail nor a common password",
			models.MinPasswordLen, models.MaxPasswordBytes)
	}
	return nil
}

// SecureCookies reports whether cookies must be Secure (an https base URL).
func (c *Config) SecureCookies() bool { return strings.HasPrefix(c.BaseURL, "https://") }

// parseMemory reads ROVIEC_MEMORY_LIMIT: a size in MiB or GiB ("256MiB",
// "1GiB"), or "off" for no limit.
func parseMemory(v string) (int64, error) {
	if strings.EqualFold(v, "off") {
		return 0, nil
	}
	units := map[string]int64{"MiB": 1 << 20, "GiB": 1 << 30}
	for suffix, unit := range units {
		if n, err := strconv.ParseInt(strings.TrimSuffix(v, suffix), 10, 64); strings.HasSuffix(v, suffix) && err == nil && n >= 64<<20/unit && n > 0 {
			return n * unit, nil
		}
	}
	return 0, fmt.Errorf("ROVIEC_MEMORY_LIMIT: %q is not a size like 256MiB or 1GiB (at least 64MiB), nor off", v)
}

// NewLogger writes log lines to w as text or, for "json", one JSON object a line.
func NewLogger(format string, w io.Writer) *slog.Logger {
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}
