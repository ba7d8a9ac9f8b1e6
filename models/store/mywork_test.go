package store_test

import (
	"reflect"
	"testing"
	"time"

	"roviec/models"
)

// TestMyWorkOrder builds one agency's work on 10/04/2023 and checks the
// list's order of urgency: the open explanation request, the returned
// submission (with its reason), overdue most days first, due soon, in
// progress, not started, awaiting review, recently done; another agency's
// work is not there, and a group shows its first items and counts the rest.
func TestMyWorkOrder(t *testing.T) {
	f := newFixture(t)
	now := time.Date(2023, 4, 10, 3, 0, 0, 0, time.UTC)
	hold := func(due string, status models.Status, progress int, completed string) uint {
		return f.hold(t, f.theme.ID, held{"BTTTT", due, status, progress, completed}).ID
	}
	overdue21 := hold("2023-03-20", models.StatusNotStarted, 0, "")
	overdue40 := hold("2023-03-01", models.StatusInProgress, 30, "")
	soon := hold("2023-04-14", models.StatusNotStarted, 0, "")
	later := hold("2023-05-30", models.StatusInProgress, 50, "")
	notStarted := hold("2023-06-30", models.StatusNotStarted, 0, "")
	done := hold("2023-03-31", models.StatusDone, 100, "2023-03-30")
	submitted := hold("2023-04-30", models.StatusSubmitted, 100, "2023-04-05")
	returned := hold("2023-03-15", models.StatusSubmitted, 100, "2023-03-10")
	must(t, f.s.DB().Model(&models.Assignment{}).Where("id = ?", returned).Update("evidence_ref", "Công văn 1").Error)
	back := models.StatusInProgress
	_, err := f.s.UpdateAssignment(ctx, f.users["coordinator"], &models.Assignment{ID: returned}, models.AssignmentChange{Status: &back,
		Note: "Thiếu văn bản ban hành"}, now.Add(-time.Hour))
	must(t, err)
	explained := hold("2023-02-28", models.StatusInProgress, 10, "")
	must(t, f.s.DB().Create(&models.ExplanationRequest{AssignmentID: explained, DueOn: "2023-02-28", RequestedAt: now}).Error)
	f.hold(t, f.theme.ID, held{"01", "2023-03-01", models.StatusNotStarted, 0, ""})

	groups, err := f.s.MyWork(ctx, *f.users["focal"].AgencyID, now, 10)
	must(t, err)
	var ids []uint
	var reasons []models.WorkReason
	for _, g := range groups {
		reasons = append(reasons, g.Reason)
		for _, it := range g.Items {
			ids = append(ids, it.Assignment.ID)
		}
	}
	want := []uint{explained, returned, overdue40, overdue21, soon, later, notStarted, submitted, done}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("order %v, want %v", ids, want)
	}
	if !reflect.DeepEqual(reasons, models.WorkGroups) {
		t.Errorf("groups %v, want every group", reasons)
	}
	ret := groups[1].Items[0]
	if ret.ReturnReason != "Thiếu văn bản ban hành" || !reflect.DeepEqual(ret.Reasons,
		[]models.WorkReason{models.WorkReturned, models.WorkOverdue, models.WorkInProgress}) || ret.Action() != models.DoResubmit {
		t.Errorf("returned item: reason %q, reasons %v, action %s", ret.ReturnReason, ret.Reasons, ret.Action())
	}
	if ex := groups[0].Items[0]; ex.Explanation == 0 || ex.Action() != models.DoAnswer {
		t.Errorf("explanation item: request %d, action %s", ex.Explanation, ex.Action())
	}

	groups, err = f.s.MyWork(ctx, *f.users["focal"].AgencyID, now, 1)
	must(t, err)
	if g := groups[2]; g.Reason != models.WorkOverdue || len(g.Items) != 1 || g.Items[0].Assignment.ID != overdue40 || g.More() != 1 {
		t.Errorf("overdue group limited to 1: %s, %d items, %d more", g.Reason, len(g.Items), g.More())
	}
}
