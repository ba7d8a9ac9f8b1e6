package migrations

import (
	"strings"

	"gorm.io/gorm"
)

// Schema version 4: tallies, the committee's counts kept in step with the
// assignments by the database itself, so that the year overview and the
// league table read a few thousand rows instead of every assignment.
// Frozen: a later change to the rules gets a new migration.
//
// A tally row counts the assignments of one theme and one agency that share
// a bucket, a deadline and a progress band. The bucket says what the
// timeliness of the assignment depends on:
//
//	cancelled     counts nowhere
//	done_on_time  done by its deadline (or without one)
//	done_late     done after it; late_days sums the days late
//	safe          open and on track whatever the day: no deadline, or submitted by it
//	open          open: on track until its deadline, overdue after it
//
// Open and safe work keeps its exact deadline (due_on, and due_day: the
// days from 1970-01-01, for days-overdue sums); done work only the month of
// its deadline (due_month), which is all the counts need, so that a theme's
// done work folds into a few rows per agency. low_progress is 1 for open work
// under 50% done (amber when due soon).
// Triggers on assignments (insert, update, delete) and on a directive's theme
// keep the rows in step inside the writing transaction, on SQLite and on
// PostgreSQL alike; whatever path writes an assignment, the tallies follow.

const v4CreateTallies = `CREATE TABLE tallies (
	theme_id INTEGER NOT NULL,
	agency_id INTEGER NOT NULL,
	bucket VARCHAR(16) NOT NULL,
	due_on VARCHAR(10) NOT NULL,
	due_month VARCHAR(7) NOT NULL,
	due_day INTEGER NOT NULL,
	low_progress INTEGER NOT NULL,
	n INTEGER NOT NULL,
	late_days INTEGER NOT NULL,
	PRIMARY KEY (theme_id, agency_id, bucket, due_on, due_month, low_progress)
)`

const v4IndexTallies = `CREATE INDEX idx_tallies_agency ON tallies (agency_id)`

// theme_tallies sums the tallies of a theme over its agencies (for the year
// overview: a few rows per theme), kept from the tallies by triggers.
const v4CreateThemeTallies = `CREATE TABLE theme_tallies (
	theme_id INTEGER NOT NULL,
	bucket VARCHAR(16) NOT NULL,
	due_on VARCHAR(10) NOT NULL,
	due_month VARCHAR(7) NOT NULL,
	n INTEGER NOT NULL,
	PRIMARY KEY (theme_id, bucket, due_on, due_month)
)`

const v4FillThemeTallies = `INSERT INTO theme_tallies
	SELECT theme_id, bucket, due_on, due_month, SUM(n) FROM tallies GROUP BY theme_id, bucket, due_on, due_month`

// v4ThemeAdd adds n (an SQL expression over NEW and OLD tally rows) to the
// theme tally of the NEW row.
func v4ThemeAdd(n, where string) string {
	return "INSERT INTO theme_tallies SELECT NEW.theme_id, NEW.bucket, NEW.due_on, NEW.due_month, " + n + where +
		" ON CONFLICT (theme_id, bucket, due_on, due_month) DO UPDATE SET n = theme_tallies.n + excluded.n"
}

// v4Bucket is the bucket of the assignment row R (R is OLD, NEW or a table alias).
const v4Bucket = `CASE
	WHEN R.status = 'cancelled' THEN 'cancelled'
	WHEN R.status = 'done' THEN CASE WHEN R.due_on IS NULL OR R.completed_on IS NULL OR R.completed_on <= R.due_on
		THEN 'done_on_time' ELSE 'done_late' END
	WHEN R.due_on IS NULL THEN 'safe'
	WHEN R.status = 'submitted' AND R.submitted_on IS NOT NULL AND R.submitted_on <= R.due_on THEN 'safe'
	ELSE 'open' END`

const v4Low = `CASE WHEN R.status NOT IN ('done', 'cancelled') AND R.progress < 50 THEN 1 ELSE 0 END`

