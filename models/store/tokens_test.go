package store_test

import (
	"testing"
	"time"

	"roviec/models"
)

// TestPurgeExpiredTokens: sessions and API tokens expired at now are
// deleted, live ones stay and still let their user in.
func TestPurgeExpiredTokens(t *testing.T) {
	f := newFixture(t)
	now := time.Date(2023, 5, 4, 8, 0, 0, 0, time.UTC)
	issue := func(kind string, at time.Time, ttl time.Duration) string {
		plain, _, err := f.s.IssueToken(ctx, f.users["viewer"].ID, kind, at, ttl)
		must(t, err)
		return plain
	}
	issue(models.TokenSession, now.Add(-13*time.Hour), 12*time.Hour) // expired an hour ago
	issue(models.TokenAPI, now.Add(-31*24*time.Hour), 30*24*time.Hour)
	issue(models.TokenSession, now.Add(-time.Hour), time.Hour) // expires exactly now
	live := issue(models.TokenSession, now.Add(-time.Hour), 12*time.Hour)
	liveAPI := issue(models.TokenAPI, now, 30*24*time.Hour)

	n, err := f.s.PurgeExpiredTokens(ctx, now)
	must(t, err)
	if n != 3 {
		t.Fatalf("purged %d, want 3", n)
	}
	var left int64
	must(t, f.s.DB().Model(&models.Token{}).Count(&left).Error)
	if left != 2 {
		t.Fatalf("%d tokens left, want 2", left)
	}
	for plain, kind := range map[string]string{live: models.TokenSession, liveAPI: models.TokenAPI} {
		if _, _, err := f.s.UserByToken(ctx, plain, kind, now); err != nil {
			t.Errorf("live %s token after the purge: %v", kind, err)
		}
	}
}
