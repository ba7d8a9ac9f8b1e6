package models_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"roviec/models"
)

// sequence is a random history of one assignment: the events recorded, and
// the state the row held right after each of them.
type sequence struct {
	created models.Assignment
	events  []models.Update
	states  []models.Assignment
}

// randomSequence plays n random valid changes on a new assignment: a focal
// point's reports (progress, owner, evidence, submission), a coordinator's
// reviews (accept, return with a reason, cancel), deadline changes and
// extensions, notes; several on one day, some across midnight.
func randomSequence(r *rand.Rand, n int, loc *time.Location) sequence {
	const agency = 7
	focalAgency := uint(agency)
	focal := &models.User{ID: 1, Role: models.RoleFocal, AgencyID: &focalAgency, Active: true}
	coord := &models.User{ID: 2, Role: models.RoleCoordinator, Active: true}
	now := time.Date(2023, 3, 1, 8, 0, 0, 0, loc).Add(time.Duration(r.IntN(600)) * time.Minute)
	due := models.DayOf(now, loc).AddDays(5 + r.IntN(40))
	if r.IntN(5) == 0 {
		due = "" // undated: a deadline may be set later
	}
	a := models.Assignment{ID: 1, Version: 1, DirectiveID: 1, AgencyID: agency, Status: models.StatusNotStarted, DueOn: due,
		CreatedDue: due, CreatedAt: now.UTC(), UpdatedAt: now.UTC()}
	seq := sequence{created: a}
	for len(seq.events) < n {
		now = now.Add(time.Duration(r.IntN(3*24*60)) * time.Minute)
		if r.IntN(4) == 0 { // another change the same minute
			now = now.Add(time.Duration(r.IntN(2)) * time.Second)
		}
		var e *models.Update
		var err error
		switch op := r.IntN(10); {
		case op == 0 && models.IsOpen(a.Status):
			e = models.MoveDeadline(&a, coord, dueFrom(a.DueOn, now, loc).AddDays(1+r.IntN(20)), now, "Gia hạn", loc)
		case op == 1:
			e = models.HistoryNote(&a, nil, now, "Yêu cầu giải trình")
		default:
			ch, actor := randomChange(r, &a, focal, coord)
			e, err = ch.Apply(&a, actor, now, loc)
		}
		if err != nil {
			continue // an invalid change leaves the assignment as it was
		}
		e.ID = uint(len(seq.events) + 1)
		seq.events = append(seq.events, *e)
		seq.states = append(seq.states, a)
	}
	return seq
}

// randomChange picks a report or a review that the workflow allows from the
// assignment's status, with random values.
func randomChange(r *rand.Rand, a *models.Assignment, focal, coord *models.User) (models.AssignmentChange, *models.User) {
	status := func(s models.Status) *models.Status { return &s }
	text := func(opts ...string) *string { s := opts[r.IntN(len(opts))]; return &s }
	switch a.Status {
	case models.StatusSubmitted:
		switch r.IntN(3) {
		case 0:
			return models.AssignmentChange{Status: status(models.StatusDone)}, coord
		case 1:
			return models.AssignmentChange{Status: status(models.StatusInProgress), Note: "Thiếu minh chứng"}, coord
		}
		return models.AssignmentChange{Status: status(models.StatusCancelled), Note: "Hủy"}, coord
	case models.StatusDone, models.StatusCancelled:
		return models.AssignmentChange{Note: "Ghi chú"}, coord // refused: closed
	}
	switch r.IntN(6) {
	case 0:
		return models.AssignmentChange{Status: status(models.StatusSubmitted), EvidenceRef: text("12/KH-UBND", "34/QĐ-BTTTT"),
			EvidenceDate: text("2023-03-20", "")}, focal
	case 1:
		return models.AssignmentChange{Status: status(models.StatusCancelled), Note: "Không còn phù hợp"}, coord
	case 2:
		due := dueFrom(a.DueOn, a.CreatedAt, time.UTC).AddDays(r.IntN(30) - 10).String()
		return models.AssignmentChange{DueDate: &due}, coord
	case 3:
		return models.AssignmentChange{OwnerName: text("Nguyễn Văn An", "Trần Thị Bình", ""),
			OwnerEmail: text("an@hanoi.gov.vn", "")}, focal
	}
	p := r.IntN(100)
	return models.AssignmentChange{Progress: &p, EvidenceURL: text("https://hanoi.gov.vn/kh", ""), Note: "Cập nhật"}, focal
}

// TestReplayMatchesTheRowAtEveryDay is the property that ties saving to
// rebuilding the past: for random histories, Replay of the rows written by the
// end of each day gives exactly what the row held at the end of that day, and
// Replay of all of them gives the current row.
func TestReplayMatchesTheRowAtEveryDay(t *testing.T) {
	loc := hcmLoc(t)
	r := rand.New(rand.NewPCG(2023, 17))
	for i := range 300 {
		seq := randomSequence(r, 1+r.IntN(25), loc)
		final := seq.states[len(seq.states)-1]
		first := models.DayOf(seq.created.CreatedAt, loc)
		last := models.DayOf(seq.events[len(seq.events)-1].At, loc)
		for d := first; d <= last; d = d.AddDays(1) {
			end := models.EndOfDay(d, loc)
			want, k := seq.created, 0
			for k < len(seq.events) && !seq.events[k].At.After(end) {
				want = seq.states[k]
				k++
			}
			got := models.Replay(final, seq.events[:k], loc)
			if diff := diffAssignments(got, want); diff != "" {
				t.Fatalf("sequence %d, as of %s: replay differs from the row: %s\nevents: %s", i, d.VN(), diff, describe(seq.events[:k]))
			}
		}
		if diff := diffAssignments(models.Replay(final, seq.events, loc), final); diff != "" {
			t.Fatalf("sequence %d: replay of the whole history differs from the row: %s", i, diff)
		}
	}
}

// dueFrom is the deadline to move from: the one in force, or the day of t
// when there is none.
func dueFrom(due models.Day, t time.Time, loc *time.Location) models.Day {
	if due.IsZero() {
		return models.DayOf(t, loc)
	}
	return due
}

// diffAssignments names the first field in which two assignments differ.
func diffAssignments(got, want models.Assignment) string {
	got.UpdatedAt, want.UpdatedAt = got.UpdatedAt.UTC(), want.UpdatedAt.UTC()
	got.CreatedAt, want.CreatedAt = got.CreatedAt.UTC(), want.CreatedAt.UTC()
	if got == want {
		return ""
	}
	return fmt.Sprintf("got %+v, want %+v", got, want)
}

func describe(events []models.Update) string {
	s := ""
	for _, e := range events {
		s += fmt.Sprintf("\n  %s %s->%s %d%% due %s %q", e.At.Format(time.RFC3339), e.FromStatus, e.ToStatus, e.Progress, e.DueOn, e.Note)
	}
	return s
}

func hcmLoc(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
