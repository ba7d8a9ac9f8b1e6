package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"roviec/models"
)

// LoadSession resolves the session cookie to a user for page requests.
func (h *Handler) LoadSession(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if ck, err := c.Cookie(SessionCookie); err == nil && ck.Value != "" {
			u, _, err := h.Store.UserByToken(c.Request().Context(), ck.Value, models.TokenSession, h.Now())
			if err == nil {
				c.Set(ctxUser, u)
			} else if !errors.Is(err, models.ErrNotFound) {
				return err
			}
		}
		return next(c)
	}
}

// RequireLogin sends anonymous visitors to the login page (htmx requests get
// a full-page redirect header instead).
func RequireLogin(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if CurrentUser(c) != nil {
			return next(c)
		}
		target := "/login?next=" + url.QueryEscape(c.Request().URL.RequestURI())
		if IsHTMX(c) {
			c.Response().Header().Set("HX-Redirect", target)
			return c.NoContent(http.StatusUnauthorized)
		}
		return c.Redirect(http.StatusSeeOther, target)
	}
}

// RequireBearer authenticates API requests by their bearer token (401
// otherwise). It is also the one place a read-only token is held to reads:
// any method but GET, HEAD and OPTIONS is a 403 before a handler runs, so a
// write route added later is covered without a line of its own.
func (h *Handler) RequireBearer(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		auth := c.Request().Header.Get(echo.HeaderAuthorization)
		token, ok := strings.CutPrefix(auth, "Bearer ")
		if !ok || token == "" {
			return HTTPError(http.StatusUnauthorized, "err.token_missing")
		}
		u, tok, err := h.Store.UserByBearer(c.Request().Context(), strings.TrimSpace(token), h.Now())
		if errors.Is(err, models.ErrNotFound) {
			return HTTPError(http.StatusUnauthorized, "err.token_invalid")
		}
		if err != nil {
			return err
		}
		c.Set(ctxUser, u)
		c.Set(ctxToken, tok)
		if tok.Scope != models.ScopeWrite && !readMethod(c.Request().Method) {
			return models.Forbidden("err.token_read_only")
		}
		return next(c)
	}
}

// readMethod reports whether an HTTP method only reads.
func readMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// SetCookie sets one of the application's cookies: site-wide, HttpOnly,
// SameSite=Lax, Secure when the base URL is https; a negative maxAge deletes it.
func (h *Handler) SetCookie(c echo.Context, name, value string, maxAge int) {
	c.SetCookie(&http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: h.Opt.SecureCookies})
}
