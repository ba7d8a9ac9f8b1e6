package store_test

import (
	"testing"
	"time"

	"roviec/models"
)

// TestQueueCountsReusedBrieflyAndForgottenOnChange: the menu's counts are
// reused for a few seconds (a change made behind the store's back, as by
// another instance, shows after that), and a review through the store
// forgets them at once.
func TestQueueCountsReusedBrieflyAndForgottenOnChange(t *testing.T) {
	f := newFixture(t)
	now := time.Date(2023, 3, 1, 2, 0, 0, 0, time.UTC)
	a := f.assignment(t, models.Assignment{Status: models.StatusSubmitted, Progress: 100, EvidenceRef: "12/KH-BTTTT",
		SubmittedOn: "2023-02-28"})
	counts := func(at time.Time) int64 {
		t.Helper()
		q, err := f.s.QueueCounts(ctx, at)
		must(t, err)
		return q.Review
	}
	if n := counts(now); n != 1 {
		t.Fatalf("%d awaiting review, want 1", n)
	}
	// Another instance accepts it: this one's menu shows it for a while.
	must(t, f.s.DB().Exec("UPDATE assignments SET status = ? WHERE id = ?", models.StatusDone, a.ID).Error)
	if n := counts(now.Add(5 * time.Second)); n != 1 {
		t.Errorf("%d awaiting review 5 s later, want the kept 1", n)
	}
	if n := counts(now.Add(11 * time.Second)); n != 0 {
		t.Errorf("%d awaiting review 11 s later, want 0", n)
	}
	// Back to submitted behind the store's back, counted, then returned
	// through the store: counted again at once.
	must(t, f.s.DB().Exec("UPDATE assignments SET status = ? WHERE id = ?", models.StatusSubmitted, a.ID).Error)
	later := now.Add(time.Minute)
	if n := counts(later); n != 1 {
		t.Fatalf("%d awaiting review, want 1", n)
	}
	st := models.StatusInProgress
	_, err := f.s.UpdateAssignment(ctx, f.users["coordinator"], &models.Assignment{ID: a.ID}, models.AssignmentChange{Status: &st, Note: "Thiếu văn bản"}, later)
	must(t, err)
	if n := counts(later.Add(time.Second)); n != 0 {
		t.Errorf("%d awaiting review right after a return, want 0", n)
	}
}
