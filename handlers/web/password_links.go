package web

import (
	"errors"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"roviec/models"
)

// LinkProblem is the status and message of a password link that does not
// work (404 unknown or replaced, 410 used or expired); ok is false for any
// other error.
func (h *Handler) LinkProblem(c echo.Context, err error) (code int, msg string, ok bool) {
	switch {
	case errors.Is(err, models.ErrLinkInvalid):
		return http.StatusNotFound, h.T(c, "err.link_invalid"), true
	case errors.Is(err, models.ErrLinkUsed):
		return http.StatusGone, h.T(c, "err.link_used"), true
	case errors.Is(err, models.ErrLinkExpired):
		return http.StatusGone, h.T(c, "err.link_expired", "N", int(models.PasswordLinkTTL/time.Hour)), true
	}
	return 0, "", false
}
