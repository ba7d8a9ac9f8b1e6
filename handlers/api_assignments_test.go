package handlers_test

import (
	"fmt"
	"testing"
)

func TestAPIFocalReportsOwnAssignment(t *testing.T) {
	e := newEnv(t)
	focal := e.token("focal")
	own := e.assignmentFor("BTTTT", "2023-03-31")
	other := e.assignmentFor("01", "2023-03-31")

	rec := e.patchAssignment(focal, own, map[string]any{"progress": 40, "owner_name": "Nguyễn Văn An",
		"owner_email": "an.nv@mic.gov.vn", "evidence_ref": "45/KH-BTTTT", "evidence_date": "20/02/2023",
		"evidence_url": "https://mic.gov.vn/kh-45", "note": "Đã trình lãnh đạo bộ"})
	expectStatus(t, rec, 200)
	var a apiAssignment
	decode(t, rec, &a)
	if a.Status != "in_progress" || a.Progress != 40 || a.OwnerEmail != "an.nv@mic.gov.vn" ||
		a.EvidenceRef != "45/KH-BTTTT" || a.EvidenceDate == nil || *a.EvidenceDate != "2023-02-20" {
		t.Errorf("after report: %+v", a)
	}
	if a.UpdatedAt != "2023-02-25T09:00:00+07:00" {
		t.Errorf("updated_at %q, want the clock's moment in Vietnam time", a.UpdatedAt)
	}
	if !a.Clear || len(a.Missing) != 0 {
		t.Errorf("clear %v missing %v, want clear with an owner, e-mail, deliverable and due date", a.Clear, a.Missing)
	}
	if len(a.History) != 1 || a.History[0].FromStatus != "not_started" || a.History[0].ToStatus != "in_progress" ||
		a.History[0].UserName != e.users["focal"].Name || a.History[0].Note != "Đã trình lãnh đạo bộ" {
		t.Errorf("history %+v", a.History)
	}

	rec = e.patchAssignment(focal, other, map[string]any{"progress": 10})
	expectStatus(t, rec, 403)
	var b apiAssignment
	decode(t, e.do("GET", fmt.Sprintf("/api/v1/assignments/%d", other), focal, nil), &b)
	if b.Progress != 0 || b.Status != "not_started" || len(b.History) != 0 {
		t.Errorf("another agency's assignment changed by a refused request: %+v", b)
	}
}

func TestAPISubmitThenAccept(t *testing.T) {
	e := newEnv(t)
	focal := e.token("focal")
	id := e.submitted(t, focal, "BTTTT")

	expectStatus(t, e.patchAssignment(focal, id, map[string]any{"status": "done"}), 403)

	e.clock.Set(at(t, 2023, 3, 2, 10, 0)) // reviewed a week later
	rec := e.patchAssignment(e.token("coordinator"), id, map[string]any{"status": "done"})
	expectStatus(t, rec, 200)
	var a apiAssignment
	decode(t, rec, &a)
	if a.Status != "done" || a.Progress != 100 || a.CompletedDate == nil || *a.CompletedDate != "2023-02-25" {
		t.Errorf("accepted: status %s progress %d completed %v; want done, 100, the submission day 2023-02-25",
			a.Status, a.Progress, a.CompletedDate)
	}
	if a.Timeliness == nil || *a.Timeliness != "done_on_time" {
		t.Errorf("timeliness %v, want done_on_time", a.Timeliness)
	}
	want := [][2]string{{"not_started", "submitted"}, {"submitted", "done"}}
	if len(a.History) != len(want) {
		t.Fatalf("history %+v, want %v", a.History, want)
	}
	for i, w := range want {
		if a.History[i].FromStatus != w[0] || a.History[i].ToStatus != w[1] {
			t.Errorf("history[%d] %s -> %s, want %s -> %s", i, a.History[i].FromStatus, a.History[i].ToStatus, w[0], w[1])
		}
	}
	if a.History[1].UserName != e.users["coordinator"].Name {
		t.Errorf("acceptance recorded for %q", a.History[1].UserName)
	}
}

func TestAPIReturnSubmission(t *testing.T) {
	e := newEnv(t)
	focal, coord := e.token("focal"), e.token("coordinator")
	id := e.submitted(t, focal, "BTTTT")

	rec := e.patchAssignment(coord, id, map[string]any{"status": "in_progress"})
	expectStatus(t, rec, 422)
	var bad apiErr
	decode(t, rec, &bad)
	if bad.Fields["note"] == "" {
		t.Errorf("return without a reason: fields %v, want a message for note", bad.Fields)
	}

	rec = e.patchAssignment(coord, id, map[string]any{"status": "in_progress", "note": "Minh chứng chưa có chữ ký"})
	expectStatus(t, rec, 200)
	var a apiAssignment
	decode(t, rec, &a)
	last := a.History[len(a.History)-1]
	if a.Status != "in_progress" || a.SubmittedDate != nil || last.Note != "Minh chứng chưa có chữ ký" ||
		last.FromStatus != "submitted" || last.ToStatus != "in_progress" {
		t.Errorf("returned: status %s submitted %v last history %+v", a.Status, a.SubmittedDate, last)
	}
}

func TestAPIIllegalTransitions(t *testing.T) {
	e := newEnv(t)
	focal, coord := e.token("focal"), e.token("coordinator")
	done := e.submitted(t, focal, "BTTTT")
	expectStatus(t, e.patchAssignment(coord, done, map[string]any{"status": "done"}), 200)
	cancelled := e.assignmentFor("BTTTT", "2023-03-31")
	expectStatus(t, e.patchAssignment(coord, cancelled, map[string]any{"status": "cancelled", "note": "Trùng nhiệm vụ khác"}), 200)

	cases := []struct {
		name  string
		token string
		id    uint
		body  map[string]any
	}{
		{"not started to done", coord, e.assignmentFor("BTTTT", "2023-03-31"), map[string]any{"status": "done"}},
		{"done back to in progress", coord, done, map[string]any{"status": "in_progress", "note": "mở lại"}},
		{"progress on a done task", focal, done, map[string]any{"progress": 50}},
		{"cancelled to in progress", coord, cancelled, map[string]any{"status": "in_progress"}},
		{"in progress back to not started", focal, e.inProgress(t, focal), map[string]any{"status": "not_started"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := e.patchAssignment(tc.token, tc.id, tc.body)
			expectStatus(t, rec, 409)
			var out apiErr
			decode(t, rec, &out)
			if out.Error == "" {
				t.Errorf("no explanation: %s", rec.Body.String())
			}
		})
	}
}
