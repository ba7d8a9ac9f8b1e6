package migrations

import (
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"roviec/models"
	"roviec/models/store/storetest"
)

// TestUpgradeFromV1KeepsData migrates a version-1 database holding the
// 2023 programme and a session to the latest version, on SQLite or
// PostgreSQL (storetest).
func TestUpgradeFromV1KeepsData(t *testing.T) {
	db := storetest.Open(t)
	// A database left by a release that knew only version 1.
	if err := db.AutoMigrate(&schemaMigration{}); err != nil {
		t.Fatal(err)
	}
	if err := migrateV1(db); err != nil {
		t.Fatal(err)
	}
	if err := db.Create(&schemaMigration{Version: 1, Name: "core tracker", AppliedAt: time.Now()}).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Exec("INSERT INTO agencies (code, name, kind, active) VALUES ('01', 'Hà Nội', 'province', true)").Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Exec("INSERT INTO users (email, name, role, language, active, password_hash) VALUES ('a@b.vn', 'A', 'admin', 'vi', true, 'x')").Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Exec("INSERT INTO tokens (user_id, kind, hash, csrf, expires_at) VALUES (1, 'session', 'h1', 'c', ?)", time.Now().Add(time.Hour)).Error; err != nil {
		t.Fatal(err)
	}

	for _, stmt := range []string{
		"INSERT INTO plans (name, year) VALUES ('Kế hoạch 2023', 2023)",
		"INSERT INTO themes (plan_id, first_month, last_month, title_vi) VALUES (1, 1, 3, 'Quý I')",
		"INSERT INTO directives (theme_id, plan_id, title, due_on) VALUES (1, 1, 'Ban hành kế hoạch', '2023-03-31')",
		"INSERT INTO assignments (directive_id, agency_id, status, progress, due_on, submitted_on, completed_on) " +
			"VALUES (1, 1, 'done', 100, '2023-03-31', '2023-04-03', '2023-04-03')",
	} {
		if err := db.Exec(stmt).Error; err != nil {
			t.Fatal(err)
		}
	}

	at := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	applied, err := Migrate(db, func() time.Time { return at })
	var later []int // every migration after the first, in order
	for _, m := range migrations()[1:] {
		later = append(later, m.Version)
	}
	if err != nil || fmt.Sprint(applied) != fmt.Sprint(later) {
		t.Fatalf("upgrade applied %v, %v; want %v", applied, err, later)
	}
	var records []schemaMigration
	db.Where("version > 1").Order("version").Find(&records)
	for _, r := range records {
		if !r.AppliedAt.Equal(at) {
			t.Errorf("migration %d recorded at %s, want the clock's %s", r.Version, r.AppliedAt, at)
		}
	}
	if len(records) != len(later) {
		t.Fatalf("%d new migration records, want %d", len(records), len(later))
	}
	if !db.Migrator().HasTable("password_links") || !db.Migrator().HasIndex("password_links", "idx_password_links_hash") {
		t.Fatal("no password_links table with its unique hash index after the upgrade")
	}
	if !db.Migrator().HasTable("meeting_packs") || !db.Migrator().HasIndex("meeting_packs", "idx_meeting_packs_number") {
		t.Fatal("no meeting_packs table with its unique number index after the upgrade")
	}
	pack := "INSERT INTO meeting_packs (plan_id, theme_id, year, number, meeting_on, title, body, created_by, created_at) " +
		"VALUES (1, 1, 2023, 1, '2023-03-31', 'T', '<p>1/1</p>', 1, ?)"
	if err := db.Exec(pack, at).Error; err != nil {
		t.Fatalf("a meeting pack on the upgraded schema: %v", err)
	}
	if db.Exec(pack, at).Error == nil {
		t.Fatal("two meeting packs numbered 1/2023")
	}
	var key string
	if err := db.Model(&models.Agency{}).Where("code = ?", "01").Pluck("search_key", &key).Error; err != nil {
		t.Fatal(err)
	}
	if key != "01 ha noi" {
		t.Fatalf("search key of Hà Nội after the upgrade: %q", key)
	}
	count := func(q *gorm.DB) int64 {
		var n int64
		if err := q.Count(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	// A token issued before personal tokens keeps working as a write token.
	tokens, holidays := count(db.Model(&models.Token{}).Where("hash = ? AND scope = ?", "h1", models.ScopeWrite)), count(db.Model(&models.Holiday{}))
	if !db.Migrator().HasTable("calendar_feeds") {
		t.Fatal("no calendar_feeds table after the upgrade")
	}
	agencies := count(db.Model(&models.Agency{}))
	if tokens != 1 || holidays != 11 || agencies != 1 {
		t.Fatalf("after the upgrade: %d tokens, %d holidays, %d agencies; want 1, 11, 1", tokens, holidays, agencies)
	}
	// The assignment already there is tallied: done 3 days late.
	var tally struct {
		Bucket   string
		N        int
		LateDays int
	}
	if err := db.Raw("SELECT bucket, n, late_days FROM tallies WHERE theme_id = 1 AND agency_id = 1").Scan(&tally).Error; err != nil {
		t.Fatal(err)
	}
	if tally.Bucket != "done_late" || tally.N != 1 || tally.LateDays != 3 {
		t.Fatalf("tally after the upgrade: %+v; want one done_late, 3 days", tally)
	}
	// Rows there before versions start at version 1.
	var version int
	if err := db.Raw("SELECT version FROM assignments WHERE id = 1").Scan(&version).Error; err != nil || version != 1 {
		t.Fatalf("the assignment's version after the upgrade: %d, %v; want 1", version, err)
	}
	// It stands in the league's standings of its plan: assigned, done late.
	var standing struct{ Assigned, DoneLate int }
	if err := db.Raw("SELECT assigned, done_late FROM standings WHERE plan_id = 1 AND agency_id = 1").Scan(&standing).Error; err != nil {
		t.Fatal(err)
	}
	if standing.Assigned != 1 || standing.DoneLate != 1 {
		t.Fatalf("standing after the upgrade: %+v; want 1 assigned, 1 done late", standing)
	}
	// The plan there before public scoreboards stays private; a webhook's
	// overdue delivery is once per key.
	var public bool
	if err := db.Raw("SELECT public FROM plans WHERE id = 1").Scan(&public).Error; err != nil || public {
		t.Fatalf("the plan after the upgrade: public %v, %v; want private", public, err)
	}
	if err := db.Exec("INSERT INTO webhooks (url, secret, events, active) VALUES ('https://x.vn', 's', ',a,', true)").Error; err != nil {
		t.Fatal(err)
	}
	twice := "INSERT INTO webhook_deliveries (webhook_id, event, dedup_key, payload, status, attempts, last_error, response_code, next_attempt_at, created_at) " +
		"VALUES (1, 'assignment.overdue', 'overdue:1:2023-03-31', '{}', 'queued', 0, '', 0, ?, ?)"
	if err := db.Exec(twice, at, at).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Exec(twice, at, at).Error; err == nil {
		t.Fatal("a second delivery with the same key was accepted: the unique index is missing")
	}
	// The agency there before mergers is nobody's predecessor (version 21),
	// and a history row may name the agency an assignment moved from,
	// listed by the index of moves.
	var merged struct {
		SuccessorID *uint
		MergedOn    string
	}
	if err := db.Raw("SELECT successor_id, merged_on FROM agencies WHERE code = '01'").Scan(&merged).Error; err != nil {
		t.Fatal(err)
	}
	if merged.SuccessorID != nil || merged.MergedOn != "" {
		t.Fatalf("an agency after the upgrade: %+v; want no successor, no merger day", merged)
	}
	if !db.Migrator().HasIndex("updates", "idx_updates_moves") {
		t.Fatal("no index of moves on updates after the upgrade")
	}
	if err := db.Exec("INSERT INTO updates (assignment_id, at, from_status, to_status, progress, note, from_agency_id, version) "+
		"VALUES (1, ?, 'done', 'done', 100, 'Chuyển', 1, 1)", at).Error; err != nil {
		t.Fatalf("a move in the history on the upgraded schema: %v", err)
	}
	// An explanation request is open until answered or closed (version 23).
	if err := db.Exec("INSERT INTO explanation_requests (assignment_id, due_on, requested_at, answer) VALUES (1, '2023-03-31', ?, '')", at).Error; err != nil {
		t.Fatal(err)
	}
	if n := count(db.Model(&models.ExplanationRequest{}).Where("answered_at IS NULL AND closed_at IS NULL")); n != 1 {
		t.Fatalf("%d open explanation requests after the upgrade, want 1", n)
	}
	// The session's hash is still unique.
	if err := db.Create(&models.Token{UserID: 1, Kind: models.TokenSession, Hash: "h1", ExpiresAt: time.Now()}).Error; err == nil {
		t.Fatal("a second token with the same hash was accepted: the unique index is gone")
	}
}
