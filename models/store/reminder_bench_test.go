package store_test

import (
	"testing"
	"time"

	"roviec/models/seed"
	"roviec/models/store"
)

// benchStore is the 2023 programme with the demo accounts and progress: 93
// focal points, leaders, a coordinator, 1317 assignments with history.
func benchStore(b *testing.B) *store.Store {
	b.Helper()
	s := seededStore(b)
	if _, err := seed.SeedDemo(ctx, s, hcm(b)); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkPlanReminders decides a whole pass on a first working day of a
// week and month (every rule active), without writing.
func BenchmarkPlanReminders(b *testing.B) {
	s := benchStore(b)
	now := time.Date(2023, 5, 4, 1, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.PlanReminders(ctx, now); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReminderPass runs a full pass (log rows and outbox messages in
// one transaction per recipient) on a fresh day each iteration.
func BenchmarkReminderPass(b *testing.B) {
	s := benchStore(b)
	day := time.Date(2023, 5, 4, 1, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		if err := s.DB().Exec("DELETE FROM reminder_logs").Error; err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		res, err := s.RunReminderPass(ctx, passAt(day), plainRender, false)
		if err != nil || len(res.Messages) == 0 {
			b.Fatal(err, len(res.Messages))
		}
	}
}
