package store_test

import (
	"roviec/models/store"
	"testing"
	"time"

	"roviec/models"
)

// hn is a moment in Hà Nội time.
func hn(t *testing.T, y int, m time.Month, d, h, min int) time.Time {
	t.Helper()
	return time.Date(y, m, d, h, min, 0, 0, hcm(t))
}

func str(s string) *string { return &s }
func num(n int) *int       { return &n }

// TestAssignmentsAsOfRebuildsFromHistory replays a hand-built history through
// the real workflow and checks the state at the end of chosen days, including
// changes on the as-of day itself (counted until 23:59:59 local) and just
// after it (not counted). The instants are given in UTC, as a server in UTC
// has them, so the days must be read in the deadlines' zone (time.Local is
// left alone: it is the whole process's).
func TestAssignmentsAsOfRebuildsFromHistory(t *testing.T) {
	f := newFixture(t)
	s := f.s
	a := f.assignment(t, models.Assignment{}) // created 25/02/2023 09:00, due 31/03
	focal, coord := f.users["focal"], f.users["coordinator"]
	at := func(m time.Month, d, h, min int) time.Time { return hn(t, 2023, m, d, h, min).UTC() }
	step := func(who *models.User, when time.Time, ch models.AssignmentChange) {
		t.Helper()
		if _, err := s.UpdateAssignment(ctx, who, &models.Assignment{ID: a.ID}, ch, when); err != nil {
			t.Fatal(err)
		}
	}
	step(focal, at(3, 1, 9, 0), models.AssignmentChange{Progress: num(40), OwnerName: str("Lê An"), OwnerEmail: str("an@mic.gov.vn")})
	step(focal, at(3, 10, 23, 59), models.AssignmentChange{Status: statusp(models.StatusSubmitted), EvidenceRef: str("12/KH-BTTTT")})
	step(coord, at(3, 13, 10, 0), models.AssignmentChange{Status: statusp(models.StatusInProgress), Note: "Thiếu phụ lục"})
	step(focal, at(3, 14, 0, 0), models.AssignmentChange{Status: statusp(models.StatusSubmitted)})
	x, err := s.RequestExtension(ctx, focal, a.ID, "15/04/2023", "Chờ ý kiến thẩm định", at(3, 20, 9, 0))
	must(t, err)
	_, err = s.DecideExtension(ctx, coord, x.ID, true, "", at(3, 21, 9, 0))
	must(t, err)
	step(coord, at(4, 10, 8, 0), models.AssignmentChange{Status: statusp(models.StatusDone)})
	now := at(6, 1, 8, 0)

	cases := []struct {
		asOf                      models.Day
		status                    models.Status
		progress                  int
		owner                     string
		submitted, completed, due models.Day
		original                  models.Day
		class                     models.Timeliness
	}{
		{"2023-02-28", models.StatusNotStarted, 0, "", "", "", "2023-03-31", "", models.OpenOnTrack},
		{"2023-03-01", models.StatusInProgress, 40, "Lê An", "", "", "2023-03-31", "", models.OpenOnTrack},
		{"2023-03-10", models.StatusSubmitted, 100, "Lê An", "2023-03-10", "", "2023-03-31", "", models.OpenOnTrack}, // 23:59 on the day counts
		{"2023-03-13", models.StatusInProgress, 100, "Lê An", "", "", "2023-03-31", "", models.OpenOnTrack},
		{"2023-03-14", models.StatusSubmitted, 100, "Lê An", "2023-03-14", "", "2023-03-31", "", models.OpenOnTrack}, // 00:00 is the next day's
		{"2023-03-20", models.StatusSubmitted, 100, "Lê An", "2023-03-14", "", "2023-03-31", "", models.OpenOnTrack},
		{"2023-03-21", models.StatusSubmitted, 100, "Lê An", "2023-03-14", "", "2023-04-15", "2023-03-31", models.OpenOnTrack},
		{"2023-04-10", models.StatusDone, 100, "Lê An", "2023-03-14", "2023-03-14", "2023-04-15", "2023-03-31", models.DoneOnTime},
	}
	for _, c := range cases {
		list, err := s.AssignmentsAsOf(ctx, store.AssignmentFilter{DirectiveID: a.DirectiveID}, c.asOf, now)
		must(t, err)
		if len(list) != 1 {
			t.Fatalf("as of %s: %d assignments", c.asOf, len(list))
		}
		got := list[0]
		if got.Status != c.status || got.Progress != c.progress || got.OwnerName != c.owner || got.SubmittedOn != c.submitted ||
			got.CompletedOn != c.completed || got.DueOn != c.due || got.OriginalDue != c.original {
			t.Errorf("as of %s: %s %d%% owner %q submitted %q completed %q due %q original %q; want %s %d%% %q %q %q %q %q",
				c.asOf, got.Status, got.Progress, got.OwnerName, got.SubmittedOn, got.CompletedOn, got.DueOn, got.OriginalDue,
				c.status, c.progress, c.owner, c.submitted, c.completed, c.due, c.original)
		}
		if class := models.ClassifyTimeliness(&got, models.EndOfDay(c.asOf, hcm(t)), hcm(t)).Class; class != c.class {
			t.Errorf("as of %s: %s, want %s", c.asOf, class, c.class)
		}
	}
	// Before it was created, the assignment did not exist.
	list, err := s.AssignmentsAsOf(ctx, store.AssignmentFilter{DirectiveID: a.DirectiveID}, "2023-02-24", now)
	must(t, err)
	if len(list) != 0 {
		t.Fatalf("as of the day before its creation: %d assignments", len(list))
	}
	// As of today, the current row is the answer.
	list, err = s.AssignmentsAsOf(ctx, store.AssignmentFilter{DirectiveID: a.DirectiveID}, "2023-06-01", now)
	must(t, err)
	if len(list) != 1 || list[0].Status != models.StatusDone || list[0].CompletedOn != "2023-03-14" {
		t.Fatalf("as of today: %+v", list)
	}
}

func TestEndOfDayIsTheLastLocalInstant(t *testing.T) {
	end := models.EndOfDay("2023-02-25", hcm(t))
	if got := end.UTC().Format(time.RFC3339Nano); got != "2023-02-25T16:59:59.999999999Z" {
		t.Fatalf("end of 25/02/2023 in Hà Nội is %s", got)
	}
}
