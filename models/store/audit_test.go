package store_test

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"roviec/models"
	"roviec/models/migrations"
	"roviec/models/store"
	"roviec/models/store/storetest"
)

// auditClock is the app's clock in the audit tests: 14/03/2023 10:30 in Hà Nội.
var auditClock = time.Date(2023, 3, 14, 3, 30, 0, 0, time.UTC)

// auditStore is a store on a fresh database whose clock stands at auditClock.
func auditStore(t *testing.T) *store.Store {
	t.Helper()
	db, err := store.Open(storetest.Database(t), func() time.Time { return auditClock })
	must(t, err)
	t.Cleanup(func() {
		if sqlDB, err := db.DB(); err == nil {
			_ = sqlDB.Close()
		}
	})
	_, err = migrations.Migrate(db, time.Now)
	must(t, err)
	s := store.NewStore(db, hcm(t))
	s.PasswordCost = bcrypt.MinCost
	return s
}

// auditRows is the whole trail, oldest first.
func auditRows(t *testing.T, s *store.Store) []models.AuditEntry {
	t.Helper()
	var list []models.AuditEntry
	must(t, s.DB().Order("id").Find(&list).Error)
	return list
}

// TestAuditRecordsWhoWhenWhereWhat: a change made with an actor in the
// context is recorded with the user's id and e-mail, the address, the app's
// clock, the record and only the fields that changed, before and after.
func TestAuditRecordsWhoWhenWhereWhat(t *testing.T) {
	s := auditStore(t)
	admin, err := s.CreateUser(ctx, models.NewUser{Email: "Admin@Test.vn", Name: "Quản trị", Role: models.RoleAdmin, Password: "mat-khau-thu"})
	must(t, err)
	must(t, s.DB().Create(&models.Agency{Code: "01", Name: "Hà Nội", Kind: models.KindProvince, Active: true, LeaderName: "Ông A"}).Error)
	byAdmin := models.WithActor(ctx, models.UserActor(admin, "203.0.113.7"))
	leader := "Bà B"
	a, err := s.UpdateAgency(byAdmin, "01", store.AgencyPatch{LeaderName: &leader})
	must(t, err)

	rows := auditRows(t, s)
	if len(rows) != 2 {
		t.Fatalf("%d audit rows, want 2 (the user created, the agency changed): %+v", len(rows), rows)
	}
	created, changed := rows[0], rows[1]
	if created.Actor != models.SystemActor || created.ActorID != nil || created.Action != models.AuditCreate ||
		created.Entity != models.AuditUser || created.Before != "" || !strings.Contains(created.After, `"Email":"admin@test.vn"`) {
		t.Errorf("user created without an actor in the context: %+v", created)
	}
	want := models.AuditEntry{ID: changed.ID, At: auditClock, ActorID: &admin.ID, Actor: "admin@test.vn", Address: "203.0.113.7",
		Entity: models.AuditAgency, EntityID: "1", Action: models.AuditUpdate,
		Before: `{"LeaderName":"Ông A"}`, After: `{"LeaderName":"Bà B"}`}
	if changed.ActorID == nil || *changed.ActorID != admin.ID || !changed.At.Equal(auditClock) {
		t.Fatalf("agency change recorded as by %v at %s; want user %d at %s", changed.ActorID, changed.At, admin.ID, auditClock)
	}
	changed.ActorID, changed.At = want.ActorID, want.At
	if changed != want || a.ID != 1 {
		t.Errorf("agency change recorded as\n%+v\nwant\n%+v", changed, want)
	}
}

// TestAuditIsInTheChangesTransaction: a change refused records nothing, and
// a change whose audit row cannot be written does not happen.
func TestAuditIsInTheChangesTransaction(t *testing.T) {
	s := auditStore(t)
	_, err := s.AddHoliday(ctx, "2023-10-02", "Quốc khánh (nghỉ bù)", "")
	must(t, err)
	if _, err := s.AddHoliday(ctx, "2023-10-02", "Lần nữa", ""); err == nil {
		t.Fatal("the same holiday added twice")
	}
	if rows := auditRows(t, s); len(rows) != 1 || rows[0].Entity != models.AuditHoliday {
		t.Fatalf("after one holiday added and one refused: %+v", rows)
	}
	// Without its trail, no change can be made at all.
	must(t, s.DB().Exec("DROP TABLE audit_log").Error)
	if _, err := s.AddHoliday(ctx, "2023-10-03", "Nghỉ thêm", ""); err == nil {
		t.Fatal("a holiday was added with no audit trail to record it")
	}
	if n := count(t, s, "holidays"); n != 12 { // 11 of migration 2 and the one above
		t.Fatalf("%d holidays after the change that could not be audited, want 12", n)
	}
}

