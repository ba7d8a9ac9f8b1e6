package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/mattn/go-sqlite3"
	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// IsPostgres reports whether a database target is a PostgreSQL URL
// (postgres:// or postgresql://) rather than a SQLite file path.
func IsPostgres(target string) bool {
	return strings.HasPrefix(target, "postgres://") || strings.HasPrefix(target, "postgresql://")
}

// Open opens the database named by target, not yet migrated: a PostgreSQL
// URL, or the path of a SQLite file (in WAL mode with a busy timeout, foreign
// keys on and immediate transactions, so concurrent writers wait instead of
// failing, and up to 128 compiled statements kept per connection: compiling
// an UPDATE of assignments compiles the triggers that keep the tallies, a
// fifth of a write's work before; see dialectorFor for the writers' own
// connection). now is the clock GORM stamps CreatedAt and UpdatedAt with, in UTC.
func Open(target string, now func() time.Time) (*gorm.DB, error) {
	dialector, err := dialectorFor(target)
	if err != nil {
		return nil, err
	}
	db, err := gorm.Open(dialector, &gorm.Config{
		Logger:         logger.Default.LogMode(logger.Silent),
		NowFunc:        func() time.Time { return now().UTC() },
		TranslateError: true,
	})
	if err != nil {
		if d, ok := dialector.(*sqlite.Dialector); ok {
			_ = d.Conn.(*sql.DB).Close() // and its writers' pool; the error to report is gorm's
		}
		return nil, fmt.Errorf("open database %s: %w", Redacted(target), err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	// Idle connections are kept as many as may be open: one closed after a
	// burst is opened again by the next (its set-up and its compiled
	// statements lost), which cost 7% of a write's work at 16 writers.
	sqlDB.SetMaxOpenConns(8)
	sqlDB.SetMaxIdleConns(8)
	return db, nil
}

// dialectorFor picks the driver of a target. A SQLite file gets two
// pools: the database's (up to 8 connections, opened by Open), and the
// writers' own of one connection with a large page cache, which the
// store's queue of writers uses (Store.write) and which closes with the
// first.
func dialectorFor(target string) (gorm.Dialector, error) {
	if IsPostgres(target) {
		return postgresDialector(target)
	}
	if strings.Contains(target, "?") {
		return nil, fmt.Errorf("ROVIEC_DATABASE: %q must be a plain file path or a postgres:// URL", target)
	}
	dsn := "file:" + target + "?_journal_mode=WAL&_busy_timeout=10000&_foreign_keys=on&_synchronous=NORMAL&_txlock=immediate&_stmt_cache_size=128"
	writers := sql.OpenDB(&sqliteConnector{dsn: fmt.Sprintf("%s&_cache_size=%d", dsn, -writerCacheKiB)})
	writers.SetMaxOpenConns(1)
	writers.SetMaxIdleConns(1)
	writers.SetConnMaxIdleTime(writerIdle)
	c := &sqliteConnector{dsn: dsn, writers: writers}
	pool := sql.OpenDB(c)
	c.pool = pool
	writerPools.Store(pool, writers)
	return sqlite.New(sqlite.Config{Conn: pool}), nil
}

// writerCacheKiB is the page cache of the writers' connection (see
// Store.write): the upper pages of every index a change writes, and the
// history it reads back, stay in it from one change to the next. The
// connections of the pool keep SQLite's default, 2 MiB, as each is emptied
// by any other connection's write. 64 MiB was not measurably faster at a
// million assignments and put a national reminder pass over its 250 MB
// (267 MB, against 224 MB at 16 MiB; see BENCHMARKS.md).
const writerCacheKiB = 16 << 10

// writerIdle is how long the writers' connection stays open without a
// write; the next one opens it again.
const writerIdle = 5 * time.Second

// writerPools maps the connection pool of each SQLite database opened here
// to its writers' own pool of one connection, closed with it.
var writerPools sync.Map

// sqliteConnector opens connections to a SQLite database with roviec's
// settings. The connector of a database's pool holds its writers' pool
// and closes it when the pool is closed (database/sql closes a pool's
// connector with it).
type sqliteConnector struct {
	dsn     string
	pool    *sql.DB // the pool this connector serves, when it has writers
	writers *sql.DB
}

// Connect opens a connection.
func (c *sqliteConnector) Connect(context.Context) (driver.Conn, error) {
	return sqliteDriver.Open(c.dsn)
}

// Driver is go-sqlite3 with roviec's per-connection settings.
func (c *sqliteConnector) Driver() driver.Driver { return sqliteDriver }

// Close closes the writers' pool of a database's pool.
func (c *sqliteConnector) Close() error {
	if c.writers == nil {
		return nil
	}
	writerPools.Delete(c.pool)
	return c.writers.Close()
}

// walAutoCheckpoint is how many pages the write-ahead log may hold before
// the committing connection copies them into the database itself. The store
// checkpoints in the background well before that (see Store.checkpoint), so
// that a commit does not carry a checkpoint while the next writers wait; this
// bound only holds for writes that do not go through the store's queue.
const walAutoCheckpoint = 20000

// sqliteDriver is go-sqlite3 with roviec's per-connection settings.
var sqliteDriver = &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
	_, err := c.Exec(fmt.Sprintf("PRAGMA wal_autocheckpoint = %d", walAutoCheckpoint), nil)
	return err
}}

// postgresDialector connects through pgx with every session in UTC and
// timestamptz values read back in UTC, as SQLite gives them.
func postgresDialector(url string) (gorm.Dialector, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("ROVIEC_DATABASE: %s is not a PostgreSQL URL: %w", Redacted(url), err)
	}
	cfg.RuntimeParams["timezone"] = "UTC"
	sqlDB := stdlib.OpenDB(*cfg, stdlib.OptionAfterConnect(func(_ context.Context, c *pgx.Conn) error {
		c.TypeMap().RegisterType(&pgtype.Type{Name: "timestamptz", OID: pgtype.TimestamptzOID,
			Codec: &pgtype.TimestamptzCodec{ScanLocation: time.UTC}})
		return nil
	}))
	return postgres.New(postgres.Config{Conn: sqlDB}), nil
}

// Redacted hides the password of a database URL in messages.
func Redacted(target string) string {
	if !IsPostgres(target) {
		return target
	}
	if cfg, err := pgx.ParseConfig(target); err == nil {
		return fmt.Sprintf("postgres://%s@%s:%d/%s", cfg.User, cfg.Host, cfg.Port, cfg.Database)
	}
	return "postgres://..."
}

// postgres reports whether the store runs on PostgreSQL.
func (s *Store) postgres() bool { return s.db.Dialector.Name() == "postgres" }
