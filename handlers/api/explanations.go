package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
)

// explanationJSON is an explanation request (yêu cầu giải trình) as the API shows it.
type explanationJSON struct {
	ID             uint    `json:"id"`
	AssignmentID   uint    `json:"assignment_id"`
	AgencyCode     string  `json:"agency_code"`
	AgencyName     string  `json:"agency_name"`
	DirectiveTitle string  `json:"directive_title"`
	MissedDue      *string `json:"missed_due_date"` // the deadline that was missed
	RequestedAt    string  `json:"requested_at"`
	Open           bool    `json:"open"`
	Answer         string  `json:"answer"`
	AnsweredBy     string  `json:"answered_by,omitempty"`
	AnsweredAt     *string `json:"answered_at"`
	ClosedAt       *string `json:"closed_at"` // closed unanswered with the assignment's cancellation
}

// toExplanationJSON needs the request's assignment (with directive and
// agency) loaded, as the store's lists return it.
func (h *Handler) toExplanationJSON(r *models.ExplanationRequest) explanationJSON {
	out := explanationJSON{ID: r.ID, AssignmentID: r.AssignmentID, MissedDue: dayJSON(r.DueOn),
		RequestedAt: h.timeJSON(r.RequestedAt), Open: r.Open(), Answer: r.Answer}
	if a := r.Assignment; a != nil && a.Agency != nil && a.Directive != nil {
		out.AgencyCode, out.AgencyName, out.DirectiveTitle = a.Agency.Code, a.Agency.Name, a.Directive.Title
	}
	if r.AnsweredBy != nil {
		out.AnsweredBy = r.AnsweredBy.Name
	}
	if r.AnsweredAt != nil {
		s := h.timeJSON(*r.AnsweredAt)
		out.AnsweredAt = &s
	}
	if r.ClosedAt != nil {
		s := h.timeJSON(*r.ClosedAt)
		out.ClosedAt = &s
	}
	return out
}

// apiListExplanations lists explanation requests, oldest first; open=1 keeps
// the unanswered ones.
func (h *Handler) ListExplanations(c echo.Context) error {
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	q := &web.Query{C: c}
	open := web.OneOf(q, "open", "0", "1", "false", "true")
	if err := q.Err(); err != nil {
		return err
	}
	list, err := h.Store.ListExplanations(c.Request().Context(), open == "1" || open == "true")
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(list, h.toExplanationJSON))
}

// answerRequest is the body of POST /api/v1/explanations/{id}/answer.
type answerRequest struct {
	Answer string `json:"answer"`
}

// apiAnswerExplanation stores the agency's answer: 200; 403 outside the
// agency, 422 without an answer, 409 when answered already.
func (h *Handler) AnswerExplanation(c echo.Context) error {
	id, err := web.IdParam(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	req, err := h.Store.ExplanationByID(ctx, id)
	if err != nil {
		return err
	}
	if err := web.Authorize(c, models.ActUpdateAssignment, req.Assignment.AgencyID); err != nil {
		return err
	}
	var in answerRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	req, err = h.Store.AnswerExplanation(ctx, web.CurrentUser(c), id, in.Answer, h.Now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, h.toExplanationJSON(req))
}
