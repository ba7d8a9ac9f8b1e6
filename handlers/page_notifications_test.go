package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"roviec/models"
	"roviec/models/notify"
	"roviec/models/store"
)

// TestPagePermissionMatrixNotifications runs the new pages as every kind
// of user: everyone signed in has their own notifications and settings; the
// discussion is the agency's (BTTTT, "focal") and the committee's; a
// comment is edited by its author only; anonymous visitors go to the login.
func TestPagePermissionMatrixNotifications(t *testing.T) {
	e := newEnv(t)
	a := e.pageAssignment("BTTTT")
	focal := e.users["focal"]
	c, err := e.store.AddComment(context.Background(), focal, a.ID, "Bản nháp của đầu mối", e.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := e.store.DB().Exec("INSERT INTO notifications (user_id, kind, assignment_id, note, created_at, mail) VALUES (?, ?, ?, '', ?, ?)",
		focal.ID, notify.Returned, a.ID, e.clock.Now().UTC(), notify.None).Error; err != nil {
		t.Fatal(err)
	}
	var mine notify.Notification
	if err := e.store.DB().Where("user_id = ?", focal.ID).First(&mine).Error; err != nil {
		t.Fatal(err)
	}
	gets := []struct {
		path string
		want map[string]int
	}{
		{"/notifications", map[string]int{"admin": 200, "coordinator": 200, "focal": 200, "focal2": 200, "viewer": 200, "anonymous": 303}},
		{"/account/notifications", map[string]int{"admin": 200, "coordinator": 200, "focal": 200, "focal2": 200, "viewer": 200, "anonymous": 303}},
		{"/notifications/" + itoa(mine.ID), map[string]int{"admin": 404, "coordinator": 404, "focal": 303, "focal2": 404, "viewer": 404, "anonymous": 303}},
	}
	posts := []struct {
		path string
		form url.Values
		want map[string]int
	}{
		{"/notifications/read", url.Values{}, map[string]int{"admin": 303, "coordinator": 303, "focal": 303, "focal2": 303, "viewer": 303}},
		{"/account/notifications", url.Values{"mode_comment": {"none"}}, map[string]int{"admin": 303, "coordinator": 303, "focal": 303, "focal2": 303, "viewer": 303}},
		{"/assignments/" + itoa(a.ID) + "/comments", url.Values{"body": {"Ý kiến"}}, map[string]int{"admin": 303, "coordinator": 303, "focal": 303, "focal2": 403, "viewer": 403}},
		{"/assignments/" + itoa(a.ID) + "/comments/" + itoa(c.ID), url.Values{"body": {"Bản sửa"}}, map[string]int{"admin": 403, "coordinator": 403, "focal": 303, "focal2": 403, "viewer": 403}},
	}
	for _, who := range []string{"admin", "coordinator", "focal", "focal2", "viewer", "anonymous"} {
		b := newBrowser(e)
		if who != "anonymous" {
			b.login(who)
		}
		for _, g := range gets {
			rec := b.get(g.path)
			if rec.Code != g.want[who] {
				t.Errorf("GET %s as %s: %d, want %d", g.path, who, rec.Code, g.want[who])
			}
			if who == "anonymous" && !strings.HasPrefix(rec.Header().Get("Location"), "/login?next=") {
				t.Errorf("GET %s anonymously goes to %q", g.path, rec.Header().Get("Location"))
			}
		}
		if who == "anonymous" {
			continue
		}
		for _, p := range posts {
			if rec := b.submit("/notifications", p.path, p.form); rec.Code != p.want[who] {
				t.Errorf("POST %s as %s: %d, want %d", p.path, who, rec.Code, p.want[who])
			}
		}
	}
}

// A return shows on the bell and in the list with its reason; opening it
// leads to the update form and lowers the count; the discussion is escaped,
// in order with the history, and editable for 15 minutes.
func TestPageNotificationsAndDiscussion(t *testing.T) {
	e := newEnv(t)
	a := e.pageAssignment("BTTTT")
	path := "/assignments/" + itoa(a.ID)
	focal, coord := newBrowser(e), newBrowser(e)
	focal.login("focal")
	coord.login("coordinator")
	form := updateForm(models.StatusSubmitted, "100", "Lê Minh", "minh@mic.gov.vn")
	form.Set("evidence_ref", "12/KH-BTTTT")
	form.Set("evidence_date", "20/02/2023")
	expectStatus(t, focal.submit(path, path, form), http.StatusSeeOther)
	expectStatus(t, coord.submit(path, path, url.Values{"action": {"return"}, "note": {"Thiếu <quyết định> kèm theo"}}), http.StatusSeeOther)

	rec := focal.get("/plans")
	expectPage(t, rec, "Thông báo (1 chưa đọc)")
	rec = focal.get("/notifications")
	expectPage(t, rec, "Bị trả lại", "Thiếu &lt;quyết định&gt; kèm theo", "Đang thực hiện")
	n, _, err := e.store.Notifications(context.Background(), e.users["focal"].ID, store.Page{})
	if err != nil || len(n) != 1 {
		t.Fatalf("notifications: %v %v", n, err)
	}
	rec = focal.get("/notifications/" + itoa(n[0].ID))
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != path+"#update" {
		t.Fatalf("opening it: %d %q", rec.Code, rec.Header().Get("Location"))
	}
	if rec := focal.get("/plans"); strings.Contains(rec.Body.String(), "chưa đọc") {
		t.Error("the bell still counts the opened notification")
	}

	// Another return, followed from the e-mail's button straight to the page: the bell stops counting it.
	expectStatus(t, focal.submit(path, path, form), http.StatusSeeOther)
	expectStatus(t, coord.submit(path, path, url.Values{"action": {"return"}, "note": {"Vẫn thiếu"}}), http.StatusSeeOther)
	expectPage(t, focal.get("/plans"), "Thông báo (1 chưa đọc)")
	if rec := focal.get(path); strings.Contains(rec.Body.String(), "chưa đọc") {
		t.Error("the assignment's page still counts its own notification")
	}

	// The discussion: escaped, after the history rows before it, and editable for 15 minutes.
	expectStatus(t, focal.submit(path, path+"/comments", url.Values{"body": {"<script>alert(1)</script> @coordinator@test.vn xem giúp"}}), http.StatusSeeOther)
	rec = focal.get(path)
	body := rec.Body.String()
	expectPage(t, rec, "&lt;script&gt;alert(1)&lt;/script&gt; @coordinator@test.vn xem giúp", "Trao đổi", ">Sửa<")
	if strings.Contains(body, "<script>alert") {
		t.Error("a comment's text is not escaped")
	}
	if strings.Index(body, "Thiếu &lt;quyết định&gt;") > strings.Index(body, "&lt;script&gt;alert") {
		t.Error("the comment shows before the earlier return in the history")
	}
	expectPage(t, coord.get("/plans"), "Thông báo (1 chưa đọc)")
	rec = focal.submit(path, path+"/comments", url.Values{"body": {"hỏi @khong.ai@test.vn"}})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectPage(t, rec, "Không có người dùng khong.ai@test.vn để nhắc đến.", "hỏi @khong.ai@test.vn")

	comments, err := e.store.Comments(context.Background(), a.ID)
	if err != nil || len(comments) != 1 {
		t.Fatalf("comments: %v %v", comments, err)
	}
	edit := path + "/comments/" + itoa(comments[0].ID)
	e.clock.Set(e.clock.Now().Add(notify.EditWindow))
	if strings.Contains(focal.get(path).Body.String(), ">Sửa<") {
		t.Error("the edit form shows after 15 minutes")
	}
	rec = focal.submit(path, edit, url.Values{"body": {"Sửa muộn"}})
	expectStatus(t, rec, http.StatusConflict)
	expectPage(t, rec, "Ý kiến chỉ sửa được trong 15 phút sau khi gửi.")
}

// TestPageNotificationPrefs saves a choice and shows it again.
func TestPageNotificationPrefs(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	b.login("focal")
	expectPage(t, b.get("/account/notifications"), `name="mode_returned" value="now" checked`, `name="mode_assigned" value="digest" checked`,
		`name="mode_submitted" value="digest" checked`)
	expectStatus(t, b.submit("/account/notifications", "/account/notifications", url.Values{"mode_assigned": {"none"}}), http.StatusSeeOther)
	expectPage(t, b.get("/account/notifications"), `name="mode_assigned" value="none" checked`, "Đã lưu cách nhận thông báo.")
	rec := b.submit("/account/notifications", "/account/notifications", url.Values{"mode_assigned": {"weekly"}})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
}
