package pages

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
)

// AttachFile attaches the upload form's file to the assignment as evidence
// and comes back to its files. A refused file (none, too large, a type not
// accepted, a closed assignment) re-renders the page with the reason at the
// form and the status saying it (422, 413, 415, 409).
func (h *Handler) AttachFile(c echo.Context) error {
	p, a, err := h.assignmentPage(c)
	if err != nil {
		return err
	}
	if err := web.Authorize(c, models.ActUpdateAssignment, a.AgencyID); err != nil {
		return err
	}
	up, err := web.ReadUpload(c)
	if err == nil {
		_, err = h.Store.AttachFile(c.Request().Context(), web.CurrentUser(c), a.ID, up.Name, up.Kind, up.Data, h.Now())
	}
	if err != nil {
		code, msg := h.StatusOf(c, err)
		var ce *models.ConflictError
		switch {
		case errors.As(err, &ce):
			p.Alert = msg
		case code == http.StatusUnprocessableEntity:
			p.Errors = h.FieldsOf(c, err)
		case code == http.StatusRequestEntityTooLarge || code == http.StatusUnsupportedMediaType:
			p.Errors = map[string]string{"file": msg}
		default:
			return err
		}
		p.Values = assignmentValues(a)
		return h.Render(c, code, "assignment", p)
	}
	return h.RedirectFlash(c, "/assignments/"+strconv.Itoa(int(a.ID))+"#files", "flash.file_attached")
}

// RemoveFile takes a file off the assignment's list; it stays readable from
// the history.
func (h *Handler) RemoveFile(c echo.Context) error {
	a, err := h.AssignmentToChange(c)
	if err != nil {
		return err
	}
	fileID, err := web.IdParam(c, "file")
	if err != nil {
		return err
	}
	f, err := h.Store.FileByID(c.Request().Context(), fileID)
	if err != nil {
		return err
	}
	if f.AssignmentID != a.ID {
		return models.ErrNotFound
	}
	if _, err := h.Store.RemoveFile(c.Request().Context(), web.CurrentUser(c), f.ID, h.Now()); err != nil {
		return err
	}
	return h.RedirectFlash(c, "/assignments/"+strconv.Itoa(int(a.ID))+"#files", "flash.file_removed")
}
