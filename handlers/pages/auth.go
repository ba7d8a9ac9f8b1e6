package pages

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/views"
)

// safeNext returns next when it is a path on this site, "/" otherwise, so
// that ?next= cannot send a user elsewhere after logging in.
func safeNext(next string) string {
	u, err := url.Parse(next)
	if err != nil || next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") ||
		strings.HasPrefix(next, "/\\") || u.Scheme != "" || u.Host != "" {
		return "/"
	}
	return next
}

// ShowLogin is the login form; a logged-in user goes straight on.
func (h *Handler) ShowLogin(c echo.Context) error {
	if web.CurrentUser(c) != nil {
		return c.Redirect(http.StatusSeeOther, safeNext(c.QueryParam("next")))
	}
	p := h.Page(c, h.T(c, "login.title"), nil)
	p.Values.Set("next", c.QueryParam("next"))
	return h.Render(c, http.StatusOK, "login", p)
}

// Login checks the e-mail and password and starts a session; attempts that
// come too fast get the form again with a 429.
func (h *Handler) Login(c echo.Context) error {
	form, err := web.FormParams(c)
	if err != nil {
		return err
	}
	attempt, err := h.BeginLogin(c, form.Get("email"))
	if err != nil {
		code, msg := h.StatusOf(c, err)
		return h.loginFailed(c, form, code, msg)
	}
	u, err := h.Store.Authenticate(c.Request().Context(), form.Get("email"), form.Get("password"))
	if errors.Is(err, models.ErrNotFound) {
		return h.loginFailed(c, form, http.StatusUnauthorized, h.T(c, "login.failed"))
	}
	if err != nil {
		return err
	}
	attempt.Succeeded(h.Now())
	plain, _, err := h.Store.IssueToken(c.Request().Context(), u.ID, models.TokenSession, h.Now(), h.Opt.SessionTTL)
	if err != nil {
		return err
	}
	h.SetCookie(c, web.SessionCookie, plain, int(h.Opt.SessionTTL.Seconds()))
	h.setLangCookie(c, u.Language)
	return c.Redirect(http.StatusSeeOther, safeNext(form.Get("next")))
}

// loginFailed shows the login form again with the e-mail kept and why.
func (h *Handler) loginFailed(c echo.Context, form url.Values, code int, alert string) error {
	p := h.Page(c, h.T(c, "login.title"), nil)
	p.Alert = alert
	form.Del("password")
	p.Values = form
	return h.Render(c, code, "login", p)
}

// Logout ends the session.
func (h *Handler) Logout(c echo.Context) error {
	if ck, err := c.Cookie(web.SessionCookie); err == nil && ck.Value != "" {
		if err := h.Store.RevokeToken(c.Request().Context(), ck.Value); err != nil {
			return err
		}
	}
	h.SetCookie(c, web.SessionCookie, "", -1)
	return c.Redirect(http.StatusSeeOther, "/login")
}

// SwitchLanguage stores the language choice (for the user, and in a cookie
// for visitors) and goes back to the page it came from.
func (h *Handler) SwitchLanguage(c echo.Context) error {
	form, err := web.FormParams(c)
	if err != nil {
		return err
	}
	lang := form.Get("lang")
	if !views.IsLanguage(lang) {
		return web.HTTPError(http.StatusBadRequest, "err.language")
	}
	if u := web.CurrentUser(c); u != nil {
		if err := h.Store.SetUserLanguage(c.Request().Context(), u.ID, lang); err != nil {
			return err
		}
	}
	h.setLangCookie(c, lang)
	return c.Redirect(http.StatusSeeOther, safeNext(form.Get("next")))
}

// setLangCookie remembers the language for a year.
func (h *Handler) setLangCookie(c echo.Context, lang string) {
	h.SetCookie(c, web.LangCookie, lang, 365*24*3600)
}
