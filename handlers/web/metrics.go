package web

import (
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// ServeMetrics answers /metrics in the Prometheus text format, only to a
// request that carries Options.MetricsToken as a bearer token (compared in
// constant time, so that timing does not tell how much of a guess was
// right). Without a token configured the application's address does not
// serve metrics at all (404): they name routes, volumes and failures an
// outsider should not see. ROVIEC_METRICS_ADDR serves them on an address of
// their own (app.App.Serve).
func (h *Handler) ServeMetrics(c echo.Context) error {
	if h.Opt.MetricsToken == "" || h.Metrics == nil {
		return HTTPError(http.StatusNotFound, "err.not_found")
	}
	if !BearerMatches(c.Request(), h.Opt.MetricsToken) {
		// Plain text rather than the error handler's answer, which sends a
		// browser to the login page: a scraper has no session to log in with.
		c.Response().Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
		return c.String(http.StatusUnauthorized, h.T(c, "err.metrics_token"))
	}
	h.Metrics.Handler().ServeHTTP(c.Response(), c.Request())
	return nil
}

// BearerMatches reports whether r carries "Authorization: Bearer token",
// comparing the token in constant time.
func BearerMatches(r *http.Request, token string) bool {
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(token)) == 1
}
