package store_test

import (
	"fmt"
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
	// The league folds the deadlines before the day into its standings, which
	// the changes below must keep in step.
	_, err := f.s.League(ctx, store.LeagueFilter{}, seedTime.AddDate(0, 4, 0))
	must(t, err)
	in := models.DirectiveInput{ThemeID: f.theme.ID, Title: "Kế hoạch dữ liệu mở", Deliverable: "Kế hoạch",
		DueDate: "31/03/2023", AgencyCodes: []string{"BTTTT", "01"}}
	d, list, err := f.s.CreateDirective(ctx, in, coord, seedTime)
	must(t, err)
	cancelled := models.StatusCancelled
	_, err = f.s.UpdateAssignment(ctx, coord, &models.Assignment{ID: list[0].ID}, models.AssignmentChange{Status: &cancelled, Note: "Trùng"}, seedTime.Add(time.Hour))
	must(t, err)
	other := models.Theme{PlanID: f.theme.PlanID, FirstMonth: 4, LastMonth: 4, TitleVI: "Tháng 4"}
	must(t, f.s.DB().Create(&other).Error)
	in.ThemeID = other.ID
	_, err = f.s.UpdateDirective(ctx, coord, d.ID, in, seedTime.Add(2*time.Hour))
	must(t, err)
	must(t, f.s.CheckTallies(ctx))
	var moved int64
	must(t, f.s.DB().Table("tallies").Where("theme_id = ? AND n <> 0", other.ID).Count(&moved).Error)
	if moved != 2 {
		t.Fatalf("%d tallies in the new theme, want 2", moved)
	}
	must(t, f.s.DB().Exec("UPDATE tallies SET n = n + 1 WHERE theme_id = ?", other.ID).Error)
	if err := f.s.CheckTallies(ctx); err == nil || !strings.Contains(err.Error(), "kept 2") {
		t.Fatalf("a tampered tally was not found: %v", err)
	}
	must(t, f.s.DB().Exec("UPDATE tallies SET n = n - 1 WHERE theme_id = ?", other.ID).Error)
	must(t, f.s.DB().Exec("UPDATE standings SET past_open = past_open + 1").Error)
	if err := f.s.CheckTallies(ctx); err == nil || !strings.Contains(err.Error(), "standings") {
		t.Fatalf("a tampered standing was not found: %v", err)
	}
}

// TestTallyCountsMatchTheRows counts the demo programme on several days from
// the tallies, in the database (the year overview's counts per theme and per
// month, the league table), and compares each figure with the same count
// made row by row with ClassifyTimeliness and LeagueRow.Add.
func TestTallyCountsMatchTheRows(t *testing.T) {
	s := seededStore(t)
	_, err := seed.SeedDemo(ctx, s, s.Location())
	must(t, err)
	plan := plan2023(t, s)
	rows, err := s.AssignmentsAsOf(ctx, store.AssignmentFilter{PlanID: plan.ID}, "2099-12-31", time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC))
	must(t, err)
	// The last day goes back, as a test's clock may: the standings fold
	// deadlines back out.
	for _, day := range []models.Day{"2023-03-01", "2023-06-15", "2023-09-29", "2023-12-31", "2024-06-03", "2023-07-31"} {
		now := models.EndOfDay(day, s.Location()).Add(-time.Hour)
		byTheme, byMonth := map[uint]map[models.Timeliness]int{}, map[int]map[models.Timeliness]int{}
		league := map[uint]*models.LeagueRow{}
		for i := range rows {
			a := &rows[i]
			info := models.ClassifyTimeliness(a, now, s.Location())
			if info.Class != "" {
				addCount(byTheme, a.Directive.ThemeID, info.Class)
				if !a.DueOn.IsZero() && a.DueOn.Time().Year() == 2023 {
					addCount(byMonth, int(a.DueOn.Time().Month()), info.Class)
				}
			}
			if a.Status != models.StatusCancelled && a.Agency.Active {
				if league[a.AgencyID] == nil {
					league[a.AgencyID] = &models.LeagueRow{Agency: *a.Agency, Status: models.LeagueGrey}
				}
				league[a.AgencyID].Add(a, info, day)
			}
		}
		themes, err := s.TimelinessCounts(ctx, plan.ID, "", now)
		must(t, err)
		if fmt.Sprint(themes) != fmt.Sprint(byTheme) {
			t.Errorf("%s: per theme from tallies %v, from rows %v", day, themes, byTheme)
		}
		months, err := s.TimelinessByDueMonth(ctx, plan.ID, 2023, day, now)
		must(t, err)
		for _, m := range months {
			for cl, n := range m.Counts {
				if n != byMonth[m.Month][cl] {
					t.Errorf("%s: month %d %s: %d from tallies, %d from rows", day, m.Month, cl, n, byMonth[m.Month][cl])
				}
			}
		}
		standings, err := s.League(ctx, store.LeagueFilter{PlanID: plan.ID}, now)
		must(t, err)
		for _, r := range standings {
			want := *league[r.Agency.ID]
			if want.Status == models.LeagueGrey && want.Due > 0 {
				want.Status = models.LeagueGreen
			}
			r.Rank, want.Agency = 0, r.Agency
			if r != want {
				t.Errorf("%s: %s from tallies %+v, from rows %+v", day, r.Agency.Code, r, want)
			}
		}
		if len(standings) != len(league) {
			t.Errorf("%s: %d agencies ranked, %d hold work", day, len(standings), len(league))
		}
		must(t, s.CheckTallies(ctx))
	}
}

// addCount adds one to counts[key][class].
func addCount[K comparable](counts map[K]map[models.Timeliness]int, key K, class models.Timeliness) {
	if counts[key] == nil {
		counts[key] = map[models.Timeliness]int{}
	}
	counts[key][class]++
}
