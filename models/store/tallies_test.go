package store_test

import (
	"strings"
	"testing"
	"time"

	"roviec/models"
	"roviec/models/seed"
	"roviec/models/store"
)

// TestTalliesKeptOnTheDemoProgramme recomputes the tallies from the rows of
// the whole demo programme (seeded, then a year of illustrative history) and
// compares them with those the database's triggers kept.
func TestTalliesKeptOnTheDemoProgramme(t *testing.T) {
	s := seededStore(t)
	_, err := seed.SeedDemo(ctx, s, s.Location())
	must(t, err)
	must(t, s.CheckTallies(ctx))
	if n := count(t, s, "tallies"); n == 0 {
		t.Fatal("no tallies kept")
	}
}

// TestTalliesFollowAThemeChangeAndRefuseTampering moves a directive to
// another theme, checks the tallies moved with it, then corrupts one row and
// checks that the comparison says so.
func TestTalliesFollowAThemeChangeAndRefuseTampering(t *testing.T) {
	f := newFixture(t)
	coord := f.users["coordinator"]
	in := models.DirectiveInput{ThemeID: f.theme.ID, Title: "Kế hoạch dữ liệu mở", Deliverable: "Kế hoạch",
		DueDate: "31/03/2023", AgencyCodes: []string{"BTTTT", "01"}}
	d, list, err := f.s.CreateDirective(ctx, in, coord, seedTime)
	must(t, err)
	cancelled := models.StatusCancelled
	_, err = f.s.UpdateAssignment(ctx, coord, list[0].ID, models.AssignmentChange{Status: &cancelled, Note: "Trùng"}, seedTime.Add(time.Hour))
	must(t, err)
	other := models.Theme{PlanID: f.theme.PlanID, FirstMonth: 4, LastMonth: 4, TitleVI: "Tháng 4"}
	must(t, f.s.DB().Create(&other).Error)
	in.ThemeID = other.ID
	_, err = f.s.UpdateDirective(ctx, coord, d.ID, in, seedTime.Add(2*time.Hour))
	must(t, err)
	must(t, f.s.CheckTallies(ctx))
	moved, err := f.s.Tallies(ctx, store.TallyFilter{ThemeID: other.ID})
	must(t, err)
	if len(moved) != 2 {
		t.Fatalf("tallies of the new theme: %+v", moved)
	}
	must(t, f.s.DB().Exec("UPDATE tallies SET n = n + 1 WHERE theme_id = ?", other.ID).Error)
	if err := f.s.CheckTallies(ctx); err == nil || !strings.Contains(err.Error(), "kept 2") {
		t.Fatalf("a tampered tally was not found: %v", err)
	}
}
