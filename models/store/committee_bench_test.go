package store_test

import (
	"testing"
	"time"

	"roviec/models"
	"roviec/models/store"
)

// planDirective is the demo's "issue your 2023 plan" directive.
func planDirective(b *testing.B, s *store.Store) uint {
	b.Helper()
	var id uint
	err := s.DB().Model(&models.Directive{}).Where("title LIKE ?", "Ban hành Kế hoạch chuyển đổi số năm 2023%").Pluck("id", &id).Error
	if err != nil || id == 0 {
		b.Fatal(err, id)
	}
	return id
}

// BenchmarkScoreboardAsOf rebuilds a 93-agency directive's scoreboard as of
// 25/02/2023 from the demo history.
func BenchmarkScoreboardAsOf(b *testing.B) {
	s := benchStore(b)
	id := planDirective(b, s)
	now := time.Date(2023, 12, 31, 1, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		sb, err := s.Scoreboard(ctx, id, "2023-02-25", now)
		if err != nil || sb.Ministries.Done != 6 || sb.Provinces.Done != 29 {
			b.Fatal(err, sb)
		}
	}
}

// BenchmarkLeagueAsOf ranks the 93 agencies over the whole 2023 plan as of
// 30/09/2023, rebuilt from the demo history.
func BenchmarkLeagueAsOf(b *testing.B) {
	s := benchStore(b)
	plan := plan2023(b, s)
	now := time.Date(2023, 12, 31, 1, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		rows, err := s.League(ctx, store.LeagueFilter{PlanID: plan.ID, AsOf: "2023-09-30"}, now)
		if err != nil || len(rows) != 93 {
			b.Fatal(err, len(rows))
		}
	}
}
