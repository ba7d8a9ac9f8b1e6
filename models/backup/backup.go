// Package backup copies a live SQLite database to a file and puts such a copy
// back in place. PostgreSQL deployments use pg_dump and pg_restore instead
// (README, Backups).
package backup

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"roviec/models/migrations"
	"roviec/models/store"
)

// ErrPostgres refuses a PostgreSQL database: its own tools copy it whole and
// consistent, and a file copy here could not.
var ErrPostgres = errors.New("ROVIEC_DATABASE is a PostgreSQL database: back it up with pg_dump -Fc and restore it with pg_restore (see README, Backups)")

// Create writes a consistent copy of the SQLite database at target into the
// new file out while the application keeps running: VACUUM INTO reads the
// database in one read transaction, so the copy holds every change committed
// before it began and none after, and writers are not held up (WAL). It
// refuses to overwrite an existing file. The database is opened without
// migrating it: a backup changes nothing.
func Create(ctx context.Context, target, out string) (err error) {
	if store.IsPostgres(target) {
		return ErrPostgres
	}
	if _, err := os.Stat(target); err != nil {
		return fmt.Errorf("database %s: %w", target, err)
	}
	if _, err := os.Lstat(out); err == nil {
		return fmt.Errorf("%s exists already: a backup never overwrites a file (choose a new name)", out)
	}
	db, err := store.Open(target, time.Now)
	if err != nil {
		return err
	}
	defer closeDB(db, &err)
	if err := db.WithContext(ctx).Exec("VACUUM INTO ?", out).Error; err != nil {
		return fmt.Errorf("back up %s to %s: %w", target, out, err)
	}
	return syncFile(out)
}

// Check opens the SQLite file at path read-only and refuses it unless it
// passes SQLite's integrity check and its schema is not newer than this
// binary knows (an older one is brought forward at the next start). It
// returns what it found, for the operator.
func Check(ctx context.Context, path string) (summary string, err error) {
	if _, err := os.Stat(path); err != nil {
		return "", err
	}
	// immutable: nothing writes the file meanwhile, so SQLite takes no lock
	// and creates no -wal or -shm beside it.
	db, err := gorm.Open(sqlite.Open("file:"+path+"?mode=ro&immutable=1"), &gorm.Config{Logger: logger.Default.LogMode(logger.Silent)})
	if err != nil {
		return "", err
	}
	defer closeDB(db, &err)
	var results []string
	if err := db.WithContext(ctx).Raw("PRAGMA integrity_check").Scan(&results).Error; err != nil {
		return "", fmt.Errorf("not a SQLite database: %w", err)
	}
	if len(results) != 1 || results[0] != "ok" {
		return "", fmt.Errorf("fails SQLite's integrity check: %s", strings.Join(results, "; "))
	}
	switch err := migrations.Check(db.WithContext(ctx)); {
	case err == nil:
		return "integrity ok, schema current", nil
	case errors.Is(err, migrations.ErrPending):
		return fmt.Sprintf("integrity ok, older schema (%v): the next start migrates it", err), nil
	case errors.Is(err, migrations.ErrNewer):
		return "", fmt.Errorf("%w; restore it with the binary that made it", err)
	default:
		return "", fmt.Errorf("not a Rõ Việc database: %w", err)
	}
}

// Restore puts the backup file in place of the SQLite database at target: it
// copies it beside target, checks the copy (Check), moves the current
// database aside as target.bak-<time> and renames the copy into place, so
// that target is at every moment either the old database or the whole new
// one. It refuses while another process has the database open (a running
// server holds connections open): it asks SQLite for an exclusive lock and
// gives up when that would wait. It returns where the old database went ("" when
// there was none) and what Check found.
func Restore(ctx context.Context, target, file string, now time.Time) (old, summary string, err error) {
	if store.IsPostgres(target) {
		return "", "", ErrPostgres
	}
	tmp := fmt.Sprintf("%s.restore-%d", target, os.Getpid())
	if err := copyFile(file, tmp); err != nil {
		return "", "", err
	}
	defer func() {
		if err != nil {
			_ = os.Remove(tmp) // a failed restore leaves nothing behind
		}
	}()
	if summary, err = Check(ctx, tmp); err != nil {
		return "", "", fmt.Errorf("%s: %w", file, err)
	}
	if _, err := os.Stat(target); err == nil {
		if err := notInUse(target); err != nil {
			return "", "", err
		}
		old = target + ".bak-" + now.Format("20060102-150405")
		if _, err := os.Lstat(old); err == nil {
			return "", "", fmt.Errorf("%s exists already: wait a second and try again", old)
		}
		if err := os.Rename(target, old); err != nil {
			return "", "", err
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return "", "", err
	}
	if err := os.Rename(tmp, target); err != nil {
		return old, "", err
	}
	return old, summary, syncDir(filepath.Dir(target))
}

// notInUse takes and releases an exclusive lock on the SQLite database at
// path, failing at once when another connection has it open. Closing the
// last connection also folds the write-ahead log into the file and removes
// it, so the database moved aside is whole on its own, and no stale -wal is
// left to be replayed into the restored one.
func notInUse(path string) (err error) {
	db, err := sql.Open("sqlite3", "file:"+path+"?_locking_mode=EXCLUSIVE&_busy_timeout=0&_txlock=exclusive")
	if err != nil {
		return err
	}
	defer func() {
		if cerr := db.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	tx, err := db.Begin()
	if err == nil {
		// A read takes the lock in WAL mode; it fails when anyone else holds the file open.
		var n int
		err = tx.QueryRow("SELECT COUNT(*) FROM sqlite_master").Scan(&n)
		err = errors.Join(err, tx.Commit())
	}
	if err != nil {
		return fmt.Errorf("%s is in use (stop roviec serve and any other roviec command first): %w", path, err)
	}
	return nil
}

// copyFile copies src to the new file dst and syncs it to disk.
func copyFile(src, dst string) (err error) {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer func() { _ = in.Close() }() // read only: its close cannot lose data
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		_ = out.Close() // the copy failed already
		return err
	}
	return errors.Join(out.Sync(), out.Close())
}

// syncFile flushes a written file to disk.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
}

// syncDir flushes a directory's entries (the renames) to disk.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	return errors.Join(d.Sync(), d.Close())
}

// closeDB closes a database a function opened; its error becomes the
// function's unless that failed already.
func closeDB(db *gorm.DB, err *error) {
	sqlDB, derr := db.DB()
	if derr == nil {
		derr = sqlDB.Close()
	}
	if derr != nil && *err == nil {
		*err = derr
	}
}
