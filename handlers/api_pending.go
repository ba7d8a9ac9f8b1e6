package handlers

// PENDING: placeholders for the JSON API handlers, replaced by the API work.
// This whole file is deleted when the real API handlers land.

import "github.com/labstack/echo/v4"

func (h *Handler) apiIssueToken(c echo.Context) error       { return pending(c) }
func (h *Handler) apiListPlans(c echo.Context) error        { return pending(c) }
func (h *Handler) apiCreatePlan(c echo.Context) error       { return pending(c) }
func (h *Handler) apiCopyPlan(c echo.Context) error         { return pending(c) }
func (h *Handler) apiListThemes(c echo.Context) error       { return pending(c) }
func (h *Handler) apiCreateTheme(c echo.Context) error      { return pending(c) }
func (h *Handler) apiListAgencies(c echo.Context) error     { return pending(c) }
func (h *Handler) apiUpdateAgency(c echo.Context) error     { return pending(c) }
func (h *Handler) apiCreateUser(c echo.Context) error       { return pending(c) }
func (h *Handler) apiListDirectives(c echo.Context) error   { return pending(c) }
func (h *Handler) apiCreateDirective(c echo.Context) error  { return pending(c) }
func (h *Handler) apiShowDirective(c echo.Context) error    { return pending(c) }
func (h *Handler) apiListAssignments(c echo.Context) error  { return pending(c) }
func (h *Handler) apiShowAssignment(c echo.Context) error   { return pending(c) }
func (h *Handler) apiUpdateAssignment(c echo.Context) error { return pending(c) }
