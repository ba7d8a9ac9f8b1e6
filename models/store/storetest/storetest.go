// Package storetest gives each test a fresh, empty database: a SQLite file in
// the test's temporary folder by default or, when ROVIEC_TEST_DATABASE names
// a PostgreSQL database (postgres://user:pass@host:5432/roviec_test), a
// schema of its own in that database, made for the test alone, on the
// connections' search_path and dropped when the test ends (a schema costs a
// millisecond where CREATE DATABASE costs half a second). Every test that
// opens a database goes through Database, so the whole suite runs on either.
package storetest

import (
	"context"
	"crypto/rand"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"

	"roviec/models/store"
)

// EnvVar names the PostgreSQL server the tests run on; unset: SQLite.
const EnvVar = "ROVIEC_TEST_DATABASE"

// Postgres reports whether the tests run on PostgreSQL.
func Postgres() bool { return os.Getenv(EnvVar) != "" }

// SkipOnPostgres skips a test that holds only for SQLite, saying why.
func SkipOnPostgres(t testing.TB, why string) {
	t.Helper()
	if Postgres() {
		t.Skip("SQLite only: " + why)
	}
}

// RequirePostgres skips a test that needs PostgreSQL.
func RequirePostgres(t testing.TB) {
	t.Helper()
	if !Postgres() {
		t.Skip("needs PostgreSQL: set " + EnvVar + "=postgres://user:pass@host:5432/roviec_test")
	}
}

// Database returns the target (store.Open's argument, ROVIEC_DATABASE's
// value) of a fresh, empty database for t: a SQLite file path in
// t.TempDir(), or the URL of the PostgreSQL database with a schema made for t
// first on its search_path, dropped when t ends. Two calls give two databases.
func Database(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvVar)
	if base == "" {
		return filepath.Join(t.TempDir(), "roviec.db")
	}
	u, err := url.Parse(base)
	if err != nil || !store.IsPostgres(base) {
		t.Fatalf("%s must be a postgres:// URL", EnvVar)
	}
	schema := "roviec_test_" + strings.ToLower(rand.Text())
	admin(t, base, "CREATE SCHEMA "+schema)
	t.Cleanup(func() { admin(t, base, "DROP SCHEMA "+schema+" CASCADE") })
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// admin runs one statement on the database that base names.
func admin(t testing.TB, base, stmt string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("%s: %v", EnvVar, err)
	}
	defer func() { _ = conn.Close(ctx) }()
	if _, err := conn.Exec(ctx, stmt); err != nil {
		t.Fatalf("%s: %v", stmt, err)
	}
}

// Open opens a fresh, empty database for t (not migrated) with the options
// of the application (store.Open), closed when t ends.
func Open(t testing.TB) *gorm.DB {
	t.Helper()
	db, err := store.Open(Database(t), time.Now)
	if err != nil {
		t.Fatal(err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sqlDB.Close() })
	return db
}
