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

// outboxPageSize is how many messages one page of the outbox lists.
const outboxPageSize = 50

// outboxStatuses are the statuses the outbox filter offers.
func outboxStatuses() []string {
	return []string{models.OutboxQueued, models.OutboxSending, models.OutboxSent, models.OutboxFailed}
}

// outboxView is the data of the outbox list.
type outboxView struct {
	Status   string
	Statuses []string
	Counts   map[string]int64
	All      int64
	Messages []models.OutboxMessage
	Pager    web.Pager
}

// ListOutbox is the admin list of e-mails, newest first, optionally of one
// status (?status=), with the count of each status.
func (h *Handler) ListOutbox(c echo.Context) error {
	if err := web.Authorize(c, models.ActManageReminders, 0); err != nil {
		return err
	}
	ctx := c.Request().Context()
	v := outboxView{Statuses: outboxStatuses()}
	for _, s := range v.Statuses {
		if c.QueryParam("status") == s {
			v.Status = s
		}
	}
	page := web.PageParam(c)
	list, total, err := h.Store.ListOutbox(ctx, v.Status, store.Page{Page: page, PerPage: outboxPageSize})
	if err != nil {
		return err
	}
	counts, err := h.Store.OutboxCounts(ctx)
	if err != nil {
		return err
	}
	v.Messages, v.Counts, v.Pager = list, counts, web.NewPager(c, page, outboxPageSize, total)
	for _, n := range counts {
		v.All += n
	}
	p := h.Page(c, h.T(c, "outbox.title"), v)
	p.Nav = "outbox"
	return h.Render(c, http.StatusOK, "outbox", p)
}

// ShowOutboxMessage shows one e-mail: recipients, subject, delivery state,
// the text body and the HTML body in a sandboxed frame.
func (h *Handler) ShowOutboxMessage(c echo.Context) error {
	if err := web.Authorize(c, models.ActManageReminders, 0); err != nil {
		return err
	}
	p, err := h.outboxMessagePage(c)
	if err != nil {
		return err
	}
	return h.Render(c, http.StatusOK, "outbox_message", p)
}

// mailFramePolicy is the Content-Security-Policy of an e-mail's HTML body:
// the styles e-mail clients need are inline, and nothing else loads or runs;
// the sandbox gives the document no origin even when opened on its own, and
// only the application's own outbox page may frame it.
const mailFramePolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox; frame-ancestors 'self'"

// ShowOutboxHTML serves the HTML body of an e-mail for the sandboxed frame
// of its page, under a policy of its own: the page's policy allows no inline
// style, which e-mail HTML is made of.
func (h *Handler) ShowOutboxHTML(c echo.Context) error {
	if err := web.Authorize(c, models.ActManageReminders, 0); err != nil {
		return err
	}
	id, err := web.IdParam(c, "id")
	if err != nil {
		return err
	}
	m, err := h.Store.OutboxByID(c.Request().Context(), id)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Security-Policy", mailFramePolicy)
	c.Response().Header().Set("X-Frame-Options", "SAMEORIGIN")
	return c.HTML(http.StatusOK, m.BodyHTML)
}

// outboxMessagePage builds the page of the message :id.
func (h *Handler) outboxMessagePage(c echo.Context) (*views.Page, error) {
	id, err := web.IdParam(c, "id")
	if err != nil {
		return nil, err
	}
	m, err := h.Store.OutboxByID(c.Request().Context(), id)
	if err != nil {
		return nil, err
	}
	p := h.Page(c, h.T(c, "outbox.message_title", "ID", m.ID), m)
	p.Nav = "outbox"
	return p, nil
}

// ResendOutbox puts a failed message back in the queue; a message that has
// not failed is a 409 shown on its page.
func (h *Handler) ResendOutbox(c echo.Context) error {
	if err := web.Authorize(c, models.ActManageReminders, 0); err != nil {
		return err
	}
	id, err := web.IdParam(c, "id")
	if err != nil {
		return err
	}
	err = h.Store.ResendOutbox(c.Request().Context(), id, h.Now())
	var ce *models.ConflictError
	if errors.As(err, &ce) {
		p, perr := h.outboxMessagePage(c)
		if perr != nil {
			return perr
		}
		p.Alert = h.Msg(c, ce.Msg)
		return h.Render(c, http.StatusConflict, "outbox_message", p)
	}
	if err != nil {
		return err
	}
	return h.RedirectFlash(c, "/admin/outbox/"+strconv.Itoa(int(id)), "flash.outbox_resent")
}
