package store_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"roviec/models"
	"roviec/models/migrations"
	"roviec/models/seed"
	"roviec/models/store"
	"roviec/models/store/storetest"
)

// tables are every table of the schema, for before/after comparisons.
var tables = []string{"plans", "themes", "agencies", "users", "targets", "directives", "assignments", "updates", "tokens", "schema_migrations"}

func tableCounts(t *testing.T, s *store.Store) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, table := range tables {
		out[table] = count(t, s, table)
	}
	return out
}

func TestMigrateTwice(t *testing.T) {
	db := storetest.Open(t)
	first, err := migrations.Migrate(db, time.Now)
	must(t, err)
	if len(first) < 2 || first[0] != 1 || first[1] != 2 {
		t.Fatalf("first run applied %v, want every migration from 1", first)
	}
	applied, err := migrations.Migrate(db, time.Now)
	must(t, err)
	if len(applied) != 0 {
		t.Errorf("second run applied %v, want none", applied)
	}
	var n int64
	must(t, db.Table("schema_migrations").Count(&n).Error)
	if int(n) != len(applied)+len(first) {
		t.Errorf("schema_migrations holds %d rows, want %d", n, len(first))
	}
}

func TestSeedProgramme2023(t *testing.T) {
	s := seededStore(t)
	plan := plan2023(t, s)
	themes, err := s.ListThemes(ctx, plan.ID)
	must(t, err)
	if len(themes) != 10 {
		t.Fatalf("%d themes, want 10", len(themes))
	}
	if themes[0].FirstMonth != 1 || themes[0].LastMonth != 3 {
		t.Errorf("first theme covers months %d-%d, want 1-3", themes[0].FirstMonth, themes[0].LastMonth)
	}
	for i, th := range themes[1:] {
		if th.FirstMonth != 4+i || th.LastMonth != 4+i || th.TitleVI == "" || th.TitleEN == "" {
			t.Errorf("theme %d = months %d-%d %q/%q, want month %d with both titles", i+2, th.FirstMonth, th.LastMonth, th.TitleVI, th.TitleEN, 4+i)
		}
	}
	for kind, want := range map[models.AgencyKind]int{models.KindMinistry: 30, models.KindProvince: 63} {
		list, err := s.ListAgencies(ctx, store.AgencyFilter{Kind: kind})
		must(t, err)
		if len(list) != want {
			t.Errorf("%d agencies of kind %s, want %d", len(list), kind, want)
		}
	}
	if n := count(t, s, "targets"); n != 36 {
		t.Errorf("%d targets, want 36", n)
	}

	// Each agencies-scope target is a directive to all 93, due at the end of its theme.
	var targets []models.Target
	must(t, s.DB().Where("plan_id = ? AND scope = ?", plan.ID, "agencies").Find(&targets).Error)
	if len(targets) != 10 {
		t.Errorf("%d agencies-scope targets, want 10", len(targets))
	}
	for _, tg := range targets {
		var d models.Directive
		if err := s.DB().Preload("Theme").Where("target_id = ?", tg.ID).First(&d).Error; err != nil {
			t.Errorf("target %s has no directive: %v", tg.Code, err)
			continue
		}
		end := models.EndOfMonth(2023, d.Theme.LastMonth)
		var n, onTime int64
		must(t, s.DB().Model(&models.Assignment{}).Where("directive_id = ?", d.ID).Count(&n).Error)
		must(t, s.DB().Model(&models.Assignment{}).Where("directive_id = ? AND due_on = ?", d.ID, end).Count(&onTime).Error)
		if d.DueOn != end || n != 93 || onTime != 93 {
			t.Errorf("target %s: directive due %s with %d assignments (%d due %s), want 93 due %s", tg.Code, d.DueOn, n, onTime, end, end)
		}
	}
	var dirs []models.Directive
	must(t, s.DB().Find(&dirs).Error)
	for _, d := range dirs {
		// A source is the official document, never the article's file name;
		// a count that changes with time is computed, not written.
		if d.Source == "" || strings.Contains(d.Source, ".txt") {
			t.Errorf("directive %q has source %q, want the official document", d.Title, d.Source)
		}
		if strings.Contains(d.Description, "6/30") || strings.Contains(strings.ToLower(d.Description), "bài 00") {
			t.Errorf("directive %q describes %q", d.Title, d.Description)
		}
	}
	var d1 models.Target
	must(t, s.DB().Where("plan_id = ? AND code = ?", plan.ID, "D1").First(&d1).Error)
	if !strings.Contains(d1.Source, "Quyết định 17/QĐ-UBQGCĐS ngày 04/4/2023") || strings.Contains(d1.Source, ".txt") {
		t.Errorf("target D1's source = %q, want the documents", d1.Source)
	}

	before := tableCounts(t, s)
	res, err := seed.SeedProgramme2023(ctx, s, seedTime.Add(time.Hour))
	must(t, err)
	if !res.Empty() {
		t.Errorf("second seed added %+v", res)
	}
	if after := tableCounts(t, s); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("second seed changed the tables: %v -> %v", before, after)
	}
}

