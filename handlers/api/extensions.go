package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
)

// extensionJSON is an extension request (gia hạn) as the API shows it.
type extensionJSON struct {
	ID             uint    `json:"id"`
	AssignmentID   uint    `json:"assignment_id"`
	AgencyCode     string  `json:"agency_code"`
	AgencyName     string  `json:"agency_name"`
	DirectiveTitle string  `json:"directive_title"`
	RequestedBy    string  `json:"requested_by"`
	RequestedAt    string  `json:"requested_at"`
	CurrentDue     *string `json:"current_due"`
	NewDue         *string `json:"new_due"`
	Reason         string  `json:"reason"`
	Status         string  `json:"status"`
	DecidedBy      string  `json:"decided_by,omitempty"`
	DecidedAt      *string `json:"decided_at"`
	DecisionNote   string  `json:"decision_note"`
}

// toExtensionJSON needs the extension's assignment (with directive and
// agency) and people loaded, as the store's lists return them.
func (h *Handler) toExtensionJSON(x *models.Extension) extensionJSON {
	out := extensionJSON{ID: x.ID, AssignmentID: x.AssignmentID, RequestedAt: h.timeJSON(x.RequestedAt),
		CurrentDue: dayJSON(x.CurrentDue), NewDue: dayJSON(x.NewDue), Reason: x.Reason, Status: x.Status,
		DecisionNote: x.DecisionNote}
	if a := x.Assignment; a != nil && a.Agency != nil && a.Directive != nil {
		out.AgencyCode, out.AgencyName, out.DirectiveTitle = a.Agency.Code, a.Agency.Name, a.Directive.Title
	}
	if x.RequestedBy != nil {
		out.RequestedBy = x.RequestedBy.Name
	}
	if x.DecidedBy != nil {
		out.DecidedBy = x.DecidedBy.Name
	}
	if x.DecidedAt != nil {
		s := h.timeJSON(*x.DecidedAt)
		out.DecidedAt = &s
	}
	return out
}

// extensionRequest is the body of POST /api/v1/assignments/{id}/extensions.
type extensionRequest struct {
	NewDue string `json:"new_due"` // YYYY-MM-DD or dd/mm/yyyy
	Reason string `json:"reason"`
}

// apiRequestExtension asks for a new deadline for an assignment: 201 with
// the pending request; 403 outside the agency, 422 for a bad or earlier
// date or no reason, 409 when the assignment is closed or has a pending
// request already.
func (h *Handler) RequestExtension(c echo.Context) error {
	a, err := h.AssignmentToChange(c)
	if err != nil {
		return err
	}
	ctx, id := c.Request().Context(), a.ID
	var in extensionRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	x, err := h.Store.RequestExtension(ctx, web.CurrentUser(c), id, in.NewDue, in.Reason, h.Now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, h.toExtensionJSON(x))
}

// apiListExtensions lists extension requests, oldest first, optionally of
// one status (pending, approved, rejected).
func (h *Handler) ListExtensions(c echo.Context) error {
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	q := &web.Query{C: c}
	status := web.OneOf(q, "status", models.ExtensionPending, models.ExtensionApproved, models.ExtensionRejected, models.ExtensionClosed)
	if err := q.Err(); err != nil {
		return err
	}
	list, err := h.Store.ListExtensions(c.Request().Context(), status)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(list, h.toExtensionJSON))
}

// decisionRequest is the body of POST /api/v1/extensions/{id}/decision.
type decisionRequest struct {
	Approve *bool  `json:"approve"`
	Note    string `json:"note"` // required to reject
}

// apiDecideExtension approves or rejects a pending request (reviewers only).
func (h *Handler) DecideExtension(c echo.Context) error {
	id, err := web.IdParam(c, "id")
	if err != nil {
		return err
	}
	if err := web.Authorize(c, models.ActReview, 0); err != nil {
		return err
	}
	var in decisionRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if in.Approve == nil {
		return models.Invalid("approve", "err.approve_required")
	}
	x, err := h.Store.DecideExtension(c.Request().Context(), web.CurrentUser(c), id, *in.Approve, in.Note, h.Now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, h.toExtensionJSON(x))
}
