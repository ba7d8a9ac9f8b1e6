package migrations

import "gorm.io/gorm"

// Schema version 9: standings, the league table's counts per plan and agency,
// kept from the tallies by triggers, so that today's league of a national
// plan reads one row per agency instead of one per agency and deadline.
// Frozen.
//
// What does not depend on the day is summed whatever the deadline: the work
// assigned (not cancelled), done on time and done late. What does (open work
// is overdue once its deadline has passed; a deadline that has passed makes
// work due) is folded into the standings only for deadlines before the day
// standings_day holds: past_open counts that open work and past_open_days sums
// its deadlines (tallies.due_day) so that days overdue are
// past_open * today - past_open_days; past_safe counts the safe work with such
// a deadline. The store rolls that day forward (or back) to today before it
// reads, adding the tallies of the deadlines in between, under a lock on the
// day's row; a writer's trigger reads the day under a shared lock, so that no
// tally change falls between a roll's read and its new day. Open and safe work
// with a later deadline stays in the tallies, of which the league reads only
// the week ahead (idx_tallies_due).
//
// It also counts the assignments of each directive per status
// (directive_statuses, kept by triggers too) and indexes the assignments of a
// directive in list order, for the pages of a theme's list.

const v9CreateStandings = `CREATE TABLE standings (
	plan_id INTEGER NOT NULL,
	agency_id INTEGER NOT NULL,
	assigned INTEGER NOT NULL,
	done_on_time INTEGER NOT NULL,
	done_late INTEGER NOT NULL,
	past_open INTEGER NOT NULL,
	past_open_days INTEGER NOT NULL,
	past_safe INTEGER NOT NULL,
	PRIMARY KEY (plan_id, agency_id)
)`

// standings_day holds one row: the day before which deadlines are folded
// into the standings (empty at first: none is).
const v9CreateStandingsDay = `CREATE TABLE standings_day (id INTEGER PRIMARY KEY, day VARCHAR(10) NOT NULL)`

const v9FillStandingsDay = `INSERT INTO standings_day (id, day) VALUES (1, '')`

const v9IndexTalliesDue = `CREATE INDEX idx_tallies_due ON tallies (due_on)`

const v9FillStandings = `INSERT INTO standings
	SELECT th.plan_id, t.agency_id,
		SUM(CASE WHEN t.bucket <> 'cancelled' THEN t.n ELSE 0 END),
		SUM(CASE WHEN t.bucket = 'done_on_time' THEN t.n ELSE 0 END),
		SUM(CASE WHEN t.bucket = 'done_late' THEN t.n ELSE 0 END), 0, 0, 0
	FROM tallies t JOIN themes th ON th.id = t.theme_id GROUP BY th.plan_id, t.agency_id`

// v9Add adds the change d (an SQL expression) of the NEW tally row's count to
// the standing of its plan and agency; day is the folding day.
func v9Add(d, day string) string {
	past := "NEW.due_on <> '' AND NEW.due_on < " + day
	return `INSERT INTO standings SELECT (SELECT plan_id FROM themes WHERE id = NEW.theme_id), NEW.agency_id,
		CASE WHEN NEW.bucket <> 'cancelled' THEN ` + d + ` ELSE 0 END,
		CASE WHEN NEW.bucket = 'done_on_time' THEN ` + d + ` ELSE 0 END,
		CASE WHEN NEW.bucket = 'done_late' THEN ` + d + ` ELSE 0 END,
		CASE WHEN NEW.bucket = 'open' AND ` + past + ` THEN ` + d + ` ELSE 0 END,
		CASE WHEN NEW.bucket = 'open' AND ` + past + ` THEN (` + d + `) * NEW.due_day ELSE 0 END,
		CASE WHEN NEW.bucket = 'safe' AND ` + past + ` THEN ` + d + ` ELSE 0 END
	WHERE true ON CONFLICT (plan_id, agency_id) DO UPDATE SET assigned = standings.assigned + excluded.assigned,
		done_on_time = standings.done_on_time + excluded.done_on_time, done_late = standings.done_late + excluded.done_late,
		past_open = standings.past_open + excluded.past_open, past_open_days = standings.past_open_days + excluded.past_open_days,
		past_safe = standings.past_safe + excluded.past_safe`
}

// v9SQLiteTriggers keep the standings on SQLite, where one writer at a time
// reads the day.
func v9SQLiteTriggers() []string {
	const day = "(SELECT day FROM standings_day WHERE id = 1)"
	return []string{
		"CREATE TRIGGER standings_tally_insert AFTER INSERT ON tallies BEGIN " + v9Add("NEW.n", day) + "; END",
		"CREATE TRIGGER standings_tally_update AFTER UPDATE OF n ON tallies BEGIN " + v9Add("NEW.n - OLD.n", day) + "; END",
	}
}

