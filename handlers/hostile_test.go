package handlers_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"roviec/models"
	"roviec/models/store"
)

// A hostile route: one write endpoint (its pattern as in routes.go), who
// sends to it, a body that would be accepted, and which of its fields are
// text, numbers and dates, to be attacked one at a time.
type hostileRoute struct {
	method, pattern string
	who             string            // env user ("" for nobody)
	params          map[string]string // path parameters of a real, writable record
	base            map[string]any    // an acceptable body
	text            []string          // text fields with a length limit
	numbers         []string          // number fields
	dates           []string          // date fields
	noBody          bool              // the route reads no body (DELETE, a button)
	forbidden       bool              // who may not write here: a well-formed request is a 403
}

func (r hostileRoute) api() bool { return strings.HasPrefix(r.pattern, "/api/") }

// path fills the pattern's parameters, the first numeric one replaced by
// id when id is not "".
func (r hostileRoute) path(id string) string {
	parts := strings.Split(r.pattern, "/")
	swapped := false
	for i, p := range parts {
		if !strings.HasPrefix(p, ":") {
			continue
		}
		v := r.params[p[1:]]
		if id != "" && !swapped && p != ":code" {
			v, swapped = id, true
		}
		parts[i] = url.PathEscape(v)
	}
	return strings.Join(parts, "/")
}

// hasID reports whether the route takes a numeric id in its path.
func (r hostileRoute) hasID() bool {
	return strings.Contains(r.pattern, "/:") && strings.Count(r.pattern, "/:") > strings.Count(r.pattern, "/:code")
}

// hostileCase is one hostile request and what must come back.
type hostileCase struct {
	name    string
	id      string // replaces the path's first numeric parameter
	ctype   string // "" for the surface's usual one
	body    string // raw; "" with fields nil: no body
	fields  map[string]any
	want    []int  // accepted statuses; nil: any 4xx
	mention string // the message must contain it
}

// tableCounts counts the rows of every table of the database.
func (e *env) tableCounts(t *testing.T) map[string]int64 {
	t.Helper()
	db := e.store.DB()
	tables, err := db.Migrator().GetTables()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, name := range tables {
		var n int64
		if err := db.Table(name).Count(&n).Error; err != nil {
			t.Fatalf("count %s: %v", name, err)
		}
		out[name] = n
	}
	return out
}

