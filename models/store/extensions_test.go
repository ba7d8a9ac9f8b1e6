package store_test

import (
	"testing"
	"time"

	"roviec/models"
)

func TestRequestExtension(t *testing.T) {
	f := newFixture(t)
	now := time.Date(2023, 3, 10, 3, 0, 0, 0, time.UTC) // 10/03/2023 10:00 in Hà Nội
	late := time.Date(2023, 4, 10, 3, 0, 0, 0, time.UTC)
	tests := []struct {
		name, who      string
		status         models.Status
		pending        bool // a pending request exists already
		newDue, reason string
		now            time.Time
		want           string // ok, 403, 409, or the field of a 422
	}{
		{"focal of the agency", "focal", models.StatusInProgress, false, "15/04/2023", "Chờ ý kiến thẩm định", now, ok},
		{"ISO date", "focal", models.StatusNotStarted, false, "2023-04-15", "Chờ ý kiến thẩm định", now, ok},
		{"coordinator", "coordinator", models.StatusInProgress, false, "15/04/2023", "Theo đề nghị của bộ", now, ok},
		{"overdue, to a later date", "focal", models.StatusInProgress, false, "20/04/2023", "Chờ thẩm định", late, ok},
		{"focal of another agency", "focal2", models.StatusInProgress, false, "15/04/2023", "Lý do", now, forbidden},
		{"viewer", "viewer", models.StatusInProgress, false, "15/04/2023", "Lý do", now, forbidden},
		{"inactive focal", "inactive", models.StatusInProgress, false, "15/04/2023", "Lý do", now, forbidden},
		{"permission before values", "viewer", models.StatusInProgress, false, "31/02/2023", "", now, forbidden},
		{"impossible date", "focal", models.StatusInProgress, false, "31/02/2023", "Lý do", now, "new_due"},
		{"no date", "focal", models.StatusInProgress, false, " ", "Lý do", now, "new_due"},
		{"no reason", "focal", models.StatusInProgress, false, "15/04/2023", "  ", now, "reason"},
		{"values before state", "focal", models.StatusDone, false, "15/04/2023", "", now, "reason"},
		{"earlier than the deadline", "focal", models.StatusInProgress, false, "15/03/2023", "Lý do", now, "new_due"},
		{"the deadline itself", "focal", models.StatusInProgress, false, "31/03/2023", "Lý do", now, "new_due"},
		{"in the past", "focal", models.StatusInProgress, false, "05/04/2023", "Lý do", late, "new_due"},
		{"done", "focal", models.StatusDone, false, "15/04/2023", "Lý do", now, conflict},
		{"cancelled", "coordinator", models.StatusCancelled, false, "15/04/2023", "Lý do", now, conflict},
		{"second pending request", "focal", models.StatusInProgress, true, "20/04/2023", "Lý do khác", now, conflict},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := f.assignment(t, assignmentIn(tc.status))
			if tc.pending {
				_, err := f.s.RequestExtension(ctx, f.users["focal"], a.ID, "10/04/2023", "Lần đầu", now)
				must(t, err)
			}
			before, err := f.s.ExtensionsFor(ctx, a.ID)
			must(t, err)
			ext, err := f.s.RequestExtension(ctx, f.users[tc.who], a.ID, tc.newDue, tc.reason, tc.now)
			after, aerr := f.s.ExtensionsFor(ctx, a.ID)
			must(t, aerr)
			if tc.want != ok {
				checkRefused(t, err, tc.want)
				if len(after) != len(before) {
					t.Errorf("a refused request was stored: %d -> %d", len(before), len(after))
				}
				return
			}
			if err != nil {
				t.Fatalf("want the request to pass, got %v", err)
			}
			if ext.Status != models.ExtensionPending || ext.CurrentDue != "2023-03-31" || ext.NewDue.VN() == "" ||
				ext.RequestedByID != f.users[tc.who].ID || !ext.RequestedAt.Equal(tc.now) || ext.Reason != tc.reason ||
				ext.Assignment == nil || ext.Assignment.Agency == nil || ext.RequestedBy == nil {
				t.Errorf("stored %+v", ext)
			}
			got, err := f.s.AssignmentByID(ctx, a.ID)
			must(t, err)
			if got.DueOn != "2023-03-31" || got.OriginalDue != "" {
				t.Errorf("a request moved the deadline: %s (original %s)", got.DueOn, got.OriginalDue)
			}
		})
	}
}