// v4Open says the row R is open work that keeps its exact deadline.
const v4Open = `R.status NOT IN ('done', 'cancelled') AND R.due_on IS NOT NULL`

// v4Due, v4Month: the deadline kept for R, and the month of it.
const (
	v4Due   = `CASE WHEN ` + v4Open + ` THEN R.due_on ELSE '' END`
	v4Month = `CASE WHEN R.status = 'cancelled' OR R.due_on IS NULL THEN '' ELSE SUBSTR(R.due_on, 1, 7) END`
)

// v4DueDay is the days from 1970-01-01 to R's kept deadline (0 when none), in
// the dialect's date arithmetic.
func v4DueDay(dialect string) string {
	days := "CAST(julianday(R.due_on) - 2440587.5 AS INTEGER)"
	if dialect == "postgres" {
		days = "(CAST(R.due_on AS DATE) - DATE '1970-01-01')"
	}
	return "CASE WHEN " + v4Open + " THEN " + days + " ELSE 0 END"
}

// v4Columns are the key and the kept deadline of row R, in table order.
func v4Columns(dialect string) string {
	return v4Bucket + ", " + v4Due + ", " + v4Month + ", " + v4DueDay(dialect) + ", " + v4Low
}

// v4LateDays is the days late of a done-late row, in the dialect's date arithmetic.
func v4LateDays(dialect string) string {
	days := "CAST(julianday(R.completed_on) - julianday(R.due_on) AS INTEGER)"
	if dialect == "postgres" {
		days = "(CAST(R.completed_on AS DATE) - CAST(R.due_on AS DATE))"
	}
	return "CASE WHEN R.status = 'done' AND R.completed_on > R.due_on THEN " + days + " ELSE 0 END"
}

// v4Upsert adds the tally rows a SELECT yields (columns in table order).
const v4Upsert = ` ON CONFLICT (theme_id, agency_id, bucket, due_on, due_month, low_progress)
	DO UPDATE SET n = tallies.n + excluded.n, late_days = tallies.late_days + excluded.late_days`

// v4Contribution is the SELECT of the tally contribution of one assignment
// row R with the sign S (+1 or -1), of theme T.
func v4Contribution(dialect, row, sign, theme string) string {
	cols := "SELECT " + theme + ", R.agency_id, " + v4Columns(dialect) + ", " +
		sign + ", " + sign + " * (" + v4LateDays(dialect) + ")"
	return strings.ReplaceAll(cols, "R.", row+".")
}

// v4Aggregate is the SELECT of the tallies of the assignments (alias a) that
// where selects, with theme and sign: the whole tally when filling, a
// directive's share when its theme changes.
func v4Aggregate(dialect, theme, sign, from string) string {
	sel := "SELECT " + theme + ", R.agency_id, " + v4Columns(dialect) + ", " +
		sign + " * COUNT(*), " + sign + " * SUM(" + v4LateDays(dialect) + ") " + from + " GROUP BY 1, 2, 3, 4, 5, 6, 7"
	return strings.ReplaceAll(sel, "R.", "a.")
}

// v4Fill is the whole tally of the assignments already there.
func v4Fill(dialect string) string {
	return "INSERT INTO tallies " +
		v4Aggregate(dialect, "d.theme_id", "1", "FROM assignments a JOIN directives d ON d.id = a.directive_id WHERE true")
}

// v4ThemeMove moves a directive's assignments from one theme's tallies to
// another's when its theme changes (sign -1 with the old theme, +1 with the new).
func v4ThemeMove(dialect, sign, theme string) string {
	return "INSERT INTO tallies " + v4Aggregate(dialect, theme, sign, "FROM assignments a WHERE a.directive_id = NEW.id") + v4Upsert
}

// v4ThemeOf is the theme of the directive of assignment row R.
func v4ThemeOf(row string) string {
	return "(SELECT theme_id FROM directives WHERE id = " + row + ".directive_id)"
}

