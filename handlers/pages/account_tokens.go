package pages

import (
	"errors"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/models/store"
	"roviec/views"
)

// tokensView is the data of the account page of personal API tokens.
type tokensView struct {
	Tokens      []tokenRow
	NewToken    string // the token just made, shown this once
	CalendarURL string // the person's calendar feed, "" while it is off
}

// tokenRow is one personal token as listed.
type tokenRow struct {
	ID        uint
	Name      string
	Scope     models.TokenScope
	CreatedAt time.Time
	ExpiresAt *time.Time // nil: never
	LastUsed  *time.Time
	Expired   bool
}

// ShowTokens lists the user's personal API tokens with a form to make one.
func (h *Handler) ShowTokens(c echo.Context) error {
	p, err := h.tokensPage(c, "")
	if err != nil {
		return err
	}
	return h.Render(c, http.StatusOK, "account_tokens", p)
}

func (h *Handler) tokensPage(c echo.Context, made string) (*views.Page, error) {
	list, err := h.Store.ListPersonalTokens(c.Request().Context(), web.CurrentUser(c).ID)
	if err != nil {
		return nil, err
	}
	v := tokensView{NewToken: made}
	feed, err := h.Store.CalendarFeed(c.Request().Context(), store.FeedOwner{UserID: web.CurrentUser(c).ID}, false, h.Now())
	switch {
	case err == nil:
		v.CalendarURL = h.CalendarURL(feed)
	case !errors.Is(err, models.ErrNotFound):
		return nil, err
	}
	for _, t := range list {
		r := tokenRow{ID: t.ID, Name: t.Name, Scope: t.Scope, CreatedAt: t.CreatedAt, LastUsed: t.LastUsedAt,
			Expired: !t.ExpiresAt.After(h.Now())}
		if !t.ExpiresAt.Equal(models.NoExpiry) {
			r.ExpiresAt = &t.ExpiresAt
		}
		v.Tokens = append(v.Tokens, r)
	}
	p := h.Page(c, h.T(c, "tokens.title"), v)
	p.Nav = "account"
	return p, nil
}

// CreateToken makes a personal API token and shows it on the page, this
// once (201): it is never put in a redirect, a flash or a log.
func (h *Handler) CreateToken(c echo.Context) error {
	form, err := web.FormParams(c)
	if err != nil {
		return err
	}
	plain, err := h.createToken(c, form.Get("name"), form.Get("scope"), form.Get("expires_at"))
	if err != nil {
		p, perr := h.tokensPage(c, "")
		if perr != nil {
			return perr
		}
		return h.FormPage(c, err, "account_tokens", p, form)
	}
	p, err := h.tokensPage(c, plain)
	if err != nil {
		return err
	}
	p.Flash = h.T(c, "flash.token_created")
	return h.Render(c, http.StatusCreated, "account_tokens", p)
}

func (h *Handler) createToken(c echo.Context, name, scope, expiry string) (string, error) {
	expires, err := models.ParseTokenExpiry(expiry, h.Store.Location())
	if err != nil {
		return "", err
	}
	plain, _, err := h.Store.CreatePersonalToken(c.Request().Context(), web.CurrentUser(c).ID,
		models.PersonalTokenInput{Name: name, Scope: models.TokenScope(scope), ExpiresAt: expires}, h.Now())
	return plain, err
}

// RevokeToken revokes one of the user's personal tokens.
func (h *Handler) RevokeToken(c echo.Context) error {
	id, err := web.IdParam(c, "id")
	if err != nil {
		return err
	}
	if err := h.Store.RevokePersonalToken(c.Request().Context(), web.CurrentUser(c).ID, id); err != nil {
		return err
	}
	return h.RedirectFlash(c, "/account/tokens", "flash.token_revoked")
}

// NewCalendarAddress turns the person's calendar feed on, or gives it a new
// address (the old one then answers 404).
func (h *Handler) NewCalendarAddress(c echo.Context) error {
	if _, err := h.Store.RegenerateCalendarFeed(c.Request().Context(), store.FeedOwner{UserID: web.CurrentUser(c).ID}, h.Now()); err != nil {
		return err
	}
	return h.RedirectFlash(c, "/account/tokens#calendar", "flash.calendar_changed")
}

// RevokeCalendar turns the person's calendar feed off.
func (h *Handler) RevokeCalendar(c echo.Context) error {
	err := h.Store.RevokeCalendarFeed(c.Request().Context(), store.FeedOwner{UserID: web.CurrentUser(c).ID})
	if err != nil && !errors.Is(err, models.ErrNotFound) {
		return err
	}
	return h.RedirectFlash(c, "/account/tokens#calendar", "flash.calendar_revoked")
}
