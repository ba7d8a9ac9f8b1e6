// Package store persists the domain: queries and transactions per aggregate
// (one file each: assignments, directives, plans, users and tokens, the
// reminder pass and its outbox, scoreboards and league tables), on SQLite or
// PostgreSQL through GORM. Rules come from the core (roviec/models); what must
// be whole (a directive and its assignments, a reminder log row and its
// message) is written in one transaction.
package store

import (
	"context"
	"database/sql"
	"errors"
	"reflect"
	"roviec/models"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Store holds the database and the settings the rules need. Every rule that
// depends on the current moment takes it as a parameter.
type Store struct {
	db  *gorm.DB
	loc *time.Location
	// PasswordCost is the bcrypt cost for new password hashes.
	PasswordCost int
	// Notices renders the e-mails a change queues at once in its own
	// transaction (a cancellation told to the agency); nil queues none.
	Notices models.NoticeMailRenderer
	// dummyHash is compared against when a login names no usable account,
	// made once at PasswordCost so that it costs what a real one does.
	dummyOnce sync.Once
	dummyHash []byte
	// passwordChecks counts bcrypt comparisons: tests read it to see that
	// every failed login did the same work.
	passwordChecks atomic.Int64
	// ReminderPartSize is how many agencies a reminder pass reads and plans
	// at a time (see PlanReminders); tests make it small.
	ReminderPartSize int
	// agencyOrder is the order of all agencies as last sorted (nil until
	// a page needs it); see agenciesInSortedOrder.
	agencyOrder atomic.Pointer[agencyOrder]
	// queues are the menu's queue counts as last read (see QueueCounts).
	queues atomic.Pointer[queueCounts]
	// writers lets one write transaction at a time begin on SQLite (nil on
	// PostgreSQL), see write.
	writers chan struct{}
	// writePool is the writers' own connection on SQLite (see write).
	writePool *sql.DB
	// hooks is the active webhooks by event on SQLite, nil until read; see
	// subscribersKept.
	hooks atomic.Pointer[hookSubscribers]
	// commits counts write transactions on SQLite, and checkpointing is
	// set while a background checkpoint runs; see checkpoint.
	commits       atomic.Int64
	checkpointing atomic.Bool
}

// NewStore wraps an open, migrated database. loc is the time zone in which
// dates and deadlines are read.
func NewStore(db *gorm.DB, loc *time.Location) *Store {
	registerSearchKeys(db)
	s := &Store{db: db, loc: loc, PasswordCost: bcrypt.DefaultCost, ReminderPartSize: 200}
	if db.Dialector.Name() == "sqlite" {
		s.writers = make(chan struct{}, 1)
		s.writePool = writerPool(db)
	}
	return s
}

// writerPool is the writers' own pool of the SQLite database db was
// opened on by Open (nil for another *gorm.DB: the writers then use db's
// pool).
func writerPool(db *gorm.DB) *sql.DB {
	pool, err := db.DB()
	if err != nil {
		return nil
	}
	if w, ok := writerPools.Load(pool); ok {
		return w.(*sql.DB)
	}
	return nil
}

// searchKeyed is an entity whose diacritics-free search key follows its text.
type searchKeyed interface{ RefreshSearchKey() }

const searchKeyCallback = "roviec:search_key"

// registerSearchKeys refreshes the search key of every agency and directive
// before GORM creates or updates it, whichever store method saves it.
func registerSearchKeys(db *gorm.DB) {
	refresh := func(tx *gorm.DB) {
		if tx.Statement.Schema == nil || !tx.Statement.ReflectValue.IsValid() {
			return
		}
		v := reflect.Indirect(tx.Statement.ReflectValue)
		switch v.Kind() {
		case reflect.Slice, reflect.Array:
			for i := 0; i < v.Len(); i++ {
				if k, ok := reflect.Indirect(v.Index(i)).Addr().Interface().(searchKeyed); ok {
					k.RefreshSearchKey()
				}
			}
		case reflect.Struct:
			if v.CanAddr() {
				if k, ok := v.Addr().Interface().(searchKeyed); ok {
					k.RefreshSearchKey()
				}
			}
		}
	}
	if db.Callback().Create().Get(searchKeyCallback) == nil {
		_ = db.Callback().Create().Before("gorm:create").Register(searchKeyCallback, refresh)
	}
	if db.Callback().Update().Get(searchKeyCallback) == nil {
		_ = db.Callback().Update().Before("gorm:update").Register(searchKeyCallback, refresh)
	}
}

// forUpdate locks the rows the query reads until the transaction ends
// (SELECT ... FOR UPDATE), so that on PostgreSQL a concurrent change of the
// same row waits for this one, as every writer does under SQLite's immediate
// transactions (GORM leaves the clause out on SQLite).
func forUpdate(tx *gorm.DB) *gorm.DB {
	return tx.Clauses(clause.Locking{Strength: clause.LockingStrengthUpdate})
}

// DB exposes the database for the composition root (health checks, tests).
func (s *Store) DB() *gorm.DB { return s.db }

// Location is the time zone of deadlines and dates.
func (s *Store) Location() *time.Location { return s.loc }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	return s.db.WithContext(ctx).Raw("SELECT 1").Scan(&one).Error
}

