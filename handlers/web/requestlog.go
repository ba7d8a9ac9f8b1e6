package web

import (
	"time"

	"github.com/labstack/echo/v4"
)

// LogRequests counts every request in the metrics and writes one line per request: method, the route pattern (never
// the raw path or query, which may carry a token or personal data), status,
// duration and the user's id when someone is logged in. Passwords, tokens and
// session ids are never among them. Errors are handed to the central handler
// first, so the line has the status the client got.
func (h *Handler) LogRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now() // a duration, not a rule's time: the wall clock is right here
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		route := c.Path()
		if route == "" {
			route = "(no route)"
		}
		took := time.Since(start)
		if h.Metrics != nil {
			h.Metrics.Request(c.Request().Method, route, c.Response().Status, took)
		}
		attrs := []any{"method", c.Request().Method, "route", route, "status", c.Response().Status,
			"duration_ms", float64(took.Microseconds()) / 1000}
		if u := CurrentUser(c); u != nil {
			attrs = append(attrs, "user_id", u.ID)
		}
		h.Log.Info("request", attrs...)
		return nil
	}
}
