package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestAPIWebhooks(t *testing.T) {
	e := newEnv(t)
	admin := e.token("admin")
	good := map[string]any{"url": "https://sms.hanoi.gov.vn/roviec", "secret": "bi-mat-du-dai-16", "events": []string{"assignment.updated", "directive.created"}}
	rec := e.do("POST", "/api/v1/webhooks", admin, good)
	expectStatus(t, rec, http.StatusCreated)
	if strings.Contains(rec.Body.String(), "bi-mat") {
		t.Fatalf("the secret came back: %s", rec.Body.String())
	}
	var hook struct {
		ID     uint     `json:"id"`
		URL    string   `json:"url"`
		Events []string `json:"events"`
		Active bool     `json:"active"`
	}
	decode(t, rec, &hook)
	if hook.URL != good["url"] || len(hook.Events) != 2 || !hook.Active {
		t.Fatalf("created %+v", hook)
	}

	for _, c := range []struct {
		name  string
		patch map[string]any
		field string
	}{
		{"ftp address", map[string]any{"url": "ftp://sms.hanoi.gov.vn/"}, "url"},
		{"javascript address", map[string]any{"url": "javascript:alert(1)"}, "url"},
		{"no host", map[string]any{"url": "https:///x"}, "url"},
		{"short secret", map[string]any{"secret": "ngan"}, "secret"},
		{"unknown event", map[string]any{"events": []string{"assignment.deleted"}}, "events"},
		{"no event", map[string]any{"events": []string{}}, "events"},
	} {
		body := map[string]any{}
		for k, v := range good {
			body[k] = v
		}
		for k, v := range c.patch {
			body[k] = v
		}
		rec := e.do("POST", "/api/v1/webhooks", admin, body)
		var refused struct {
			Error  string            `json:"error"`
			Fields map[string]string `json:"fields"`
		}
		decode(t, rec, &refused)
		if rec.Code != http.StatusUnprocessableEntity || refused.Fields[c.field] == "" {
			t.Errorf("%s: %d %s; want 422 on %s", c.name, rec.Code, rec.Body.String(), c.field)
		}
	}
	expectStatus(t, e.do("POST", "/api/v1/webhooks", e.token("coordinator"), good), http.StatusForbidden)
	expectStatus(t, e.do("GET", "/api/v1/webhooks", e.token("focal"), nil), http.StatusForbidden)

	// A change keeps the stored secret when none is sent.
	rec = e.do("PUT", "/api/v1/webhooks/"+itoa(hook.ID), admin, map[string]any{"url": good["url"], "events": []string{"assignment.updated"}, "active": true})
	expectStatus(t, rec, http.StatusOK)
	stored, err := e.store.WebhookByID(context.Background(), hook.ID)
	if err != nil || stored.Secret != "bi-mat-du-dai-16" {
		t.Fatalf("secret after a change without one: %+v %v", stored, err)
	}

	// The change of an assignment is queued for it and shows in its log.
	id := e.inProgress(t, e.token("focal"))
	var log apiList[struct {
		Event    string `json:"event"`
		Status   string `json:"status"`
		Attempts int    `json:"attempts"`
	}]
	decode(t, e.do("GET", "/api/v1/webhooks/"+itoa(hook.ID)+"/deliveries", admin, nil), &log)
	if log.Total == 0 || log.Items[0].Event != "assignment.updated" || log.Items[0].Status != "queued" {
		t.Fatalf("log after changing assignment %d: %+v", id, log)
	}
	expectStatus(t, e.do("GET", "/api/v1/webhooks/999/deliveries", admin, nil), http.StatusNotFound)
	expectStatus(t, e.do("DELETE", "/api/v1/webhooks/"+itoa(hook.ID), admin, nil), http.StatusNoContent)
	expectStatus(t, e.do("DELETE", "/api/v1/webhooks/"+itoa(hook.ID), admin, nil), http.StatusNotFound)
}

func TestPageWebhooks(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	b.login("admin")
	rec := b.submit("/admin/webhooks", "/admin/webhooks", url.Values{"url": {"ftp://zalo.example.vn"}, "secret": {"ngan"},
		"events": {"directive.created"}})
	if rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("a bad webhook: %d", rec.Code)
	}
	expectPage(t, rec, "Địa chỉ webhook phải là địa chỉ http:// hoặc https:// đầy đủ.", "Khóa bí mật cần từ 16 đến 200 ký tự.",
		`value="ftp://zalo.example.vn"`, `value="directive.created" checked`)
	if strings.Contains(rec.Body.String(), `value="ngan"`) {
		t.Error("the refused secret was sent back to the page")
	}
	rec = b.submit("/admin/webhooks", "/admin/webhooks", url.Values{"url": {"https://zalo.example.vn/hook"}, "secret": {"mot-bi-mat-du-dai"},
		"events": {"directive.created", "assignment.overdue"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("a good webhook: %d %s", rec.Code, rec.Body.String())
	}
	expectPage(t, b.get("/admin/webhooks"), "https://zalo.example.vn/hook", "<code>assignment.overdue</code>, <code>directive.created</code>", "Đang bật")
	list, err := e.store.ListWebhooks(context.Background())
	if err != nil || len(list) != 1 {
		t.Fatalf("%v %v", list, err)
	}
	id := itoa(list[0].ID)
	if rec := b.submit("/admin/webhooks", "/admin/webhooks/"+id+"/active", url.Values{"active": {"0"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("switch off: %d", rec.Code)
	}
	expectPage(t, b.get("/admin/webhooks"), "Đang tắt")
	expectPage(t, b.get("/admin/webhooks/"+id), "Nhật ký gửi webhook", "Chưa gửi lần nào.")
	coordinator := newBrowser(e)
	coordinator.login("coordinator")
	if rec := coordinator.get("/admin/webhooks"); rec.Code != http.StatusForbidden {
		t.Fatalf("a coordinator sees the webhooks: %d", rec.Code)
	}
}
