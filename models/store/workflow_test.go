package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"roviec/models"
	"roviec/models/store/storetest"
)

func strp(s string) *string                  { return &s }
func intp(n int) *int                        { return &n }
func statusp(s models.Status) *models.Status { return &s }

// Outcomes of a change in the workflow table.
const (
	ok        = "ok"
	forbidden = "403"
	conflict  = "409"
)

func TestWorkflow(t *testing.T) {
	f := newFixture(t)
	now := time.Date(2023, 3, 10, 3, 0, 0, 0, time.UTC) // 10/03/2023 10:00 in Hà Nội
	state := func(status models.Status) models.Assignment {
		a := models.Assignment{Status: status}
		switch status {
		case models.StatusInProgress:
			a.Progress = 40
		case models.StatusSubmitted:
			a.Progress, a.SubmittedOn, a.EvidenceRef = 100, "2023-03-08", "Kế hoạch số 12/KH-BTTTT"
		case models.StatusDone:
			a.Progress, a.SubmittedOn, a.CompletedOn, a.EvidenceRef = 100, "2023-03-08", "2023-03-08", "Kế hoạch số 12/KH-BTTTT"
		}
		return a
	}
	evidence := strp("Kế hoạch số 12/KH-BTTTT ngày 08/03/2023")
	tests := []struct {
		name, who  string
		from       models.Status
		ch         models.AssignmentChange
		want       string        // ok, 403, 409, or the field of a 422
		wantStatus models.Status // after an ok change
	}{
		{"focal starts", "focal", models.StatusNotStarted, models.AssignmentChange{Status: statusp(models.StatusInProgress)}, ok, models.StatusInProgress},
		{"progress alone starts the work", "focal", models.StatusNotStarted, models.AssignmentChange{Progress: intp(10)}, ok, models.StatusInProgress},
		{"focal submits with a document number", "focal", models.StatusInProgress, models.AssignmentChange{Status: statusp(models.StatusSubmitted), EvidenceRef: evidence}, ok, models.StatusSubmitted},
		{"focal submits with a link", "focal", models.StatusNotStarted, models.AssignmentChange{Status: statusp(models.StatusSubmitted), EvidenceURL: strp("https://mic.gov.vn/kh-12")}, ok, models.StatusSubmitted},
		{"submit needs evidence", "focal", models.StatusInProgress, models.AssignmentChange{Status: statusp(models.StatusSubmitted)}, "evidence_ref", ""},
		{"blank evidence is none", "focal", models.StatusNotStarted, models.AssignmentChange{Status: statusp(models.StatusSubmitted), EvidenceRef: strp("  ")}, "evidence_ref", ""},
		{"focal names the owner", "focal", models.StatusInProgress, models.AssignmentChange{OwnerName: strp("Nguyễn Văn An"), OwnerEmail: strp("an@mic.gov.vn")}, ok, models.StatusInProgress},
		{"progress 0", "focal", models.StatusInProgress, models.AssignmentChange{Progress: intp(0)}, ok, models.StatusInProgress},
		{"progress 100", "focal", models.StatusInProgress, models.AssignmentChange{Progress: intp(100)}, ok, models.StatusInProgress},
		{"progress below 0", "focal", models.StatusInProgress, models.AssignmentChange{Progress: intp(-1)}, "progress", ""},
		{"progress above 100", "focal", models.StatusInProgress, models.AssignmentChange{Progress: intp(101)}, "progress", ""},
		{"not started with progress", "focal", models.StatusNotStarted, models.AssignmentChange{Status: statusp(models.StatusNotStarted), Progress: intp(20)}, "progress", ""},
		{"submitted below 100%", "focal", models.StatusSubmitted, models.AssignmentChange{Progress: intp(50)}, "progress", ""},
		{"unknown status", "focal", models.StatusInProgress, models.AssignmentChange{Status: statusp("finished")}, "status", ""},
		{"bad owner e-mail", "focal", models.StatusInProgress, models.AssignmentChange{OwnerEmail: strp("an at mic")}, "owner_email", ""},
		{"bad evidence link", "focal", models.StatusInProgress, models.AssignmentChange{EvidenceURL: strp("ftp://mic.gov.vn/kh")}, "evidence_url", ""},
		{"focal cannot accept", "focal", models.StatusSubmitted, models.AssignmentChange{Status: statusp(models.StatusDone)}, forbidden, ""},
		{"focal cannot return", "focal", models.StatusSubmitted, models.AssignmentChange{Status: statusp(models.StatusInProgress), Note: "sửa"}, forbidden, ""},
		{"focal cannot cancel", "focal", models.StatusInProgress, models.AssignmentChange{Status: statusp(models.StatusCancelled)}, forbidden, ""},
		{"focal cannot move the deadline", "focal", models.StatusInProgress, models.AssignmentChange{DueDate: strp("30/04/2023")}, forbidden, ""},
		{"focal of another agency", "focal2", models.StatusNotStarted, models.AssignmentChange{Status: statusp(models.StatusInProgress)}, forbidden, ""},
		{"viewer", "viewer", models.StatusNotStarted, models.AssignmentChange{Progress: intp(10)}, forbidden, ""},
		{"inactive focal", "inactive", models.StatusNotStarted, models.AssignmentChange{Progress: intp(10)}, forbidden, ""},
		{"permission before values", "viewer", models.StatusInProgress, models.AssignmentChange{Progress: intp(500)}, forbidden, ""},
		{"values before workflow", "focal", models.StatusDone, models.AssignmentChange{Status: statusp(models.StatusInProgress), Progress: intp(500)}, "progress", ""},
		{"coordinator accepts", "coordinator", models.StatusSubmitted, models.AssignmentChange{Status: statusp(models.StatusDone)}, ok, models.StatusDone},
		{"admin accepts", "admin", models.StatusSubmitted, models.AssignmentChange{Status: statusp(models.StatusDone)}, ok, models.StatusDone},
		{"coordinator returns with a reason", "coordinator", models.StatusSubmitted, models.AssignmentChange{Status: statusp(models.StatusInProgress), Note: "Thiếu ngày ký."}, ok, models.StatusInProgress},
		{"return needs a reason", "coordinator", models.StatusSubmitted, models.AssignmentChange{Status: statusp(models.StatusInProgress), Note: " "}, "note", ""},
		{"coordinator cancels", "coordinator", models.StatusInProgress, models.AssignmentChange{Status: statusp(models.StatusCancelled),
			Note: "Nhiệm vụ được gộp vào nhiệm vụ khác"}, ok, models.StatusCancelled},
		{"cancel without a reason", "coordinator", models.StatusInProgress, models.AssignmentChange{Status: statusp(models.StatusCancelled),
			Note: "  "}, "note", ""},
		{"coordinator moves the deadline", "coordinator", models.StatusInProgress, models.AssignmentChange{DueDate: strp("30/04/2023")}, ok, models.StatusInProgress},
		{"bad deadline", "coordinator", models.StatusInProgress, models.AssignmentChange{DueDate: strp("31/02/2023")}, "due_date", ""},
		{"accept before submission", "coordinator", models.StatusNotStarted, models.AssignmentChange{Status: statusp(models.StatusDone)}, conflict, ""},
		{"back to not started", "focal", models.StatusInProgress, models.AssignmentChange{Status: statusp(models.StatusNotStarted)}, conflict, ""},
		{"reopen a done task", "focal", models.StatusDone, models.AssignmentChange{Status: statusp(models.StatusInProgress)}, conflict, ""},
		{"edit a done task", "focal", models.StatusDone, models.AssignmentChange{EvidenceRef: evidence}, conflict, ""},
		{"coordinator edits a done task", "coordinator", models.StatusDone, models.AssignmentChange{Note: "ghi chú"}, conflict, ""},
		{"cancel a done task", "coordinator", models.StatusDone, models.AssignmentChange{Status: statusp(models.StatusCancelled)}, conflict, ""},
		{"edit a cancelled task", "coordinator", models.StatusCancelled, models.AssignmentChange{Progress: intp(10)}, conflict, ""},
		{"restart a cancelled task", "focal", models.StatusCancelled, models.AssignmentChange{Status: statusp(models.StatusInProgress)}, conflict, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := f.assignment(t, state(tc.from))
			got, err := f.s.UpdateAssignment(ctx, f.users[tc.who], &models.Assignment{ID: a.ID}, tc.ch, now)
			history, herr := f.s.History(ctx, a.ID)
			must(t, herr)
			if tc.want != ok {
				checkRefused(t, err, tc.want)
				after, aerr := f.s.AssignmentByID(ctx, a.ID)
				must(t, aerr)
				if after.Status != a.Status || after.Progress != a.Progress || after.DueOn != a.DueOn || after.EvidenceRef != a.EvidenceRef {
					t.Errorf("a refused change altered the assignment: %+v -> %+v", a, after)
				}
				if len(history) != 0 {
					t.Errorf("a refused change left %d history rows", len(history))
				}
				return
			}
			if err != nil {
				t.Fatalf("want the change to pass, got %v", err)
			}
			if got.Status != tc.wantStatus || !got.UpdatedAt.Equal(now) {
				t.Errorf("status %s updated at %s, want %s at %s", got.Status, got.UpdatedAt, tc.wantStatus, now)
			}
			if len(history) != 1 || history[0].FromStatus != tc.from || history[0].ToStatus != got.Status ||
				history[0].UserID == nil || *history[0].UserID != f.users[tc.who].ID || !history[0].At.Equal(now) {
				t.Errorf("history = %+v, want one row %s -> %s by %s at %s", history, tc.from, got.Status, tc.who, now)
			}
		})
	}
}

