package store_test

import (
	"fmt"
	"roviec/models/store"
	"sort"
	"testing"
	"time"

	"roviec/models"
)

func TestClassifyTimeliness(t *testing.T) {
	// The server runs in UTC; deadlines are read in Hà Nội (UTC+7).
	oldLocal := time.Local
	time.Local = time.UTC
	t.Cleanup(func() { time.Local = oldLocal })
	loc := hcm(t)
	utc := func(month time.Month, day, hour, min int) time.Time {
		return time.Date(2023, month, day, hour, min, 0, 0, time.UTC)
	}
	const due = models.Day("2023-03-31")
	lastMinute := utc(3, 31, 16, 59) // 23:59 on 31/03 in Hà Nội
	nextDay := utc(3, 31, 17, 0)     // 00:00 on 01/04 in Hà Nội, still 31/03 in UTC
	tests := []struct {
		name string
		a    models.Assignment
		now  time.Time
		want models.TimelinessInfo
	}{
		{"done on the due day", models.Assignment{Status: models.StatusDone, DueOn: due, CompletedOn: due}, nextDay,
			models.TimelinessInfo{Class: models.DoneOnTime}},
		{"done before the due day", models.Assignment{Status: models.StatusDone, DueOn: due, CompletedOn: "2023-03-01"}, utc(6, 1, 0, 0),
			models.TimelinessInfo{Class: models.DoneOnTime}},
		{"done a day late", models.Assignment{Status: models.StatusDone, DueOn: due, CompletedOn: "2023-04-01"}, utc(6, 1, 0, 0),
			models.TimelinessInfo{Class: models.DoneLate, DaysOverdue: 1}},
		{"done 30 days late", models.Assignment{Status: models.StatusDone, DueOn: due, CompletedOn: "2023-04-30"}, utc(6, 1, 0, 0),
			models.TimelinessInfo{Class: models.DoneLate, DaysOverdue: 30}},
		{"done without a due date", models.Assignment{Status: models.StatusDone, CompletedOn: "2023-04-30"}, utc(6, 1, 0, 0),
			models.TimelinessInfo{Class: models.DoneOnTime}},
		{"open, well ahead", models.Assignment{Status: models.StatusInProgress, DueOn: due}, utc(2, 25, 2, 0),
			models.TimelinessInfo{Class: models.OpenOnTrack}},
		{"open, 8 days left: not yet due soon", models.Assignment{Status: models.StatusNotStarted, DueOn: due}, utc(3, 23, 2, 0),
			models.TimelinessInfo{Class: models.OpenOnTrack}},
		{"open, 7 days left: due soon", models.Assignment{Status: models.StatusNotStarted, DueOn: due}, utc(3, 24, 2, 0),
			models.TimelinessInfo{Class: models.OpenOnTrack, DueSoon: true}},
		{"7 days left in Hà Nội though still 8 in UTC", models.Assignment{Status: models.StatusNotStarted, DueOn: due}, utc(3, 23, 17, 0),
			models.TimelinessInfo{Class: models.OpenOnTrack, DueSoon: true}},
		{"last minute of the due day", models.Assignment{Status: models.StatusInProgress, DueOn: due}, lastMinute,
			models.TimelinessInfo{Class: models.OpenOnTrack, DueSoon: true}},
		{"first minute of the next day", models.Assignment{Status: models.StatusInProgress, DueOn: due}, nextDay,
			models.TimelinessInfo{Class: models.OpenOverdue, DaysOverdue: 1}},
		{"not started, 10 days overdue", models.Assignment{Status: models.StatusNotStarted, DueOn: due}, utc(4, 10, 3, 0),
			models.TimelinessInfo{Class: models.OpenOverdue, DaysOverdue: 10}},
		{"open without a due date", models.Assignment{Status: models.StatusInProgress}, utc(12, 31, 3, 0),
			models.TimelinessInfo{Class: models.OpenOnTrack}},
		{"submitted on the due day, review pending", models.Assignment{Status: models.StatusSubmitted, DueOn: due, SubmittedOn: due}, utc(4, 20, 3, 0),
			models.TimelinessInfo{Class: models.OpenOnTrack}},
		{"submitted before the due day, review pending", models.Assignment{Status: models.StatusSubmitted, DueOn: due, SubmittedOn: "2023-03-20"}, nextDay,
			models.TimelinessInfo{Class: models.OpenOnTrack}},
		{"submitted after the due day", models.Assignment{Status: models.StatusSubmitted, DueOn: due, SubmittedOn: "2023-04-02"}, utc(4, 3, 3, 0),
			models.TimelinessInfo{Class: models.OpenOverdue, DaysOverdue: 3}},
		{"cancelled", models.Assignment{Status: models.StatusCancelled, DueOn: due}, nextDay, models.TimelinessInfo{}},
		{"cancelled without a due date", models.Assignment{Status: models.StatusCancelled}, nextDay, models.TimelinessInfo{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := models.ClassifyTimeliness(&tc.a, tc.now, loc)
			if got != tc.want {
				t.Errorf("ClassifyTimeliness at %s (%s in Hà Nội) = %+v, want %+v",
					tc.now.Format(time.RFC3339), tc.now.In(loc).Format("02/01 15:04"), got, tc.want)
			}
		})
	}
}

