package pages

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/views"
)

// deadlineView is the part of the assignment page about its deadline:
// extension requests and explanation requests, and what the user may do.
type deadlineView struct {
	Extensions          []models.Extension
	Pending             *models.Extension // the request waiting for a decision, if any
	Explanations        []models.ExplanationRequest
	CanRequestExtension bool // the extension form is shown
	CanDecideExtension  bool // approve / reject are shown on the pending request
	CanAnswer           bool // the answer form is shown on open explanation requests
}

// deadlineFacts loads the extension and explanation requests of a.
func (h *Handler) deadlineFacts(ctx context.Context, a *models.Assignment, u *models.User) (deadlineView, error) {
	exts, err := h.Store.ExtensionsFor(ctx, a.ID)
	if err != nil {
		return deadlineView{}, err
	}
	reqs, err := h.Store.ExplanationsFor(ctx, a.ID)
	if err != nil {
		return deadlineView{}, err
	}
	v := deadlineView{Extensions: exts, Explanations: reqs,
		CanDecideExtension: models.Can(u, models.ActReview, a.AgencyID),
		CanAnswer:          models.Can(u, models.ActUpdateAssignment, a.AgencyID)}
	for i := range exts {
		if exts[i].Status == models.ExtensionPending {
			v.Pending = &exts[i]
		}
	}
	v.CanRequestExtension = v.Pending == nil && models.IsOpen(a.Status) && !a.DueOn.IsZero() && v.CanAnswer
	return v, nil
}

// assignmentFormError re-renders the assignment page after one of its
// smaller forms (extension, decision, answer) was refused: the update form
// keeps the assignment's values, the refused form the user's input.
func (h *Handler) assignmentFormError(c echo.Context, err error, form url.Values) error {
	p, a, perr := h.assignmentPage(c)
	if perr != nil {
		return perr
	}
	values := assignmentValues(a)
	for k, v := range form {
		values[k] = v
	}
	return h.FormPage(c, err, "assignment", p, values)
}

// RequestExtension is the extension form of the assignment page: a new
// date (dd/mm/yyyy) and a reason.
func (h *Handler) RequestExtension(c echo.Context) error {
	a, err := h.AssignmentToChange(c)
	if err != nil {
		return err
	}
	ctx, id := c.Request().Context(), a.ID
	form, err := web.FormParams(c)
	if err != nil {
		return err
	}
	if _, err := h.Store.RequestExtension(ctx, web.CurrentUser(c), id, form.Get("new_due"), form.Get("reason"), h.Now()); err != nil {
		return h.assignmentFormError(c, err, form)
	}
	return h.RedirectFlash(c, "/assignments/"+strconv.Itoa(int(id)), "flash.extension_requested")
}

// DecideExtension approves (action=approve) or rejects (action=reject, with
// decision_note) a pending request, from the assignment page or from the
// list of requests (back=list), and goes back where it came from.
func (h *Handler) DecideExtension(c echo.Context) error {
	id, err := web.IdParam(c, "id")
	if err != nil {
		return err
	}
	extID, err := web.IdParam(c, "ext")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	x, err := h.Store.ExtensionByID(ctx, extID)
	if err != nil {
		return err
	}
	if x.AssignmentID != id {
		return models.ErrNotFound
	}
	if err := web.Authorize(c, models.ActReview, x.Assignment.AgencyID); err != nil {
		return err
	}
	form, err := web.FormParams(c)
	if err != nil {
		return err
	}
	approve := form.Get("action") == "approve"
	flash := "flash.extension_rejected"
	if approve {
		flash = "flash.extension_approved"
	}
	_, err = h.Store.DecideExtension(ctx, web.CurrentUser(c), extID, approve, form.Get("decision_note"), h.Now())
	back := "/assignments/" + strconv.Itoa(int(id))
	if form.Get("back") == "list" {
		back = "/extensions"
	}
	switch {
	case err == nil:
		return h.RedirectFlash(c, back, flash)
	case errors.Is(err, models.ErrForbidden):
		return err
	case back == "/extensions":
		p, perr := h.extensionsPage(c, models.ExtensionPending)
		if perr != nil {
			return perr
		}
		return h.FormPage(c, web.MoveFieldMessage(err, "note", "decision_note_"+strconv.Itoa(int(extID))), "extensions", p, form)
	}
	return h.assignmentFormError(c, web.MoveFieldMessage(err, "note", "decision_note"), form)
}

// extensionsView is the data of the list of extension requests.
type extensionsView struct {
	Status     string
	Statuses   []string
	Extensions []models.Extension
	CanDecide  bool
}

// ListExtensions lists the extension requests, pending ones by default
// (?status=approved|rejected|all), oldest first; reviewers decide them here.
func (h *Handler) ListExtensions(c echo.Context) error {
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	status := c.QueryParam("status")
	switch status {
	case models.ExtensionApproved, models.ExtensionRejected, models.ExtensionClosed, "all":
	default:
		status = models.ExtensionPending
	}
	p, err := h.extensionsPage(c, status)
	if err != nil {
		return err
	}
	return h.Render(c, http.StatusOK, "extensions", p)
}

// extensionsPage builds the list of extension requests of one status ("all": every one).
func (h *Handler) extensionsPage(c echo.Context, status string) (*views.Page, error) {
	filter := status
	if status == "all" {
		filter = ""
	}
	list, err := h.Store.ListExtensions(c.Request().Context(), filter)
	if err != nil {
		return nil, err
	}
	v := extensionsView{Status: status, Extensions: list, CanDecide: models.Can(web.CurrentUser(c), models.ActReview, 0),
		Statuses: []string{models.ExtensionPending, models.ExtensionApproved, models.ExtensionRejected, models.ExtensionClosed, "all"}}
	p := h.Page(c, h.T(c, "extensions.title"), v)
	p.Nav = "extensions"
	return p, nil
}
