package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
)

// calendarJSON is a calendar feed's secret address.
type calendarJSON struct {
	URL string `json:"url"`
}

// MyCalendar answers the caller's calendar feed address {"url"}, made at
// the first request unless the request comes with a read-only token (a
// feed's address outlives the token: 404 then, until a write makes it).
// /agencies/{code}/calendar is the agency's.
func (h *Handler) MyCalendar(c echo.Context) error {
	o, err := h.FeedOwnerOf(c, c.Param("code"))
	if err != nil {
		return err
	}
	t := web.BearerToken(c)
	may := t == nil || t.Scope == models.ScopeWrite
	f, err := h.Store.CalendarFeed(c.Request().Context(), o, may, h.Now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, calendarJSON{URL: h.CalendarURL(f)})
}

// RegenerateCalendar gives the feed a new address (the old one answers 404).
func (h *Handler) RegenerateCalendar(c echo.Context) error {
	o, err := h.FeedOwnerOf(c, c.Param("code"))
	if err != nil {
		return err
	}
	f, err := h.Store.RegenerateCalendarFeed(c.Request().Context(), o, h.Now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, calendarJSON{URL: h.CalendarURL(f)})
}

// RevokeCalendar ends the feed's address (204); none is a 404.
func (h *Handler) RevokeCalendar(c echo.Context) error {
	o, err := h.FeedOwnerOf(c, c.Param("code"))
	if err != nil {
		return err
	}
	if err := h.Store.RevokeCalendarFeed(c.Request().Context(), o); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
