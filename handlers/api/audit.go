package api

import (
	"encoding/json"
	"net/http"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
)

// auditJSON is a row of the audit trail; before and after are the changed
// fields as JSON objects, null when there was no record (before a creation,
// after a deletion) or no values (a login).
type auditJSON struct {
	ID       uint            `json:"id"`
	At       string          `json:"at"`
	ActorID  *uint           `json:"actor_id"`
	Actor    string          `json:"actor"`
	Address  string          `json:"address"`
	Entity   string          `json:"entity"`
	EntityID string          `json:"entity_id"`
	Action   string          `json:"action"`
	Before   json.RawMessage `json:"before"`
	After    json.RawMessage `json:"after"`
}

func (h *Handler) toAuditJSON(e *models.AuditEntry) auditJSON {
	raw := func(s string) json.RawMessage {
		if s == "" {
			return json.RawMessage("null")
		}
		return json.RawMessage(s)
	}
	return auditJSON{ID: e.ID, At: h.timeJSON(e.At), ActorID: e.ActorID, Actor: e.Actor, Address: e.Address,
		Entity: string(e.Entity), EntityID: e.EntityID, Action: string(e.Action), Before: raw(e.Before), After: raw(e.After)}
}

// ListAudit is a page of the audit trail, newest first, filtered by actor,
// entity, entity_id, action, from and to (admins only).
func (h *Handler) ListAudit(c echo.Context) error {
	if err := web.Authorize(c, models.ActReadAudit, 0); err != nil {
		return err
	}
	f, err := web.AuditFilterParam(c, 50)
	if err != nil {
		return err
	}
	list, total, err := h.Store.ListAudit(c.Request().Context(), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, pageOf(list, h.toAuditJSON, total, f.Page))
}
