package handlers_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"roviec/models"
	"roviec/models/store"
)

// failedHookWorld is a webhook whose receiver answered 503 to every attempt
// of two deliveries (two changes of an assignment), both failed now, and
// the receiver, which answers 200 from now on.
func failedHookWorld(t *testing.T, e *env) (hook *models.Webhook, deliveries []models.WebhookDelivery, posts *atomic.Int32) {
	t.Helper()
	ctx := context.Background()
	posts = new(atomic.Int32)
	var code atomic.Int32
	code.Store(http.StatusServiceUnavailable)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		posts.Add(1)
		w.WriteHeader(int(code.Load()))
	}))
	t.Cleanup(srv.Close)
	hook, err := e.store.CreateWebhook(ctx, models.WebhookInput{URL: srv.URL + "/hook", Secret: "bi-mat-du-dai-16",
		Events: []string{string(models.HookAssignmentUpdated)}, Active: true}, e.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	e.inProgress(t, e.token("focal"))
	e.inProgress(t, e.token("focal"))
	for i := 1; i <= models.OutboxMaxAttempts; i++ {
		if sent, failed, err := e.app.DeliverHooks(ctx); err != nil || sent != 0 || failed != 2 {
			t.Fatalf("attempt %d: delivered %d, failed %d, %v; want two failures", i, sent, failed, err)
		}
		e.clock.Set(e.clock.Now().Add(models.OutboxBackoff(i)))
	}
	deliveries, _, err = e.store.ListHookDeliveries(ctx, hook.ID, store.Page{})
	if err != nil || len(deliveries) != 2 {
		t.Fatalf("deliveries %+v, %v", deliveries, err)
	}
	for _, d := range deliveries {
		if d.Status != models.OutboxFailed || d.Attempts != models.OutboxMaxAttempts || d.ResponseCode != 503 {
			t.Fatalf("after %d failures: %+v", models.OutboxMaxAttempts, d)
		}
	}
	code.Store(http.StatusOK)
	posts.Store(0)
	return hook, deliveries, posts
}

func TestPageResendHookDelivery(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	hook, deliveries, posts := failedHookWorld(t, e)
	failed, other := deliveries[0], deliveries[1]
	logPath := "/admin/webhooks/" + itoa(hook.ID)
	resend := func(d models.WebhookDelivery) string { return logPath + "/deliveries/" + itoa(d.ID) + "/resend" }

	// Someone else than an administrator may neither see nor press it.
	for _, who := range []string{"coordinator", "focal", "viewer"} {
		b := newBrowser(e)
		b.login(who)
		expectStatus(t, b.get(logPath), http.StatusForbidden)
		expectStatus(t, b.submit("/plans", resend(failed), url.Values{}), http.StatusForbidden)
	}
	if got := hookDeliveryOf(t, e, failed.ID); got.Status != models.OutboxFailed {
		t.Fatalf("a refused resend changed the delivery: %+v", got)
	}

	b := newBrowser(e)
	b.login("admin")
	page := b.get(logPath)
	expectStatus(t, page, http.StatusOK)
	expectPage(t, page, `action="`+resend(failed)+`"`, `action="`+resend(other)+`"`, "Gửi lại", `aria-label="Gửi lại lần gửi số `+itoa(failed.ID)+`"`)
	rec := b.submit(logPath, resend(failed), url.Values{})
	expectStatus(t, rec, http.StatusSeeOther)
	if loc := rec.Header().Get("Location"); loc != logPath {
		t.Fatalf("resend went to %q, want back to %s", loc, logPath)
	}
	got := hookDeliveryOf(t, e, failed.ID)
	if got.Status != models.OutboxQueued || got.Attempts != 0 || !got.NextAttemptAt.Equal(e.clock.Now()) || got.LockedUntil != nil {
		t.Fatalf("after the resend: %+v", got)
	}
	if untouched := hookDeliveryOf(t, e, other.ID); untouched.Status != models.OutboxFailed {
		t.Fatalf("the other delivery was resent too: %+v", untouched)
	}
	page = b.get(logPath)
	expectPage(t, page, "Đã đưa lần gửi vào hàng đợi để gửi lại.", "Chờ gửi", `action="`+resend(other)+`"`)
	if strings.Contains(page.Body.String(), `action="`+resend(failed)+`"`) {
		t.Error("a queued delivery still offers the resend button")
	}
	entries, _, err := e.store.ListAudit(ctx, store.AuditFilter{Entity: models.AuditWebhook, EntityID: itoa(hook.ID), Action: models.AuditResend})
	if err != nil || len(entries) != 1 || entries[0].Actor != "admin@test.vn" || !strings.Contains(entries[0].After, `"Delivery":`+itoa(failed.ID)) {
		t.Fatalf("audit of the resend: %+v, %v", entries, err)
	}

	// Pressed again, the delivery is no longer failed: a 409 on the log.
	rec = b.submit(logPath, resend(failed), url.Values{})
	expectStatus(t, rec, http.StatusConflict)
	expectPage(t, rec, "Chỉ gửi lại được lần gửi đã thất bại (lần gửi này: Chờ gửi).", "Nhật ký gửi webhook")
	expectStatus(t, b.submit(logPath, logPath+"/deliveries/999999/resend", url.Values{}), http.StatusNotFound)

	// The sender delivers it, and only it.
	if sent, failed, err := e.app.DeliverHooks(ctx); err != nil || sent != 1 || failed != 0 || posts.Load() != 1 {
		t.Fatalf("after the resend: delivered %d, failed %d, %v, %d posts", sent, failed, err, posts.Load())
	}
	if got := hookDeliveryOf(t, e, failed.ID); got.Status != models.OutboxSent || got.Attempts != 1 || got.ResponseCode != 200 {
		t.Fatalf("delivered after the resend: %+v", got)
	}
	expectPage(t, b.get(logPath), "Đã gửi")
}

