package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"roviec/models"
)

func TestPageAdminHolidays(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	b.login("admin")
	page := b.get("/admin/holidays?year=2023")
	expectStatus(t, page, http.StatusOK)
	expectPage(t, page, "20/01/2023", "Tết Nguyên đán", "Lunar New Year", "04/09/2023")

	form := url.Values{"day": {"15/08/2023"}, "name_vi": {"Ngày nghỉ thử nghiệm"}, "name_en": {"Test day off"}, "year": {"2023"}}
	rec := b.submit("/admin/holidays", "/admin/holidays", form)
	expectStatus(t, rec, http.StatusSeeOther)
	if loc := rec.Header().Get("Location"); loc != "/admin/holidays?year=2023" {
		t.Fatalf("Location %q", loc)
	}
	expectPage(t, b.get("/admin/holidays?year=2023"), "Đã thêm ngày nghỉ.", "15/08/2023", "Ngày nghỉ thử nghiệm")

	rec = b.submit("/admin/holidays", "/admin/holidays", form)
	expectStatus(t, rec, http.StatusConflict)
	expectPage(t, rec, "Ngày 15/08/2023 đã có trong lịch nghỉ.", `value="Ngày nghỉ thử nghiệm"`)
	rec = b.submit("/admin/holidays", "/admin/holidays", url.Values{"day": {"30/02/2023"}, "name_vi": {"Sai"}})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectFieldError(t, rec.Body.String(), "day", "Ngày không hợp lệ (dd/mm/yyyy).")
	expectPage(t, rec, `value="30/02/2023"`)

	cal, err := e.store.Calendar(context.Background())
	if err != nil || cal.IsWorkingDay("2023-08-15") {
		t.Fatalf("15/08/2023 is not a day off: %v", err)
	}
	var added models.Holiday
	if err := e.store.DB().Where("day = ?", "2023-08-15").First(&added).Error; err != nil {
		t.Fatal(err)
	}
	rec = b.submit("/admin/holidays?year=2023", "/admin/holidays/"+itoa(added.ID)+"/delete", url.Values{"year": {"2023"}})
	expectStatus(t, rec, http.StatusSeeOther)
	page = b.get("/admin/holidays?year=2023")
	expectPage(t, page, "Đã xóa ngày nghỉ.")
	if strings.Contains(page.Body.String(), "Ngày nghỉ thử nghiệm") {
		t.Fatal("the removed holiday is still listed")
	}
}

