package handlers_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"roviec/models"
)

type apiNotification struct {
	ID           uint   `json:"id"`
	Kind         string `json:"kind"`
	AssignmentID uint   `json:"assignment_id"`
	Note         string `json:"note"`
	Actor        string `json:"actor"`
	Status       string `json:"status"`
	Link         string `json:"link"`
	ReadAt       *string
}

type apiNotifications struct {
	Items  []apiNotification `json:"items"`
	Total  int64             `json:"total"`
	Unread int64             `json:"unread"`
}

func (e *env) notifications(t *testing.T, token string) apiNotifications {
	t.Helper()
	var out apiNotifications
	rec := e.do("GET", "/api/v1/notifications", token, nil)
	expectStatus(t, rec, 200)
	decode(t, rec, &out)
	return out
}

// A return with its reason, then a discussion: who is told what, marked
// read one by one or all at once.
func TestNotificationsOfReturnsAndComments(t *testing.T) {
	e := newEnv(t)
	second := e.addUser("focal2.btttt@test.vn", models.RoleFocal, "BTTTT")
	e.users["second"] = second
	focal, coord, other, viewer := e.token("focal"), e.token("coordinator"), e.token("second"), e.token("viewer")
	id := e.submitted(t, focal, "BTTTT")
	expectStatus(t, e.patchAssignment(coord, id, map[string]any{"status": "in_progress", "note": "Thiếu văn bản kèm theo"}), 200)

	got := e.notifications(t, focal)
	if got.Unread < 1 || got.Items[0].Kind != "returned" || got.Items[0].Note != "Thiếu văn bản kèm theo" ||
		got.Items[0].Link != fmt.Sprintf("/assignments/%d#update", id) || got.Items[0].Status != "in_progress" {
		t.Fatalf("the focal point's notifications after a return: %+v", got)
	}
	// The coordinator was told of the submission, not of their own return.
	if n := e.notifications(t, coord); n.Total != 1 || n.Items[0].Kind != "submitted" {
		t.Errorf("the coordinator who returned it: %+v", n)
	}

	// The focal point asks the coordinator by name: a mention for them, a comment for the agency's other focal point.
	path := fmt.Sprintf("/api/v1/assignments/%d/comments", id)
	rec := e.do("POST", path, focal, map[string]any{"body": "Nhờ @coordinator@test.vn xem lại <b>bản</b> mới"})
	expectStatus(t, rec, 201)
	var c struct {
		ID   uint   `json:"id"`
		Body string `json:"body"`
	}
	decode(t, rec, &c)
	if n := e.notifications(t, coord); n.Total != 2 || n.Items[0].Kind != "mention" || !strings.Contains(n.Items[0].Note, "<b>bản</b>") {
		t.Errorf("the mentioned coordinator: %+v", n)
	}
	if n := e.notifications(t, other); n.Items[0].Kind != "comment" {
		t.Errorf("the agency's other focal point: %+v", n)
	}
	// The coordinator answers: the focal point (in the discussion, and of the agency) is told, once.
	expectStatus(t, e.do("POST", path, coord, map[string]any{"body": "Đã xem, đồng ý"}), 201)
	if n := e.notifications(t, focal); n.Items[0].Kind != "comment" || n.Items[0].Actor == "" {
		t.Errorf("the focal point after the answer: %+v", n.Items[0])
	}
	// Refused: a mention of nobody, an empty text, a text over the limit, a viewer.
	for body, field := range map[string]string{"hỏi @ai.do@khong.vn": "body", "  ": "body", strings.Repeat("ư", models.MaxTextLen+1): "body"} {
		rec := e.do("POST", path, focal, map[string]any{"body": body})
		if rec.Code != 422 || !strings.Contains(rec.Body.String(), `"`+field+`"`) {
			t.Errorf("comment %.20q: %d %s", body, rec.Code, rec.Body.String())
		}
	}
	expectStatus(t, e.do("POST", path, viewer, map[string]any{"body": "Tôi cũng muốn hỏi"}), 403)
	var list struct {
		Items []struct{ Body string } `json:"items"`
	}
	decode(t, e.do("GET", path, viewer, nil), &list)
	if len(list.Items) != 2 || list.Items[0].Body != "Nhờ @coordinator@test.vn xem lại <b>bản</b> mới" {
		t.Errorf("the discussion in order: %+v", list.Items)
	}

	// Marked read: one by one (another's id does nothing), then all; asking for neither is a 422.
	before := e.notifications(t, focal)
	var marked map[string]int64
	decode(t, e.do("POST", "/api/v1/notifications/read", focal, map[string]any{"ids": []uint{before.Items[0].ID, e.notifications(t, coord).Items[0].ID}}), &marked)
	if marked["marked"] != 1 || marked["unread"] != before.Unread-1 {
		t.Errorf("mark one read: %v (unread before %d)", marked, before.Unread)
	}
	if n := e.notifications(t, coord); n.Unread != 2 {
		t.Errorf("another's notification was marked read: %+v", n)
	}
	expectStatus(t, e.do("POST", "/api/v1/notifications/read", focal, map[string]any{}), 422)
	decode(t, e.do("POST", "/api/v1/notifications/read", focal, map[string]any{"all": true}), &marked)
	if marked["unread"] != 0 {
		t.Errorf("mark all read: %v", marked)
	}
}

