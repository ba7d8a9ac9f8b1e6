package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
)

// urgeRequest is the body of POST /api/v1/directives/{id}/urge.
type urgeRequest struct {
	AgencyCodes []string `json:"agency_codes"`
}

// urgeResultJSON is what urging one agency did.
type urgeResultJSON struct {
	AgencyCode string            `json:"agency_code"`
	OK         bool              `json:"ok"`
	Messages   int               `json:"messages"` // e-mails queued (one per focal point)
	Code       int               `json:"code,omitempty"`
	Error      string            `json:"error,omitempty"`
	Fields     map[string]string `json:"fields,omitempty"`
}

// UrgeAgencies urges the named late agencies about a directive now: 200
// with one result per agency, urged or refused (409 not late or urged
// already today, 422 not an agency of the directive).
func (h *Handler) UrgeAgencies(c echo.Context) error {
	id, err := web.IdParam(c, "id")
	if err != nil {
		return err
	}
	if err := web.Authorize(c, models.ActReview, 0); err != nil {
		return err
	}
	var in urgeRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	results, err := h.Store.Urge(c.Request().Context(), web.CurrentUser(c), id, in.AgencyCodes, h.Now())
	if err != nil {
		return err
	}
	out := make([]urgeResultJSON, len(results))
	for i, r := range results {
		out[i] = urgeResultJSON{AgencyCode: r.AgencyCode, OK: r.Err == nil, Messages: r.Messages}
		if r.Err != nil {
			code, msg := h.StatusOf(c, r.Err)
			if code >= http.StatusInternalServerError {
				return r.Err
			}
			out[i].Code, out[i].Error, out[i].Fields = code, msg, h.FieldsOf(c, r.Err)
		}
	}
	return c.JSON(http.StatusOK, map[string]any{"results": out})
}

// planUrgeRequest is the body of POST /api/v1/agencies/urge.
type planUrgeRequest struct {
	PlanID      uint     `json:"plan_id"`
	AgencyCodes []string `json:"agency_codes"`
}

// planUrgeResultJSON is what urging one agency about its overdue work of a
// plan did.
type planUrgeResultJSON struct {
	AgencyCode string            `json:"agency_code"`
	OK         bool              `json:"ok"`
	Urged      int               `json:"urged"`   // overdue tasks urged now
	Skipped    int               `json:"skipped"` // overdue tasks whose directive was urged for the agency today already
	Messages   int               `json:"messages"`
	Code       int               `json:"code,omitempty"`
	Error      string            `json:"error,omitempty"`
	Fields     map[string]string `json:"fields,omitempty"`
}

// UrgeInPlan urges the named late agencies about all their overdue work of
// a plan now (the league table's): 200 with one result per agency, urged
// (with the tasks urged and skipped) or refused (409 nothing overdue, 422
// no such agency).
func (h *Handler) UrgeInPlan(c echo.Context) error {
	if err := web.Authorize(c, models.ActReview, 0); err != nil {
		return err
	}
	var in planUrgeRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	results, err := h.Store.UrgeInPlan(c.Request().Context(), web.CurrentUser(c), in.PlanID, in.AgencyCodes, h.Now())
	if err != nil {
		return err
	}
	out := make([]planUrgeResultJSON, len(results))
	for i, r := range results {
		out[i] = planUrgeResultJSON{AgencyCode: r.AgencyCode, OK: r.Err == nil, Urged: r.Urged, Skipped: r.Skipped, Messages: r.Messages}
		if r.Err != nil {
			code, msg := h.StatusOf(c, r.Err)
			if code >= http.StatusInternalServerError {
				return r.Err
			}
			out[i].Code, out[i].Error, out[i].Fields = code, msg, h.FieldsOf(c, r.Err)
		}
	}
	return c.JSON(http.StatusOK, map[string]any{"results": out})
}
