package app

import (
	"context"
	"net/http"
	"testing"

	"roviec/models"
	"roviec/models/store"
)

// TestWebhookResentDeliveryIsDeliveredAgain lets a receiver fail every
// attempt of a delivery until it ends failed and the sender leaves it
// alone; an administrator's resend puts it back, and the next round posts
// it again, the same delivery with the same body, and records it sent.
func TestWebhookResentDeliveryIsDeliveredAgain(t *testing.T) {
	script := make([]int, models.OutboxMaxAttempts)
	for i := range script {
		script[i] = http.StatusServiceUnavailable
	}
	r := newHookReceiver(t, script...) // then 200
	w, hook := hookWorld(t, r, models.HookDirectiveCreated)
	ctx := context.Background()
	themes, err := w.app.Store.ListThemes(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := w.app.Store.CreateDirective(ctx, models.DirectiveInput{ThemeID: themes[0].ID, Title: "Báo cáo chuyển đổi số",
		DueDate: "30/06/2023", AgencyCodes: []string{"BTTTT"}}, nil, w.clock.Now()); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= models.OutboxMaxAttempts; i++ {
		if sent, failed, err := w.app.DeliverHooks(ctx); err != nil || sent != 0 || failed != 1 {
			t.Fatalf("attempt %d: delivered %d, failed %d, %v; want one failure", i, sent, failed, err)
		}
		w.clock.Set(w.clock.Now().Add(models.OutboxBackoff(i)))
	}
	log, _, err := w.app.Store.ListHookDeliveries(ctx, hook.ID, store.Page{})
	if err != nil || len(log) != 1 || log[0].Status != models.OutboxFailed || log[0].Attempts != models.OutboxMaxAttempts {
		t.Fatalf("after %d failures the log holds %+v (%v)", models.OutboxMaxAttempts, log, err)
	}
	if sent, failed, err := w.app.DeliverHooks(ctx); err != nil || sent+failed != 0 {
		t.Fatalf("a failed delivery was tried again unasked: %d, %d, %v", sent, failed, err)
	}

	var admin models.User
	if err := w.app.DB.Where("role = ?", models.RoleAdmin).First(&admin).Error; err != nil {
		t.Fatal(err)
	}
	if _, err := w.app.Store.ResendHookDelivery(ctx, &admin, hook.ID, log[0].ID, w.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if sent, failed, err := w.app.DeliverHooks(ctx); err != nil || sent != 1 || failed != 0 {
		t.Fatalf("after the resend: delivered %d, failed %d, %v; want one delivered", sent, failed, err)
	}
	got := r.received()
	last := got[len(got)-1]
	if len(got) != models.OutboxMaxAttempts+1 || last.Delivery != got[0].Delivery || string(last.Body) != string(got[0].Body) {
		t.Fatalf("received %d posts; the resend is not the same delivery: %+v", len(got), last)
	}
	checkSigned(t, last)
	log, _, err = w.app.Store.ListHookDeliveries(ctx, hook.ID, store.Page{})
	if err != nil || log[0].Status != models.OutboxSent || log[0].Attempts != 1 || log[0].ResponseCode != 200 || log[0].LastError != "" {
		t.Fatalf("after the resend the log holds %+v (%v)", log, err)
	}
}