// A comment is edited by its author within 15 minutes, then never.
func TestCommentEditWindow(t *testing.T) {
	e := newEnv(t)
	focal, coord := e.token("focal"), e.token("coordinator")
	id := e.assignmentFor("BTTTT", "2023-03-31")
	var c struct{ ID uint }
	decode(t, e.do("POST", fmt.Sprintf("/api/v1/assignments/%d/comments", id), focal, map[string]any{"body": "Bản nháp"}), &c)
	path := fmt.Sprintf("/api/v1/assignments/%d/comments/%d", id, c.ID)
	start := e.clock.Now()
	e.clock.Set(start.Add(14*time.Minute + 59*time.Second))
	expectStatus(t, e.do("PATCH", path, focal, map[string]any{"body": "Bản sửa, nhờ @coordinator@test.vn"}), 200)
	if n := e.notifications(t, coord); n.Total != 1 || n.Items[0].Kind != "mention" {
		t.Errorf("a mention added by an edit: %+v", n)
	}
	expectStatus(t, e.do("PATCH", path, coord, map[string]any{"body": "Không phải của tôi"}), 403)
	expectStatus(t, e.do("PATCH", fmt.Sprintf("/api/v1/assignments/%d/comments/%d", id+1000, c.ID), focal, map[string]any{"body": "x"}), 404)
	e.clock.Set(start.Add(15 * time.Minute))
	rec := e.do("PATCH", path, focal, map[string]any{"body": "Quá giờ"})
	expectStatus(t, rec, 409)
	if !strings.Contains(rec.Body.String(), "15") {
		t.Errorf("the refusal does not say the window: %s", rec.Body.String())
	}
	var list struct {
		Items []struct {
			Body     string  `json:"body"`
			EditedAt *string `json:"edited_at"`
		} `json:"items"`
	}
	decode(t, e.do("GET", fmt.Sprintf("/api/v1/assignments/%d/comments", id), focal, nil), &list)
	if len(list.Items) != 1 || list.Items[0].Body != "Bản sửa, nhờ @coordinator@test.vn" || list.Items[0].EditedAt == nil {
		t.Errorf("after the window: %+v", list.Items)
	}
}

// Preferences through the API: defaults, a change, a refusal.
func TestNotificationPreferencesAPI(t *testing.T) {
	e := newEnv(t)
	tok := e.token("focal")
	var prefs map[string]string
	decode(t, e.do("GET", "/api/v1/notifications/preferences", tok, nil), &prefs)
	if prefs["returned"] != "now" || prefs["assigned"] != "digest" || prefs["mention"] != "now" || prefs["comment"] != "digest" {
		t.Errorf("defaults: %v", prefs)
	}
	decode(t, e.do("PUT", "/api/v1/notifications/preferences", tok, map[string]any{"assigned": "none"}), &prefs)
	if prefs["assigned"] != "none" || prefs["returned"] != "now" {
		t.Errorf("after a change: %v", prefs)
	}
	rec := e.do("PUT", "/api/v1/notifications/preferences", tok, map[string]any{"returned": "weekly", "bogus": "now"})
	if rec.Code != 422 || !strings.Contains(rec.Body.String(), `"returned"`) || !strings.Contains(rec.Body.String(), `"bogus"`) {
		t.Errorf("bad preferences: %d %s", rec.Code, rec.Body.String())
	}
}