// v4SQLiteTriggers keep the tallies on SQLite.
func v4SQLiteTriggers() []string {
	add := func(row, sign string) string {
		return "INSERT INTO tallies " + v4Contribution("sqlite", row, sign, v4ThemeOf(row)) + " WHERE true" + v4Upsert + ";"
	}
	return []string{
		"CREATE TRIGGER tallies_assignment_insert AFTER INSERT ON assignments BEGIN " + add("NEW", "1") + " END",
		"CREATE TRIGGER tallies_assignment_update AFTER UPDATE OF status, progress, due_on, submitted_on, completed_on, " +
			"directive_id, agency_id ON assignments BEGIN " + add("OLD", "-1") + " " + add("NEW", "1") + " END",
		"CREATE TRIGGER tallies_assignment_delete AFTER DELETE ON assignments BEGIN " + add("OLD", "-1") + " END",
		"CREATE TRIGGER tallies_directive_theme AFTER UPDATE OF theme_id ON directives WHEN OLD.theme_id <> NEW.theme_id BEGIN " +
			v4ThemeMove("sqlite", "-1", "OLD.theme_id") + "; " + v4ThemeMove("sqlite", "1", "NEW.theme_id") + "; END",
		"CREATE TRIGGER theme_tallies_insert AFTER INSERT ON tallies BEGIN " + v4ThemeAdd("NEW.n", " WHERE true") + "; END",
		"CREATE TRIGGER theme_tallies_update AFTER UPDATE OF n ON tallies BEGIN " + v4ThemeAdd("NEW.n - OLD.n", " WHERE true") + "; END",
	}
}

// v4PostgresTriggers keep the tallies on PostgreSQL.
func v4PostgresTriggers() []string {
	add := func(row, sign string) string {
		return "INSERT INTO tallies " + v4Contribution("postgres", row, sign, v4ThemeOf(row)) + v4Upsert + ";"
	}
	return []string{
		`CREATE FUNCTION tallies_assignment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP IN ('UPDATE', 'DELETE') THEN ` + add("OLD", "-1") + ` END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') THEN ` + add("NEW", "1") + ` END IF;
	RETURN NULL;
END $$`,
		`CREATE TRIGGER tallies_assignment AFTER INSERT OR DELETE OR UPDATE OF status, progress, due_on, submitted_on,
	completed_on, directive_id, agency_id ON assignments FOR EACH ROW EXECUTE FUNCTION tallies_assignment()`,
		`CREATE FUNCTION tallies_directive_theme() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF OLD.theme_id <> NEW.theme_id THEN ` + v4ThemeMove("postgres", "-1", "OLD.theme_id") + `; ` +
			v4ThemeMove("postgres", "1", "NEW.theme_id") + `; END IF;
	RETURN NULL;
END $$`,
		`CREATE TRIGGER tallies_directive_theme AFTER UPDATE OF theme_id ON directives
	FOR EACH ROW EXECUTE FUNCTION tallies_directive_theme()`,
		`CREATE FUNCTION theme_tallies_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN ` + v4ThemeAdd("NEW.n", "") + `; ELSE ` + v4ThemeAdd("NEW.n - OLD.n", "") + `; END IF;
	RETURN NULL;
END $$`,
		`CREATE TRIGGER theme_tallies_follow AFTER INSERT OR UPDATE OF n ON tallies
	FOR EACH ROW EXECUTE FUNCTION theme_tallies_follow()`,
	}
}

// migrateV4 creates the tallies and the theme tallies, fills them from the
// assignments already there and installs the triggers that keep them.
func migrateV4(tx *gorm.DB) error {
	dialect := tx.Dialector.Name()
	triggers := v4SQLiteTriggers()
	if dialect == "postgres" {
		triggers = v4PostgresTriggers()
	}
	steps := []string{v4CreateTallies, v4IndexTallies, v4Fill(dialect), v4CreateThemeTallies, v4FillThemeTallies}
	for _, stmt := range append(steps, triggers...) {
		if err := tx.Exec(stmt).Error; err != nil {
			return err
		}
	}
	return nil
}