// v9PostgresTriggers keep the standings on PostgreSQL: the day is read under
// a key-share lock, which a roll's FOR UPDATE waits for (and the other way
// round), while writers do not wait for one another.
func v9PostgresTriggers() []string {
	return []string{
		`CREATE FUNCTION standings_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	folded VARCHAR(10);
BEGIN
	SELECT day INTO folded FROM standings_day WHERE id = 1 FOR KEY SHARE;
	IF TG_OP = 'INSERT' THEN ` + v9Add("NEW.n", "folded") + `; ELSE ` + v9Add("NEW.n - OLD.n", "folded") + `; END IF;
	RETURN NULL;
END $$`,
		`CREATE TRIGGER standings_follow AFTER INSERT OR UPDATE OF n ON tallies
	FOR EACH ROW EXECUTE FUNCTION standings_follow()`,
	}
}

// directive_statuses counts the assignments of each directive per status,
// kept by triggers on the assignments, so that a board's status totals and a
// list filtered by status read a row per directive, not every assignment.
const (
	v9CreateDirectiveStatuses = `CREATE TABLE directive_statuses (
	directive_id INTEGER NOT NULL,
	status VARCHAR(16) NOT NULL,
	n INTEGER NOT NULL,
	PRIMARY KEY (directive_id, status)
)`
	v9IndexDirectiveStatuses = `CREATE INDEX idx_directive_statuses_status ON directive_statuses (status, directive_id)`
	v9FillDirectiveStatuses  = `INSERT INTO directive_statuses SELECT directive_id, status, COUNT(*) FROM assignments GROUP BY directive_id, status`
)

// v9CountStatus adds k to the count of the status of assignment row R (OLD or NEW).
func v9CountStatus(row, k string) string {
	return "INSERT INTO directive_statuses SELECT " + row + ".directive_id, " + row + ".status, " + k +
		" WHERE true ON CONFLICT (directive_id, status) DO UPDATE SET n = directive_statuses.n + excluded.n"
}

// v9StatusTriggers keep directive_statuses. On PostgreSQL a change takes its
// two rows in one statement, in key order, so that two writers moving
// assignments of one directive in opposite directions do not deadlock.
func v9StatusTriggers(dialect string) []string {
	const changed = "OLD.status <> NEW.status OR OLD.directive_id <> NEW.directive_id"
	if dialect == "postgres" {
		return []string{
			`CREATE FUNCTION directive_statuses_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN ` + v9CountStatus("NEW", "1") + `;
	ELSIF TG_OP = 'DELETE' THEN ` + v9CountStatus("OLD", "-1") + `;
	ELSE INSERT INTO directive_statuses
		SELECT d, s, SUM(k) FROM (VALUES (OLD.directive_id, OLD.status, -1), (NEW.directive_id, NEW.status, 1)) AS v (d, s, k)
		GROUP BY d, s ORDER BY d, s
		ON CONFLICT (directive_id, status) DO UPDATE SET n = directive_statuses.n + excluded.n;
	END IF;
	RETURN NULL;
END $$`,
			`CREATE TRIGGER directive_statuses_follow AFTER INSERT OR DELETE ON assignments
	FOR EACH ROW EXECUTE FUNCTION directive_statuses_follow()`,
			`CREATE TRIGGER directive_statuses_change AFTER UPDATE OF status, directive_id ON assignments
	FOR EACH ROW WHEN (` + changed + `) EXECUTE FUNCTION directive_statuses_follow()`,
		}
	}
	return []string{
		"CREATE TRIGGER directive_statuses_insert AFTER INSERT ON assignments BEGIN " + v9CountStatus("NEW", "1") + "; END",
		"CREATE TRIGGER directive_statuses_update AFTER UPDATE OF status, directive_id ON assignments WHEN " + changed +
			" BEGIN " + v9CountStatus("OLD", "-1") + "; " + v9CountStatus("NEW", "1") + "; END",
		"CREATE TRIGGER directive_statuses_delete AFTER DELETE ON assignments BEGIN " + v9CountStatus("OLD", "-1") + "; END",
	}
}

// The assignments of a directive in list order (due date, directive,
// agency), so that a page of a theme's list sorts index entries, not rows;
// it serves whatever the index on directive_id alone did.
var v9DirectiveIndex = []string{
	"DROP INDEX idx_assignments_directive_id",
	"CREATE INDEX idx_assignments_directive_due ON assignments (directive_id, due_on, agency_id)",
}

// migrateV9 creates the standings, fills them from the tallies (nothing
// folded yet) and installs the triggers that keep them; does the same for
// the status counts per directive; and indexes the assignments of a
// directive in list order.
func migrateV9(tx *gorm.DB) error {
	triggers := v9SQLiteTriggers()
	if tx.Dialector.Name() == "postgres" {
		triggers = v9PostgresTriggers()
	}
	steps := []string{v9CreateStandings, v9CreateStandingsDay, v9FillStandingsDay, v9IndexTalliesDue, v9FillStandings}
	steps = append(append(steps, triggers...), v9CreateDirectiveStatuses, v9IndexDirectiveStatuses, v9FillDirectiveStatuses)
	steps = append(append(steps, v9StatusTriggers(tx.Dialector.Name())...), v9DirectiveIndex...)
	for _, stmt := range steps {
		if err := tx.Exec(stmt).Error; err != nil {
			return err
		}
	}
	return nil
}
