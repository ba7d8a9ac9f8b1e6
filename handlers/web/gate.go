package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
)

// Gate bounds how many heavy requests (those that may rebuild a whole theme
// or plan from its history) run at once, so that a burst of them queues
// instead of exhausting memory. A request that waits longer than the gate's
// patience is refused with 429 and a Retry-After.
type Gate struct {
	slots    chan struct{}
	patience time.Duration
}

// NewGate lets n heavy requests run at once; others wait up to patience.
func NewGate(n int, patience time.Duration) *Gate {
	return &Gate{slots: make(chan struct{}, max(n, 1)), patience: patience}
}

// Middleware runs next within the gate.
func (g *Gate) Middleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		timer := time.NewTimer(g.patience)
		defer timer.Stop()
		select {
		case g.slots <- struct{}{}:
		case <-timer.C:
			c.Response().Header().Set("Retry-After", strconv.Itoa(int(g.patience.Seconds())))
			return HTTPError(http.StatusTooManyRequests, "err.busy")
		case <-c.Request().Context().Done():
			return c.Request().Context().Err()
		}
		defer func() { <-g.slots }()
		return next(c)
	}
}