// TestTimelinessSQLMatchesGo checks that filtering by timeliness in the
// database (timelinessWhere) gives exactly the classes ClassifyTimeliness gives.
func TestTimelinessSQLMatchesGo(t *testing.T) {
	f := newFixture(t)
	db := f.s.DB()
	var agency models.Agency
	must(t, db.Where("code = ?", "BTTTT").First(&agency).Error)
	// 00:30 on 01/04 in Hà Nội, still 31/03 in UTC: "today" must be the local day.
	now := time.Date(2023, 3, 31, 17, 30, 0, 0, time.UTC)
	dues := []models.Day{"", "2023-03-31", "2023-04-01", "2023-04-02"} // none, before, on, after today
	dates := []models.Day{"", "2023-03-30", "2023-03-31", "2023-04-01", "2023-04-03"}
	var rows []models.Assignment
	for _, status := range models.Statuses {
		for _, due := range dues {
			for _, submitted := range dates {
				for _, completed := range dates {
					rows = append(rows, models.Assignment{AgencyID: agency.ID, Status: status,
						DueOn: due, SubmittedOn: submitted, CompletedOn: completed, CreatedAt: now, UpdatedAt: now})
				}
			}
		}
	}
	// One directive per case, since an agency holds one copy of a directive.
	dirs := make([]models.Directive, len(rows))
	for i := range dirs {
		dirs[i] = models.Directive{PlanID: f.theme.PlanID, ThemeID: f.theme.ID, Title: fmt.Sprint("Trường hợp ", i+1)}
	}
	must(t, db.Omit("Theme", "Target").CreateInBatches(dirs, 100).Error)
	for i := range rows {
		rows[i].DirectiveID = dirs[i].ID
	}
	must(t, db.Omit("Directive", "Agency").CreateInBatches(rows, 100).Error)
	var all []models.Assignment
	must(t, db.Find(&all).Error)
	want := map[models.Timeliness][]uint{}
	for i := range all {
		c := models.ClassifyTimeliness(&all[i], now, f.s.Location()).Class
		want[c] = append(want[c], all[i].ID)
	}
	for _, class := range models.TimelinessClasses {
		got := listIDs(t, f.s, store.AssignmentFilter{Timeliness: class}, now)
		if fmt.Sprint(got) != fmt.Sprint(want[class]) {
			t.Errorf("%s: SQL gives %d assignments, Go gives %d\nSQL: %v\nGo:  %v", class, len(got), len(want[class]), got, want[class])
		}
		if len(want[class]) == 0 {
			t.Errorf("%s: no case covers this class", class)
		}
		// Counted from the theme tallies, listed in SQL: the same.
		for _, af := range []store.AssignmentFilter{{ThemeID: f.theme.ID, Timeliness: class}, {PlanID: f.theme.PlanID, Timeliness: class}} {
			if got := listIDs(t, f.s, af, now); fmt.Sprint(got) != fmt.Sprint(want[class]) {
				t.Errorf("%+v: %v, want %v", af, got, want[class])
			}
		}
	}
	// Totals by status come from the status counts per directive.
	for _, st := range models.Statuses {
		var ids []uint
		for i := range all {
			if all[i].Status == st {
				ids = append(ids, all[i].ID)
			}
		}
		if got := listIDs(t, f.s, store.AssignmentFilter{ThemeID: f.theme.ID, Status: st}, now); fmt.Sprint(got) != fmt.Sprint(ids) {
			t.Errorf("status %s: %v, want %v", st, got, ids)
		}
	}
	if got := listIDs(t, f.s, store.AssignmentFilter{OverdueOnly: true}, now); fmt.Sprint(got) != fmt.Sprint(want[models.OpenOverdue]) {
		t.Errorf("OverdueOnly gives %v, want %v", got, want[models.OpenOverdue])
	}
}

// listIDs pages through ListAssignments and returns the ids in order.
func listIDs(t *testing.T, s *store.Store, f store.AssignmentFilter, now time.Time) []uint {
	t.Helper()
	var ids []uint
	f.PerPage = 200
	for f.Page.Page = 1; ; f.Page.Page++ {
		list, total, err := s.ListAssignments(ctx, f, now)
		must(t, err)
		for _, a := range list {
			ids = append(ids, a.ID)
		}
		if len(list) == 0 || int64(len(ids)) >= total {
			if int64(len(ids)) != total {
				t.Errorf("%+v: a total of %d, %d listed", f, total, len(ids))
			}
			break
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}
