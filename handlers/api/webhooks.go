package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
)

// webhookJSON is a webhook as the API shows it: never its secret.
type webhookJSON struct {
	ID        uint      `json:"id"`
	URL       string    `json:"url"`
	Events    []string  `json:"events"`
	Active    bool      `json:"active"`
	CreatedAt time.Time `json:"created_at"`
}

func toWebhookJSON(w *models.Webhook) webhookJSON {
	events := []string{}
	for _, e := range w.EventList() {
		events = append(events, string(e))
	}
	return webhookJSON{ID: w.ID, URL: w.URL, Events: events, Active: w.Active, CreatedAt: w.CreatedAt}
}

// webhookRequest is the body of POST /api/v1/webhooks and PUT
// /api/v1/webhooks/{id}; on a PUT an empty secret keeps the one stored.
type webhookRequest struct {
	URL    string   `json:"url"`
	Secret string   `json:"secret"`
	Events []string `json:"events"`
	Active *bool    `json:"active"` // absent: active
}

func (r webhookRequest) input() models.WebhookInput {
	return models.WebhookInput{URL: r.URL, Secret: r.Secret, Events: r.Events, Active: r.Active == nil || *r.Active}
}

// ListWebhooks lists the webhooks (administrators).
func (h *Handler) ListWebhooks(c echo.Context) error {
	if err := web.Authorize(c, models.ActManageReminders, 0); err != nil {
		return err
	}
	list, err := h.Store.ListWebhooks(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(list, toWebhookJSON))
}

// CreateWebhook adds a webhook (administrators): 201.
func (h *Handler) CreateWebhook(c echo.Context) error {
	if err := web.Authorize(c, models.ActManageReminders, 0); err != nil {
		return err
	}
	var in webhookRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	w, err := h.Store.CreateWebhook(c.Request().Context(), in.input(), h.Now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toWebhookJSON(w))
}

// UpdateWebhook replaces a webhook's settings (administrators).
func (h *Handler) UpdateWebhook(c echo.Context) error {
	id, err := web.IdParam(c, "id")
	if err != nil {
		return err
	}
	if err := web.Authorize(c, models.ActManageReminders, 0); err != nil {
		return err
	}
	var in webhookRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	w, err := h.Store.UpdateWebhook(c.Request().Context(), id, in.input(), h.Now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toWebhookJSON(w))
}

// DeleteWebhook removes a webhook and its delivery log (administrators): 204.
func (h *Handler) DeleteWebhook(c echo.Context) error {
	id, err := web.IdParam(c, "id")
	if err != nil {
		return err
	}
	if err := web.Authorize(c, models.ActManageReminders, 0); err != nil {
		return err
	}
	if err := h.Store.DeleteWebhook(c.Request().Context(), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// deliveryJSON is one line of a webhook's delivery log.
type deliveryJSON struct {
	ID            uint       `json:"id"`
	Event         string     `json:"event"`
	Status        string     `json:"status"`
	Attempts      int        `json:"attempts"`
	ResponseCode  int        `json:"response_code"`
	LastError     string     `json:"last_error"`
	CreatedAt     time.Time  `json:"created_at"`
	NextAttemptAt time.Time  `json:"next_attempt_at"`
	SentAt        *time.Time `json:"sent_at"`
}

func toDeliveryJSON(d *models.WebhookDelivery) deliveryJSON {
	return deliveryJSON{ID: d.ID, Event: string(d.Event), Status: d.Status, Attempts: d.Attempts, ResponseCode: d.ResponseCode,
		LastError: d.LastError, CreatedAt: d.CreatedAt, NextAttemptAt: d.NextAttemptAt, SentAt: d.SentAt}
}

// ListHookDeliveries is a webhook's delivery log, newest first, paged
// (administrators).
func (h *Handler) ListHookDeliveries(c echo.Context) error {
	id, err := web.IdParam(c, "id")
	if err != nil {
		return err
	}
	if err := web.Authorize(c, models.ActManageReminders, 0); err != nil {
		return err
	}
	q := &web.Query{C: c}
	p := q.Page(50)
	if err := q.Err(); err != nil {
		return err
	}
	ctx := c.Request().Context()
	if _, err := h.Store.WebhookByID(ctx, id); err != nil {
		return err
	}
	list, total, err := h.Store.ListHookDeliveries(ctx, id, p)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, pageOf(list, toDeliveryJSON, total, p))
}

// ResendHookDelivery puts a failed delivery of a webhook back in the queue
// (administrators) and answers with it as the delivery log shows it; a
// delivery that has not failed, or of a webhook switched off, is a 409.
func (h *Handler) ResendHookDelivery(c echo.Context) error {
	id, err := web.IdParam(c, "id")
	if err != nil {
		return err
	}
	delivery, err := web.IdParam(c, "delivery")
	if err != nil {
		return err
	}
	if err := web.Authorize(c, models.ActManageReminders, 0); err != nil {
		return err
	}
	d, err := h.Store.ResendHookDelivery(c.Request().Context(), web.CurrentUser(c), id, delivery, h.Now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toDeliveryJSON(d))
}