// TestCreateDirectiveAllOrNothing injects a failure at the 60th of 93
// assignments: the directive and the 59 before it must not be written.
func TestCreateDirectiveAllOrNothing(t *testing.T) {
	s := seededStore(t)
	themes, err := s.ListThemes(ctx, plan2023(t, s).ID)
	must(t, err)
	var order []models.Agency // the order CreateDirective writes: ministries, then provinces
	for _, kind := range []models.AgencyKind{models.KindMinistry, models.KindProvince} {
		list, err := s.ListAgencies(ctx, store.AgencyFilter{Kind: kind, ActiveOnly: true})
		must(t, err)
		order = append(order, list...)
	}
	dropTrigger := failInsertFor(t, s, order[59].ID)
	in := models.DirectiveInput{ThemeID: themes[1].ID, Title: "Công bố danh mục dữ liệu mở", Deliverable: "Danh mục",
		DueDate: "30/04/2023", AgencyKinds: []models.AgencyKind{models.KindMinistry, models.KindProvince}}
	before := tableCounts(t, s)
	_, _, err = s.CreateDirective(ctx, in, nil, seedTime)
	if err == nil || !strings.Contains(err.Error(), "injected failure") {
		t.Fatalf("want the injected failure, got %v", err)
	}
	if after := tableCounts(t, s); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("a failed directive left rows behind: %v -> %v", before, after)
	}

	dropTrigger()
	d, list, err := s.CreateDirective(ctx, in, nil, seedTime)
	must(t, err)
	if len(list) != 93 || count(t, s, "assignments") != before["assignments"]+93 || d.DueOn != "2023-04-30" {
		t.Errorf("without the failure: %d assignments, due %s", len(list), d.DueOn)
	}
}

// failInsertFor makes every insert of an assignment for the agency fail with
// "injected failure", by a trigger in the database's own dialect, and
// returns the function that drops it.
func failInsertFor(t *testing.T, s *store.Store, agencyID uint) (drop func()) {
	t.Helper()
	db := s.DB()
	if !storetest.Postgres() {
		must(t, db.Exec(fmt.Sprintf(`CREATE TRIGGER fail_mid BEFORE INSERT ON assignments
			WHEN NEW.agency_id = %d BEGIN SELECT RAISE(ABORT, 'injected failure'); END`, agencyID)).Error)
		return func() { must(t, db.Exec("DROP TRIGGER fail_mid").Error) }
	}
	must(t, db.Exec(fmt.Sprintf(`CREATE FUNCTION fail_mid() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN IF NEW.agency_id = %d THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$`, agencyID)).Error)
	must(t, db.Exec("CREATE TRIGGER fail_mid BEFORE INSERT ON assignments FOR EACH ROW EXECUTE FUNCTION fail_mid()").Error)
	return func() { must(t, db.Exec("DROP TRIGGER fail_mid ON assignments").Error) }
}

