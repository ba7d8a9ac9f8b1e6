package pages

import (
	"bytes"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"roviec/handlers/web"
	"roviec/static"
)

const csrfCookie = "roviec_csrf"

// Csrf protects every page form: the token travels in the form field
// csrf_token (or the X-CSRF-Token header for htmx) and must match the
// HttpOnly, SameSite=Lax cookie. A refused request gets a readable 403 page.
func (h *Handler) Csrf() echo.MiddlewareFunc {
	return middleware.CSRFWithConfig(middleware.CSRFConfig{
		TokenLookup:    "form:csrf_token,header:X-CSRF-Token",
		ContextKey:     web.CtxCSRF,
		CookieName:     csrfCookie,
		CookiePath:     "/",
		CookieMaxAge:   int((24 * time.Hour).Seconds()),
		CookieHTTPOnly: true,
		CookieSecure:   h.Opt.SecureCookies,
		CookieSameSite: http.SameSiteLaxMode,
		// Cross-site posts fall back to the token check instead of a bare error.
		AllowSecFetchSiteFunc: func(echo.Context) (bool, error) { return false, nil },
		ErrorHandler: func(err error, c echo.Context) error {
			if ck, cerr := c.Cookie(csrfCookie); cerr == nil {
				c.Set(web.CtxCSRF, ck.Value) // so the error page's own forms still work
			}
			return h.RenderError(c, http.StatusForbidden, h.T(c, "error.csrf"))
		},
	})
}

// LoadLanguage picks the page language: the user's choice when logged in,
// otherwise the roviec_lang cookie, otherwise Vietnamese.
func (h *Handler) LoadLanguage(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Set(web.CtxLang, h.Lang(c))
		return next(c)
	}
}

// RegisterStatic serves the embedded assets under /static/. A URL carrying
// the file's current version (?v=) may be cached for a year.
func (h *Handler) RegisterStatic(e *echo.Echo) {
	versions, err := static.Versions()
	if err != nil {
		panic(err) // the embedded files are part of the binary: this cannot fail at run time
	}
	e.GET("/static/*", func(c echo.Context) error {
		name := c.Param("*")
		v, ok := versions[name]
		if !ok {
			return echo.ErrNotFound
		}
		b, err := static.Files.ReadFile(name)
		if err != nil {
			return err
		}
		cache := "no-cache"
		if c.QueryParam("v") == v {
			cache = "public, max-age=31536000, immutable"
		}
		c.Response().Header().Set(echo.HeaderCacheControl, cache)
		c.Response().Header().Set("ETag", `"`+v+`"`)
		http.ServeContent(c.Response(), c.Request(), name, time.Time{}, bytes.NewReader(b))
		return nil
	})
}
