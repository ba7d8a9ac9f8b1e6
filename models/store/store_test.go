package store_test

import (
	"context"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"roviec/models"
	"roviec/models/migrations"
	"roviec/models/seed"
	"roviec/models/store"
	"roviec/models/store/storetest"
)

var ctx = context.Background()

// hcm is the time zone of deadlines in every test.
func hcm(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// newStore is a store on a fresh, migrated database (storetest.Open:
// SQLite, or PostgreSQL with ROVIEC_TEST_DATABASE), in Asia/Ho_Chi_Minh,
// with the cheapest password hashing.
func newStore(t testing.TB) *store.Store {
	t.Helper()
	db := storetest.Open(t)
	if _, err := migrations.Migrate(db, time.Now); err != nil {
		t.Fatal(err)
	}
	s := store.NewStore(db, hcm(t))
	s.PasswordCost = bcrypt.MinCost
	return s
}

// seedTime is when the tests load the programme: 25/02/2023 09:00 in Hà Nội.
var seedTime = time.Date(2023, 2, 25, 2, 0, 0, 0, time.UTC)

// seededStore is newStore with the built-in 2023 programme loaded.
func seededStore(t testing.TB) *store.Store {
	t.Helper()
	s := newStore(t)
	if _, err := seed.SeedProgramme2023(ctx, s, seedTime); err != nil {
		t.Fatal(err)
	}
	return s
}

// plan2023 is the built-in plan of a seeded store.
func plan2023(t testing.TB, s *store.Store) models.Plan {
	t.Helper()
	var p models.Plan
	if err := s.DB().Where("year = ?", 2023).First(&p).Error; err != nil {
		t.Fatal(err)
	}
	return p
}

// fixture is a small world: one plan with a Q1 theme, a ministry (BTTTT)
// and a province (01), and one user of each role.
type fixture struct {
	s     *store.Store
	theme models.Theme
	users map[string]*models.User // admin, coordinator, viewer, focal (BTTTT), focal2 (01), inactive (focal of BTTTT)
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	s := newStore(t)
	db := s.DB()
	plan := models.Plan{Name: "Kế hoạch thử", Year: 2023}
	must(t, db.Create(&plan).Error)
	f := &fixture{s: s, theme: models.Theme{PlanID: plan.ID, FirstMonth: 1, LastMonth: 3, TitleVI: "Quý I"}, users: map[string]*models.User{}}
	must(t, db.Create(&f.theme).Error)
	must(t, db.Create(&[]models.Agency{
		{Code: "BTTTT", Name: "Bộ Thông tin và Truyền thông", Kind: models.KindMinistry, Active: true},
		{Code: "01", Name: "Hà Nội", Kind: models.KindProvince, Active: true},
	}).Error)
	for _, u := range []struct {
		key    string
		role   models.Role
		agency string
	}{
		{"admin", models.RoleAdmin, ""}, {"coordinator", models.RoleCoordinator, ""}, {"viewer", models.RoleViewer, ""},
		{"focal", models.RoleFocal, "BTTTT"}, {"focal2", models.RoleFocal, "01"}, {"inactive", models.RoleFocal, "BTTTT"},
	} {
		user, err := s.CreateUser(ctx, models.NewUser{Email: u.key + "@test.vn", Name: u.key, Role: u.role,
			AgencyCode: u.agency, Password: "mat-khau-thu"})
		must(t, err)
		f.users[u.key] = user
	}
	must(t, s.SetUserActive(ctx, f.users["inactive"].ID, false))
	f.users["inactive"].Active = false
	return f
}

// assignment creates a directive due 31/03/2023 for BTTTT and returns its
// assignment, moved straight to the given state (a fixture, not a workflow step).
func (f *fixture) assignment(t *testing.T, state models.Assignment) *models.Assignment {
	t.Helper()
	_, list, err := f.s.CreateDirective(ctx, models.DirectiveInput{ThemeID: f.theme.ID, Title: "Ban hành kế hoạch",
		Deliverable: "Kế hoạch", DueDate: "2023-03-31", AgencyCodes: []string{"BTTTT"}}, f.users["coordinator"], seedTime)
	must(t, err)
	if state.Status != "" {
		must(t, f.s.DB().Model(&list[0]).Select("Status", "Progress", "SubmittedOn", "CompletedOn", "EvidenceRef").Updates(state).Error)
	}
	a, err := f.s.AssignmentByID(ctx, list[0].ID)
	must(t, err)
	return a
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// count is the number of rows of a table.
func count(t *testing.T, s *store.Store, table string) int64 {
	t.Helper()
	var n int64
	must(t, s.DB().Table(table).Count(&n).Error)
	return n
}
