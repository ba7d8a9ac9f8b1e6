// Package bulk writes a whole synthetic programme (roviec gen) into a new
// database: multi-row INSERTs of many tables, 50,000 rows a transaction,
// written on one goroutine while the next batch fills; then the planner's
// statistics. It works on SQLite and PostgreSQL through GORM's dialect.
package bulk

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// bulkTable is a table a Writer fills: its name and columns, and its
// multi-row INSERT of a whole statement's rows.
type bulkTable struct {
	name    string
	columns []string
	perStmt int    // rows a statement inserts (the last one of a batch may insert fewer)
	insert  string // the INSERT of perStmt rows
}

// bulkBatch holds the rows of one transaction: the values, row after row,
// of each table, in the order of the writer's tables.
type bulkBatch struct {
	values [][]any
	rows   int
}

// Writer loads many rows into a new database fast: it collects them per
// table and writes them in batches of bulkBatchRows, one transaction each, as
// multi-row INSERTs through prepared statements, the tables in the order
// they were declared so that parents come before children (a row's parent
// is in the same batch or an earlier one). A batch is written on a
// goroutine of its own while the next one fills, so building rows and
// writing them share the cores, and at most three batches are in memory.
// Rows carry their identifiers; the tables must be empty.
type Writer struct {
	ctx    context.Context
	db     *gorm.DB
	sqlDB  *sql.DB
	tables []bulkTable
	batch  *bulkBatch
	queue  chan *bulkBatch
	done   chan error
	closed bool
}

// bulkBatchRows is how many rows (of all tables) a transaction writes.
const bulkBatchRows = 50_000

// bulkMaxParams is the most parameters a statement takes: under SQLite's
// limit (32,766) and PostgreSQL's (65,535).
const bulkMaxParams = 16_000

// NewWriter starts a writer for the tables of a generated programme
// (see bulkTables). It refuses a database where any of them holds rows.
func NewWriter(ctx context.Context, db *gorm.DB) (*Writer, error) {
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	w := &Writer{ctx: ctx, db: db, sqlDB: sqlDB, tables: bulkTables(), queue: make(chan *bulkBatch, 1), done: make(chan error, 1)}
	var full []string
	for i := range w.tables {
		t := &w.tables[i]
		var one []int
		if err := db.WithContext(ctx).Raw("SELECT 1 FROM " + w.quote(t.name) + " LIMIT 1").Scan(&one).Error; err != nil {
			return nil, err
		}
		if len(one) > 0 {
			full = append(full, t.name)
		}
		t.perStmt = max(1, bulkMaxParams/len(t.columns))
		t.insert = w.insertSQL(t, t.perStmt)
	}
	if len(full) > 0 {
		return nil, fmt.Errorf("the database is not empty (it holds %s): bulk loading needs a new database", strings.Join(full, ", "))
	}
	w.batch = w.newBatch()
	go w.loop()
	return w, nil
}

// quote quotes an identifier for the database's dialect.
func (w *Writer) quote(name string) string {
	var b strings.Builder
	w.db.Dialector.QuoteTo(&b, name)
	return b.String()
}

// insertSQL is the INSERT of n rows into t, with the dialect's placeholders
// (? for SQLite, $1 ... for PostgreSQL).
func (w *Writer) insertSQL(t *bulkTable, n int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO " + w.quote(t.name) + " (")
	for i, c := range t.columns {
		if i > 0 {
			b.WriteByte(',')
		}
		w.db.Dialector.QuoteTo(&b, c)
	}
	b.WriteString(") VALUES ")
	stmt := &gorm.Statement{DB: w.db}
	for r := range n {
		if r > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('(')
		for i := range t.columns {
			if i > 0 {
				b.WriteByte(',')
			}
			stmt.Vars = append(stmt.Vars, nil)
			w.db.Dialector.BindVarTo(&b, stmt, nil)
		}
		b.WriteByte(')')
	}
	return b.String()
}

func (w *Writer) newBatch() *bulkBatch {
	return &bulkBatch{values: make([][]any, len(w.tables))}
}

// add queues one row of table i (values in the table's column order),
// handing the batch to the writing goroutine when it is full. It fails once
// a batch has failed.
func (w *Writer) add(i int, values ...any) error {
	b := w.batch
	b.values[i] = append(b.values[i], values...)
	if b.rows++; b.rows < bulkBatchRows {
		return nil
	}
	w.batch = w.newBatch()
	select {
	case w.queue <- b:
		return nil
	case err := <-w.done:
		w.done <- err
		return err
	}
}

// loop writes the batches it is handed, each in a transaction; after a
// failure it drops the rest, and it reports the first error when the queue
// closes.
func (w *Writer) loop() {
	var err error
	for b := range w.queue {
		if err = w.write(b); err != nil {
			break
		}
	}
	w.done <- err
}

// write inserts a batch in one transaction, table after table.
func (w *Writer) write(b *bulkBatch) (err error) {
	tx, err := w.sqlDB.BeginTx(w.ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, tx.Rollback())
		}
	}()
	for i := range w.tables {
		if err := w.writeTable(tx, &w.tables[i], b.values[i]); err != nil {
			return fmt.Errorf("insert into %s: %w", w.tables[i].name, err)
		}
	}
	return tx.Commit()
}

// writeTable inserts the rows of one table: whole statements through one
// prepared statement, then the rest in one statement.
func (w *Writer) writeTable(tx *sql.Tx, t *bulkTable, values []any) error {
	whole := len(t.columns) * t.perStmt
	if len(values) >= whole {
		stmt, err := tx.PrepareContext(w.ctx, t.insert)
		if err != nil {
			return err
		}
		for len(values) >= whole {
			if _, err := stmt.ExecContext(w.ctx, values[:whole]...); err != nil {
				return errors.Join(err, stmt.Close())
			}
			values = values[whole:]
		}
		if err := stmt.Close(); err != nil {
			return err
		}
	}
	if len(values) == 0 {
		return nil
	}
	_, err := tx.ExecContext(w.ctx, w.insertSQL(t, len(values)/len(t.columns)), values...)
	return err
}

// Close writes what is left, waits for the writes to end and then updates
// the planner's statistics: ANALYZE, and on SQLite PRAGMA optimize; on
// PostgreSQL it moves each table's id sequence past the ids written. It
// returns the first error of any batch.
func (w *Writer) Close() error {
	if w.closed {
		return errors.New("bulk writer closed twice")
	}
	w.closed = true
	if w.batch.rows > 0 {
		select {
		case w.queue <- w.batch:
		case err := <-w.done:
			w.done <- err
		}
	}
	close(w.queue)
	if err := <-w.done; err != nil {
		return err
	}
	return w.finish()
}

// finish brings the planner's statistics (and PostgreSQL's sequences) up to
// date after the load.
func (w *Writer) finish() error {
	db := w.db.WithContext(w.ctx)
	if err := db.Exec("ANALYZE").Error; err != nil {
		return err
	}
	switch w.db.Dialector.Name() {
	case "sqlite":
		return db.Exec("PRAGMA optimize").Error
	case "postgres":
		for _, t := range w.tables {
			err := db.Exec("SELECT setval(pg_get_serial_sequence(?, 'id'), MAX(id)) FROM "+w.quote(t.name), t.name).Error
			if err != nil {
				return err
			}
		}
	}
	return nil
}
