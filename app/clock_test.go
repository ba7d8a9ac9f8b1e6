package app

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"roviec/models"
	"roviec/models/store/storetest"
)

// TestStoredTimestampsFollowTheClock opens the app on a test clock and checks
// that every timestamp it stores (the migration records, GORM's CreatedAt and
// UpdatedAt, the store's own) is the clock's time, never the machine's.
func TestStoredTimestampsFollowTheClock(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Database = storetest.Database(t)
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	opened := time.Date(2023, 1, 3, 8, 0, 0, 0, cfg.Location) // the first working day of 2023
	clock := &testClock{t: opened}
	a, err := New(cfg, clock.Now, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	a.Store.PasswordCost = bcrypt.MinCost
	ctx := context.Background()
	if err := a.Bootstrap(ctx); err != nil {
		t.Fatal(err)
	}
	focal, err := a.Store.CreateUser(ctx, models.NewUser{Email: "daumoi@hanoi.gov.vn", Name: "Phạm Hà Nội",
		Role: models.RoleFocal, AgencyCode: "01", Password: "mat-khau-thu"})
	if err != nil {
		t.Fatal(err)
	}

	// A day and a half later: the focal point changes language, a directive is
	// issued, and the missed pass of 03/01 is run by hand.
	later := opened.Add(36 * time.Hour)
	clock.Set(later)
	if err := a.Store.SetUserLanguage(ctx, focal.ID, "en"); err != nil {
		t.Fatal(err)
	}
	d, assignments, err := a.Store.CreateDirective(ctx, models.DirectiveInput{ThemeID: firstTheme(t, a),
		Pillar: "data", Title: "Công bố danh mục dữ liệu mở", Deliverable: "Danh mục", DueDate: "2023-02-28",
		AgencyCodes: []string{"01"}}, nil, a.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.RunPass(ctx, opened, false); err != nil {
		t.Fatal(err)
	}

	for _, s := range storedStamps(t, a, focal.ID, d.ID, assignments[0].ID) {
		want := opened
		if s.later {
			want = later
		}
		if !s.at.Equal(want) {
			t.Errorf("%s is %s, want the clock's %s", s.what, s.at.In(cfg.Location), want)
		}
	}
}

// stamp is one stored timestamp: later when it was written after the clock moved.
type stamp struct {
	what  string
	at    time.Time
	later bool
}

// storedStamps reads back the timestamps TestStoredTimestampsFollowTheClock
// expects: the migrations, the plan, a seeded directive, the focal point, the
// new directive and its assignment, the manual pass's log row and message.
func storedStamps(t *testing.T, a *App, userID, directiveID, assignmentID uint) []stamp {
	t.Helper()
	var migrations []struct {
		Version   int
		AppliedAt time.Time
	}
	var plan models.Plan
	var seeded, issued models.Directive
	var user models.User
	var assignment models.Assignment
	var log models.ReminderLog
	var out models.OutboxMessage
	for _, err := range []error{
		a.DB.Table("schema_migrations").Order("version").Find(&migrations).Error,
		a.DB.First(&plan).Error,
		a.DB.First(&seeded).Error,
		a.DB.First(&issued, directiveID).Error,
		a.DB.First(&user, userID).Error,
		a.DB.First(&assignment, assignmentID).Error,
		a.DB.First(&log).Error,
		a.DB.First(&out).Error,
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(migrations) < 4 {
		t.Fatalf("%d migrations recorded, want every one (4 or more)", len(migrations))
	}
	stamps := []stamp{
		{"plan created", plan.CreatedAt, false}, {"plan updated", plan.UpdatedAt, false},
		{"seeded directive created", seeded.CreatedAt, false},
		{"user created", user.CreatedAt, false}, {"user updated", user.UpdatedAt, true},
		{"directive created", issued.CreatedAt, true}, {"directive updated", issued.UpdatedAt, true},
		{"assignment created", assignment.CreatedAt, true},
		{"reminder log pass (decided for 03/01)", log.PassAt, false},
		{"outbox message created", out.CreatedAt, true}, {"outbox message first attempt", out.NextAttemptAt, true},
	}
	for _, m := range migrations {
		stamps = append(stamps, stamp{"migration applied", m.AppliedAt, false})
	}
	return stamps
}

// firstTheme is the id of the 2023 programme's first theme.
func firstTheme(t *testing.T, a *App) uint {
	t.Helper()
	plans, err := a.Store.ListPlans(context.Background())
	if err != nil || len(plans) == 0 {
		t.Fatalf("no plan: %v", err)
	}
	themes, err := a.Store.ListThemes(context.Background(), plans[0].ID)
	if err != nil || len(themes) == 0 {
		t.Fatalf("no theme: %v", err)
	}
	return themes[0].ID
}
