package store_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"roviec/models"
	"roviec/models/store"
)

// failHookDelivery plays the sender against a receiver that never answers
// 2xx: it claims the delivery and marks it failed, after each backoff, until
// OutboxMaxAttempts leave it failed, and returns the time after the last
// attempt.
func failHookDelivery(t *testing.T, s *store.Store, id uint, now time.Time) time.Time {
	t.Helper()
	for i := 0; i < models.OutboxMaxAttempts; i++ {
		batch, err := s.ClaimHookDeliveries(ctx, now, time.Minute, 10)
		must(t, err)
		if len(batch) != 1 || batch[0].ID != id {
			t.Fatalf("attempt %d claimed %+v, want delivery %d", i+1, batch, id)
		}
		must(t, s.MarkHookFailed(ctx, id, 503, now, errors.New("the receiver answered 503 Service Unavailable")))
		now = now.Add(models.OutboxBackoff(i + 1))
	}
	return now
}

// hookDelivery loads one delivery.
func hookDelivery(t *testing.T, s *store.Store, id uint) models.WebhookDelivery {
	t.Helper()
	var d models.WebhookDelivery
	must(t, s.DB().First(&d, id).Error)
	return d
}

// TestResendHookDelivery resends a delivery that failed all its attempts:
// only an administrator may, only a failed delivery of an active webhook
// goes back in the queue (due at once, its attempts counted afresh, an
// audit row of the webhook naming it), and the sender then delivers it.
func TestResendHookDelivery(t *testing.T) {
	f := newFixture(t)
	s := f.s
	hook, err := s.CreateWebhook(ctx, models.WebhookInput{URL: "https://sms.test.vn/hook", Secret: "bi-mat-du-dai-16",
		Events: []string{string(models.HookDirectiveCreated)}, Active: true}, seedTime)
	must(t, err)
	f.assignment(t, models.Assignment{}) // a directive: one directive.created delivery
	log, _, err := s.ListHookDeliveries(ctx, hook.ID, store.Page{})
	must(t, err)
	if len(log) != 1 || log[0].Status != models.OutboxQueued {
		t.Fatalf("deliveries of the new directive: %+v", log)
	}
	id := log[0].ID

	// A delivery still being tried is not resent.
	_, err = s.ResendHookDelivery(ctx, f.users["admin"], hook.ID, id, seedTime)
	var ce *models.ConflictError
	if !errors.As(err, &ce) || ce.Msg.ID != "err.hook_delivery_not_failed" {
		t.Fatalf("resending a queued delivery: %v, want the conflict err.hook_delivery_not_failed", err)
	}

	now := failHookDelivery(t, s, id, seedTime)
	failed := hookDelivery(t, s, id)
	if failed.Status != models.OutboxFailed || failed.Attempts != models.OutboxMaxAttempts {
		t.Fatalf("after %d failures: %+v", models.OutboxMaxAttempts, failed)
	}
	// A delivery is found only under its own webhook.
	other, err := s.CreateWebhook(ctx, models.WebhookInput{URL: "https://zalo.test.vn/hook", Secret: "bi-mat-du-dai-16",
		Events: []string{string(models.HookAssignmentOverdue)}, Active: true}, seedTime)
	must(t, err)
	audits := count(t, s, "audit_log")

	// Only an administrator: the others are refused, and nothing changes.
	for _, who := range []string{"coordinator", "viewer", "focal", "inactive"} {
		if _, err := s.ResendHookDelivery(ctx, f.users[who], hook.ID, id, now); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("%s resends: %v, want forbidden", who, err)
		}
	}
	if _, err := s.ResendHookDelivery(ctx, nil, hook.ID, id, now); !errors.Is(err, models.ErrForbidden) {
		t.Errorf("nobody resends: %v, want forbidden", err)
	}
	for _, c := range []struct{ hook, id uint }{{other.ID, id}, {hook.ID, id + 1000}, {hook.ID + 1000, id}} {
		if _, err := s.ResendHookDelivery(ctx, f.users["admin"], c.hook, c.id, now); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("delivery %d of webhook %d: %v, want not found", c.id, c.hook, err)
		}
	}
	if got := hookDelivery(t, s, id); got.Status != models.OutboxFailed || got.Attempts != models.OutboxMaxAttempts {
		t.Fatalf("a refused resend changed the delivery: %+v", got)
	}
	if n := count(t, s, "audit_log"); n != audits {
		t.Fatalf("refused resends wrote %d audit rows", n-audits)
	}

	// A switched-off webhook's delivery would only fail again.
	_, err = s.UpdateWebhook(ctx, hook.ID, models.WebhookInput{URL: hook.URL, Events: []string{string(models.HookDirectiveCreated)}}, now)
	must(t, err)
	if _, err := s.ResendHookDelivery(ctx, f.users["admin"], hook.ID, id, now); !errors.As(err, &ce) || ce.Msg.ID != "err.hook_delivery_hook_off" {
		t.Fatalf("resending to a switched-off webhook: %v, want the conflict err.hook_delivery_hook_off", err)
	}
	_, err = s.UpdateWebhook(ctx, hook.ID, models.WebhookInput{URL: hook.URL, Events: []string{string(models.HookDirectiveCreated)}, Active: true}, now)
	must(t, err)
	audits = count(t, s, "audit_log")

	d, err := s.ResendHookDelivery(ctx, f.users["admin"], hook.ID, id, now)
	must(t, err)
	if d.ID != id || d.Status != models.OutboxQueued || d.Attempts != 0 || !d.NextAttemptAt.Equal(now) || d.LockedUntil != nil ||
		d.Payload != failed.Payload || !strings.Contains(d.LastError, "503") {
		t.Fatalf("resent delivery %+v; want queued, due %v, 0 attempts, the same body, the last error kept", d, now)
	}
	if n := count(t, s, "audit_log"); n != audits+1 {
		t.Fatalf("a resend wrote %d audit rows, want 1", n-audits)
	}
	var row models.AuditEntry
	must(t, s.DB().Order("id DESC").First(&row).Error)
	if row.Entity != models.AuditWebhook || row.EntityID != fmt.Sprint(hook.ID) || row.Action != models.AuditResend ||
		!strings.Contains(row.After, `"Delivery":`+fmt.Sprint(id)) || !strings.Contains(row.Before, `"Status":"failed"`) ||
		!strings.Contains(row.After, `"Status":"queued"`) {
		t.Fatalf("audit row %+v", row)
	}

	// The sender takes it at once and delivers it this time.
	batch, err := s.ClaimHookDeliveries(ctx, now, time.Minute, 10)
	must(t, err)
	if len(batch) != 1 || batch[0].ID != id {
		t.Fatalf("after the resend the sender claimed %+v, want delivery %d", batch, id)
	}
	must(t, s.MarkHookDelivered(ctx, id, 200, now))
	if got := hookDelivery(t, s, id); got.Status != models.OutboxSent || got.Attempts != 1 || got.ResponseCode != 200 || got.LastError != "" {
		t.Fatalf("delivered after the resend: %+v", got)
	}

	// A delivery sent is not resent.
	if _, err := s.ResendHookDelivery(ctx, f.users["admin"], hook.ID, id, now); !errors.As(err, &ce) || ce.Msg.ID != "err.hook_delivery_not_failed" {
		t.Fatalf("resending a sent delivery: %v, want the conflict err.hook_delivery_not_failed", err)
	}
}

