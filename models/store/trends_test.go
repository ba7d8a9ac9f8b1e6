package store_test

import (
	"fmt"
	"testing"

	"roviec/models"
)

// TestThemeBurnUpAndTimelinessSplit follows three assignments of the
// fixture's theme (given 25/02/2023, due 31/03): one done on 10/03, one
// cancelled on 20/03, one left open.
func TestThemeBurnUpAndTimelinessSplit(t *testing.T) {
	f := newFixture(t)
	coord := f.users["coordinator"]
	done, cancelled, _ := f.assignment(t, models.Assignment{}), f.assignment(t, models.Assignment{}), f.assignment(t, models.Assignment{})
	move(t, f.s, coord, done.ID, models.StatusDone, hn(t, 2023, 3, 10, 15, 0))
	move(t, f.s, coord, cancelled.ID, models.StatusCancelled, hn(t, 2023, 3, 20, 8, 0))
	now := hn(t, 2023, 4, 10, 9, 0)

	points, err := f.s.ThemeBurnUp(ctx, f.theme.ID, "2023-03-22", now)
	must(t, err)
	var got []string
	for _, p := range points {
		got = append(got, fmt.Sprintf("%s %d/%d", p.Day, p.Done, p.Total))
	}
	want := "[2023-02-25 0/3 2023-03-04 0/3 2023-03-11 1/3 2023-03-18 1/3 2023-03-22 1/2]"
	if fmt.Sprint(got) != want {
		t.Errorf("burn-up = %v\nwant %s", got, want)
	}
	// Up to today (10/04), the weeks stop at the deadline (31/03): nothing changed since.
	points, err = f.s.ThemeBurnUp(ctx, f.theme.ID, "", now)
	must(t, err)
	if last := points[len(points)-1]; last.Day != "2023-03-31" || last.Done != 1 || last.Total != 2 || len(points) != 6 {
		t.Errorf("burn-up to today: %d points, last %+v", len(points), last)
	}
	if points, err := f.s.ThemeBurnUp(ctx, f.theme.ID, "2023-02-01", now); err != nil || len(points) != 1 || points[0].Total != 0 {
		t.Errorf("burn-up before the work was given: %+v, %v", points, err)
	}

	split := func(asOf models.Day) string {
		t.Helper()
		months, err := f.s.TimelinessByDueMonth(ctx, f.theme.PlanID, 2023, asOf, now)
		must(t, err)
		if len(months) != 12 {
			t.Fatalf("%d months", len(months))
		}
		for _, m := range months {
			if m.Month != 3 && m.Counts[models.OpenOnTrack]+m.Counts[models.OpenOverdue]+m.Counts[models.DoneOnTime]+m.Counts[models.DoneLate] != 0 {
				t.Errorf("month %d holds %v", m.Month, m.Counts)
			}
		}
		c := months[2].Counts
		return fmt.Sprintf("%d %d %d %d", c[models.DoneOnTime], c[models.DoneLate], c[models.OpenOnTrack], c[models.OpenOverdue])
	}
	if got := split("2023-03-15"); got != "1 0 2 0" {
		t.Errorf("March as of 15/03 = %s, want 1 on time, 2 open on track", got)
	}
	if got := split("2023-04-02"); got != "1 0 0 1" {
		t.Errorf("March as of 02/04 = %s, want 1 on time, 1 overdue (the cancelled one left out)", got)
	}
}
