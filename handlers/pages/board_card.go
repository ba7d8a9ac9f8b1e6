package pages

import (
	"bytes"
	"errors"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
)

// cardForm is the small form of a board card: a focal point's status and
// progress, or a reviewer's acceptance of a submitted report.
type cardForm struct {
	Statuses []models.Status // the reporting statuses offered, the current one first
	Accept   bool            // the card offers "accept" (the report is submitted)
}

// cardFormFor is the form user u may use on a card, or nil: reviewers
// (coordinators) accept submitted reports there, reporters (the agency's
// focal point) report status and progress. A reviewer's other changes, and
// returning a report (it needs a reason), stay on the assignment page.
func cardFormFor(u *models.User, a *models.Assignment) *cardForm {
	if !models.IsOpen(a.Status) || !models.Can(u, models.ActUpdateAssignment, a.AgencyID) {
		return nil
	}
	if models.Can(u, models.ActReview, a.AgencyID) {
		if a.Status == models.StatusSubmitted {
			return &cardForm{Accept: true}
		}
		return nil
	}
	reporting := []models.Status{models.StatusNotStarted, models.StatusInProgress, models.StatusSubmitted}
	for i, s := range reporting {
		if s == a.Status {
			return &cardForm{Statuses: reporting[i:]}
		}
	}
	return nil
}

// UpdateCard applies a board card's form through the same workflow as the
// assignment page (store.UpdateAssignment). For htmx it answers with the
// re-rendered board, so the card moves to its new column and every count
// follows without a page load; a refusal (403, 409, 422) is answered with its
// status and a message swapped into the card. Without JavaScript the browser
// goes back to the board, or to the assignment's full form with the message.
func (h *Handler) UpdateCard(c echo.Context) error {
	id, err := web.IdParam(c, "id")
	if err != nil {
		return err
	}
	a, err := h.Store.AssignmentByID(c.Request().Context(), id)
	if err != nil {
		return err
	}
	form, err := web.FormParams(c)
	if err != nil {
		return err
	}
	// The card sends status and progress (or action=accept); every other
	// field keeps its value, so the change is the same as the full form's.
	values := assignmentValues(a)
	for _, k := range []string{"status", "progress", "action", "version"} {
		if form.Has(k) {
			values.Set(k, form.Get(k))
		}
	}
	var saved *models.Assignment
	err = web.Authorize(c, models.ActUpdateAssignment, a.AgencyID)
	if err == nil {
		var ch models.AssignmentChange
		if ch, err = h.assignmentChange(c, values, a); err == nil {
			saved, err = h.Store.UpdateAssignment(c.Request().Context(), web.CurrentUser(c), a, ch, h.Now())
		}
	}
	if err != nil {
		return h.cardRefused(c, a, values, err)
	}
	back := boardURL(form.Get("back"), a.Directive.ThemeID)
	if !web.IsHTMX(c) {
		return h.RedirectFlash(c, back.RequestURI(), "flash.assignment_saved")
	}
	if n := form.Get("shown"); n != "" { // the pages the board holds, "more" appended to the first
		q := back.Query()
		q.Set("shown", n)
		back.RawQuery = q.Encode()
	}
	plan, err := h.Store.PlanByID(c.Request().Context(), a.Directive.Theme.PlanID)
	if err != nil {
		return err
	}
	p, v, err := h.boardPage(c, a.Directive.Theme, plan, back)
	if err != nil {
		return err
	}
	v.Saved = saved
	p.Flash = h.T(c, "flash.assignment_saved")
	return h.Fragment(c, "theme", "board-saved", p)
}

// cardRefused answers a refused card change. htmx gets the message with the
// refusal's status, retargeted into the card (the htmx-config meta tag of
// the layout lets htmx swap 403, 409 and 422). Without JavaScript, 422 and
// 409 show the assignment's full form with the message and the input kept;
// anything else goes to the central error handler.
func (h *Handler) cardRefused(c echo.Context, a *models.Assignment, values url.Values, err error) error {
	var ve *models.ValidationError
	var ce *models.ConflictError
	var se *models.StaleError
	isForbidden := errors.Is(err, models.ErrForbidden)
	if !errors.As(err, &ve) && !errors.As(err, &ce) && !errors.As(err, &se) && !isForbidden {
		return err
	}
	if !web.IsHTMX(c) {
		if isForbidden {
			return err
		}
		p, _, perr := h.assignmentPage(c)
		if perr != nil {
			return perr
		}
		return h.assignmentRefused(c, err, p, values)
	}
	code, msg := h.StatusOf(c, err)
	p := h.Page(c, "", a)
	if se != nil {
		// The card shows the values now beside the user's (kept in the
		// card's inputs) and takes the current version, so that saving again
		// applies the user's input knowingly.
		now, err := h.Store.AssignmentByID(c.Request().Context(), a.ID)
		if err != nil {
			return err
		}
		p.Data = now
		p.Values.Set("version", strconv.Itoa(now.Version))
	}
	if ve != nil {
		p.Errors = h.FieldsOf(c, err)
	} else {
		p.Alert = msg
	}
	var buf bytes.Buffer
	if err := h.Views.Fragment(&buf, "theme", "card-refused", p); err != nil {
		return err
	}
	c.Response().Header().Set("HX-Retarget", "#card-"+strconv.Itoa(int(a.ID))+"-message")
	c.Response().Header().Set("HX-Reswap", "innerHTML")
	return c.HTMLBlob(code, buf.Bytes())
}

// boardURL is the board address a card form came from: the theme's board
// with the filters it had. Anything else (another path, another host) falls
// back to the bare board, so the form cannot redirect elsewhere.
func boardURL(back string, themeID uint) *url.URL {
	board := &url.URL{Path: "/themes/" + strconv.FormatUint(uint64(themeID), 10)}
	u, err := url.Parse(back)
	if err == nil && u.Scheme == "" && u.Host == "" && u.Path == board.Path {
		board.RawQuery = u.Query().Encode()
	}
	return board
}
