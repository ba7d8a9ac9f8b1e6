package store_test

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"roviec/models"
	"roviec/models/bulk"
	"roviec/models/store"
	"roviec/models/synth"
)

// TestKeptDaysAreTheRebuiltDays generates two years of a random programme,
// reads the league (whole plan, provinces only, all plans), the month
// split and the counts per theme of many random days of each plan's year rebuilt from the history,
// then keeps every day of both years in one sweep per plan and per year of
// all plans (KeepDays) and reads the same figures again, now from what the
// sweeps kept: they are identical. The counts per theme, a cheaper rebuild,
// are compared on many more days.
func TestKeptDaysAreTheRebuiltDays(t *testing.T) {
	s := newStore(t)
	cal, err := s.Calendar(ctx)
	must(t, err)
	seed := rand.Uint64()
	t.Logf("seed %d", seed)
	sc := synth.Config{Agencies: 60, Directives: 60, Updates: 5, Plans: 2, Seed: seed, Password: "roviec-load-123",
		Location: s.Location(), Calendar: cal}
	w, err := bulk.NewWriter(ctx, s.DB())
	must(t, err)
	_, err = synth.Generate(sc, w)
	must(t, err)
	must(t, w.Close())
	now := sc.Moment()
	// Deadlines the programme does not give, which the counts per theme count
	// and the month split leaves out: none, and outside either plan's year
	// (on assignments whose history never moves the deadline).
	for due, rest := range map[any]int{nil: 0, "2022-12-20": 1, "2025-01-15": 2} {
		res := s.DB().Exec("UPDATE assignments SET created_due_on = ?, due_on = ? WHERE id % 13 = ? AND id NOT IN "+
			"(SELECT assignment_id FROM updates WHERE due_on IS NOT NULL)", due, due, rest)
		must(t, res.Error)
		if res.RowsAffected == 0 {
			t.Fatalf("no assignment given the deadline %v", due)
		}
	}
	inactive := false
	_, err = s.UpdateAgency(ctx, "T0003", store.AgencyPatch{Active: &inactive}) // its standings are kept, not shown
	must(t, err)
	plans, err := s.ListPlans(ctx)
	must(t, err)
	r := rand.New(rand.NewPCG(seed, 8))
	type figures struct {
		league, provinces, all []models.LeagueRow
		months                 []models.MonthTimeliness
		themes                 map[uint]map[models.Timeliness]int
	}
	read := func(p models.Plan, day models.Day) figures {
		var f figures
		var err error
		// Provinces first: once the whole plan's standings are kept, a kind is read from them.
		f.provinces, err = s.League(ctx, store.LeagueFilter{PlanID: p.ID, Kind: models.KindProvince, AsOf: day}, now)
		must(t, err)
		f.league, err = s.League(ctx, store.LeagueFilter{PlanID: p.ID, AsOf: day}, now)
		must(t, err)
		f.months, err = s.TimelinessByDueMonth(ctx, p.ID, p.Year, day, now)
		must(t, err)
		f.all, err = s.League(ctx, store.LeagueFilter{AsOf: day}, now)
		must(t, err)
		f.themes, err = s.TimelinessCounts(ctx, p.ID, day, now)
		must(t, err)
		return f
	}
	rebuilt := map[models.Day]map[uint]figures{}
	type planDay struct {
		plan uint
		day  models.Day
	}
	rebuiltThemes := map[planDay]map[uint]map[models.Timeliness]int{}
	yesterday := models.DayOf(now, s.Location()).AddDays(-1)
	for _, p := range plans {
		first := models.DayFromDate(p.Year, 1, 1)
		days := []models.Day{first, min(yesterday, models.DayFromDate(p.Year, 12, 31))}
		for range 12 {
			days = append(days, first.AddDays(r.IntN(first.DaysUntil(days[1])+1)))
		}
		for _, d := range days {
			if rebuilt[d] == nil {
				rebuilt[d] = map[uint]figures{}
			}
			rebuilt[d][p.ID] = read(p, d)
		}
		for range 24 {
			k := planDay{p.ID, first.AddDays(r.IntN(first.DaysUntil(days[1]) + 1))}
			rebuiltThemes[k], err = s.TimelinessCounts(ctx, p.ID, k.day, now)
			must(t, err)
		}
	}
	must(t, s.DB().Exec("DELETE FROM asof_snapshots").Error)
	n, err := s.KeepDays(ctx, "2023-01-01", "2024-12-31", now)
	must(t, err)
	if want := 2 * (365 + models.Day("2024-01-01").DaysUntil(yesterday) + 1); n != want {
		t.Fatalf("kept %d figure-days, want %d (each plan's year, all plans since 2023)", n, want)
	}
	if n, err := s.KeepDays(ctx, "2023-01-01", "2024-12-31", now); n != 0 || err != nil {
		t.Fatalf("kept %d figure-days again (%v)", n, err)
	}
	var themeDays int64 // kept by the sweep, not by the reads below
	must(t, s.DB().Table("asof_snapshots").Where("figure = 'themes'").Count(&themeDays).Error)
	if int(themeDays) != n/2 {
		t.Fatalf("counts per theme kept for %d days, want %d (each plan's year)", themeDays, n/2)
	}
	for d, byPlan := range rebuilt {
		for _, p := range plans {
			want, ok := byPlan[p.ID]
			if !ok {
				continue
			}
			if got := read(p, d); !reflect.DeepEqual(got, want) {
				t.Fatalf("plan %d on %s: kept by the sweep\n%+v\nrebuilt\n%+v", p.ID, d, got, want)
			}
		}
	}
	for k, want := range rebuiltThemes {
		got, err := s.TimelinessCounts(ctx, k.plan, k.day, now)
		must(t, err)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("plan %d on %s: counts per theme kept by the sweep\n%v\nrebuilt\n%v", k.plan, k.day, got, want)
		}
	}
	// An agency made active again after the days were kept shows in them, its
	// new name too: nothing kept names it or leaves it out.
	active, name := true, "Tỉnh Thử Lại"
	_, err = s.UpdateAgency(ctx, "T0003", store.AgencyPatch{Active: &active, Name: &name})
	must(t, err)
	back, err := s.League(ctx, store.LeagueFilter{PlanID: plans[0].ID, AsOf: yesterday}, now)
	must(t, err)
	if len(back) != len(rebuilt[yesterday][plans[0].ID].league)+1 || !slices.ContainsFunc(back, func(r models.LeagueRow) bool {
		return r.Agency.Name == name && r.Assigned > 0
	}) {
		t.Errorf("the league kept for %s does not show the agency made active again", yesterday)
	}
	var perKind int64
	must(t, s.DB().Table("asof_snapshots").Where("kind <> ''").Count(&perKind).Error)
	if perKind != 0 {
		t.Errorf("%d figures kept for a kind: a kind is read from the whole plan's standings", perKind)
	}
}