// Optimize refreshes the statistics the query planner chooses its indexes by
// (SQLite's PRAGMA optimize, bounded so that it stays quick at start-up on
// a large database; PostgreSQL keeps its own through autovacuum). Without
// them SQLite may start a filtered list from the wrong index.
func (s *Store) Optimize(ctx context.Context) error {
	if s.db.Dialector.Name() != "sqlite" {
		return nil
	}
	return s.db.WithContext(ctx).Exec("PRAGMA optimize=0x10002").Error
}

// transaction runs fn in a transaction and, on PostgreSQL, runs it again
// (up to three times) when the database chose it as a deadlock's victim or
// could not serialise it: writers of assignments lock shared tally rows,
// and two of them may take those locks in opposite orders.
func (s *Store) transaction(ctx context.Context, fn func(tx *gorm.DB) error) error {
	var err error
	for range 3 {
		if err = s.write(ctx, fn); !retryable(err) {
			return err
		}
	}
	return err
}

// write runs fn in one transaction. On SQLite, which has one writer at a
// time, writers queue here in turn rather than at the database, whose busy
// handler sleeps and polls (1, 2, 5, ... 100 ms): the lock then passes from
// one writer to the next without idle gaps. A writer that gives up (its
// request ended) leaves the queue.
//
// The writers also share one connection of their own (writePool): SQLite
// empties a connection's page cache when it begins a transaction after
// another connection changed the database, so writers each on a
// connection of the pool began with an empty cache, reading the upper
// pages of every index they changed from the file again.
func (s *Store) write(ctx context.Context, fn func(tx *gorm.DB) error) error {
	if s.writers == nil {
		return s.db.WithContext(ctx).Transaction(fn)
	}
	select {
	case s.writers <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() {
		<-s.writers
		// The writer woken by the release waits in this core's run queue
		// until this goroutine stops running; yielding now lets it write
		// while this one renders its answer (without it the lock stood idle
		// a quarter of the time at 16 writers: BENCHMARKS.md, sixth pass).
		runtime.Gosched()
	}()
	defer s.checkpoint()
	tx := s.db.WithContext(context.WithValue(ctx, sqliteWriter{}, s))
	if s.writePool != nil {
		tx.Statement.ConnPool = s.writePool
	}
	return tx.Transaction(fn)
}

// sqliteWriter is the context key under which a transaction on SQLite
// finds its store: it runs in the writers' queue (see subscribersKept).
type sqliteWriter struct{}

// checkpointEvery is how many write transactions pass between background
// checkpoints: at ~10-15 pages a change, about a thousand pages of log.
const checkpointEvery = 100

// checkpoint copies the write-ahead log into the database, every
// checkpointEvery writes, on its own goroutine and connection, one at a
// time. A passive checkpoint takes no writer's lock, so writers go on while
// it copies and syncs; done by the committing writer (SQLite's automatic
// checkpoint, every 1,000 pages), it held the queue of writers meanwhile.
func (s *Store) checkpoint() {
	if s.commits.Add(1)%checkpointEvery != 0 || !s.checkpointing.CompareAndSwap(false, true) {
		return
	}
	go func() {
		defer s.checkpointing.Store(false)
		// An error (the database closed meanwhile) leaves the log to the next
		// checkpoint or to SQLite's own.
		_ = s.db.Exec("PRAGMA wal_checkpoint(PASSIVE)").Error
	}()
}

// retryable says whether err is PostgreSQL's deadlock (40P01) or
// serialisation failure (40001).
func retryable(err error) bool {
	var pg *pgconn.PgError
	return errors.As(err, &pg) && (pg.Code == "40P01" || pg.Code == "40001")
}

// NotFound turns GORM's "record not found" into models.ErrNotFound.
func NotFound(err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return models.ErrNotFound
	}
	return err
}

// Page is a window of a paginated list.
type Page struct {
	Page    int
	PerPage int
}

// normalise clamps the page to 1.. and per-page to 1..max (default def).
func (p Page) normalise(def, max int) Page {
	if p.Page < 1 {
		p.Page = 1
	}
	if p.PerPage < 1 {
		p.PerPage = def
	}
	if p.PerPage > max {
		p.PerPage = max
	}
	return p
}

// offset is where the page starts; pages past any list start past its end
// (the handlers bound page numbers, so this never overflows).
func (p Page) offset() int { return (min(p.Page, 1<<20) - 1) * p.PerPage }

// casUpdate writes the columns of row (an entity with its id set and a
// version) if the row is still at version prev, raising the version by one
// in the same UPDATE: the compare-and-swap that keeps a change made on an
// older copy from undoing another (models.StaleError). It works alike on
// SQLite and PostgreSQL: there the UPDATE waits for a concurrent one on the
// same row, then finds the version moved and changes nothing.
func casUpdate(tx *gorm.DB, row any, version *int, prev int, columns ...string) error {
	*version = prev + 1
	res := tx.Model(row).Where("version = ?", prev).Select(append(columns, "Version")).Updates(row)
	if res.Error != nil {
		*version = prev
		return res.Error
	}
	if res.RowsAffected != 1 {
		*version = prev
		return models.Stale(prev + 1) // at least: another change came first
	}
	return nil
}
