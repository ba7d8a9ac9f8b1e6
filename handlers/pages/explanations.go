package pages

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
)

// AnswerExplanation is the answer form of an open explanation request on
// the assignment page.
func (h *Handler) AnswerExplanation(c echo.Context) error {
	id, err := web.IdParam(c, "id")
	if err != nil {
		return err
	}
	reqID, err := web.IdParam(c, "req")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	req, err := h.Store.ExplanationByID(ctx, reqID)
	if err != nil {
		return err
	}
	if req.AssignmentID != id {
		return models.ErrNotFound
	}
	if err := web.Authorize(c, models.ActUpdateAssignment, req.Assignment.AgencyID); err != nil {
		return err
	}
	form, err := web.FormParams(c)
	if err != nil {
		return err
	}
	if _, err := h.Store.AnswerExplanation(ctx, web.CurrentUser(c), reqID, form.Get("answer"), h.Now()); err != nil {
		form.Set("explanation_id", strconv.Itoa(int(reqID)))
		return h.assignmentFormError(c, err, form)
	}
	return h.RedirectFlash(c, "/assignments/"+strconv.Itoa(int(id)), "flash.explanation_answered")
}

// explanationRow is one explanation request of the committee's list.
type explanationRow struct {
	models.ExplanationRequest
	DaysWaiting int // calendar days since the request
}

// explanationsView is the data of the list of explanation requests.
type explanationsView struct {
	All  bool // answered requests are listed too
	Rows []explanationRow
}

// ListExplanations is the committee's list of explanation requests: open
// ones by default, oldest first (?all=1 lists the answered ones too).
func (h *Handler) ListExplanations(c echo.Context) error {
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	all := c.QueryParam("all") == "1"
	list, err := h.Store.ListExplanations(c.Request().Context(), !all)
	if err != nil {
		return err
	}
	loc, today := h.Store.Location(), h.Today()
	v := explanationsView{All: all, Rows: make([]explanationRow, len(list))}
	for i := range list {
		v.Rows[i] = explanationRow{ExplanationRequest: list[i], DaysWaiting: models.DayOf(list[i].RequestedAt, loc).DaysUntil(today)}
	}
	p := h.Page(c, h.T(c, "explanations.title"), v)
	p.Nav = "explanations"
	return h.Render(c, http.StatusOK, "explanations", p)
}
