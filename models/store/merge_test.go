package store_test

import (
	"fmt"
	"roviec/models"
	"roviec/models/seed"
	"roviec/models/store"
	"strings"
	"testing"
	"time"
)

// figuresAsOf writes down the scoreboard of every directive and the league
// tables (all agencies, provinces) as of each day, with the agencies by
// code, so that a merger's changes to the agencies' rows (inactive, a
// successor) do not count, only the figures.
func figuresAsOf(t *testing.T, s *store.Store, directives []uint, days []models.Day, now time.Time) string {
	t.Helper()
	var b strings.Builder
	for _, day := range days {
		for _, id := range directives {
			sb, err := s.Scoreboard(ctx, id, day, now)
			must(t, err)
			fmt.Fprintf(&b, "%s %d %+v %+v\n", day, id, sb.Ministries, sb.Provinces)
			for _, l := range sb.NotDone {
				fmt.Fprintf(&b, "  %d %s %s %d %s %+v\n", l.AssignmentID, l.Agency.Code, l.Status, l.Progress, l.DueOn, l.Timeliness)
			}
		}
		for _, kind := range []models.AgencyKind{"", models.KindProvince} {
			rows, err := s.League(ctx, store.LeagueFilter{Kind: kind, AsOf: day}, now)
			must(t, err)
			for _, r := range rows {
				fmt.Fprintf(&b, "league %s %s %d %s %d %d %d %d %d %d %s\n", day, kind, r.Rank, r.Agency.Code, r.Assigned, r.Due,
					r.DoneOnTime, r.DoneLate, r.OpenOverdue, r.DaysOverdue, r.Status)
			}
		}
	}
	return b.String()
}

// TestReplayMergers2025 replays every merger of provinces of July 2025 on the
// 2023 demo: no assignment is lost, open work moves to the successors (or is
// cancelled where the successor holds the same directive), finished work
// and the merged provinces' figures as of 2023 stay as they were, whether
// read from kept figures, rebuilt from the history or kept again by a sweep;
// and the kept tallies, standings and status counts match a recount.
func TestReplayMergers2025(t *testing.T) {
	s, _ := demoStore(t)
	now := time.Date(2025, 7, 1, 8, 0, 0, 0, s.Location())
	var directives []uint
	must(t, s.DB().Model(&models.Directive{}).Order("id").Pluck("id", &directives).Error)
	days := []models.Day{"2023-02-25", "2023-06-30", "2023-12-31"}
	before := figuresAsOf(t, s, directives, days, now)
	var total, openBefore int64
	must(t, s.DB().Model(&models.Assignment{}).Count(&total).Error)
	open := []models.Status{models.StatusNotStarted, models.StatusInProgress, models.StatusSubmitted}
	must(t, s.DB().Model(&models.Assignment{}).Where("status IN ?", open).Count(&openBefore).Error)

	mergers, err := seed.Mergers2025(ctx, s)
	must(t, err)
	if len(mergers) != 23 {
		t.Fatalf("%d mergers, want 23 (34 provinces: 11 unchanged or renamed)", len(mergers))
	}
	moved, cancelled := 0, 0
	for _, m := range mergers {
		res, err := s.MergeAgencies(ctx, m, nil, now)
		if err != nil {
			t.Fatalf("merge %v into %s: %v", m.From, m.Into, err)
		}
		moved, cancelled = moved+res.Moved, cancelled+res.Cancelled
	}
	if moved+cancelled == 0 {
		t.Fatal("the demo has no open work in the merged provinces: the replay tests nothing")
	}
	active, err := s.ListAgencies(ctx, store.AgencyFilter{Kind: models.KindProvince, ActiveOnly: true})
	must(t, err)
	if len(active) != 34 {
		t.Errorf("%d active provinces after the mergers, want 34", len(active))
	}

	var after, openAfter, leftOpen int64
	must(t, s.DB().Model(&models.Assignment{}).Count(&after).Error)
	must(t, s.DB().Model(&models.Assignment{}).Where("status IN ?", open).Count(&openAfter).Error)
	must(t, s.DB().Model(&models.Assignment{}).Joins("JOIN agencies ON agencies.id = assignments.agency_id").
		Where("assignments.status IN ? AND agencies.active = ?", open, false).Count(&leftOpen).Error)
	if after != total || openAfter != openBefore-int64(cancelled) || leftOpen != 0 {
		t.Errorf("assignments %d -> %d, open %d -> %d (%d cancelled), %d open left with merged agencies",
			total, after, openBefore, openAfter, cancelled, leftOpen)
	}
	must(t, s.CheckTallies(ctx))

	if got := figuresAsOf(t, s, directives, days, now); got != before {
		t.Errorf("figures as of 2023 changed (kept figures):\n%s", firstDiff(before, got))
	}
	must(t, s.DB().Exec("DELETE FROM asof_snapshots").Error)
	if got := figuresAsOf(t, s, directives, days, now); got != before {
		t.Errorf("figures as of 2023 changed (rebuilt from the history):\n%s", firstDiff(before, got))
	}
	must(t, s.DB().Exec("DELETE FROM asof_snapshots").Error)
	later := now.AddDate(0, 0, 3)
	_, err = s.KeepDays(ctx, "2023-01-01", models.DayOf(later, s.Location()), later)
	must(t, err)
	if got := figuresAsOf(t, s, directives, days, later); got != before {
		t.Errorf("figures as of 2023 changed (kept by a sweep):\n%s", firstDiff(before, got))
	}
	// A day after the merger counts the moved work for the successors: the
	// sweep that kept it must not have run across the merger.
	kept, err := s.League(ctx, store.LeagueFilter{Kind: models.KindProvince, AsOf: models.DayOf(later, s.Location()).AddDays(-1)}, later)
	must(t, err)
	must(t, s.DB().Exec("DELETE FROM asof_snapshots").Error)
	rebuilt, err := s.League(ctx, store.LeagueFilter{Kind: models.KindProvince, AsOf: models.DayOf(later, s.Location()).AddDays(-1)}, later)
	must(t, err)
	if len(kept) != 34 || fmt.Sprint(kept) != fmt.Sprint(rebuilt) {
		t.Errorf("league after the mergers: %d provinces kept, %d rebuilt, or they differ", len(kept), len(rebuilt))
	}
}

// firstDiff is the first line where two texts differ.
func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("%d lines, now %d", len(la), len(lb))
}