// checkRefused checks that err is the refusal want: 403, 409 or a 422 naming the field want.
func checkRefused(t *testing.T, err error, want string) {
	t.Helper()
	var v *models.ValidationError
	switch {
	case err == nil:
		t.Fatalf("want %s, the change passed", want)
	case want == forbidden:
		if !errors.Is(err, models.ErrForbidden) {
			t.Fatalf("want ErrForbidden, got %v", err)
		}
	case want == conflict:
		if !errors.Is(err, models.ErrConflict) {
			t.Fatalf("want ErrConflict, got %v", err)
		}
	case !errors.As(err, &v):
		t.Fatalf("want a validation error on %s, got %v", want, err)
	case v.Fields[want].ID == "":
		t.Fatalf("want a message for %s, got %v", want, v.Fields)
	}
}

func TestWorkflowDates(t *testing.T) {
	f := newFixture(t)
	a := f.assignment(t, models.Assignment{})
	focal, coord := f.users["focal"], f.users["coordinator"]
	// Submitted at 00:30 on 01/04 in Hà Nội (31/03 in UTC): the submission is dated 01/04.
	submitAt := time.Date(2023, 3, 31, 17, 30, 0, 0, time.UTC)
	got, err := f.s.UpdateAssignment(ctx, focal, &models.Assignment{ID: a.ID}, models.AssignmentChange{Status: statusp(models.StatusSubmitted),
		EvidenceRef: strp("Kế hoạch số 12/KH-BTTTT"), EvidenceDate: strp("31/03/2023")}, submitAt)
	must(t, err)
	if got.SubmittedOn != "2023-04-01" || got.Progress != 100 || got.EvidenceDate != "2023-03-31" {
		t.Errorf("after submitting: submitted %s, progress %d, evidence date %s", got.SubmittedOn, got.Progress, got.EvidenceDate)
	}
	got, err = f.s.UpdateAssignment(ctx, coord, &models.Assignment{ID: a.ID}, models.AssignmentChange{Status: statusp(models.StatusDone)}, submitAt.AddDate(0, 0, 5))
	must(t, err)
	if got.CompletedOn != "2023-04-01" {
		t.Errorf("completed %s, want the date of the accepted submission 2023-04-01", got.CompletedOn)
	}
	if c := models.ClassifyTimeliness(got, submitAt, f.s.Location()).Class; c != models.DoneLate {
		t.Errorf("class %s, want done_late", c)
	}
	history, err := f.s.History(ctx, a.ID)
	must(t, err)
	if len(history) != 2 || history[1].FromStatus != models.StatusSubmitted || history[1].ToStatus != models.StatusDone {
		t.Errorf("history = %+v", history)
	}
}

