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
// reads the league (whole plan, provinces only, all plans) and the month
// split of many random days of each plan's year rebuilt from the history,
// then keeps every day of both years in one sweep per plan and per year of
// all plans (KeepDays) and reads the same figures again, now from what the
// sweeps kept: they are identical.
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
	inactive := false
	_, err = s.UpdateAgency(ctx, "T0003", store.AgencyPatch{Active: &inactive}) // its standings are kept, not shown
	must(t, err)
	plans, err := s.ListPlans(ctx)
	must(t, err)
	r := rand.New(rand.NewPCG(seed, 8))
	type figures struct {
		league, provinces, all []models.LeagueRow
		months                 []models.MonthTimeliness
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
		return f
	}
	rebuilt := map[models.Day]map[uint]figures{}
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
