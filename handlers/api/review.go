package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
)

// ReviewQueue lists the submitted assignments across themes, oldest
// submission first, with their evidence (the assignment's fields), 50 a page.
func (h *Handler) ReviewQueue(c echo.Context) error {
	if err := web.Authorize(c, models.ActReview, 0); err != nil {
		return err
	}
	q := &web.Query{C: c}
	p := q.Page(50)
	if err := q.Err(); err != nil {
		return err
	}
	list, total, err := h.Store.ReviewQueue(c.Request().Context(), p)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, pageOf(list, h.toAssignmentJSON, total, p))
}

// bulkRequest is the body of POST /api/v1/assignments/bulk. versions, when
// given, maps an id (as a string) to the version the client read: a change
// since refuses that id as stale.
type bulkRequest struct {
	IDs      []uint       `json:"ids"`
	Action   string       `json:"action"`
	Reason   string       `json:"reason"`
	DueDate  string       `json:"due_date"`
	Versions map[uint]int `json:"versions"`
}

// bulkResultJSON is what the action did to one id: the assignment's new
// status and version, or the refusal with its HTTP status and message, as
// the API's errors say it.
type bulkResultJSON struct {
	ID      uint              `json:"id"`
	OK      bool              `json:"ok"`
	Status  models.Status     `json:"status,omitempty"`
	Version int               `json:"version,omitempty"`
	Code    int               `json:"code,omitempty"`
	Error   string            `json:"error,omitempty"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// BulkAssignments applies one review action (accept, return, cancel,
// extend) to several assignments, each all or nothing in its own
// transaction, and answers 200 with one result per id: done, or refused
// (403 not allowed, 404 unknown, 409 not in a state the action fits or
// changed since the given version, 422 a bad value). A request that is wrong
// as a whole (unknown action, no ids, no reason) is a 422 and changes
// nothing.
func (h *Handler) BulkAssignments(c echo.Context) error {
	if err := web.Authorize(c, models.ActReview, 0); err != nil {
		return err
	}
	var in bulkRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	r := models.BulkRequest{IDs: in.IDs, Action: models.ReviewAction(in.Action), Reason: in.Reason, DueDate: in.DueDate}
	results, err := h.Store.BulkReview(c.Request().Context(), web.CurrentUser(c), r, in.Versions, h.Now())
	if err != nil {
		return err
	}
	out := make([]bulkResultJSON, len(results))
	for i, res := range results {
		if res.Err == nil {
			out[i] = bulkResultJSON{ID: res.ID, OK: true, Status: res.Assignment.Status, Version: res.Assignment.Version}
			continue
		}
		code, msg := h.StatusOf(c, res.Err)
		if code >= http.StatusInternalServerError {
			return res.Err
		}
		out[i] = bulkResultJSON{ID: res.ID, Code: code, Error: msg, Fields: h.FieldsOf(c, res.Err)}
	}
	return c.JSON(http.StatusOK, map[string]any{"results": out})
}