// TestChangesFollowTheWebhooksOfTheirMoment changes an assignment after
// each change of the webhooks: a webhook made, switched off, subscribed to
// another event, subscribed again, deleted. Each change of the assignment
// is told to the webhooks active and subscribed at that moment, and to no
// other (on SQLite the store keeps the webhooks in memory between changes;
// they must be read again after every change of theirs).
func TestChangesFollowTheWebhooksOfTheirMoment(t *testing.T) {
	f := newFixture(t)
	s := f.s
	a := f.assignment(t, models.Assignment{Status: models.StatusInProgress, Progress: 10})
	progress := 10
	change := func() {
		t.Helper()
		progress++
		_, err := s.UpdateAssignment(ctx, f.users["focal"], &models.Assignment{ID: a.ID}, models.AssignmentChange{Progress: &progress}, seedTime)
		must(t, err)
	}
	told := func(step string, want int64) {
		t.Helper()
		var n int64
		must(t, s.DB().Model(&models.WebhookDelivery{}).Where("event = ?", models.HookAssignmentUpdated).Count(&n).Error)
		if n != want {
			t.Fatalf("%s: %d deliveries of assignment.updated, want %d", step, n, want)
		}
	}
	updated := []string{string(models.HookAssignmentUpdated)}
	change()
	told("no webhook", 0)

	hook, err := s.CreateWebhook(ctx, models.WebhookInput{URL: "https://hook.test.vn/a", Secret: "bi-mat-du-dai-16", Events: updated, Active: true}, seedTime)
	must(t, err)
	change()
	told("a webhook made", 1)

	_, err = s.UpdateWebhook(ctx, hook.ID, models.WebhookInput{URL: hook.URL, Events: updated, Active: false}, seedTime)
	must(t, err)
	change()
	told("switched off", 1)

	_, err = s.UpdateWebhook(ctx, hook.ID, models.WebhookInput{URL: hook.URL, Events: []string{string(models.HookDirectiveCreated)}, Active: true}, seedTime)
	must(t, err)
	change()
	told("another event", 1)

	_, err = s.UpdateWebhook(ctx, hook.ID, models.WebhookInput{URL: hook.URL, Events: updated, Active: true}, seedTime)
	must(t, err)
	other, err := s.CreateWebhook(ctx, models.WebhookInput{URL: "https://hook.test.vn/b", Secret: "bi-mat-du-dai-16", Events: updated, Active: true}, seedTime)
	must(t, err)
	change()
	told("subscribed again, and a second webhook", 3)

	must(t, s.DeleteWebhook(ctx, hook.ID)) // with its two deliveries
	change()
	told("the first deleted", 2)
	var last models.WebhookDelivery
	must(t, s.DB().Order("id DESC").First(&last).Error)
	if last.WebhookID != other.ID {
		t.Fatalf("the last change was told to webhook %d, want %d", last.WebhookID, other.ID)
	}
}