// TestConcurrentUpdates has two focal points' requests change the same
// assignment at the same moment: each either succeeds (having waited for the
// other) or gets a conflict, and history holds one row per success.
func TestConcurrentUpdates(t *testing.T) {
	f := newFixture(t)
	a := f.assignment(t, models.Assignment{Status: models.StatusInProgress, Progress: 10})
	now := time.Date(2023, 3, 10, 3, 0, 0, 0, time.UTC)
	start := make(chan struct{})
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, errs[i] = f.s.UpdateAssignment(ctx, f.users["focal"], &models.Assignment{ID: a.ID}, models.AssignmentChange{Progress: intp(30 + 30*i)}, now)
		}()
	}
	close(start)
	wg.Wait()
	succeeded := 0
	for _, err := range errs {
		if err == nil {
			succeeded++
		} else if !errors.Is(err, models.ErrConflict) {
			t.Errorf("want success or ErrConflict, got %v", err)
		}
	}
	if succeeded == 0 {
		t.Fatal("neither update succeeded")
	}
	history, err := f.s.History(ctx, a.ID)
	must(t, err)
	if len(history) != succeeded {
		t.Fatalf("%d updates succeeded but history has %d rows", succeeded, len(history))
	}
	after, err := f.s.AssignmentByID(ctx, a.ID)
	must(t, err)
	if last := history[len(history)-1]; after.Progress != last.Progress {
		t.Errorf("progress %d, but the last history row says %d", after.Progress, last.Progress)
	}
	if storetest.Postgres() {
		return // PostgreSQL checks no database file: the rows above are the check
	}
	var check string
	must(t, f.s.DB().Raw("PRAGMA integrity_check").Scan(&check).Error)
	if check != "ok" {
		t.Errorf("integrity_check: %s", check)
	}
}