func TestPageAdminReminderSettings(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	b.login("admin")
	expectPage(t, b.get("/admin/reminders"), `value="5, 1"`, `name="overdue_every" value="3"`, `name="weekly_digest" value="1" checked`)

	tests := []struct {
		name   string
		form   url.Values
		field  string // the field of a 422
		msg    string
		stored models.ReminderSettings
	}{
		{"letters among the days", url.Values{"due_soon_days": {"5, năm"}, "overdue_every": {"3"}, "leader_after": {"5"}, "committee_after": {"10"}},
			"due_soon_days", "Nhập các số ngày làm việc, cách nhau bằng dấu phẩy, ví dụ: 5, 1.", models.ReminderSettings{}},
		{"no number", url.Values{"due_soon_days": {"5"}, "overdue_every": {""}, "leader_after": {"5"}, "committee_after": {"10"}},
			"overdue_every", "Phải là số nguyên.", models.ReminderSettings{}},
		{"committee before leader", url.Values{"due_soon_days": {"5"}, "overdue_every": {"3"}, "leader_after": {"8"}, "committee_after": {"6"}},
			"committee_after", "Mốc báo Ban chỉ đạo phải lớn hơn mốc báo lãnh đạo và không quá 120 ngày làm việc.", models.ReminderSettings{}},
		{"saved", url.Values{"due_soon_days": {"7, 2,1"}, "overdue_every": {"2"}, "leader_after": {"4"}, "committee_after": {"8"}, "weekly_digest": {"1"}},
			"", "", models.ReminderSettings{DueSoonDays: []int{7, 2, 1}, OverdueEvery: 2, LeaderAfter: 4, CommitteeAfter: 8, WeeklyDigest: true}},
		{"no reminder before the deadline", url.Values{"due_soon_days": {""}, "overdue_every": {"3"}, "leader_after": {"5"}, "committee_after": {"10"}, "theme_kickoff": {"1"}},
			"", "", models.ReminderSettings{DueSoonDays: []int{}, OverdueEvery: 3, LeaderAfter: 5, CommitteeAfter: 10, ThemeKickoff: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before, err := e.store.ReminderSettings(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			rec := b.submit("/admin/reminders", "/admin/reminders", tc.form)
			after, err := e.store.ReminderSettings(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if tc.field != "" {
				expectStatus(t, rec, http.StatusUnprocessableEntity)
				expectFieldError(t, rec.Body.String(), tc.field, tc.msg)
				expectPage(t, rec, `value="`+tc.form.Get("due_soon_days")+`"`)
				if !equalSettings(before, after) {
					t.Fatalf("refused settings were saved: %+v", after)
				}
				return
			}
			expectStatus(t, rec, http.StatusSeeOther)
			if !equalSettings(after, tc.stored) {
				t.Fatalf("stored %+v, want %+v", after, tc.stored)
			}
		})
	}
}

// equalSettings compares two settings field by field.
func equalSettings(a, b models.ReminderSettings) bool {
	return fmt.Sprint(a.DueSoonDays) == fmt.Sprint(b.DueSoonDays) && a.OverdueEvery == b.OverdueEvery &&
		a.LeaderAfter == b.LeaderAfter && a.CommitteeAfter == b.CommitteeAfter && a.WeeklyDigest == b.WeeklyDigest &&
		a.ThemeKickoff == b.ThemeKickoff && a.UnclearReminder == b.UnclearReminder
}

// addOutbox inserts an outbox message, as the reminder pass would.
func (e *env) addOutbox(m models.OutboxMessage) *models.OutboxMessage {
	e.t.Helper()
	m.CreatedAt, m.NextAttemptAt = e.clock.Now().UTC(), e.clock.Now().UTC()
	if err := e.store.DB().Create(&m).Error; err != nil {
		e.t.Fatal(err)
	}
	return &m
}

func TestPageAdminOutbox(t *testing.T) {
	e := newEnv(t)
	sentAt := e.clock.Now().UTC()
	e.addOutbox(models.OutboxMessage{Recipients: "hang@mic.gov.vn", Subject: "[Rõ Việc] 2 nhiệm vụ sắp đến hạn", BodyText: "Kính gửi chị Hằng", Status: models.OutboxSent, Attempts: 1, SentAt: &sentAt})
	failed := e.addOutbox(models.OutboxMessage{Recipients: "lanhdao@hanoi.gov.vn", RecipientName: "Lãnh đạo UBND Hà Nội",
		Subject: "[Rõ Việc] Nhiệm vụ quá hạn 5 ngày làm việc", BodyText: "Kính gửi đồng chí,\nCó 1 nhiệm vụ quá hạn.",
		BodyHTML: `<p>Kính gửi <b>đồng chí</b></p><script>alert("x")</script>`, Status: models.OutboxFailed, Attempts: 8,
		LastError: "550 5.1.1 mailbox unavailable"})
	e.addOutbox(models.OutboxMessage{Recipients: "dieuphoi@test.vn", Subject: "[Rõ Việc] Tổng hợp tuần 2023-W09", Status: models.OutboxQueued})
	b := newBrowser(e)
	b.login("admin")

	page := b.get("/admin/outbox")
	expectStatus(t, page, http.StatusOK)
	expectPage(t, page, "Tất cả (3)", "Thất bại (1)", "Đã gửi (1)", "Chờ gửi (1)", "2 nhiệm vụ sắp đến hạn", "Tổng hợp tuần 2023-W09")
	body := page.Body.String()
	if strings.Index(body, "Tổng hợp tuần") > strings.Index(body, "sắp đến hạn") {
		t.Error("the outbox is not newest first")
	}
	page = b.get("/admin/outbox?status=failed")
	expectPage(t, page, "Nhiệm vụ quá hạn 5 ngày làm việc")
	if strings.Contains(page.Body.String(), "sắp đến hạn") {
		t.Error("the status filter lets a sent message through")
	}

	path := "/admin/outbox/" + itoa(failed.ID)
	page = b.get(path)
	expectStatus(t, page, http.StatusOK)
	expectPage(t, page, "lanhdao@hanoi.gov.vn", "Lãnh đạo UBND Hà Nội", "550 5.1.1 mailbox unavailable", "Kính gửi đồng chí,\nCó 1 nhiệm vụ quá hạn.",
		`<iframe sandbox=""`, "Gửi lại")
	if strings.Contains(page.Body.String(), `<script>alert`) {
		t.Fatal("the message's HTML is not escaped")
	}
	rec := b.submit(path, path+"/resend", url.Values{})
	expectStatus(t, rec, http.StatusSeeOther)
	got, err := e.store.OutboxByID(context.Background(), failed.ID)
	if err != nil || got.Status != models.OutboxQueued || got.Attempts != 0 {
		t.Fatalf("after resend: %+v, %v", got, err)
	}
	page = b.get(path)
	expectPage(t, page, "Đã đưa thư vào hàng đợi để gửi lại.", "Chờ gửi")
	rec = b.submit(path, path+"/resend", url.Values{})
	expectStatus(t, rec, http.StatusConflict)
	expectPage(t, rec, "Chỉ gửi lại được thư đã thất bại")
	expectStatus(t, b.get("/admin/outbox/999999"), http.StatusNotFound)
}

func TestPageAdminReminderLog(t *testing.T) {
	e := newEnv(t)
	id := e.assignmentFor("BTTTT", "2023-03-31")
	msg := e.addOutbox(models.OutboxMessage{Recipients: "hang@mic.gov.vn", Subject: "Nhắc việc", Status: models.OutboxQueued})
	pass := time.Date(2023, 4, 3, 1, 0, 0, 0, time.UTC)
	for _, row := range []models.ReminderLog{
		{Key: "overdue:a" + itoa(id) + ":2023-03-31:w1:hang@mic.gov.vn", Rule: models.RuleOverdue, AssignmentID: &id, Recipient: "hang@mic.gov.vn", OutboxID: &msg.ID, PassAt: pass},
		{Key: "digest:2023-W14:dieuphoi@test.vn", Rule: models.RuleDigest, Recipient: "dieuphoi@test.vn", PassAt: pass},
	} {
		if err := e.store.DB().Create(&row).Error; err != nil {
			t.Fatal(err)
		}
	}
	b := newBrowser(e)
	b.login("admin")
	page := b.get("/admin/reminder-log")
	expectStatus(t, page, http.StatusOK)
	expectPage(t, page, `href="/assignments/`+itoa(id)+`"`, `href="/admin/outbox/`+itoa(msg.ID)+`"`, "Tổng hợp hằng tuần", "03/04/2023 08:00")
	page = b.get("/admin/reminder-log?rule=overdue")
	expectPage(t, page, "overdue:a"+itoa(id))
	if strings.Contains(page.Body.String(), "digest:2023-W14") {
		t.Error("the rule filter lets a digest through")
	}
}

func TestPageAdminOnly(t *testing.T) {
	e := newEnv(t)
	msg := e.addOutbox(models.OutboxMessage{Recipients: "a@test.vn", Subject: "Thư", Status: models.OutboxFailed})
	gets := []string{"/admin/holidays", "/admin/reminders", "/admin/outbox", "/admin/outbox/" + itoa(msg.ID), "/admin/outbox/" + itoa(msg.ID) + "/html", "/admin/reminder-log",
		"/admin/audit", "/admin/audit.csv"}
	posts := map[string]url.Values{
		"/admin/holidays":                           {"day": {"15/08/2023"}, "name_vi": {"Nghỉ"}},
		"/admin/holidays/1/delete":                  {},
		"/admin/reminders":                          {"due_soon_days": {"1"}, "overdue_every": {"1"}, "leader_after": {"2"}, "committee_after": {"3"}},
		"/admin/outbox/" + itoa(msg.ID) + "/resend": {},
	}
	for _, who := range []string{"coordinator", "focal", "viewer"} {
		b := newBrowser(e)
		b.login(who)
		for _, path := range gets {
			expectStatus(t, b.get(path), http.StatusForbidden)
		}
		for path, form := range posts {
			expectStatus(t, b.submit("/plans", path, form), http.StatusForbidden)
		}
	}
	if got, err := e.store.OutboxByID(context.Background(), msg.ID); err != nil || got.Status != models.OutboxFailed {
		t.Fatalf("a refused resend changed the message: %+v, %v", got, err)
	}
	if n, err := e.store.ListHolidays(context.Background()); err != nil || len(n) != 11 {
		t.Fatalf("holidays after refused changes: %d, %v", len(n), err)
	}
}