func TestCopyPlan(t *testing.T) {
	s := seededStore(t)
	src := plan2023(t, s)
	// One assignment done in 2023 must not carry over.
	must(t, s.DB().Model(&models.Assignment{}).Where("id = ?", 1).Updates(map[string]any{
		"status": models.StatusDone, "progress": 100, "completed_on": "2023-02-10", "owner_name": "Nguyễn Văn An"}).Error)
	np, err := s.CopyPlan(ctx, src.ID, "Kế hoạch chuyển đổi số 2024", 2024, nil, seedTime)
	must(t, err)
	if np.Year != 2024 {
		t.Errorf("year %d", np.Year)
	}
	for _, table := range []string{"themes", "targets", "directives"} {
		var old, fresh int64
		must(t, s.DB().Table(table).Where("plan_id = ?", src.ID).Count(&old).Error)
		must(t, s.DB().Table(table).Where("plan_id = ?", np.ID).Count(&fresh).Error)
		if old == 0 || fresh != old {
			t.Errorf("%s: %d in 2023, %d in the copy", table, old, fresh)
		}
	}
	var oldDirs, newDirs []models.Directive
	must(t, s.DB().Where("plan_id = ?", src.ID).Order("id").Find(&oldDirs).Error)
	must(t, s.DB().Where("plan_id = ?", np.ID).Order("id").Find(&newDirs).Error)
	for i := range oldDirs {
		o, n := oldDirs[i], newDirs[i]
		want := o.DueOn.Time().AddDate(1, 0, 0).Format("2006-01-02")
		if n.Title != o.Title || string(n.DueOn) != want {
			t.Errorf("copy of %q: %q due %s, want due %s", o.Title, n.Title, n.DueOn, want)
		}
		var nOld, nNew int64
		must(t, s.DB().Model(&models.Assignment{}).Where("directive_id = ?", o.ID).Count(&nOld).Error)
		must(t, s.DB().Model(&models.Assignment{}).Where("directive_id = ? AND status = ? AND progress = 0 AND owner_name = '' "+
			"AND completed_on IS NULL AND due_on = ?", n.ID, models.StatusNotStarted, want).Count(&nNew).Error)
		if nNew != nOld {
			t.Errorf("copy of %q: %d fresh assignments due %s, want %d", o.Title, nNew, want, nOld)
		}
	}
}

// TestMigrationsKeepIndexes checks the indexes every later migration must
// keep (SQLite rebuilds a table to drop a column, losing its indexes).
func TestMigrationsKeepIndexes(t *testing.T) {
	db := storetest.Open(t)
	_, err := migrations.Migrate(db, time.Now)
	must(t, err)
	for table, want := range map[string][]string{
		"tokens":        {"idx_tokens_hash", "idx_tokens_user_id"},
		"assignments":   {"idx_assignment_directive_agency", "idx_assignments_due_on", "idx_assignments_status"},
		"reminder_logs": {"idx_reminder_logs_key"},
	} {
		for _, idx := range want {
			if !db.Migrator().HasIndex(table, idx) {
				t.Errorf("index %s on %s is missing", idx, table)
			}
		}
	}
}

// TestSeedProgramme2023Recites: a database seeded when sources were article
// file names gets the official documents on the next seed run.
func TestSeedProgramme2023Recites(t *testing.T) {
	s := seededStore(t)
	must(t, s.DB().Exec("UPDATE directives SET source = ?", "002_06522aac980ee7d0.txt").Error)
	must(t, s.DB().Exec("UPDATE targets SET source = ?", "000_c19f3296026d0634.txt;003_efd1e6c25bc00cef.txt").Error)
	must(t, s.DB().Exec("UPDATE themes SET source = ?", "000_c19f3296026d0634.txt").Error)
	_, err := seed.SeedProgramme2023(ctx, s, seedTime.Add(time.Hour))
	must(t, err)
	var d models.Directive
	must(t, s.DB().First(&d).Error)
	if want := "Hội nghị trực tuyến toàn quốc và phiên họp lần thứ 5 của Ủy ban Quốc gia về chuyển đổi số, ngày 25/02/2023"; d.Source != want {
		t.Errorf("directive source = %q, want %q", d.Source, want)
	}
	var tg models.Target
	must(t, s.DB().First(&tg).Error)
	if !strings.HasPrefix(tg.Source, "Mục tiêu và chủ đề hằng tháng") || !strings.Contains(tg.Source, "; Quyết định 17/QĐ-UBQGCĐS") {
		t.Errorf("target source = %q", tg.Source)
	}
	var th models.Theme
	must(t, s.DB().First(&th).Error)
	if strings.Contains(th.Source, ".txt") {
		t.Errorf("theme source = %q", th.Source)
	}
}
