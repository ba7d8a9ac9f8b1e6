package pages

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
)

// UrgeAgencies urges ("đôn đốc") the late agencies ticked on a directive's
// scoreboard: one e-mail to each one's focal points, once a day per agency
// (store.Urge), then back to the scoreboard saying how many were urged.
func (h *Handler) UrgeAgencies(c echo.Context) error {
	id, form, err := web.IdAndForm(c)
	if err != nil {
		return err
	}
	if err := web.Authorize(c, models.ActReview, 0); err != nil {
		return err
	}
	back := "/directives/" + strconv.FormatUint(uint64(id), 10) + "/scoreboard"
	results, err := h.Store.Urge(c.Request().Context(), web.CurrentUser(c), id, form["agency_codes"], h.Now())
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		return h.RedirectFlash(c, back, "flash.urge_none")
	}
	if err != nil {
		return err
	}
	urged := 0
	for _, r := range results {
		if r.Err == nil {
			urged++
			continue
		}
		if code, _ := h.StatusOf(c, r.Err); code >= http.StatusInternalServerError {
			return r.Err
		}
	}
	if urged < len(results) {
		return h.RedirectFlash(c, back, "flash.urged_some", urged)
	}
	return h.RedirectFlash(c, back, "flash.urged", urged)
}
