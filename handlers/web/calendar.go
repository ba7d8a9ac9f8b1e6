package web

import (
	"bytes"
	"context"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"roviec/models"
	"roviec/models/store"
	"roviec/views"
)

// CalendarURL is the address a feed is subscribed at.
func (h *Handler) CalendarURL(f *models.CalendarFeed) string {
	return h.Opt.BaseURL + "/calendar/" + f.Secret + ".ics"
}

// ServeCalendar answers a calendar app at a feed's secret address
// (/calendar/{secret}.ics) with the feed's open assignments; an unknown or
// revoked secret is a 404. No login: the secret is the permission, and a
// person's feed ends with their account (deactivated: 404).
func (h *Handler) ServeCalendar(c echo.Context) error {
	secret, ok := strings.CutSuffix(c.Param("file"), ".ics")
	if !ok {
		return models.ErrNotFound
	}
	ctx := c.Request().Context()
	f, err := h.Store.CalendarFeedBySecret(ctx, secret)
	if err != nil {
		return err
	}
	feed := views.CalendarFeed{Lang: views.LangVI, BaseURL: h.Opt.BaseURL, Now: h.Now()}
	if feed.Name, feed.Lang, err = h.feedName(ctx, f); err != nil {
		return err
	}
	if feed.Events, err = h.Store.FeedEvents(ctx, f); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := h.Views.WriteCalendar(&buf, feed); err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "private, max-age=300")
	return c.Blob(http.StatusOK, "text/calendar; charset=utf-8", buf.Bytes())
}

// feedName is the calendar's name and language: a person's in their
// language, an agency's in Vietnamese with the agency's name.
func (h *Handler) feedName(ctx context.Context, f *models.CalendarFeed) (name, lang string, err error) {
	if f.UserID != nil {
		u, err := h.Store.UserByID(ctx, *f.UserID)
		if err != nil {
			return "", "", err
		}
		lang = views.LangVI
		if views.IsLanguage(u.Language) {
			lang = u.Language
		}
		return h.Views.T(lang, "calendar.name_user", "Name", u.Name), lang, nil
	}
	a, err := h.Store.AgencyByID(ctx, *f.AgencyID)
	if err != nil {
		return "", "", err
	}
	return h.Views.T(views.LangVI, "calendar.name_agency", "Name", a.Name), views.LangVI, nil
}

// FeedOwnerOf is the feed an API request or page names: the caller's own
// (no agency code), or the agency's, for whoever may report on the agency's
// work (its focal points, the committee).
func (h *Handler) FeedOwnerOf(c echo.Context, code string) (store.FeedOwner, error) {
	if code == "" {
		return store.FeedOwner{UserID: CurrentUser(c).ID}, nil
	}
	a, err := h.Store.AgencyByCode(c.Request().Context(), code)
	if err != nil {
		return store.FeedOwner{}, err
	}
	return AgencyFeedOwner(c, a)
}

// AgencyFeedOwner is agency a's feed, when the caller may manage it (else a
// 403): the one rule for the agency's feed, of the API and the agency page.
func AgencyFeedOwner(c echo.Context, a *models.Agency) (store.FeedOwner, error) {
	if err := Authorize(c, models.ActUpdateAssignment, a.ID); err != nil {
		return store.FeedOwner{}, err
	}
	return store.FeedOwner{AgencyID: a.ID}, nil
}
