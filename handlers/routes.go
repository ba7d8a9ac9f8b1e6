package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// Register lists every URL of the application. It is the one place to look
// for what the server answers.
func (h *Handler) Register(e *echo.Echo) {
	e.HTTPErrorHandler = h.HandleError
	e.Use(middleware.Recover())

	e.GET("/healthz", h.healthz)
	h.registerStatic(e)

	// JSON API: bearer tokens, no cookies, no CSRF.
	api := e.Group("/api/v1")
	api.POST("/auth/token", h.apiIssueToken)
	authed := api.Group("", h.requireBearer)
	authed.GET("/plans", h.apiListPlans)
	authed.POST("/plans", h.apiCreatePlan)
	authed.POST("/plans/:id/copy", h.apiCopyPlan)
	authed.GET("/plans/:id/themes", h.apiListThemes)
	authed.POST("/plans/:id/themes", h.apiCreateTheme)
	authed.GET("/themes/:id/matrix", h.apiThemeMatrix)
	authed.GET("/agencies", h.apiListAgencies)
	authed.GET("/agencies/league", h.apiLeague) // static: not taken for an agency code
	authed.PATCH("/agencies/:code", h.apiUpdateAgency)
	authed.POST("/users", h.apiCreateUser)
	authed.GET("/directives", h.apiListDirectives)
	authed.POST("/directives", h.apiCreateDirective)
	authed.GET("/directives/:id", h.apiShowDirective)
	authed.GET("/directives/:id/scoreboard", h.apiScoreboard)
	authed.GET("/assignments", h.apiListAssignments)
	authed.GET("/assignments/:id", h.apiShowAssignment)
	authed.PATCH("/assignments/:id", h.apiUpdateAssignment)
	authed.POST("/assignments/:id/extensions", h.apiRequestExtension)
	authed.GET("/extensions", h.apiListExtensions)
	authed.POST("/extensions/:id/decision", h.apiDecideExtension)
	authed.GET("/explanations", h.apiListExplanations)
	authed.POST("/explanations/:id/answer", h.apiAnswerExplanation)
	authed.GET("/holidays", h.apiListHolidays)
	authed.POST("/holidays", h.apiAddHoliday)
	authed.DELETE("/holidays/:id", h.apiRemoveHoliday)
	authed.GET("/targets", h.apiListTargets)
	authed.GET("/targets/:code", h.apiShowTarget)
	authed.POST("/targets/:code/values", h.apiReportTargetValue)
	api.Any("/*", func(c echo.Context) error {
		return httpError(http.StatusNotFound, "err.api_not_found")
	})

	// Pages: session cookie, CSRF token on every form.
	pages := e.Group("", h.csrf(), h.loadSession, h.loadLanguage)
	pages.GET("/login", h.showLogin)
	pages.POST("/login", h.login)
	pages.POST("/lang", h.switchLanguage)

	in := pages.Group("", requireLogin)
	in.POST("/logout", h.logout)
	in.GET("/", h.home)
	in.GET("/plans", h.listPlans)
	in.GET("/plans/new", h.newPlan)
	in.POST("/plans", h.createPlan)
	in.GET("/plans/:id", h.showPlan) // the year overview
	in.GET("/plans/:id/edit", h.editPlan)
	in.POST("/plans/:id", h.updatePlan)
	in.POST("/plans/:id/copy", h.copyPlan)
	in.GET("/plans/:id/themes/new", h.newTheme)
	in.POST("/plans/:id/themes", h.createTheme)
	in.GET("/themes/:id", h.showTheme) // the theme board
	in.GET("/themes/:id/matrix", h.showThemeMatrix)
	in.GET("/themes/:id/progress", h.showThemeProgress) // the theme's burn-up
	in.GET("/themes/:id/edit", h.editTheme)
	in.POST("/themes/:id", h.updateTheme)
	in.GET("/league", h.showLeague) // the league table of agencies
	in.GET("/targets", h.listTargets)
	in.GET("/targets/:code", h.showTarget)
	in.POST("/targets/:code/values", h.reportTargetValue)
	in.GET("/agencies", h.listAgencies)
	in.GET("/agencies/:code", h.showAgency)
	in.GET("/agencies/:code/edit", h.editAgency)
	in.POST("/agencies/:code", h.updateAgency)
	in.GET("/directives", h.listDirectives)
	in.GET("/directives/new", h.newDirective)
	in.POST("/directives", h.createDirective)
	in.GET("/directives/:id", h.showDirective)
	in.GET("/directives/:id/scoreboard", h.showScoreboard)
	in.GET("/directives/:id/edit", h.editDirective)
	in.POST("/directives/:id", h.updateDirective)
	in.GET("/assignments/:id", h.showAssignment)
	in.POST("/assignments/:id", h.updateAssignment)
	in.POST("/assignments/:id/card", h.updateCard) // a theme board card's small form (htmx)
	in.POST("/assignments/:id/extensions", h.requestExtension)
	in.POST("/assignments/:id/extensions/:ext/decision", h.decideExtension)
	in.POST("/assignments/:id/explanations/:req/answer", h.answerExplanation)
	in.GET("/extensions", h.listExtensions)
	in.GET("/explanations", h.listExplanations)
	in.GET("/admin/users", h.listUsers)
	in.POST("/admin/users", h.createUser)
	in.POST("/admin/users/:id/active", h.setUserActive)
	in.POST("/admin/users/:id/password", h.resetPassword)
	in.GET("/admin/holidays", h.listHolidays)
	in.POST("/admin/holidays", h.addHoliday)
	in.POST("/admin/holidays/:id/delete", h.removeHoliday)
	in.GET("/admin/reminders", h.showReminderSettings)
	in.POST("/admin/reminders", h.saveReminderSettings)
	in.GET("/admin/outbox", h.listOutbox)
	in.GET("/admin/outbox/:id", h.showOutboxMessage)
	in.POST("/admin/outbox/:id/resend", h.resendOutbox)
	in.GET("/admin/reminder-log", h.listReminderLog)
}

// healthz answers 200 when the database answers, 503 otherwise.
func (h *Handler) healthz(c echo.Context) error {
	if err := h.Store.Ping(c.Request().Context()); err != nil {
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "database unavailable"})
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}