// hostileRoutes lists every write route with a record it may write to.
func hostileRoutes(t *testing.T, e *env) []hostileRoute {
	t.Helper()
	ctx := context.Background()
	own := e.assignmentFor("BTTTT", "2023-03-31")
	extOf := e.assignmentFor("BTTTT", "2023-03-31")
	ext, err := e.store.RequestExtension(ctx, e.users["focal"], extOf, "2023-04-15", "Chờ thẩm định", e.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	late := e.assignmentFor("BTTTT", "2023-02-10")
	expl := e.openExplanation(late)
	if rec := e.upload(e.token("focal"), own, "qd.pdf", "application/pdf", samplePDF("quyết định")); rec.Code != http.StatusCreated && rec.Code != http.StatusOK {
		t.Fatalf("upload: %d %s", rec.Code, rec.Body.String())
	}
	var files []apiFile
	if err := json.Unmarshal(e.do("GET", "/api/v1/assignments/"+itoa(own)+"/files", e.token("focal"), nil).Body.Bytes(), &files); err != nil || len(files) == 0 {
		var wrapped apiList[apiFile]
		decode(t, e.do("GET", "/api/v1/assignments/"+itoa(own)+"/files", e.token("focal"), nil), &wrapped)
		files = wrapped.Items
	}
	if len(files) == 0 {
		t.Fatal("no file to remove")
	}
	day, err := e.store.AddHoliday(ctx, "2023-12-29", "Nghỉ bù", "Day off")
	if err != nil {
		t.Fatal(err)
	}
	_, personal, err := e.store.CreatePersonalToken(ctx, e.users["viewer"].ID, models.PersonalTokenInput{Name: "Kịch bản", Scope: models.ScopeRead}, e.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	hook, err := e.store.CreateWebhook(ctx, models.WebhookInput{URL: "https://sms.test.vn/", Secret: "bi-mat-du-dai-16", Events: []string{"directive.created"}, Active: true}, e.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	hcmc, err := e.store.AgencyByCode(ctx, "79")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.CalendarFeed(ctx, store.FeedOwner{AgencyID: hcmc.ID}, true, e.clock.Now()); err != nil {
		t.Fatal(err)
	}
	msg := e.addOutbox(models.OutboxMessage{Recipients: "a@test.vn", Subject: "Nhắc việc", Status: models.OutboxFailed})
	failedHook := models.WebhookDelivery{WebhookID: hook.ID, Event: models.HookDirectiveCreated, Payload: "{}", Status: models.OutboxFailed,
		Attempts: models.OutboxMaxAttempts, NextAttemptAt: e.clock.Now(), CreatedAt: e.clock.Now()}
	if err := e.store.DB().Create(&failedHook).Error; err != nil {
		t.Fatal(err)
	}
	cmt, err := e.store.AddComment(ctx, e.users["focal"], own, "Bản nháp của đầu mối", e.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	plan := e.plans()[0].ID
	theme := e.themeID(3)
	dir := e.assignment(own).DirectiveID
	viewer := itoa(e.users["viewer"].ID)
	ids := map[string]string{"id": itoa(own), "ext": itoa(ext.ID), "req": itoa(expl.ID), "file": itoa(files[0].ID)}
	a := func(id uint, extra ...string) map[string]string {
		m := map[string]string{"id": itoa(id)}
		for i := 0; i+1 < len(extra); i += 2 {
			m[extra[i]] = extra[i+1]
		}
		return m
	}
	assignForm := map[string]any{"status": "in_progress", "progress": "40", "owner_name": "Lê Minh", "owner_email": "minh@mic.gov.vn",
		"evidence_ref": "", "evidence_date": "", "evidence_url": "", "note": "Đã họp"}
	directive := map[string]any{"theme_id": itoa(theme), "pillar": "data", "title": "Số hoá hồ sơ", "description": "", "deliverable": "Báo cáo",
		"due_date": "31/03/2023", "source": "", "agency": "BTTTT"}
	themeForm := map[string]any{"first_month": "12", "last_month": "12", "title_vi": "Tổng kết", "title_en": "Review", "description": ""}
	return []hostileRoute{
		// The JSON API.
		{method: "POST", pattern: "/api/v1/auth/token", base: map[string]any{"email": "admin@test.vn", "password": "sai-mat-khau"}},
		{method: "POST", pattern: "/api/v1/plans", who: "coordinator", base: map[string]any{"name": "Kế hoạch 2031", "name_en": "Plan", "year": 2031},
			text: []string{"name", "name_en"}, numbers: []string{"year"}},
		{method: "POST", pattern: "/api/v1/plans/:id/copy", who: "coordinator", params: a(plan), base: map[string]any{"name": "Kế hoạch 2032", "year": 2032},
			text: []string{"name"}, numbers: []string{"year"}},
		{method: "POST", pattern: "/api/v1/plans/:id/themes", who: "coordinator", params: a(plan), base: map[string]any{"first_month": 12, "last_month": 12,
			"title_vi": "Tổng kết", "title_en": "Review", "description": ""}, text: []string{"title_vi", "title_en", "description"}, numbers: []string{"first_month", "last_month"}},
		{method: "PATCH", pattern: "/api/v1/agencies/:code", who: "admin", params: map[string]string{"code": "BTTTT"},
			base: map[string]any{"leader_name": "Nguyễn Văn A", "leader_email": "a@mic.gov.vn"}, text: []string{"name", "name_en", "leader_name", "leader_email"}},
		{method: "POST", pattern: "/api/v1/agencies/merge", who: "admin", base: map[string]any{"into": "08", "from": []string{"02"}},
			text: []string{"name"}},
		{method: "POST", pattern: "/api/v1/users", who: "admin", base: map[string]any{"email": "moi@test.vn", "name": "Người mới", "role": "viewer", "password": testPassword},
			text: []string{"email", "name"}},
		{method: "POST", pattern: "/api/v1/users/invitations", who: "admin", base: map[string]any{"email": "moi@test.vn", "name": "Người mới", "role": "viewer"},
			text: []string{"email", "name"}},
		{method: "POST", pattern: "/api/v1/account/password", who: "viewer", base: map[string]any{"current_password": testPassword, "new_password": "mat-khau-moi-dai"},
			text: []string{"new_password"}},
		{method: "POST", pattern: "/api/v1/directives", who: "coordinator", base: map[string]any{"theme_id": theme, "pillar": "data", "title": "Số hoá hồ sơ",
			"deliverable": "Báo cáo", "due_date": "2023-03-31", "agency_codes": []string{"BTTTT"}},
			text: []string{"title", "description", "deliverable", "source"}, numbers: []string{"theme_id"}, dates: []string{"due_date"}},
		{method: "PATCH", pattern: "/api/v1/assignments/:id", who: "focal", params: ids, base: map[string]any{"progress": 30, "owner_name": "Lê Minh"},
			text: []string{"note", "owner_name", "owner_email", "evidence_ref", "evidence_url"}, numbers: []string{"progress"}, dates: []string{"evidence_date"}},
		{method: "POST", pattern: "/api/v1/assignments/:id/extensions", who: "focal", params: ids, base: map[string]any{"new_due": "2023-04-30", "reason": "Chờ ý kiến"},
			text: []string{"reason"}, dates: []string{"new_due"}},
		{method: "POST", pattern: "/api/v1/assignments/:id/files", who: "focal", params: ids, base: map[string]any{}},
		{method: "POST", pattern: "/api/v1/plans/:id/import", who: "coordinator", params: a(plan), base: map[string]any{}},
		{method: "DELETE", pattern: "/api/v1/files/:id", who: "focal", params: a(files[0].ID), noBody: true},
		{method: "POST", pattern: "/api/v1/extensions/:id/decision", who: "coordinator", params: a(ext.ID), base: map[string]any{"approve": true, "note": "Đồng ý"},
			text: []string{"note"}},
		{method: "POST", pattern: "/api/v1/explanations/:id/answer", who: "focal", params: a(expl.ID), base: map[string]any{"answer": "Chờ số liệu"}, text: []string{"answer"}},
		{method: "POST", pattern: "/api/v1/assignments/:id/comments", who: "focal", params: ids, base: map[string]any{"body": "Đề nghị bổ sung"},
			text: []string{"body"}},
		{method: "PATCH", pattern: "/api/v1/assignments/:id/comments/:comment", who: "focal", params: a(own, "comment", itoa(cmt.ID)),
			base: map[string]any{"body": "Bản sửa"}, text: []string{"body"}},
		{method: "POST", pattern: "/api/v1/notifications/read", who: "viewer", base: map[string]any{"all": true}},
		{method: "PUT", pattern: "/api/v1/notifications/preferences", who: "viewer", base: map[string]any{"comment": "none"}},
		{method: "POST", pattern: "/api/v1/assignments/bulk", who: "coordinator", base: map[string]any{"ids": []uint{own}, "action": "return", "reason": "Thiếu văn bản"},
			text: []string{"reason"}},
		{method: "POST", pattern: "/api/v1/directives/:id/urge", who: "coordinator", params: a(dir), base: map[string]any{"agency_codes": []string{"BTTTT"}}},
		{method: "POST", pattern: "/api/v1/agencies/urge", who: "coordinator", base: map[string]any{"plan_id": plan, "agency_codes": []string{"BTTTT"}},
			numbers: []string{"plan_id"}},
		{method: "POST", pattern: "/api/v1/holidays", who: "admin", base: map[string]any{"day": "2023-12-28", "name_vi": "Nghỉ", "name_en": "Off"},
			text: []string{"name_vi", "name_en"}, dates: []string{"day"}},
		{method: "DELETE", pattern: "/api/v1/holidays/:id", who: "admin", params: a(day.ID), noBody: true},
		{method: "POST", pattern: "/api/v1/me/tokens", who: "viewer", base: map[string]any{"name": "Báo cáo tỉnh", "scope": "read", "expires_at": "31/12/2023"},
			text: []string{"name"}, dates: []string{"expires_at"}},
		{method: "DELETE", pattern: "/api/v1/me/tokens/:id", who: "viewer", params: a(personal.ID), noBody: true},
		{method: "POST", pattern: "/api/v1/me/calendar/regenerate", who: "viewer", noBody: true},
		{method: "DELETE", pattern: "/api/v1/me/calendar", who: "viewer", noBody: true},
		{method: "POST", pattern: "/api/v1/agencies/:code/calendar/regenerate", who: "focal", params: map[string]string{"code": "BTTTT"}, noBody: true},
		{method: "DELETE", pattern: "/api/v1/agencies/:code/calendar", who: "focal", params: map[string]string{"code": "BTTTT"}, noBody: true},
		{method: "PUT", pattern: "/api/v1/plans/:id/public", who: "admin", params: a(plan), base: map[string]any{"public": true}},
		{method: "POST", pattern: "/api/v1/webhooks", who: "admin", base: map[string]any{"url": "https://zalo.test.vn/", "secret": "bi-mat-du-dai-16",
			"events": []string{"assignment.updated"}}, text: []string{"url", "secret"}},
		{method: "PUT", pattern: "/api/v1/webhooks/:id", who: "admin", params: a(hook.ID), base: map[string]any{"url": "https://zalo.test.vn/",
			"events": []string{"assignment.updated"}}, text: []string{"url", "secret"}},
		{method: "DELETE", pattern: "/api/v1/webhooks/:id", who: "admin", params: a(hook.ID), noBody: true},
		{method: "POST", pattern: "/api/v1/webhooks/:id/deliveries/:delivery/resend", who: "admin", params: a(hook.ID, "delivery", itoa(failedHook.ID)), noBody: true},
		{method: "POST", pattern: "/api/v1/targets/:code/values", who: "focal", params: map[string]string{"code": "S2"},
			base: map[string]any{"value": 85, "as_of": "2023-01-31", "source": "Cục Viễn thông", "note": ""}, text: []string{"source", "note"},
			numbers: []string{"value"}, dates: []string{"as_of"}},

		// The pages.
		{method: "POST", pattern: "/login", base: map[string]any{"email": "admin@test.vn", "password": "sai-mat-khau"}},
		{method: "POST", pattern: "/lang", base: map[string]any{"lang": "en", "next": "/"}},
		{method: "POST", pattern: "/password/forgot", base: map[string]any{"email": "admin@test.vn"}},
		{method: "POST", pattern: "/password/set", base: map[string]any{"token": "khong-co", "password": "mat-khau-moi-dai", "password_confirm": "mat-khau-moi-dai"}},
		{method: "POST", pattern: "/logout", who: "viewer", noBody: true},
		{method: "POST", pattern: "/account/password", who: "viewer", base: map[string]any{"current_password": testPassword, "new_password": "mat-khau-moi-dai",
			"new_password_confirm": "mat-khau-moi-dai"}},
		{method: "POST", pattern: "/plans", who: "coordinator", base: map[string]any{"name": "Kế hoạch 2031", "name_en": "Plan", "year": "2031"},
			text: []string{"name", "name_en"}, numbers: []string{"year"}},
		{method: "POST", pattern: "/plans/:id", who: "coordinator", params: a(plan), base: map[string]any{"name": "Kế hoạch", "name_en": "Plan", "year": "2023"},
			text: []string{"name", "name_en"}, numbers: []string{"year"}},
		{method: "POST", pattern: "/plans/:id/copy", who: "coordinator", params: a(plan), base: map[string]any{"name": "Kế hoạch 2032", "year": "2032"},
			text: []string{"name"}, numbers: []string{"year"}},
		{method: "POST", pattern: "/plans/:id/themes", who: "coordinator", params: a(plan), base: themeForm,
			text: []string{"title_vi", "title_en", "description"}, numbers: []string{"first_month", "last_month"}},
		{method: "POST", pattern: "/themes/:id", who: "coordinator", params: a(theme), base: map[string]any{"first_month": "3", "last_month": "3",
			"title_vi": "Dữ liệu", "title_en": "Data", "description": ""}, text: []string{"title_vi", "title_en", "description"}, numbers: []string{"first_month", "last_month"}},
		{method: "POST", pattern: "/themes/:id/packs", who: "coordinator", params: a(theme), base: map[string]any{"meeting_on": "25/02/2023"},
			dates: []string{"meeting_on"}},
		{method: "POST", pattern: "/targets/:code/values", who: "focal", params: map[string]string{"code": "S2"},
			base: map[string]any{"value": "85", "value_as_of": "31/01/2023", "source": "Cục Viễn thông", "note": ""}, text: []string{"source", "note"},
			numbers: []string{"value"}, dates: []string{"value_as_of"}},
		{method: "POST", pattern: "/agencies/:code", who: "admin", params: map[string]string{"code": "BTTTT"},
			base: map[string]any{"name": "Bộ Thông tin và Truyền thông", "name_en": "MIC", "leader_name": "A", "leader_email": "a@mic.gov.vn", "active": "1"},
			text: []string{"name", "name_en", "leader_name", "leader_email"}},
		{method: "POST", pattern: "/admin/agencies/merge/preview", who: "admin", base: map[string]any{"step": "preview", "into": "08", "from": "02"},
			text: []string{"name"}},
		{method: "POST", pattern: "/admin/agencies/merge", who: "admin", base: map[string]any{"into": "08", "from": "02"}, text: []string{"name"}},
		{method: "POST", pattern: "/directives", who: "coordinator", base: directive,
			text: []string{"title", "description", "deliverable", "source"}, numbers: []string{"theme_id"}, dates: []string{"due_date"}},
		{method: "POST", pattern: "/directives/:id", who: "coordinator", params: a(dir), base: directive,
			text: []string{"title", "description", "deliverable", "source"}, dates: []string{"due_date"}},
		{method: "POST", pattern: "/assignments/:id", who: "focal", params: ids, base: assignForm,
			text: []string{"note", "owner_name", "owner_email", "evidence_ref", "evidence_url"}, numbers: []string{"progress"}, dates: []string{"evidence_date"}},
		{method: "POST", pattern: "/assignments/:id/card", who: "focal", params: ids, base: map[string]any{"status": "in_progress", "progress": "50"},
			numbers: []string{"progress"}},
		{method: "POST", pattern: "/assignments/:id/extensions", who: "focal", params: ids, base: map[string]any{"new_due": "30/04/2023", "reason": "Chờ ý kiến"},
			text: []string{"reason"}, dates: []string{"new_due"}},
		{method: "POST", pattern: "/assignments/:id/files", who: "focal", params: ids, base: map[string]any{}},
		{method: "POST", pattern: "/plans/:id/import", who: "coordinator", params: a(plan), base: map[string]any{}},
		{method: "POST", pattern: "/plans/:id/import/confirm", who: "coordinator", params: a(plan), base: map[string]any{"key": "00112233445566778899aabbccddeeff"}},
		{method: "POST", pattern: "/assignments/:id/files/:file/remove", who: "focal", params: ids, noBody: true},
		{method: "POST", pattern: "/assignments/:id/extensions/:ext/decision", who: "coordinator", params: a(extOf, "ext", itoa(ext.ID)),
			base: map[string]any{"action": "approve", "decision_note": "Đồng ý"}, text: []string{"decision_note"}},
		{method: "POST", pattern: "/assignments/:id/explanations/:req/answer", who: "focal", params: map[string]string{"id": itoa(late), "req": itoa(expl.ID)},
			base: map[string]any{"answer": "Chờ số liệu"}, text: []string{"answer"}},
		{method: "POST", pattern: "/assignments/:id/comments", who: "focal", params: ids, base: map[string]any{"body": "Đề nghị bổ sung"},
			text: []string{"body"}},
		{method: "POST", pattern: "/assignments/:id/comments/:comment", who: "focal", params: a(own, "comment", itoa(cmt.ID)),
			base: map[string]any{"body": "Bản sửa"}, text: []string{"body"}},
		{method: "POST", pattern: "/notifications/read", who: "viewer", base: map[string]any{"all": "1"}},
		{method: "POST", pattern: "/account/notifications", who: "viewer", base: map[string]any{"mode_comment": "none"}},
		{method: "POST", pattern: "/account/tokens", who: "viewer", base: map[string]any{"name": "Báo cáo tỉnh", "scope": "read", "expires_at": "31/12/2023"},
			text: []string{"name"}, dates: []string{"expires_at"}},
		{method: "POST", pattern: "/account/tokens/:id/revoke", who: "viewer", params: a(personal.ID), noBody: true},
		{method: "POST", pattern: "/account/calendar", who: "viewer", noBody: true},
		{method: "POST", pattern: "/account/calendar/revoke", who: "viewer", noBody: true},
		// Another agency's focal point (Hà Nội's), at agencies' calendar feeds:
		// BTTTT has none (turned on, a row would appear), 79 has one (turned
		// off, a row would go).
		{method: "POST", pattern: "/agencies/:code/calendar", who: "focal2", params: map[string]string{"code": "BTTTT"}, noBody: true, forbidden: true},
		{method: "POST", pattern: "/agencies/:code/calendar/revoke", who: "focal2", params: map[string]string{"code": "79"}, noBody: true, forbidden: true},
		{method: "POST", pattern: "/review/:id", who: "coordinator", params: ids, base: map[string]any{"action": "return", "note": "Thiếu văn bản"},
			text: []string{"note"}},
		{method: "POST", pattern: "/review/bulk", who: "coordinator", base: map[string]any{"ids": itoa(own), "action": "return", "note": "Thiếu văn bản"},
			text: []string{"note"}},
		{method: "POST", pattern: "/directives/:id/urge", who: "coordinator", params: a(dir), base: map[string]any{"agency_codes": "BTTTT"}},
		{method: "POST", pattern: "/league/urge", who: "coordinator", base: map[string]any{"plan_id": itoa(plan), "agency_codes": "BTTTT"},
			numbers: []string{"plan_id"}},
		{method: "POST", pattern: "/admin/users", who: "admin", base: map[string]any{"email": "moi@test.vn", "name": "Người mới", "role": "viewer",
			"agency_code": "", "language": "vi", "password": testPassword}, text: []string{"email", "name"}},
		{method: "POST", pattern: "/admin/users/invite", who: "admin", base: map[string]any{"email": "moi@test.vn", "name": "Người mới", "role": "viewer",
			"agency_code": "", "language": "vi"}, text: []string{"email", "name"}},
		{method: "POST", pattern: "/admin/users/:id/invite", who: "admin", params: map[string]string{"id": viewer}, noBody: true},
		{method: "POST", pattern: "/admin/users/:id/active", who: "admin", params: map[string]string{"id": viewer}, base: map[string]any{"active": "0"}},
		{method: "POST", pattern: "/admin/users/:id/password", who: "admin", params: map[string]string{"id": viewer}, base: map[string]any{"password": "mat-khau-moi-dai"}},
		{method: "POST", pattern: "/admin/holidays", who: "admin", base: map[string]any{"day": "28/12/2023", "name_vi": "Nghỉ", "name_en": "Off", "year": "2023"},
			text: []string{"name_vi", "name_en"}, dates: []string{"day"}},
		{method: "POST", pattern: "/admin/holidays/:id/delete", who: "admin", params: a(day.ID), noBody: true},
		{method: "POST", pattern: "/admin/reminders", who: "admin", base: map[string]any{"due_soon_days": "7,3,1", "overdue_every": "7", "leader_after": "14",
			"committee_after": "30", "weekly_digest": "1"}, numbers: []string{"overdue_every", "leader_after", "committee_after"}},
		{method: "POST", pattern: "/admin/outbox/:id/resend", who: "admin", params: a(msg.ID), noBody: true},
		{method: "POST", pattern: "/plans/:id/public", who: "admin", params: a(plan), base: map[string]any{"public": "1"}},
		{method: "POST", pattern: "/admin/webhooks", who: "admin", base: map[string]any{"url": "https://zalo.test.vn/", "secret": "bi-mat-du-dai-16",
			"events": "assignment.updated"}, text: []string{"url", "secret"}},
		{method: "POST", pattern: "/admin/webhooks/:id/active", who: "admin", params: a(hook.ID), base: map[string]any{"active": "0"}},
		{method: "POST", pattern: "/admin/webhooks/:id/delete", who: "admin", params: a(hook.ID), noBody: true},
		{method: "POST", pattern: "/admin/webhooks/:id/deliveries/:delivery/resend", who: "admin", params: a(hook.ID, "delivery", itoa(failedHook.ID)), noBody: true},
	}
}

// hostileCases are the requests sent to one route.
func hostileCases(r hostileRoute) []hostileCase {
	var cs []hostileCase
	with := func(field string, v any) map[string]any {
		m := map[string]any{}
		for k, x := range r.base {
			m[k] = x
		}
		m[field] = v
		return m
	}
	if r.hasID() {
		for _, id := range []string{"-1", "1.5", "99999999999999999999", "0x1F", "1%20OR%201=1"} {
			cs = append(cs, hostileCase{name: "id " + id, id: id, fields: r.base})
		}
	}
	huge := `{"note":"` + strings.Repeat("a", 1<<20+1) + `"}`
	if !r.api() {
		huge = "note=" + strings.Repeat("a", 1<<20+1)
	}
	var tooLarge []int // an upload route has its own, higher limit: a 1 MB form is just not a file
	if !strings.HasSuffix(r.pattern, "/files") && !strings.HasSuffix(r.pattern, "/import") {
		tooLarge = []int{http.StatusRequestEntityTooLarge}
	}
	cs = append(cs, hostileCase{name: "over 1 MB", body: huge, want: tooLarge})
	if r.forbidden { // a well-formed request (with its CSRF token) from someone not allowed
		cs = append(cs, hostileCase{name: "not allowed", fields: map[string]any{}, want: []int{http.StatusForbidden}})
	}
	if r.noBody {
		return cs
	}
	if r.api() {
		cs = append(cs,
			hostileCase{name: "text/plain", ctype: "text/plain", body: `{"a":1}`},
			hostileCase{name: "xml", ctype: "application/xml", body: `<a>1</a>`},
			hostileCase{name: "empty body", body: " "},
			hostileCase{name: "malformed JSON", body: `{"a":`},
			hostileCase{name: "array", body: `[1,2,3]`},
			hostileCase{name: "deeply nested", body: strings.Repeat(`{"a":`, 100000) + "1" + strings.Repeat("}", 100000)},
			hostileCase{name: "deeply nested arrays", body: strings.Repeat("[", 200000)},
			hostileCase{name: "broken UTF-8", body: "{\"x\": \"\xff\xfe\"}"},
		)
	} else {
		cs = append(cs,
			hostileCase{name: "text/plain", ctype: "text/plain", body: "a=1"},
			hostileCase{name: "JSON to a form", ctype: "application/json", body: `{"a":1}`},
			hostileCase{name: "malformed form", body: "a=%zz&b=%"},
		)
	}
	for _, f := range r.text {
		cs = append(cs,
			hostileCase{name: f + " 100,000 characters", fields: with(f, strings.Repeat("ư", 100000)), want: []int{422, 409}, mention: "tối đa|không hợp lệ"},
			hostileCase{name: f + " NUL", fields: with(f, "a\x00b"), want: []int{422, 409}, mention: "không hợp lệ|ít nhất"},
			hostileCase{name: f + " broken UTF-8", fields: with(f, "a\xffb"), mention: "không hợp lệ"},
		)
	}
	for _, f := range r.numbers {
		for _, v := range []string{"-1", "99999999999999999999", "1.5", "1e400", "NaN"} {
			if v == "1.5" && f == "value" { // a target's value may be a fraction (86,5%)
				continue
			}
			var x any = v
			if r.api() {
				x = json.RawMessage(v)
				if v == "NaN" {
					x = "NaN"
				}
			}
			cs = append(cs, hostileCase{name: f + " " + v, fields: with(f, x)})
		}
	}
	for _, f := range r.dates {
		for _, v := range []string{"2023-02-30", "31/02/2023", "31/12/99999", "0001-01-01", "2023-13-01", "hôm qua"} {
			cs = append(cs, hostileCase{name: f + " " + v, fields: with(f, v), want: []int{422}})
		}
	}
	if !r.api() && len(r.text) > 0 {
		cs = append(cs, hostileCase{name: "every field broken UTF-8", fields: func() map[string]any {
			m := map[string]any{}
			for k := range r.base {
				m[k] = "\xff\xfe"
			}
			return m
		}()})
	}
	return cs
}

// encodeJSON writes fields as a JSON object; json.RawMessage values go in
// as they are (numbers JSON cannot decode into an int), broken UTF-8 too.
func encodeJSON(fields map[string]any) string {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("{")
	for i, k := range keys {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, "%q:", k)
		switch v := fields[k].(type) {
		case json.RawMessage:
			b.Write(v)
		case string:
			// Go's %q would escape broken UTF-8 as \x..: write the bytes.
			b.WriteString(`"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\x00", `\u0000`).Replace(v) + `"`)
		default:
			buf, _ := json.Marshal(v)
			b.Write(buf)
		}
	}
	b.WriteString("}")
	return b.String()
}

// encodeForm writes fields as a form body (a slice sends one value each).
func encodeForm(fields map[string]any) url.Values {
	form := url.Values{}
	for k, v := range fields {
		switch x := v.(type) {
		case string:
			form.Set(k, x)
		case json.RawMessage:
			form.Set(k, string(x))
		default:
			form.Set(k, fmt.Sprint(x))
		}
	}
	return form
}

// TestHostileInputs sends hostile input to every write route of the API
// and the pages: each answer is a 4xx with a message (JSON {"error"} on
// the API, a page on the site), never a 500, and no table gains or loses a
// row.
func TestHostileInputs(t *testing.T) {
	e := newEnv(t)
	routes := hostileRoutes(t, e)
	tokens := map[string]string{}
	browsers := map[string]*browser{}
	csrf := map[string]string{}
	for _, who := range []string{"", "admin", "coordinator", "viewer", "focal", "focal2"} {
		if who != "" {
			tokens[who] = e.token(who)
		}
		b := newBrowser(e)
		page := "/login"
		if who != "" {
			b.login(who)
			page = "/account/password"
		}
		m := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`).FindStringSubmatch(b.get(page).Body.String())
		if m == nil {
			t.Fatalf("no CSRF token for %q", who)
		}
		browsers[who], csrf[who] = b, m[1]
	}
	total := 0
	for _, r := range routes {
		for _, c := range hostileCases(r) {
			total++
			t.Run(r.method+" "+r.pattern+" "+c.name, func(t *testing.T) {
				e.t = t
				before := e.tableCounts(t)
				path := r.path(c.id)
				body, ctype := c.body, c.ctype
				if c.body == "" && c.fields != nil {
					if r.api() {
						body = encodeJSON(c.fields)
					} else {
						form := encodeForm(c.fields)
						form.Set("csrf_token", csrf[r.who])
						body = form.Encode()
					}
				}
				if ctype == "" {
					ctype = "application/json"
					if !r.api() {
						ctype = "application/x-www-form-urlencoded"
					}
				}
				var rec *httptest.ResponseRecorder
				if r.api() {
					req := httptest.NewRequest(r.method, path, strings.NewReader(body))
					req.Header.Set("Content-Type", ctype)
					if r.who != "" {
						req.Header.Set("Authorization", "Bearer "+tokens[r.who])
					}
					rec = httptest.NewRecorder()
					e.app.Echo.ServeHTTP(rec, req)
				} else {
					b := browsers[r.who]
					req := httptest.NewRequest(r.method, path, strings.NewReader(body))
					req.Header.Set("Content-Type", ctype)
					for _, ck := range b.cookies {
						req.AddCookie(ck)
					}
					rec = httptest.NewRecorder()
					e.app.Echo.ServeHTTP(rec, req)
				}
				checkRefusal(t, r, c, rec)
				after := e.tableCounts(t)
				if r.pattern == "/login" { // a failed login is recorded, on purpose
					after["audit_log"] = before["audit_log"]
				}
				if !mapsEqual(before, after) {
					t.Errorf("rows changed by a refused request: before %v, after %v", diffCounts(before, after), diffCounts(after, before))
				}
			})
		}
	}
	t.Logf("%d write routes, %d hostile requests", len(routes), total)
	e.t = t

	// Every write route of the router has its hostile cases.
	covered := map[string]bool{}
	for _, r := range routes {
		covered[r.method+" "+r.pattern] = true
	}
	for _, rt := range e.app.Echo.Routes() {
		if !slices.Contains([]string{"POST", "PATCH", "PUT", "DELETE"}, rt.Method) || rt.Path == "/api/v1/*" {
			continue
		}
		if !covered[rt.Method+" "+rt.Path] {
			t.Errorf("write route %s %s has no hostile case", rt.Method, rt.Path)
		}
	}
}

// checkRefusal checks that a hostile request was refused as it should be.
func checkRefusal(t *testing.T, r hostileRoute, c hostileCase, rec *httptest.ResponseRecorder) {
	t.Helper()
	switch {
	case c.want != nil && !slices.Contains(c.want, rec.Code):
		t.Fatalf("status %d, want %v; body: %.400s", rec.Code, c.want, rec.Body.String())
	case rec.Code < 400 || rec.Code >= 500:
		t.Fatalf("status %d, want a 4xx; body: %.400s", rec.Code, rec.Body.String())
	}
	if r.api() {
		var out apiErr
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || out.Error == "" {
			t.Fatalf("not a JSON {\"error\"} body: %.400s", rec.Body.String())
		}
		if c.mention != "" && rec.Code == http.StatusUnprocessableEntity && !regexp.MustCompile(c.mention).MatchString(rec.Body.String()) {
			t.Errorf("message lacks %q: %.400s", c.mention, rec.Body.String())
		}
		return
	}
	if !strings.Contains(rec.Header().Get("Content-Type"), "text/html") || !strings.Contains(rec.Body.String(), "</html>") {
		t.Fatalf("not a page (%s): %.400s", rec.Header().Get("Content-Type"), rec.Body.String())
	}
}

func mapsEqual(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// diffCounts keeps the tables whose count differs in b.
func diffCounts(a, b map[string]int64) map[string]int64 {
	out := map[string]int64{}
	for k, v := range a {
		if b[k] != v {
			out[k] = v
		}
	}
	return out
}
