package store_test

import (
	"fmt"
	"testing"
	"time"

	"roviec/models"
)

// openExplanation inserts an explanation request as the reminder pass does
// at level 2, for an assignment of the fixture due 31/03/2023.
func (f *fixture) openExplanation(t *testing.T, status models.Status) *models.ExplanationRequest {
	t.Helper()
	a := f.assignment(t, assignmentIn(status))
	req := &models.ExplanationRequest{AssignmentID: a.ID, DueOn: a.DueOn, RequestedAt: time.Date(2023, 4, 14, 1, 0, 0, 0, time.UTC)}
	must(t, f.s.DB().Create(req).Error)
	return req
}

func TestAnswerExplanation(t *testing.T) {
	f := newFixture(t)
	now := time.Date(2023, 4, 17, 3, 0, 0, 0, time.UTC)
	tests := []struct {
		name, who string
		status    models.Status
		answered  bool // answered already
		answer    string
		want      string // ok, 403, 409, or the field of a 422
	}{
		{"focal of the agency", "focal", models.StatusInProgress, false, "Chờ ý kiến thẩm định của Bộ Tài chính.", ok},
		{"coordinator on the agency's behalf", "coordinator", models.StatusInProgress, false, "Bộ đã báo cáo bằng văn bản.", ok},
		{"after the work is done", "focal", models.StatusDone, false, "Hoàn thành muộn do thiếu kinh phí.", ok},
		{"focal of another agency", "focal2", models.StatusInProgress, false, "Không phải việc của tôi", forbidden},
		{"viewer", "viewer", models.StatusInProgress, false, "Xem", forbidden},
		{"inactive focal", "inactive", models.StatusInProgress, false, "Lý do", forbidden},
		{"empty answer", "focal", models.StatusInProgress, false, "   ", "answer"},
		{"answered already", "focal", models.StatusInProgress, true, "Lần hai", conflict},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := f.openExplanation(t, tc.status)
			if tc.answered {
				_, err := f.s.AnswerExplanation(ctx, f.users["focal"], req.ID, "Lần một", now)
				must(t, err)
			}
			before, err := f.s.History(ctx, req.AssignmentID)
			must(t, err)
			got, err := f.s.AnswerExplanation(ctx, f.users[tc.who], req.ID, tc.answer, now)
			hist, herr := f.s.History(ctx, req.AssignmentID)
			must(t, herr)
			if tc.want != ok {
				checkRefused(t, err, tc.want)
				if len(hist) != len(before) {
					t.Errorf("a refused answer left %d history rows", len(hist)-len(before))
				}
				return
			}
			if err != nil {
				t.Fatalf("want the answer to pass, got %v", err)
			}
			if got.Answer != tc.answer || got.AnsweredAt == nil || !got.AnsweredAt.Equal(now) ||
				got.AnsweredBy == nil || got.AnsweredBy.ID != f.users[tc.who].ID {
				t.Errorf("answer stored as %+v", got)
			}
			last := hist[len(hist)-1]
			if len(hist) != len(before)+1 || last.Note != "Giải trình: "+tc.answer || last.FromStatus != tc.status ||
				last.ToStatus != tc.status || last.UserID == nil || *last.UserID != f.users[tc.who].ID {
				t.Errorf("history %+v", last)
			}
		})
	}
}

func TestListExplanations(t *testing.T) {
	f := newFixture(t)
	now := time.Date(2023, 4, 17, 3, 0, 0, 0, time.UTC)
	first := f.openExplanation(t, models.StatusInProgress)
	second := f.openExplanation(t, models.StatusNotStarted)
	_, err := f.s.AnswerExplanation(ctx, f.users["focal"], first.ID, "Đã giải trình", now)
	must(t, err)
	tests := []struct {
		name     string
		openOnly bool
		want     []uint
	}{
		{"open only", true, []uint{second.ID}},
		{"all, oldest first", false, []uint{first.ID, second.ID}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			list, err := f.s.ListExplanations(ctx, tc.openOnly)
			must(t, err)
			if len(list) != len(tc.want) {
				t.Fatalf("%d requests, want %d", len(list), len(tc.want))
			}
			for i, r := range list {
				if r.ID != tc.want[i] || r.Assignment == nil || r.Assignment.Directive == nil || r.Assignment.Agency == nil {
					t.Errorf("item %d: %+v, want id %d with assignment, directive and agency", i, r, tc.want[i])
				}
			}
		})
	}
	mine, err := f.s.ExplanationsFor(ctx, second.AssignmentID)
	must(t, err)
	if len(mine) != 1 || mine[0].ID != second.ID || mine[0].AnsweredAt != nil {
		t.Fatalf("ExplanationsFor = %+v", mine)
	}
}