func TestAPIResendHookDelivery(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	hook, deliveries, posts := failedHookWorld(t, e)
	d := deliveries[0]
	path := "/api/v1/webhooks/" + itoa(hook.ID) + "/deliveries/" + itoa(d.ID) + "/resend"
	admin := e.token("admin")

	expectStatus(t, e.do("POST", path, "", nil), http.StatusUnauthorized)
	for _, who := range []string{"coordinator", "focal", "viewer"} {
		expectStatus(t, e.do("POST", path, e.token(who), nil), http.StatusForbidden)
	}
	other, err := e.store.CreateWebhook(ctx, models.WebhookInput{URL: "https://zalo.test.vn/hook", Secret: "bi-mat-du-dai-16",
		Events: []string{string(models.HookDirectiveCreated)}, Active: true}, e.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{
		"/api/v1/webhooks/" + itoa(other.ID) + "/deliveries/" + itoa(d.ID) + "/resend", // another webhook's
		"/api/v1/webhooks/" + itoa(hook.ID) + "/deliveries/999999/resend",
		"/api/v1/webhooks/999999/deliveries/" + itoa(d.ID) + "/resend",
		"/api/v1/webhooks/" + itoa(hook.ID) + "/deliveries/abc/resend",
	} {
		expectStatus(t, e.do("POST", p, admin, nil), http.StatusNotFound)
	}
	if got := hookDeliveryOf(t, e, d.ID); got.Status != models.OutboxFailed {
		t.Fatalf("a refused resend changed the delivery: %+v", got)
	}

	rec := e.do("POST", path, admin, nil)
	expectStatus(t, rec, http.StatusOK)
	var resent map[string]any
	decode(t, rec, &resent)
	var log apiList[map[string]any]
	decode(t, e.do("GET", "/api/v1/webhooks/"+itoa(hook.ID)+"/deliveries", admin, nil), &log)
	var listed map[string]any
	for _, item := range log.Items {
		if item["id"] == resent["id"] {
			listed = item
		}
	}
	if listed == nil || !sameKeys(resent, listed) || resent["id"] != float64(d.ID) || resent["status"] != "queued" ||
		resent["attempts"] != float64(0) || resent["event"] != "assignment.updated" || resent["response_code"] != float64(503) {
		t.Fatalf("resend answered %v; the log lists %v", resent, listed)
	}
	for k, v := range listed {
		if resent[k] != v {
			t.Errorf("%s: the resend answered %v, the log lists %v", k, resent[k], v)
		}
	}

	var refused apiErr
	rec = e.do("POST", path, admin, nil)
	expectStatus(t, rec, http.StatusConflict)
	decode(t, rec, &refused)
	if !strings.Contains(refused.Error, "Chỉ gửi lại được lần gửi đã thất bại") {
		t.Fatalf("resend of a queued delivery: %+v", refused)
	}

	// A switched-off webhook's delivery is not resent: it would fail again.
	if _, err := e.store.UpdateWebhook(ctx, hook.ID, models.WebhookInput{URL: hook.URL, Events: []string{"assignment.updated"}}, e.clock.Now()); err != nil {
		t.Fatal(err)
	}
	rec = e.do("POST", "/api/v1/webhooks/"+itoa(hook.ID)+"/deliveries/"+itoa(deliveries[1].ID)+"/resend", admin, nil)
	expectStatus(t, rec, http.StatusConflict)
	decode(t, rec, &refused)
	if !strings.Contains(refused.Error, "Webhook đang tắt") {
		t.Fatalf("resend to a switched-off webhook: %+v", refused)
	}
	if _, err := e.store.UpdateWebhook(ctx, hook.ID, models.WebhookInput{URL: hook.URL, Events: []string{"assignment.updated"}, Active: true}, e.clock.Now()); err != nil {
		t.Fatal(err)
	}

	if sent, failed, err := e.app.DeliverHooks(ctx); err != nil || sent != 1 || failed != 0 || posts.Load() != 1 {
		t.Fatalf("after the resend: delivered %d, failed %d, %v, %d posts", sent, failed, err, posts.Load())
	}
	if got := hookDeliveryOf(t, e, d.ID); got.Status != models.OutboxSent || got.ResponseCode != 200 {
		t.Fatalf("delivered after the resend: %+v", got)
	}
}

// hookDeliveryOf loads one webhook delivery.
func hookDeliveryOf(t *testing.T, e *env, id uint) models.WebhookDelivery {
	t.Helper()
	var d models.WebhookDelivery
	if err := e.store.DB().First(&d, id).Error; err != nil {
		t.Fatal(err)
	}
	return d
}

// sameKeys reports whether a and b have the same keys.
func sameKeys(a, b map[string]any) bool {
	keys := func(m map[string]any) string {
		var out []string
		for k := range m {
			out = append(out, k)
		}
		sort.Strings(out)
		return strings.Join(out, ",")
	}
	return keys(a) == keys(b)
}
