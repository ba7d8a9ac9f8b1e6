package web

import (
	"net/http"
	"roviec/models"
	"roviec/views"
	"strings"

	"github.com/labstack/echo/v4"
	"golang.org/x/text/language"
)

// Today is the current date in the deadlines' time zone: the default day
// of every "as of" question, and the latest one.
func (h *Handler) Today() models.Day { return models.DayOf(h.Now(), h.Store.Location()) }

// AsOfParam reads ?as_of= (YYYY-MM-DD, or dd/mm/yyyy as pages send it):
// absent means today in the configured zone, a later day is answered for
// today. A date that does not parse is a 422 on field as_of, returned with
// today so that a page can still show the current figures.
func (h *Handler) AsOfParam(c echo.Context) (models.Day, error) {
	d, err := models.ParseDay(strings.TrimSpace(c.QueryParam("as_of")))
	if err != nil {
		return h.Today(), models.Invalid("as_of", "err.as_of_invalid")
	}
	return h.Store.ClampAsOf(d, h.Now()), nil
}

// apiLang is the language of an API answer: the first language of the
// Accept-Language header that the application speaks, else the user's own,
// else Vietnamese.
func apiLang(c echo.Context) string {
	tags, weights, _ := language.ParseAcceptLanguage(c.Request().Header.Get("Accept-Language"))
	for i, tag := range tags {
		if base, _ := tag.Base(); weights[i] > 0 && views.IsLanguage(base.String()) {
			return base.String()
		}
	}
	if u := CurrentUser(c); u != nil && views.IsLanguage(u.Language) {
		return u.Language
	}
	return views.LangVI
}

// Readyz answers 200 when the instance may take traffic (Options.Ready),
// 503 otherwise, with the reason in the log rather than to the world.
func (h *Handler) Readyz(c echo.Context) error {
	if err := h.Opt.Ready(c.Request().Context()); err != nil {
		h.Log.Warn("not ready", "err", err)
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "not ready"})
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ready"})
}

// Healthz answers 200 when the database answers, 503 otherwise.
func (h *Handler) Healthz(c echo.Context) error {
	if err := h.Store.Ping(c.Request().Context()); err != nil {
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "database unavailable"})
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}