// TestWritersQueueAndLeaveWhenTheirRequestEnds holds SQLite's write lock
// from outside the store: the first writer then waits at the database, the
// second in the store's queue of writers, and the second, whose request ends
// meanwhile, leaves the queue at once (not after the database's 10 s busy
// timeout) having written nothing; once the lock is released the first
// writes.
func TestWritersQueueAndLeaveWhenTheirRequestEnds(t *testing.T) {
	storetest.SkipOnPostgres(t, "PostgreSQL takes writers in parallel; the queue is SQLite's")
	f := newFixture(t)
	a := f.assignment(t, models.Assignment{Status: models.StatusInProgress, Progress: 10})
	b := f.assignment(t, models.Assignment{Status: models.StatusInProgress, Progress: 10})
	now := time.Date(2023, 3, 10, 3, 0, 0, 0, time.UTC)
	sqlDB, err := f.s.DB().DB()
	must(t, err)
	lock, err := sqlDB.Conn(ctx)
	must(t, err)
	defer lock.Close()
	_, err = lock.ExecContext(ctx, "BEGIN IMMEDIATE")
	must(t, err)

	first := make(chan error, 1)
	go func() {
		_, err := f.s.UpdateAssignment(ctx, f.users["focal"], &models.Assignment{ID: a.ID}, models.AssignmentChange{Progress: intp(40)}, now)
		first <- err
	}()
	time.Sleep(200 * time.Millisecond) // the first writer is at the database's lock by now
	short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	started := time.Now()
	_, err = f.s.UpdateAssignment(short, f.users["focal"], &models.Assignment{ID: b.ID}, models.AssignmentChange{Progress: intp(50)}, now)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("queued writer whose request ended: %v, want the deadline", err)
	}
	if waited := time.Since(started); waited > 5*time.Second {
		t.Fatalf("queued writer left after %v, not when its request ended", waited)
	}
	select {
	case err := <-first:
		t.Fatalf("first writer finished while the lock was held: %v", err)
	default:
	}
	_, err = lock.ExecContext(ctx, "ROLLBACK")
	must(t, err)
	must(t, <-first)
	for id, want := range map[uint]int{a.ID: 40, b.ID: 10} {
		got, err := f.s.AssignmentByID(ctx, id)
		must(t, err)
		if got.Progress != want {
			t.Errorf("assignment %d: progress %d, want %d", id, got.Progress, want)
		}
	}
}

