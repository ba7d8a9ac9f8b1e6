package web

import (
	"strings"

	"github.com/labstack/echo/v4"
)

// MaxBodySize bounds every request body (Echo's BodyLimit syntax).
const MaxBodySize = "1M"

// ContentSecurityPolicy is the policy of every response: scripts, styles,
// frames and form targets only from the application itself, no inline
// script or style anywhere (htmx is a file under /static/, its indicator
// styles are in app.css), images also as data: URLs, and no framing by
// other sites.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"

// hstsMaxAge is a year, without includeSubDomains: other services of the
// same government domain may not all be on https.
const hstsMaxAge = "max-age=31536000"

// SecurityHeaders sets the security headers of every response before the
// handler runs, so that a handler with a reason to differ (a static file
// that may be cached, a framed e-mail body) overrides one by setting it
// again. Responses are not stored by browsers or proxies (Cache-Control:
// no-store): pages and API answers carry personal data. Strict-Transport-
// Security is sent when the public URL (ROVIEC_BASE_URL) is https: that is
// the operator's statement that the app is only reached over TLS, which a
// request's own scheme behind a TLS-terminating proxy cannot tell.
func (h *Handler) SecurityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		hd := c.Response().Header()
		hd.Set("Content-Security-Policy", ContentSecurityPolicy)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Referrer-Policy", "same-origin")
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
		hd.Set(echo.HeaderCacheControl, "no-store")
		if strings.HasPrefix(strings.ToLower(h.Opt.BaseURL), "https://") {
			hd.Set("Strict-Transport-Security", hstsMaxAge)
		}
		return next(c)
	}
}
