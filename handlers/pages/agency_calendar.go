package pages

import (
	"errors"
	"net/url"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
)

// agencyFeedOf is the agency's calendar feed for its page: nil when the
// user may not manage it (the API's rule, web.AgencyFeedOwner), an empty
// address while it is off.
func (h *Handler) agencyFeedOf(c echo.Context, a *models.Agency) (*agencyFeed, error) {
	o, err := web.AgencyFeedOwner(c, a)
	if err != nil { // refused (403): no panel
		return nil, nil
	}
	feed, err := h.Store.CalendarFeed(c.Request().Context(), o, false, h.Now())
	switch {
	case err == nil:
		return &agencyFeed{URL: h.CalendarURL(feed)}, nil
	case errors.Is(err, models.ErrNotFound):
		return &agencyFeed{}, nil
	}
	return nil, err
}

// NewAgencyCalendarAddress turns the agency's calendar feed on, or gives it
// a new address (the old one then answers 404).
func (h *Handler) NewAgencyCalendarAddress(c echo.Context) error {
	o, err := h.FeedOwnerOf(c, c.Param("code"))
	if err != nil {
		return err
	}
	if _, err := h.Store.RegenerateCalendarFeed(c.Request().Context(), o, h.Now()); err != nil {
		return err
	}
	return h.RedirectFlash(c, agencyCalendarPath(c), "flash.agency_calendar_changed")
}

// RevokeAgencyCalendar turns the agency's calendar feed off.
func (h *Handler) RevokeAgencyCalendar(c echo.Context) error {
	o, err := h.FeedOwnerOf(c, c.Param("code"))
	if err != nil {
		return err
	}
	if err := h.Store.RevokeCalendarFeed(c.Request().Context(), o); err != nil && !errors.Is(err, models.ErrNotFound) {
		return err
	}
	return h.RedirectFlash(c, agencyCalendarPath(c), "flash.agency_calendar_revoked")
}

// agencyCalendarPath is the agency page's calendar panel.
func agencyCalendarPath(c echo.Context) string {
	return "/agencies/" + url.PathEscape(c.Param("code")) + "#calendar"
}