// assignmentIn is an assignment in the given status, as the workflow would leave it.
func assignmentIn(status models.Status) models.Assignment {
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

func TestDecideExtension(t *testing.T) {
	f := newFixture(t)
	asked := time.Date(2023, 3, 10, 3, 0, 0, 0, time.UTC)
	now := time.Date(2023, 3, 13, 2, 0, 0, 0, time.UTC)
	tests := []struct {
		name, who string
		approve   bool
		note      string
		decided   bool          // the request was decided already
		closed    models.Status // the assignment's status when decided, if closed
		want      string        // ok, 403, 409, or the field of a 422
	}{
		{"coordinator approves", "coordinator", true, "", false, "", ok},
		{"admin approves with a note", "admin", true, "Lần cuối", false, "", ok},
		{"coordinator rejects with a reason", "coordinator", false, "Không đủ căn cứ", false, "", ok},
		{"reject without a reason", "coordinator", false, " ", false, "", "note"},
		{"focal of the agency", "focal", true, "", false, "", forbidden},
		{"viewer", "viewer", false, "Không", false, "", forbidden},
		{"decided already", "coordinator", true, "", true, "", conflict},
		{"approve a closed assignment", "coordinator", true, "", false, models.StatusCancelled, conflict},
		{"reject on a closed assignment", "coordinator", false, "Đã hủy nhiệm vụ", false, models.StatusCancelled, ok},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := f.assignment(t, assignmentIn(models.StatusInProgress))
			ext, err := f.s.RequestExtension(ctx, f.users["focal"], a.ID, "15/04/2023", "Chờ thẩm định", asked)
			must(t, err)
			if tc.decided {
				_, err := f.s.DecideExtension(ctx, f.users["coordinator"], ext.ID, false, "Không", asked)
				must(t, err)
			}
			if tc.closed != "" {
				must(t, f.s.DB().Model(&models.Assignment{}).Where("id = ?", a.ID).Update("status", tc.closed).Error)
			}
			before, err := f.s.History(ctx, a.ID)
			must(t, err)
			got, err := f.s.DecideExtension(ctx, f.users[tc.who], ext.ID, tc.approve, tc.note, now)
			hist, herr := f.s.History(ctx, a.ID)
			must(t, herr)
			after, aerr := f.s.AssignmentByID(ctx, a.ID)
			must(t, aerr)
			if tc.want != ok {
				checkRefused(t, err, tc.want)
				if len(hist) != len(before) || after.DueOn != "2023-03-31" || after.OriginalDue != "" {
					t.Errorf("a refused decision changed something: %d history rows, due %s", len(hist)-len(before), after.DueOn)
				}
				return
			}
			if err != nil {
				t.Fatalf("want the decision to pass, got %v", err)
			}
			wantStatus, wantDue, wantOriginal := models.ExtensionRejected, models.Day("2023-03-31"), models.Day("")
			wantNote := "Không đồng ý gia hạn đến 15/04/2023: " + tc.note
			if tc.approve {
				wantStatus, wantDue, wantOriginal = models.ExtensionApproved, "2023-04-15", "2023-03-31"
				wantNote = "Gia hạn đến 15/04/2023: Chờ thẩm định"
				if tc.note != "" {
					wantNote += " — Ý kiến: " + tc.note
				}
			}
			if got.Status != wantStatus || got.DecidedBy == nil || got.DecidedBy.ID != f.users[tc.who].ID ||
				got.DecidedAt == nil || !got.DecidedAt.Equal(now) || got.DecisionNote != tc.note {
				t.Errorf("decision stored as %+v", got)
			}
			if after.DueOn != wantDue || after.OriginalDue != wantOriginal {
				t.Errorf("due %s (original %s), want %s (original %s)", after.DueOn, after.OriginalDue, wantDue, wantOriginal)
			}
			last := hist[len(hist)-1]
			if len(hist) != len(before)+1 || last.Note != wantNote || last.FromStatus != after.Status ||
				last.ToStatus != after.Status || last.UserID == nil || *last.UserID != f.users[tc.who].ID || !last.At.Equal(now) {
				t.Errorf("history %+v, want one row %q", last, wantNote)
			}
		})
	}
}

func TestSecondExtensionKeepsTheOriginalDeadline(t *testing.T) {
	f := newFixture(t)
	now := time.Date(2023, 3, 10, 3, 0, 0, 0, time.UTC)
	a := f.assignment(t, assignmentIn(models.StatusInProgress))
	for _, due := range []string{"15/04/2023", "30/04/2023"} {
		ext, err := f.s.RequestExtension(ctx, f.users["focal"], a.ID, due, "Chờ thẩm định", now)
		must(t, err)
		_, err = f.s.DecideExtension(ctx, f.users["coordinator"], ext.ID, true, "", now)
		must(t, err)
	}
	got, err := f.s.AssignmentByID(ctx, a.ID)
	must(t, err)
	if got.DueOn != "2023-04-30" || got.OriginalDue != "2023-03-31" {
		t.Fatalf("due %s, original %s", got.DueOn, got.OriginalDue)
	}
	approved, err := f.s.ListExtensions(ctx, models.ExtensionApproved)
	must(t, err)
	pending, err := f.s.ListExtensions(ctx, models.ExtensionPending)
	must(t, err)
	if len(approved) != 2 || len(pending) != 0 || approved[0].NewDue != "2023-04-15" || approved[1].CurrentDue != "2023-04-15" ||
		approved[0].Assignment.Directive == nil || approved[0].Assignment.Agency.Code != "BTTTT" {
		t.Fatalf("approved %+v, pending %d", approved, len(pending))
	}
	// Completed after the original deadline, within the extension.
	must(t, f.s.DB().Model(&models.Assignment{}).Where("id = ?", a.ID).
		Updates(map[string]any{"status": models.StatusDone, "completed_on": "2023-04-20"}).Error)
	done, err := f.s.AssignmentByID(ctx, a.ID)
	must(t, err)
	if info := models.ClassifyTimeliness(done, now, hcm(t)); info.Class != models.DoneOnTime || !info.WithinExtension {
		t.Fatalf("timeliness %+v, want done on time within the extension", info)
	}
}
