package app

import (
	"strings"
	"testing"
	"time"

	"roviec/models/store/storetest"
)

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestConfigDefaults(t *testing.T) {
	c, err := ConfigFromEnv(envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":8080" || c.Database != "roviec.db" || c.TZ != "Asia/Ho_Chi_Minh" || c.Demo {
		t.Fatalf("unexpected defaults: %+v", c)
	}
	if c.Location.String() != "Asia/Ho_Chi_Minh" {
		t.Fatalf("location %v", c.Location)
	}
	if c.SecureCookies() {
		t.Fatal("http base URL must not give Secure cookies")
	}
}

func TestConfigFromEnv(t *testing.T) {
	c, err := ConfigFromEnv(envOf(map[string]string{
		"ROVIEC_ADDR": "127.0.0.1:9000", "ROVIEC_DATABASE": "/data/x.db", "ROVIEC_BASE_URL": "https://roviec.example.vn/",
		"ROVIEC_TZ": "UTC", "ROVIEC_DEMO": "1", "ROVIEC_ADMIN_EMAIL": "a@b.vn", "ROVIEC_ADMIN_PASSWORD": "thu-nghiem-42",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:9000" || c.Database != "/data/x.db" || c.BaseURL != "https://roviec.example.vn" ||
		c.TZ != "UTC" || !c.Demo || c.AdminEmail != "a@b.vn" || c.AdminPassword != "thu-nghiem-42" {
		t.Fatalf("unexpected config: %+v", c)
	}
	if !c.SecureCookies() {
		t.Fatal("https base URL must give Secure cookies")
	}
}

func TestConfigTakesAPostgresURL(t *testing.T) {
	url := "postgresql://roviec:secret@db.example.vn:5432/roviec?sslmode=verify-full"
	c, err := ConfigFromEnv(envOf(map[string]string{"ROVIEC_DATABASE": url}))
	if err != nil || c.Database != url {
		t.Fatalf("%q: %v", c.Database, err)
	}
}

// TestBadDatabaseErrorHidesThePassword checks that a PostgreSQL URL's
// password never reaches the error an operator sees (and logs).
func TestBadDatabaseErrorHidesThePassword(t *testing.T) {
	_, err := ConfigFromEnv(envOf(map[string]string{"ROVIEC_DATABASE": "postgres://roviec:secret@db.example.vn"}))
	if err == nil || strings.Contains(err.Error(), "secret") {
		t.Fatalf("error %v", err)
	}
	cfg := DefaultConfig()
	cfg.Database = "postgres://roviec:secret@127.0.0.1:1/roviec?connect_timeout=1"
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	if _, err := New(cfg, time.Now, nil); err == nil || strings.Contains(err.Error(), "secret") {
		t.Fatalf("error %v", err)
	}
}

func TestConfigErrorsNameTheVariable(t *testing.T) {
	cases := map[string]map[string]string{
		"ROVIEC_ADDR":                {"ROVIEC_ADDR": "8080"},
		"ROVIEC_DATABASE":            {"ROVIEC_DATABASE": "postgres://roviec:secret@db.example.vn:5432"},
		"ROVIEC_BASE_URL":            {"ROVIEC_BASE_URL": "roviec.example.vn"},
		"ROVIEC_TZ":                  {"ROVIEC_TZ": "Mars/Olympus"},
		"ROVIEC_DEMO":                {"ROVIEC_DEMO": "maybe"},
		"ROVIEC_ADMIN_EMAIL":         {"ROVIEC_ADMIN_EMAIL": "nobody"},
		"ROVIEC_ADMIN_PASSWORD":      {"ROVIEC_ADMIN_PASSWORD": "short"},
		"ROVIEC_ADMIN_PASSWORD long": {"ROVIEC_ADMIN_PASSWORD": strings.Repeat("mật khẩu ", 8)},
		"ROVIEC_REMIND_SCHEDULE":     {"ROVIEC_REMIND_SCHEDULE": "every morning"},
		"ROVIEC_MAIL_FROM":           {"ROVIEC_MAIL_FROM": "not an address"},
		"ROVIEC_LOG_FORMAT":          {"ROVIEC_LOG_FORMAT": "xml"},
		"ROVIEC_METRICS_ADDR":        {"ROVIEC_METRICS_ADDR": "9090"},
		"ROVIEC_METRICS_TOKEN":       {"ROVIEC_METRICS_TOKEN": "short"},
	}
	for name, env := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := ConfigFromEnv(envOf(env))
			variable, _, _ := strings.Cut(name, " ")
			if err == nil || !strings.HasPrefix(err.Error(), variable+":") {
				t.Fatalf("error %v does not name %s", err, variable)
			}
		})
	}
}

func TestBadSMTPURLStopsStartUp(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Database = storetest.Database(t)
	cfg.SMTPURL = "gopher://mail.example.vn"
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	_, err := New(cfg, time.Now, nil)
	if err == nil || !strings.Contains(err.Error(), "ROVIEC_SMTP_URL") {
		t.Fatalf("error %v does not name ROVIEC_SMTP_URL", err)
	}
}

func TestRemindScheduleOff(t *testing.T) {
	c, err := ConfigFromEnv(envOf(map[string]string{"ROVIEC_REMIND_SCHEDULE": "off"}))
	if err != nil || c.RemindSchedule != "off" {
		t.Fatalf("off: %v %q", err, c.RemindSchedule)
	}
}

// TestMemoryLimit reads ROVIEC_MEMORY_LIMIT: 256 MiB by default, a size in
// MiB or GiB, off; anything else stops start-up naming the variable.
func TestMemoryLimit(t *testing.T) {
	for v, want := range map[string]int64{"": 256 << 20, "512MiB": 512 << 20, "2GiB": 2 << 30, "off": 0} {
		cfg, err := ConfigFromEnv(func(k string) string {
			if k == "ROVIEC_MEMORY_LIMIT" {
				return v
			}
			return ""
		})
		if err != nil || cfg.MemoryLimit != want {
			t.Errorf("ROVIEC_MEMORY_LIMIT=%q: %d, %v; want %d", v, cfg.MemoryLimit, err, want)
		}
	}
	for _, v := range []string{"256", "10MiB", "-1GiB", "1TB", "lots"} {
		_, err := ConfigFromEnv(func(k string) string {
			if k == "ROVIEC_MEMORY_LIMIT" {
				return v
			}
			return ""
		})
		if err == nil || !strings.Contains(err.Error(), "ROVIEC_MEMORY_LIMIT") {
			t.Errorf("ROVIEC_MEMORY_LIMIT=%q accepted: %v", v, err)
		}
	}
}