// TestUpdateAnswersTheRowAsCommitted checks that the assignment a change
// answers with, built from the row in the transaction and the caller's
// directive and agency, is the row a fresh read finds, with and without the
// relations read beforehand.
func TestUpdateAnswersTheRowAsCommitted(t *testing.T) {
	f := newFixture(t)
	a := f.assignment(t, models.Assignment{})
	read, err := f.s.AssignmentByID(ctx, a.ID)
	must(t, err)
	now := time.Date(2023, 3, 20, 3, 0, 0, 0, time.UTC)
	for i, from := range []*models.Assignment{read, {ID: a.ID}} {
		got, err := f.s.UpdateAssignment(ctx, f.users["focal"], from, models.AssignmentChange{Progress: intp(20 + 10*i),
			OwnerName: strp("Nguyễn Văn An")}, now.Add(time.Duration(i)*time.Hour))
		must(t, err)
		fresh, err := f.s.AssignmentByID(ctx, a.ID)
		must(t, err)
		if got.Progress != fresh.Progress || got.OwnerName != fresh.OwnerName || got.Status != fresh.Status ||
			got.Version != fresh.Version || !got.UpdatedAt.Equal(fresh.UpdatedAt) || got.DueOn != fresh.DueOn {
			t.Errorf("change %d answered %+v, the row reads %+v", i, got, fresh)
		}
		if got.Directive == nil || got.Directive.Title != fresh.Directive.Title || got.Directive.Theme == nil ||
			got.Agency == nil || got.Agency.Code != fresh.Agency.Code {
			t.Errorf("change %d answered without its directive, theme or agency: %+v", i, got)
		}
	}
}

// TestUpdateAnswersItsHistory: the history answered with each change is the
// assignment's history up to and including the change's own row, as read
// afterwards, even when changes of the same assignment interleave (the
// history read before a change is used only if nothing was added meanwhile).
func TestUpdateAnswersItsHistory(t *testing.T) {
	f := newFixture(t)
	a := f.assignment(t, models.Assignment{})
	now := time.Date(2023, 3, 20, 3, 0, 0, 0, time.UTC)
	const writers, each = 4, 6
	answers := make(chan []models.Update, writers*each)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				read, err := f.s.AssignmentByID(ctx, a.ID)
				if err != nil {
					t.Error(err)
					return
				}
				_, hist, err := f.s.UpdateAssignmentWithHistory(ctx, f.users["focal"], read,
					models.AssignmentChange{OwnerName: strp(fmt.Sprintf("Cán bộ %d-%d", w, i))}, now)
				if err != nil {
					t.Error(err)
					return
				}
				answers <- hist
			}
		}()
	}
	wg.Wait()
	close(answers)
	final, err := f.s.History(ctx, a.ID)
	must(t, err)
	if len(final) < writers*each {
		t.Fatalf("%d history rows after %d changes", len(final), writers*each)
	}
	pos := map[uint]int{}
	for i, u := range final {
		pos[u.ID] = i
	}
	for hist := range answers {
		last := hist[len(hist)-1]
		if last.User == nil || last.User.Name != f.users["focal"].Name {
			t.Errorf("the change's own row answered without its author: %+v", last)
		}
		i, ok := pos[last.ID]
		if !ok {
			t.Fatalf("answered a row that is not in the history: %+v", last)
		}
		want := final[:i+1]
		if len(hist) != len(want) {
			t.Errorf("answered %d rows, the history up to the change holds %d", len(hist), len(want))
			continue
		}
		for k := range want {
			if hist[k].ID != want[k].ID || hist[k].OwnerName != want[k].OwnerName || !hist[k].At.Equal(want[k].At) {
				t.Errorf("row %d answered %+v, the history reads %+v", k, hist[k], want[k])
			}
		}
	}
}
