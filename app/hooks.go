package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"roviec/models"
)

// hookBatch is how many deliveries a round claims at a time.
const hookBatch = 50

// hookClient posts deliveries. A redirect is not followed: it would turn the
// POST into a GET elsewhere; the 3xx counts as a failure, shown in the log
// with its code, so that the administrator corrects the address.
func hookClient() *http.Client {
	return &http.Client{Timeout: models.HookTimeout, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
}

// DeliverHooks takes back the deliveries of a sender that stopped under its
// lease, then posts every delivery due now to its webhook until none is
// left, on the app's clock, as DeliverOutbox does for e-mails. A delivery is
// marked delivered only on a 2xx answer within models.HookTimeout; anything
// else is retried with the outbox's backoff. A webhook switched off or
// removed meanwhile gets nothing: its deliveries end failed.
func (a *App) DeliverHooks(ctx context.Context) (sent, failed int, err error) {
	if n, err := a.Store.ReclaimHookDeliveries(ctx, a.Now()); err != nil {
		return 0, 0, err
	} else if n > 0 {
		a.Log.Warn("webhooks: took back deliveries whose sender stopped mid-delivery", "deliveries", n)
	}
	for {
		batch, err := a.Store.ClaimHookDeliveries(ctx, a.Now(), outboxLease, hookBatch)
		if err != nil || len(batch) == 0 {
			return sent, failed, err
		}
		for _, d := range batch {
			code, perr := a.postHook(ctx, &d)
			if perr != nil {
				failed++
				a.Log.Warn("webhook not delivered; will retry", "delivery", d.ID, "webhook", d.WebhookID, "code", code, "err", perr)
				if err := a.Store.MarkHookFailed(ctx, d.ID, code, a.Now(), perr); err != nil {
					return sent, failed, err
				}
				continue
			}
			sent++
			if err := a.Store.MarkHookDelivered(ctx, d.ID, code, a.Now()); err != nil {
				return sent, failed, err
			}
		}
	}
}

// postHook posts one delivery, signed with its webhook's secret, and returns
// the answer's status code (0 when there was none) and an error unless it
// was a 2xx.
func (a *App) postHook(ctx context.Context, d *models.WebhookDelivery) (int, error) {
	w, err := a.Store.WebhookByID(ctx, d.WebhookID)
	if err != nil {
		return 0, fmt.Errorf("webhook %d: %w", d.WebhookID, err)
	}
	if !w.Active {
		return 0, fmt.Errorf("webhook %d is switched off", w.ID)
	}
	body := []byte(d.Payload)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "roviec-webhook")
	req.Header.Set("X-Roviec-Event", string(d.Event))
	req.Header.Set("X-Roviec-Delivery", strconv.FormatUint(uint64(d.ID), 10))
	req.Header.Set("X-Roviec-Signature", models.SignHook(w.Secret, body))
	resp, err := a.Hooks.Do(req)
	if err != nil {
		return 0, err
	}
	defer func() { _ = resp.Body.Close() }()
	// Read a little of the answer so that the connection can be reused.
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.StatusCode, fmt.Errorf("the receiver answered %s", resp.Status)
	}
	return resp.StatusCode, nil
}
