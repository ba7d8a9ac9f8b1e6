package store_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"roviec/models"
	"roviec/models/store"
)

// snapshot is what an assignment's row held right after a moment.
type snapshot struct {
	at  time.Time
	row models.Assignment
}

// TestStoredHistoryRebuildsEveryDay plays random valid and invalid changes
// through the store on a real database (reports, reviews, extensions asked
// and decided, directive deadlines moved, several a day and across midnight)
// and checks that the scoreboards' rebuild from the stored history
// (AssignmentsAsOf) gives, for every day, exactly what the row held at the end
// of that day, and at the end the current row; and that the tallies kept by
// the database's triggers equal those recomputed from the rows.
func TestStoredHistoryRebuildsEveryDay(t *testing.T) {
	f := newFixture(t)
	loc := f.s.Location()
	r := rand.New(rand.NewPCG(2023, 93))
	for i := range 100 {
		start := time.Date(2023, 3, 1, 7, 0, 0, 0, loc).Add(time.Duration(r.IntN(2000)) * time.Minute)
		due := models.DayOf(start, loc).AddDays(3 + r.IntN(30)).VN()
		if r.IntN(5) == 0 {
			due = "" // undated: a deadline may be set later
		}
		in := models.DirectiveInput{ThemeID: f.theme.ID, Title: fmt.Sprintf("Nhiệm vụ thử %d", i), Deliverable: "Kế hoạch",
			DueDate: due, AgencyCodes: []string{"BTTTT"}}
		d, list, err := f.s.CreateDirective(ctx, in, f.users["coordinator"], start)
		must(t, err)
		shots := playStore(t, f, r, d, in, list[0].ID, start)
		checkRebuild(t, f.s, d.ID, shots, loc)
	}
	must(t, f.s.CheckTallies(ctx)) // the tallies followed every change the database kept
}

// playStore makes 4 to 15 random changes to an assignment through the store
// and returns the row after each, read back from the database.
func playStore(t *testing.T, f *fixture, r *rand.Rand, d *models.Directive, in models.DirectiveInput, id uint, now time.Time) []snapshot {
	t.Helper()
	row := func() models.Assignment {
		a, err := f.s.AssignmentByID(ctx, id)
		must(t, err)
		a.Directive, a.Agency = nil, nil
		return *a
	}
	shots := []snapshot{{now, row()}}
	focal, coord := f.users["focal"], f.users["coordinator"]
	for range 4 + r.IntN(12) {
		now = now.Add(time.Duration(r.IntN(2*24*60)) * time.Minute)
		cur := row()
		switch r.IntN(8) {
		case 0:
			ext, err := f.s.RequestExtension(ctx, focal, id, storeDueFrom(cur.DueOn, now, f.s.Location()).AddDays(1+r.IntN(15)).VN(), "Chờ thẩm định", now)
			if err == nil {
				now = now.Add(time.Duration(r.IntN(600)) * time.Minute)
				_, _ = f.s.DecideExtension(ctx, coord, ext.ID, r.IntN(3) > 0, "Ý kiến của Ủy ban", now)
			}
		case 1:
			in.DueDate = storeDueFrom(cur.DueOn, now, f.s.Location()).AddDays(r.IntN(20) - 5).VN()
			_, _ = f.s.UpdateDirective(ctx, coord, d.ID, in, now)
		default:
			ch, actor := storeChange(r, cur, focal, coord)
			_, _ = f.s.UpdateAssignment(ctx, actor, &models.Assignment{ID: id}, ch, now) // refused changes must leave nothing behind
		}
		shots = append(shots, snapshot{now, row()})
	}
	return shots
}

// storeChange picks a report or review with random values; some are refused
// by the workflow or by validation.
func storeChange(r *rand.Rand, a models.Assignment, focal, coord *models.User) (models.AssignmentChange, *models.User) {
	st := func(s models.Status) *models.Status { return &s }
	pick := func(opts ...string) *string { s := opts[r.IntN(len(opts))]; return &s }
	p := r.IntN(101)
	switch r.IntN(7) {
	case 0:
		return models.AssignmentChange{Status: st(models.StatusSubmitted), EvidenceRef: pick("12/KH-BTTTT", "")}, focal
	case 1:
		return models.AssignmentChange{Status: st(models.StatusDone)}, coord
	case 2:
		return models.AssignmentChange{Status: st(models.StatusInProgress), Note: *pick("Thiếu phụ lục", "")}, coord
	case 3:
		return models.AssignmentChange{Status: st(models.StatusCancelled), Note: "Hủy"}, coord
	case 4:
		due := storeDueFrom(a.DueOn, a.CreatedAt, time.UTC).AddDays(r.IntN(10) - 3).String()
		return models.AssignmentChange{DueDate: &due}, coord
	case 5:
		return models.AssignmentChange{OwnerName: pick("Lê An", ""), OwnerEmail: pick("an@mic.gov.vn", "")}, focal
	}
	return models.AssignmentChange{Progress: &p, EvidenceURL: pick("https://mic.gov.vn/kh", ""), Note: "Cập nhật"}, focal
}

// storeDueFrom is the deadline to move from: the one in force, or the day
// of t when there is none.
func storeDueFrom(due models.Day, t time.Time, loc *time.Location) models.Day {
	if due.IsZero() {
		return models.DayOf(t, loc)
	}
	return due
}

// checkRebuild compares the rebuild as of every day with the last snapshot of
// that day.
func checkRebuild(t *testing.T, s *store.Store, directiveID uint, shots []snapshot, loc *time.Location) {
	t.Helper()
	later := shots[len(shots)-1].at.AddDate(1, 0, 0)
	first, last := models.DayOf(shots[0].at, loc), models.DayOf(shots[len(shots)-1].at, loc)
	for d := first; d <= last; d = d.AddDays(1) {
		want := shots[0].row
		for _, sh := range shots {
			if !sh.at.After(models.EndOfDay(d, loc)) {
				want = sh.row
			}
		}
		list, err := s.AssignmentsAsOf(ctx, store.AssignmentFilter{DirectiveID: directiveID}, d, later)
		must(t, err)
		if len(list) != 1 {
			t.Fatalf("as of %s: %d assignments", d.VN(), len(list))
		}
		got := list[0]
		got.Directive, got.Agency = nil, nil
		got.CreatedAt, got.UpdatedAt = got.CreatedAt.UTC(), got.UpdatedAt.UTC()
		want.CreatedAt, want.UpdatedAt = want.CreatedAt.UTC(), want.UpdatedAt.UTC()
		if got != want {
			t.Fatalf("directive %d as of %s:\n rebuilt %+v\n row     %+v", directiveID, d.VN(), got, want)
		}
	}
}
