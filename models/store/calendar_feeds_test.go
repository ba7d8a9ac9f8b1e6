package store_test

import (
	"sync"
	"testing"
	"time"

	"roviec/models"
	"roviec/models/store"
)

// TestFirstFeedRequestsAtOnce has eight first requests for a person's
// calendar feed, and then eight regenerations, arrive together: each
// answers with a feed (none refused by the one-feed-per-person index, which
// on PostgreSQL lets one of two concurrent inserts through), and a person
// has one feed at the end.
func TestFirstFeedRequestsAtOnce(t *testing.T) {
	f := newFixture(t)
	owner := store.FeedOwner{UserID: f.users["focal"].ID}
	now := time.Date(2023, 3, 10, 3, 0, 0, 0, time.UTC)
	for _, regenerate := range []bool{false, true} {
		start := make(chan struct{})
		feeds := make([]*models.CalendarFeed, 8)
		errs := make([]error, len(feeds))
		var wg sync.WaitGroup
		for i := range feeds {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				if regenerate {
					feeds[i], errs[i] = f.s.RegenerateCalendarFeed(ctx, owner, now)
				} else {
					feeds[i], errs[i] = f.s.CalendarFeed(ctx, owner, true, now)
				}
			}()
		}
		close(start)
		wg.Wait()
		for i, err := range errs {
			if err != nil || feeds[i] == nil || feeds[i].Secret == "" {
				t.Fatalf("regenerate %v: request %d: %v, %+v", regenerate, i, err, feeds[i])
			}
		}
		var n int64
		must(t, f.s.DB().Model(&models.CalendarFeed{}).Where("user_id = ?", owner.UserID).Count(&n).Error)
		if n != 1 {
			t.Fatalf("regenerate %v: %d feeds for one person", regenerate, n)
		}
	}
}
