// Package web is what the JSON API and the pages share: the Handler with its
// dependencies, the current user and the one authorisation gate, sessions and
// bearer tokens, binding of query parameters, translation, rendering helpers
// and the central error handler that turns errors into 403/404/409/422 pages
// or JSON.
package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"roviec/metrics"
	"roviec/models"
	"roviec/models/store"
	"roviec/views"
)

// Options are the settings handlers need from the configuration.
type Options struct {
	BaseURL       string
	SecureCookies bool
	Demo          bool
	SessionTTL    time.Duration
	TokenTTL      time.Duration
	// Ready reports whether the instance may take traffic: the database
	// answers and its schema is the one this binary knows (/readyz).
	Ready func(ctx context.Context) error
	// MetricsToken is the bearer token /metrics asks for; empty: /metrics
	// is not served on the application's address.
	MetricsToken string
}

// Handler holds the dependencies of every HTTP handler.
type Handler struct {
	Store *store.Store
	Views *views.Renderer
	Now   func() time.Time
	Log   *slog.Logger
	Opt   Options
	// Logins throttles login attempts by account and by address.
	Logins *LoginThrottle
	// Resets throttles forgotten-password requests by e-mail and by address.
	Resets *LoginThrottle
	// Mail renders the e-mails handlers queue (invitations, reset links).
	Mail *views.MailRenderer
	// Metrics counts every request (nil: nothing is counted).
	Metrics *metrics.Metrics
	// PDF prints reports and meeting packs (nil or without a binary: no PDFs).
	PDF *PDFPrinter
}

const (
	SessionCookie = "roviec_session"
	LangCookie    = "roviec_lang"
	ctxUser       = "user"
	ctxToken      = "token"
	CtxCSRF       = "csrf"
)

// CurrentUser is the logged-in user of the request, or nil.
func CurrentUser(c echo.Context) *models.User {
	u, _ := c.Get(ctxUser).(*models.User)
	return u
}

// BearerToken is the API token the request came with, or nil (a session).
func BearerToken(c echo.Context) *models.Token {
	t, _ := c.Get(ctxToken).(*models.Token)
	return t
}

// Authorize is the handlers' one permission gate, for reads and writes: it
// asks models.Can and turns a refusal into a models.ForbiddenError (403).
func Authorize(c echo.Context, act models.Action, agencyID uint) error {
	if !models.Can(CurrentUser(c), act, agencyID) {
		return models.Forbidden("err.forbidden")
	}
	return nil
}

// AssignmentToChange loads the assignment named by the "id" path parameter
// (404) and checks that the current user may change it (403): the one
// gate for every write on an assignment's own agency.
func (h *Handler) AssignmentToChange(c echo.Context) (*models.Assignment, error) {
	a, err := h.assignmentParam(c)
	if err != nil {
		return nil, err
	}
	if err := Authorize(c, models.ActUpdateAssignment, a.AgencyID); err != nil {
		return nil, err
	}
	return a, nil
}

// assignmentParam loads the assignment named by the "id" path parameter
// (404 when malformed or unknown).
func (h *Handler) assignmentParam(c echo.Context) (*models.Assignment, error) {
	id, err := IdParam(c, "id")
	if err != nil {
		return nil, err
	}
	return h.Store.AssignmentByID(c.Request().Context(), id)
}

// IdParam parses a positive numeric path parameter; anything else is a 404.
func IdParam(c echo.Context, name string) (uint, error) { return ParseID(c.Param(name)) }

// ParseID reads a positive id from a path, query or form; anything else is
// models.ErrNotFound. Ids are read as 63-bit numbers: both databases keep
// them in a signed 64-bit column, and PostgreSQL refuses a larger number
// with an error rather than finding nothing.
func ParseID(s string) (uint, error) {
	n, err := strconv.ParseUint(s, 10, 63)
	if err != nil || n == 0 {
		return 0, models.ErrNotFound
	}
	return uint(n), nil
}

// StatusOf maps an error to its HTTP status and a message safe to show, in
// the request's language.
func (h *Handler) StatusOf(c echo.Context, err error) (int, string) {
	var he *echo.HTTPError
	var ve *models.ValidationError
	var fe *models.ForbiddenError
	var ce *models.ConflictError
	var se *models.StaleError
	switch {
	case errors.As(err, &ve):
		return http.StatusUnprocessableEntity, h.T(c, "error.invalid")
	case errors.As(err, &se):
		return http.StatusConflict, h.staleMessage(c, se)
	case errors.Is(err, models.ErrNotFound):
		return http.StatusNotFound, h.T(c, "err.not_found")
	case errors.As(err, &fe):
		return http.StatusForbidden, h.Msg(c, fe.Msg)
	case errors.Is(err, models.ErrForbidden):
		return http.StatusForbidden, h.T(c, "err.forbidden")
	case errors.As(err, &ce):
		return http.StatusConflict, h.Msg(c, ce.Msg)
	case errors.Is(err, models.ErrConflict):
		return http.StatusConflict, h.T(c, "err.conflict")
	case errors.As(err, &he) && he.Code < http.StatusInternalServerError:
		if m, ok := he.Message.(models.Msg); ok {
			return he.Code, h.Msg(c, m)
		}
		// Echo's own errors (an unknown route, a wrong method) carry English text.
		switch he.Code {
		case http.StatusNotFound:
			return he.Code, h.T(c, "err.not_found")
		case http.StatusMethodNotAllowed:
			return he.Code, h.T(c, "err.method_not_allowed")
		case http.StatusRequestEntityTooLarge:
			return he.Code, h.T(c, "err.body_too_large")
		}
		return he.Code, h.T(c, "error.generic")
	case errors.As(err, &he):
		return he.Code, h.T(c, "error.internal")
	}
	return http.StatusInternalServerError, h.T(c, "error.internal")
}

// FieldsOf returns the per-field messages of a validation error, or who
// changed each field since a stale change's version, if any, in the
// request's language.
func (h *Handler) FieldsOf(c echo.Context, err error) map[string]string {
	var ve *models.ValidationError
	if se := (*models.StaleError)(nil); errors.As(err, &se) {
		return h.staleFields(c, se)
	}
	if !errors.As(err, &ve) {
		return nil
	}
	out := make(map[string]string, len(ve.Fields))
	for field, m := range ve.Fields {
		out[field] = h.Msg(c, m)
	}
	return out
}

// HTTPError is an error with a status code and a message of the locale
// files, for refusals that are not the store's (a bad request body, say).
func HTTPError(code int, id string, kv ...any) error {
	return echo.NewHTTPError(code, models.NewMsg(id, kv...))
}