// TestAuditTrailIsAppendOnly: the database itself refuses to update, delete
// or empty audit rows, through the store's own connection.
func TestAuditTrailIsAppendOnly(t *testing.T) {
	s := auditStore(t)
	_, err := s.AddHoliday(ctx, "2023-10-02", "Quốc khánh (nghỉ bù)", "")
	must(t, err)
	before := auditRows(t, s)
	db := s.DB()
	if err := db.Exec("UPDATE audit_log SET actor = 'someone@else.vn'").Error; err == nil || !strings.Contains(err.Error(), "append-only") {
		t.Errorf("UPDATE of the audit trail: %v; want refused as append-only", err)
	}
	if err := db.Exec("DELETE FROM audit_log").Error; err == nil || !strings.Contains(err.Error(), "append-only") {
		t.Errorf("DELETE from the audit trail: %v; want refused as append-only", err)
	}
	if err := db.Where("id = ?", before[0].ID).Delete(&models.AuditEntry{}).Error; err == nil {
		t.Error("GORM deleted an audit row")
	}
	if storetest.Postgres() {
		if err := db.Exec("TRUNCATE audit_log").Error; err == nil {
			t.Error("TRUNCATE of the audit trail accepted")
		}
	}
	after := auditRows(t, s)
	if len(after) != len(before) || after[0] != before[0] {
		t.Fatalf("audit trail changed: %+v, was %+v", after, before)
	}
}

// TestAuditKeepsNoSecrets: accounts, logins, failed logins and tokens are
// recorded, but no password, password hash, token or token hash.
func TestAuditKeepsNoSecrets(t *testing.T) {
	s := auditStore(t)
	web := models.WithActor(ctx, models.UserActor(nil, "198.51.100.2"))
	u, err := s.CreateUser(web, models.NewUser{Email: "binh@test.vn", Name: "Bình", Role: models.RoleViewer, Password: "mat-khau-dau"})
	must(t, err)
	must(t, s.SetPassword(web, u.ID, "mat-khau-moi"))
	if _, err := s.Authenticate(web, "binh@test.vn", "mat-khau-sai"); err == nil {
		t.Fatal("a wrong password was accepted")
	}
	if _, err := s.Authenticate(web, "nobody@test.vn", "mat-khau-sai"); err == nil {
		t.Fatal("an unknown e-mail was accepted")
	}
	session, _, err := s.IssueToken(web, u.ID, models.TokenSession, auditClock, time.Hour)
	must(t, err)
	api, _, err := s.IssueToken(web, u.ID, models.TokenAPI, auditClock, time.Hour)
	must(t, err)
	must(t, s.RevokeToken(web, session))
	must(t, s.RevokeToken(web, api))
	var stored models.User
	must(t, s.DB().First(&stored, u.ID).Error)

	var actions []string
	for _, r := range auditRows(t, s) {
		actions = append(actions, string(r.Action)+" "+r.Actor)
		text := r.Before + r.After + r.Actor + r.EntityID
		for _, secret := range []string{"mat-khau", stored.PasswordHash, u.PasswordHash, "$2a$", session, api,
			models.HashToken(session), models.HashToken(api), "PasswordHash", "Hash"} {
			if strings.Contains(text, secret) {
				t.Errorf("audit row %s %s keeps a secret (%q): %s | %s", r.Entity, r.Action, secret, r.Before, r.After)
			}
		}
		if r.Address != "198.51.100.2" {
			t.Errorf("audit row %s %s from %q, want the request's address", r.Entity, r.Action, r.Address)
		}
	}
	want := "create  password  login_failed binh@test.vn login_failed nobody@test.vn " +
		"login binh@test.vn token_create binh@test.vn logout binh@test.vn token_revoke binh@test.vn"
	if got := strings.Join(actions, " "); got != want {
		t.Errorf("recorded:\n%s\nwant\n%s", got, want)
	}
}

// TestAuditFilters: the trail is listed newest first, filtered by who,
// record, action and days in the store's time zone, and exported whole.
func TestAuditFilters(t *testing.T) {
	s := auditStore(t)
	cli := models.WithActor(ctx, models.System("cli"))
	for _, d := range []string{"2023-10-02", "2023-10-03", "2023-10-04"} {
		_, err := s.AddHoliday(cli, d, "Nghỉ "+d, "")
		must(t, err)
	}
	must(t, s.RemoveHoliday(cli, 13))
	list, total, err := s.ListAudit(ctx, store.AuditFilter{Actor: "SYSTEM", Entity: models.AuditHoliday, Page: store.Page{PerPage: 2}})
	must(t, err)
	if total != 4 || len(list) != 2 || list[0].Action != models.AuditDelete || list[0].EntityID != "13" || list[0].Address != "cli" {
		t.Fatalf("first page of 2 of the holidays' trail: %d of %d, %+v", len(list), total, list)
	}
	for _, c := range []struct {
		f    store.AuditFilter
		want int64
	}{
		{store.AuditFilter{Action: models.AuditDelete}, 1},
		{store.AuditFilter{Entity: models.AuditHoliday, EntityID: "12"}, 1},
		{store.AuditFilter{Actor: "someone@test.vn"}, 0},
		{store.AuditFilter{From: "2023-03-14", To: "2023-03-14"}, 4}, // 10:30 on the 14th in Hà Nội
		{store.AuditFilter{From: "2023-03-15"}, 0},
		{store.AuditFilter{To: "2023-03-13"}, 0},
	} {
		_, n, err := s.ListAudit(ctx, c.f)
		must(t, err)
		if n != c.want {
			t.Errorf("%+v: %d rows, want %d", c.f, n, c.want)
		}
	}
	var ids []string
	must(t, s.EachAudit(ctx, store.AuditFilter{Page: store.Page{PerPage: 1}}, func(e *models.AuditEntry) error {
		ids = append(ids, e.EntityID)
		return nil
	}))
	if strings.Join(ids, ",") != "13,14,13,12" {
		t.Errorf("exported %v, want every row newest first", ids)
	}
}
