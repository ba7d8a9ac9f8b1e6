package handlers

// PENDING: placeholders for the page handlers, replaced by the pages work.
// This whole file is deleted when the real page handlers land.

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

func pending(c echo.Context) error { return echo.NewHTTPError(http.StatusNotImplemented) }

func (h *Handler) registerStatic(e *echo.Echo) {}
func (h *Handler) csrf() echo.MiddlewareFunc {
	return func(n echo.HandlerFunc) echo.HandlerFunc { return n }
}
func (h *Handler) loadLanguage(n echo.HandlerFunc) echo.HandlerFunc { return n }
func (h *Handler) renderError(c echo.Context, code int, msg string) error {
	return c.String(code, msg)
}
func (h *Handler) showLogin(c echo.Context) error      { return pending(c) }
func (h *Handler) login(c echo.Context) error          { return pending(c) }
func (h *Handler) switchLanguage(c echo.Context) error { return pending(c) }
func (h *Handler) logout(c echo.Context) error         { return pending(c) }
func (h *Handler) home(c echo.Context) error           { return pending(c) }
func (h *Handler) listPlans(c echo.Context) error      { return pending(c) }
func (h *Handler) newPlan(c echo.Context) error        { return pending(c) }
func (h *Handler) createPlan(c echo.Context) error     { return pending(c) }
func (h *Handler) showPlan(c echo.Context) error       { return pending(c) }
func (h *Handler) editPlan(c echo.Context) error       { return pending(c) }
func (h *Handler) updatePlan(c echo.Context) error     { return pending(c) }
func (h *Handler) copyPlan(c echo.Context) error       { return pending(c) }
func (h *Handler) newTheme(c echo.Context) error       { return pending(c) }
func (h *Handler) createTheme(c echo.Context) error    { return pending(c) }
func (h *Handler) showTheme(c echo.Context) error      { return pending(c) }
func (h *Handler) editTheme(c echo.Context) error      { return pending(c) }
func (h *Handler) updateTheme(c echo.Context) error    { return pending(c) }
func (h *Handler) listAgencies(c echo.Context) error   { return pending(c) }
func (h *Handler) showAgency(c echo.Context) error     { return pending(c) }
func (h *Handler) editAgency(c echo.Context) error     { return pending(c) }
func (h *Handler) updateAgency(c echo.Context) error   { return pending(c) }
func (h *Handler) listDirectives(c echo.Context) error { return pending(c) }
func (h *Handler) newDirective(c echo.Context) error   { return pending(c) }
func (h *Handler) createDirective(c echo.Context) error {
	return pending(c)
}
func (h *Handler) showDirective(c echo.Context) error    { return pending(c) }
func (h *Handler) editDirective(c echo.Context) error    { return pending(c) }
func (h *Handler) updateDirective(c echo.Context) error  { return pending(c) }
func (h *Handler) showAssignment(c echo.Context) error   { return pending(c) }
func (h *Handler) updateAssignment(c echo.Context) error { return pending(c) }
func (h *Handler) listUsers(c echo.Context) error        { return pending(c) }
func (h *Handler) createUser(c echo.Context) error       { return pending(c) }
func (h *Handler) setUserActive(c echo.Context) error    { return pending(c) }
func (h *Handler) resetPassword(c echo.Context) error    { return pending(c) }