// TestEndingClosesRequests: an assignment cancelled closes, in the same
// transaction, its pending extension request and its unanswered
// explanation request (the queues no longer hold them, nobody can decide
// or answer them, the audit trail says so); one accepted as done closes the
// extension request only (a late agency still owes its explanation); a
// change refused as stale closes nothing.
func TestEndingClosesRequests(t *testing.T) {
	f := newFixture(t)
	asked := time.Date(2023, 4, 14, 2, 0, 0, 0, time.UTC)
	ended := time.Date(2023, 4, 20, 3, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name                string
		from, to            models.Status
		stale               bool
		extClosed, exClosed bool
	}{
		{"cancelled", models.StatusInProgress, models.StatusCancelled, false, true, true},
		{"cancelled while submitted", models.StatusSubmitted, models.StatusCancelled, false, true, true},
		{"accepted as done", models.StatusSubmitted, models.StatusDone, false, true, false},
		{"returned", models.StatusSubmitted, models.StatusInProgress, false, false, false},
		{"cancel refused as stale", models.StatusInProgress, models.StatusCancelled, true, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := f.openExplanation(t, tc.from)
			ext, err := f.s.RequestExtension(ctx, f.users["focal"], req.AssignmentID, "30/04/2023", "Chờ số liệu", asked)
			must(t, err)
			read, err := f.s.AssignmentByID(ctx, req.AssignmentID)
			must(t, err)
			to := tc.to
			ch := models.AssignmentChange{Status: &to, Note: "Nội dung đã lồng ghép vào nhiệm vụ khác."}
			if tc.stale {
				must(t, f.s.DB().Model(&models.Assignment{}).Where("id = ?", read.ID).Update("version", read.Version+1).Error)
				ch.Version = read.Version
			}
			_, err = f.s.UpdateAssignment(ctx, f.users["coordinator"], read, ch, ended)
			if tc.stale != (err != nil) {
				t.Fatalf("the change: %v (stale %v)", err, tc.stale)
			}
			gotExt, err := f.s.ExtensionByID(ctx, ext.ID)
			must(t, err)
			gotReq, err := f.s.ExplanationByID(ctx, req.ID)
			must(t, err)
			if closed := gotExt.Status == models.ExtensionClosed; closed != tc.extClosed {
				t.Errorf("extension request %q after the change, want closed %v", gotExt.Status, tc.extClosed)
			} else if closed && (gotExt.DecidedAt == nil || !gotExt.DecidedAt.Equal(ended) || gotExt.DecisionNote != ch.Note) {
				t.Errorf("closed extension request %+v", gotExt)
			}
			if closed := gotReq.ClosedAt != nil; closed != tc.exClosed || gotReq.Open() == tc.exClosed {
				t.Errorf("explanation request closed at %v, open %v; want closed %v", gotReq.ClosedAt, gotReq.Open(), tc.exClosed)
			} else if closed && !gotReq.ClosedAt.Equal(ended) {
				t.Errorf("explanation request closed at %v, want %v", gotReq.ClosedAt, ended)
			}
			var audits int64
			must(t, f.s.DB().Model(&models.AuditEntry{}).Where("action = ? AND ((entity = ? AND entity_id = ?) OR (entity = ? AND entity_id = ?))",
				models.AuditClose, models.AuditExtension, fmt.Sprint(ext.ID), models.AuditExplanation, fmt.Sprint(req.ID)).Count(&audits).Error)
			if want := btoi(tc.extClosed) + btoi(tc.exClosed); audits != int64(want) {
				t.Errorf("%d audit rows of closing, want %d", audits, want)
			}
			if tc.extClosed {
				_, err := f.s.DecideExtension(ctx, f.users["coordinator"], ext.ID, false, "Không", ended)
				checkRefused(t, err, conflict)
			}
			if tc.exClosed {
				_, err := f.s.AnswerExplanation(ctx, f.users["focal"], req.ID, "Muộn", ended)
				checkRefused(t, err, conflict)
				open, err := f.s.ListExplanations(ctx, true)
				must(t, err)
				for _, r := range open {
					if r.ID == req.ID {
						t.Error("the closed request is still in the open list")
					}
				}
			}
		})
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
