package pages

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/models/store"
	"roviec/views"
)

// webhooksView is the data of the webhooks page: the list and the form
// that adds one.
type webhooksView struct {
	Hooks  []models.Webhook
	Events []models.HookEvent
}

// ListWebhooks is the administrators' list of webhooks with the form that
// adds one.
func (h *Handler) ListWebhooks(c echo.Context) error {
	if err := web.Authorize(c, models.ActManageReminders, 0); err != nil {
		return err
	}
	p, err := h.webhooksPage(c)
	if err != nil {
		return err
	}
	// A fresh form offers every event.
	for _, e := range models.HookEvents {
		p.Values.Add("events", string(e))
	}
	return h.Render(c, http.StatusOK, "webhooks", p)
}

func (h *Handler) webhooksPage(c echo.Context) (*views.Page, error) {
	list, err := h.Store.ListWebhooks(c.Request().Context())
	if err != nil {
		return nil, err
	}
	p := h.Page(c, h.T(c, "webhooks.title"), webhooksView{Hooks: list, Events: models.HookEvents})
	p.Nav = "webhooks"
	return p, nil
}

// CreateWebhook adds a webhook, or shows the form again with its messages.
func (h *Handler) CreateWebhook(c echo.Context) error {
	if err := web.Authorize(c, models.ActManageReminders, 0); err != nil {
		return err
	}
	form, err := web.FormParams(c)
	if err != nil {
		return err
	}
	in := models.WebhookInput{URL: form.Get("url"), Secret: form.Get("secret"), Events: form["events"], Active: true}
	if _, err := h.Store.CreateWebhook(c.Request().Context(), in, h.Now()); err != nil {
		p, perr := h.webhooksPage(c)
		if perr != nil {
			return perr
		}
		form.Del("secret") // never sent back to the page
		return h.FormPage(c, err, "webhooks", p, form)
	}
	return h.RedirectFlash(c, "/admin/webhooks", "flash.webhook_added")
}

// SetWebhookActive switches a webhook on or off (form field active=1|0).
func (h *Handler) SetWebhookActive(c echo.Context) error {
	if err := web.Authorize(c, models.ActManageReminders, 0); err != nil {
		return err
	}
	id, form, err := web.IdAndForm(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	w, err := h.Store.WebhookByID(ctx, id)
	if err != nil {
		return err
	}
	in := models.WebhookInput{URL: w.URL, Events: eventNames(w), Active: form.Get("active") == "1"}
	if _, err := h.Store.UpdateWebhook(ctx, id, in, h.Now()); err != nil {
		return err
	}
	return h.RedirectFlash(c, "/admin/webhooks", "flash.webhook_saved")
}

func eventNames(w *models.Webhook) []string {
	var out []string
	for _, e := range w.EventList() {
		out = append(out, string(e))
	}
	return out
}

// DeleteWebhook removes a webhook and its delivery log.
func (h *Handler) DeleteWebhook(c echo.Context) error {
	if err := web.Authorize(c, models.ActManageReminders, 0); err != nil {
		return err
	}
	id, _, err := web.IdAndForm(c)
	if err != nil {
		return err
	}
	if err := h.Store.DeleteWebhook(c.Request().Context(), id); err != nil {
		return err
	}
	return h.RedirectFlash(c, "/admin/webhooks", "flash.webhook_removed")
}

// webhookView is the data of one webhook's delivery log.
type webhookView struct {
	Hook       *models.Webhook
	Deliveries []models.WebhookDelivery
	Pager      web.Pager
}

// ShowWebhook is one webhook's delivery log, newest first: event, status,
// attempts, the receiver's last answer and error, and a button that resends
// each failed delivery.
func (h *Handler) ShowWebhook(c echo.Context) error {
	if err := web.Authorize(c, models.ActManageReminders, 0); err != nil {
		return err
	}
	id, err := web.IdParam(c, "id")
	if err != nil {
		return err
	}
	p, err := h.webhookPage(c, id)
	if err != nil {
		return err
	}
	return h.Render(c, http.StatusOK, "webhook", p)
}

// webhookPage builds the delivery log of webhook id, at the page ?page=.
func (h *Handler) webhookPage(c echo.Context, id uint) (*views.Page, error) {
	ctx := c.Request().Context()
	w, err := h.Store.WebhookByID(ctx, id)
	if err != nil {
		return nil, err
	}
	page := web.PageParam(c)
	list, total, err := h.Store.ListHookDeliveries(ctx, id, store.Page{Page: page, PerPage: outboxPageSize})
	if err != nil {
		return nil, err
	}
	p := h.Page(c, h.T(c, "webhooks.log_title"), webhookView{Hook: w, Deliveries: list,
		Pager: web.NewPager(c, page, outboxPageSize, total)})
	p.Nav = "webhooks"
	return p, nil
}

// ResendHookDelivery puts a failed delivery back in the queue and returns to
// the webhook's delivery log; a delivery that has not failed, or of a webhook
// switched off, is a 409 shown on the log.
func (h *Handler) ResendHookDelivery(c echo.Context) error {
	if err := web.Authorize(c, models.ActManageReminders, 0); err != nil {
		return err
	}
	id, err := web.IdParam(c, "id")
	if err != nil {
		return err
	}
	delivery, err := web.IdParam(c, "delivery")
	if err != nil {
		return err
	}
	_, err = h.Store.ResendHookDelivery(c.Request().Context(), web.CurrentUser(c), id, delivery, h.Now())
	var ce *models.ConflictError
	if errors.As(err, &ce) {
		p, perr := h.webhookPage(c, id)
		if perr != nil {
			return perr
		}
		p.Alert = h.Msg(c, ce.Msg)
		return h.Render(c, http.StatusConflict, "webhook", p)
	}
	if err != nil {
		return err
	}
	return h.RedirectFlash(c, "/admin/webhooks/"+strconv.FormatUint(uint64(id), 10), "flash.hook_delivery_resent")
}
