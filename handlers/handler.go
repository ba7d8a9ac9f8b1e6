// Package handlers turns HTTP requests into store calls and rendered pages or
// JSON: bind, authorise, validate, call the store, then render or redirect.
package handlers

import (
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"roviec/models"
	"roviec/views"
)

// Options are the settings handlers need from the configuration.
type Options struct {
	BaseURL       string
	SecureCookies bool
	Demo          bool
	SessionTTL    time.Duration
	TokenTTL      time.Duration
}

// Handler holds the dependencies of every HTTP handler.
type Handler struct {
	Store *models.Store
	Views *views.Renderer
	Now   func() time.Time
	Log   *slog.Logger
	Opt   Options
}

const (
	sessionCookie = "roviec_session"
	langCookie    = "roviec_lang"
	ctxUser       = "user"
	ctxCSRF       = "csrf"
)

// currentUser is the logged-in user of the request, or nil.
func currentUser(c echo.Context) *models.User {
	u, _ := c.Get(ctxUser).(*models.User)
	return u
}

// authorize is the one gate every write goes through: it asks models.Can and
// turns a refusal into models.ErrForbidden (403).
func authorize(c echo.Context, act models.Action, agencyID uint) error {
	if !models.Can(currentUser(c), act, agencyID) {
		return &models.ForbiddenError{Msg: "Bạn không có quyền thực hiện thao tác này."}
	}
	return nil
}

// assignmentToChange loads the assignment named by the "id" path parameter
// (404) and checks that the current user may change it (403): the one
// gate for every write on an assignment's own agency.
func (h *Handler) assignmentToChange(c echo.Context) (*models.Assignment, error) {
	id, err := idParam(c, "id")
	if err != nil {
		return nil, err
	}
	a, err := h.Store.AssignmentByID(c.Request().Context(), id)
	if err != nil {
		return nil, err
	}
	if err := authorize(c, models.ActUpdateAssignment, a.AgencyID); err != nil {
		return nil, err
	}
	return a, nil
}

// idParam parses a positive numeric path parameter; anything else is a 404.
func idParam(c echo.Context, name string) (uint, error) {
	n, err := strconv.ParseUint(c.Param(name), 10, 64)
	if err != nil || n == 0 {
		return 0, models.ErrNotFound
	}
	return uint(n), nil
}

// statusOf maps an error to its HTTP status and a message safe to show.
func statusOf(err error) (int, string) {
	var he *echo.HTTPError
	var ve *models.ValidationError
	switch {
	case errors.As(err, &ve):
		return http.StatusUnprocessableEntity, "Dữ liệu không hợp lệ."
	case errors.Is(err, models.ErrNotFound):
		return http.StatusNotFound, "Không tìm thấy."
	case errors.Is(err, models.ErrForbidden):
		return http.StatusForbidden, err.Error()
	case errors.Is(err, models.ErrConflict):
		return http.StatusConflict, err.Error()
	case errors.As(err, &he):
		msg := http.StatusText(he.Code)
		if s, ok := he.Message.(string); ok && he.Code < 500 {
			msg = s
		}
		return he.Code, msg
	}
	return http.StatusInternalServerError, "Lỗi hệ thống, vui lòng thử lại sau."
}

// fieldsOf returns the per-field messages of a validation error, if any.
func fieldsOf(err error) map[string]string {
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		return ve.Fields
	}
	return nil
}
