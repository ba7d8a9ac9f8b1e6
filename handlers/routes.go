// Package handlers lists every URL of the application (routes.go) and wires
// the JSON API (handlers/api) and the pages (handlers/pages) to the parts they
// share (handlers/web).
package handlers

import (
	"net/http"
	"roviec/handlers/api"
	"roviec/handlers/export"
	"roviec/handlers/pages"
	"roviec/handlers/web"
	"runtime"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// Register lists every URL of the application. It is the one place to look
// for what the server answers.
func Register(e *echo.Echo, h *web.Handler) {
	a, p := &api.Handler{Handler: h}, &pages.Handler{Handler: h, Imports: pages.NewHeldImports()}
	x := &export.Handler{Handler: h}
	// Views that may rebuild a whole theme or plan from its history (as of
	// a past date, charts over time) run a few at a time.
	heavy := web.NewGate(runtime.NumCPU(), 10*time.Second).Middleware
	e.HTTPErrorHandler = h.HandleError
	e.Use(h.SecurityHeaders, h.LogRequests, middleware.Recover())
	// No form or API body of this application comes near 1 MB; a bigger one
	// is refused (413) before anything reads it. Evidence uploads have their
	// own, higher limit (web.LimitUploads).
	e.Use(middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{Limit: web.MaxBodySize, Skipper: web.IsUpload}),
		web.LimitUploads)

	e.GET("/healthz", h.Healthz)
	e.GET("/readyz", h.Readyz)
	e.GET("/metrics", h.ServeMetrics) // only with ROVIEC_METRICS_TOKEN, as a bearer token
	p.RegisterStatic(e)
	// Calendar feeds: the secret in the address is the permission, for
	// calendar apps that carry no login.
	e.GET("/calendar/:file", h.ServeCalendar)

	// JSON API: bearer tokens, no cookies, no CSRF. Every request carries
	// its actor (user and address) to the store's audit trail.
	api := e.Group("/api/v1")
	api.POST("/auth/token", a.IssueToken, web.RecordActor)
	api.GET("/openapi.json", a.OpenAPI) // the description of every route here (handlers/apidoc)
	authed := api.Group("", h.RequireBearer, web.RecordActor)
	authed.GET("/plans", a.ListPlans)
	authed.POST("/plans", a.CreatePlan)
	authed.POST("/plans/:id/copy", a.CopyPlan)
	authed.POST("/plans/:id/import", a.ImportDirectives) // multipart, field "file" (.xlsx, .csv); ?dry_run=1 previews; up to 10 MB
	authed.PUT("/plans/:id/public", a.SetPlanPublic)
	authed.GET("/plans/:id/themes", a.ListThemes)
	authed.POST("/plans/:id/themes", a.CreateTheme)
	authed.GET("/themes/:id/matrix", a.ThemeMatrix, heavy)
	authed.GET("/agencies", a.ListAgencies)
	authed.GET("/agencies/league", a.League, heavy) // static: not taken for an agency code
	authed.POST("/agencies/merge", a.MergeAgencies) // static: not taken for an agency code
	authed.POST("/agencies/urge", a.UrgeInPlan)     // the league's late agencies, urged about all their overdue work
	authed.PATCH("/agencies/:code", a.UpdateAgency)
	authed.POST("/users", a.CreateUser)
	authed.POST("/users/invitations", a.InviteUser)
	authed.POST("/account/password", a.ChangePassword)
	authed.GET("/directives", a.ListDirectives)
	authed.POST("/directives", a.CreateDirective)
	authed.GET("/directives/:id", a.ShowDirective)
	authed.GET("/directives/:id/scoreboard", a.Scoreboard, heavy)
	authed.POST("/directives/:id/urge", a.UrgeAgencies)
	authed.GET("/assignments", a.ListAssignments)
	authed.POST("/assignments/bulk", a.BulkAssignments) // static: not taken for an id
	authed.GET("/assignments/:id", a.ShowAssignment)
	authed.PATCH("/assignments/:id", a.UpdateAssignment)
	authed.POST("/assignments/:id/extensions", a.RequestExtension)
	authed.GET("/assignments/:id/files", a.ListFiles)
	authed.POST("/assignments/:id/files", a.AttachFile) // multipart, field "file"; up to 10 MB
	authed.GET("/files/:id", h.ServeFile)               // the download
	authed.DELETE("/files/:id", a.RemoveFile)
	authed.GET("/extensions", a.ListExtensions)
	authed.POST("/extensions/:id/decision", a.DecideExtension)
	authed.GET("/explanations", a.ListExplanations)
	authed.POST("/explanations/:id/answer", a.AnswerExplanation)
	authed.GET("/holidays", a.ListHolidays)
	authed.POST("/holidays", a.AddHoliday)
	authed.DELETE("/holidays/:id", a.RemoveHoliday)
	authed.GET("/targets", a.ListTargets, heavy)
	authed.GET("/targets/:code", a.ShowTarget, heavy)
	authed.POST("/targets/:code/values", a.ReportTargetValue)
	authed.GET("/audit", a.ListAudit)
	authed.GET("/me/work", a.MyWork)
	authed.GET("/review", a.ReviewQueue)
	authed.GET("/assignments/:id/comments", a.ListComments)
	authed.POST("/assignments/:id/comments", a.AddComment)
	authed.PATCH("/assignments/:id/comments/:comment", a.EditComment)
	authed.GET("/notifications", a.ListNotifications)
	authed.POST("/notifications/read", a.MarkNotificationsRead)
	authed.GET("/notifications/preferences", a.NotificationPrefs)
	authed.PUT("/notifications/preferences", a.SetNotificationPrefs)
	authed.GET("/me/tokens", a.ListPersonalTokens)
	authed.POST("/me/tokens", a.CreatePersonalToken)
	authed.DELETE("/me/tokens/:id", a.RevokePersonalToken)
	authed.GET("/me/calendar", a.MyCalendar)
	authed.POST("/me/calendar/regenerate", a.RegenerateCalendar)
	authed.DELETE("/me/calendar", a.RevokeCalendar)
	authed.GET("/agencies/:code/calendar", a.MyCalendar)
	authed.POST("/agencies/:code/calendar/regenerate", a.RegenerateCalendar)
	authed.DELETE("/agencies/:code/calendar", a.RevokeCalendar)
	registerExports(authed, x, heavy)
	authed.GET("/webhooks", a.ListWebhooks)
	authed.POST("/webhooks", a.CreateWebhook)
	authed.PUT("/webhooks/:id", a.UpdateWebhook)
	authed.DELETE("/webhooks/:id", a.DeleteWebhook)
	authed.GET("/webhooks/:id/deliveries", a.ListHookDeliveries)
	authed.POST("/webhooks/:id/deliveries/:delivery/resend", a.ResendHookDelivery)
	api.Any("/*", func(c echo.Context) error {
		return web.HTTPError(http.StatusNotFound, "err.api_not_found")
	})

	// The public scoreboards of the plans opened to the public: no login, no
	// session, the visitor's language from its cookie.
	public := e.Group("/public", p.LoadLanguage)
	public.GET("/:plan", p.ShowPublic) // the page, or {plan}.json, {plan}.csv (the league)
	public.GET("/:plan/directives.csv", p.ShowPublicDirectivesCSV)
	public.GET("/:plan/directives/:id", p.ShowPublicScoreboard) // one directive's scoreboard, or {id}.json

	// Pages: session cookie, CSRF token on every form.
	pages := e.Group("", p.Csrf(), h.LoadSession, web.RecordActor, p.LoadLanguage)
	pages.GET("/login", p.ShowLogin)
	pages.POST("/login", p.Login)
	pages.POST("/lang", p.SwitchLanguage)
	pages.GET("/api/docs", p.ShowAPIDocs) // the API's description, readable; open to anyone
	// Forgotten password and the page an invitation or reset link leads to:
	// open to anyone, logged in or not.
	pages.GET("/password/forgot", p.ShowForgotPassword)
	pages.POST("/password/forgot", p.ForgotPassword)
	pages.GET("/password/set", p.ShowSetPassword)
	pages.POST("/password/set", p.SetPassword)

	in := pages.Group("", web.RequireLogin)
	in.POST("/logout", p.Logout)
	in.GET("/account/password", p.ShowChangePassword)
	in.POST("/account/password", p.ChangePassword)
	in.GET("/account/notifications", p.ShowNotificationPrefs)
	in.POST("/account/notifications", p.SaveNotificationPrefs)
	in.GET("/account/tokens", p.ShowTokens) // personal API tokens (and the calendar feed's address)
	in.POST("/account/tokens", p.CreateToken)
	in.POST("/account/tokens/:id/revoke", p.RevokeToken)
	in.POST("/account/calendar", p.NewCalendarAddress) // turns the calendar feed on, or gives it a new address
	in.POST("/account/calendar/revoke", p.RevokeCalendar)
	in.GET("/notifications", p.ListNotifications)
	in.POST("/notifications/read", p.MarkAllRead) // static: not taken for an id
	in.GET("/notifications/:id", p.OpenNotification)
	in.GET("/", p.Home)
	in.GET("/work", p.ShowWork)               // a focal point's work, their landing page
	in.GET("/review", p.ShowReview)           // the committee's queue of submitted work, a coordinator's landing page
	in.POST("/review/bulk", p.ReviewSelected) // static: not taken for an id
	in.POST("/review/:id", p.ReviewOne)       // accept or return one, in place (htmx)
	in.GET("/plans", p.ListPlans)
	in.GET("/plans/new", p.NewPlan)
	in.POST("/plans/:id/public", p.SetPlanPublic)
	in.POST("/plans", p.CreatePlan)
	in.GET("/plans/:id", p.ShowPlan, heavy) // the year overview
	in.GET("/plans/:id/edit", p.EditPlan)
	in.POST("/plans/:id", p.UpdatePlan)
	in.POST("/plans/:id/copy", p.CopyPlan)
	in.GET("/plans/:id/import", p.ShowImport)
	in.POST("/plans/:id/import", p.PreviewImport)         // multipart, field "file"; up to 10 MB; the file is held for the confirm
	in.POST("/plans/:id/import/confirm", p.ConfirmImport) // the held file, validated again and imported
	in.GET("/import/template/:format", p.ImportTemplate)  // xlsx or csv
	in.GET("/plans/:id/themes/new", p.NewTheme)
	in.POST("/plans/:id/themes", p.CreateTheme)
	in.GET("/themes/:id", p.ShowTheme) // the theme board
	in.GET("/themes/:id/matrix", p.ShowThemeMatrix, heavy)
	in.GET("/themes/:id/progress", p.ShowThemeProgress, heavy)  // the theme's burn-up
	in.GET("/themes/:id/report", p.ShowMonthlyReport, heavy)    // báo cáo tháng, printable
	in.GET("/themes/:id/report/pdf", p.MonthlyReportPDF, heavy) // the same printed by headless Chromium
	in.POST("/themes/:id/packs", p.CreateMeetingPack, heavy)    // the report frozen as a numbered meeting pack
	in.GET("/themes/:id/urge-letter", p.ShowUrgeLetter, heavy)  // draft công văn đôn đốc to the agencies behind
	in.GET("/packs", p.ListMeetingPacks)
	in.GET("/packs/:id", p.ShowMeetingPack)
	in.GET("/packs/:id/pdf", p.MeetingPackPDF, heavy)
	in.GET("/themes/:id/edit", p.EditTheme)
	in.POST("/themes/:id", p.UpdateTheme)
	in.GET("/league", p.ShowLeague, heavy)           // the league table of agencies
	in.POST("/league/urge", p.UrgeFromLeague, heavy) // the league's late agencies, urged; the league shown again with the results
	in.GET("/targets", p.ListTargets, heavy)
	in.GET("/targets/:code", p.ShowTarget, heavy)
	in.POST("/targets/:code/values", p.ReportTargetValue)
	in.GET("/agencies", p.ListAgencies)
	in.GET("/agencies/options", p.AgencyOptions) // an agency filter's type-ahead (htmx); static: not taken for a code
	in.GET("/agencies/:code", p.ShowAgency)
	in.GET("/agencies/:code/edit", p.EditAgency)
	in.POST("/agencies/:code", p.UpdateAgency)
	in.POST("/agencies/:code/calendar", p.NewAgencyCalendarAddress) // turns the agency's calendar feed on, or gives it a new address
	in.POST("/agencies/:code/calendar/revoke", p.RevokeAgencyCalendar)
	in.GET("/directives", p.ListDirectives)
	in.GET("/directives/new", p.NewDirective)
	in.POST("/directives", p.CreateDirective)
	in.GET("/directives/:id", p.ShowDirective)
	in.GET("/directives/:id/scoreboard", p.ShowScoreboard, heavy)
	in.POST("/directives/:id/urge", p.UrgeAgencies) // the scoreboard's late agencies, urged now
	in.GET("/directives/:id/edit", p.EditDirective)
	in.POST("/directives/:id", p.UpdateDirective)
	in.GET("/assignments/:id", p.ShowAssignment)
	in.POST("/assignments/:id", p.UpdateAssignment)
	in.POST("/assignments/:id/card", p.UpdateCard) // a theme board card's small form (htmx)
	in.POST("/assignments/:id/extensions", p.RequestExtension)
	in.POST("/assignments/:id/files", p.AttachFile) // multipart, field "file"; up to 10 MB
	in.POST("/assignments/:id/files/:file/remove", p.RemoveFile)
	in.GET("/files/:id", h.ServeFile) // the download
	in.POST("/assignments/:id/extensions/:ext/decision", p.DecideExtension)
	in.POST("/assignments/:id/explanations/:req/answer", p.AnswerExplanation)
	in.POST("/assignments/:id/comments", p.AddComment)
	in.POST("/assignments/:id/comments/:comment", p.EditComment)
	in.GET("/extensions", p.ListExtensions)
	in.GET("/explanations", p.ListExplanations)
	in.GET("/admin/users", p.ListUsers)
	in.POST("/admin/users", p.CreateUser)
	in.POST("/admin/users/invite", p.InviteUser) // static: not taken for an id
	in.POST("/admin/users/:id/invite", p.ReinviteUser)
	in.POST("/admin/users/:id/active", p.SetUserActive)
	in.POST("/admin/users/:id/password", p.ResetPassword)
	in.GET("/admin/holidays", p.ListHolidays)
	in.POST("/admin/holidays", p.AddHoliday)
	in.POST("/admin/holidays/:id/delete", p.RemoveHoliday)
	in.GET("/admin/reminders", p.ShowReminderSettings)
	in.POST("/admin/reminders", p.SaveReminderSettings)
	in.GET("/admin/outbox", p.ListOutbox)
	in.GET("/admin/outbox/:id", p.ShowOutboxMessage)
	in.GET("/admin/outbox/:id/html", p.ShowOutboxHTML) // the HTML body, framed by the message's page
	in.POST("/admin/outbox/:id/resend", p.ResendOutbox)
	in.GET("/admin/reminder-log", p.ListReminderLog)
	in.GET("/admin/agencies/merge", p.ShowMergeAgencies)
	in.POST("/admin/agencies/merge/preview", p.PreviewMergeAgencies) // what would move, rolled back, to confirm
	in.POST("/admin/agencies/merge", p.MergeAgencies)
	in.GET("/admin/webhooks", p.ListWebhooks)
	in.POST("/admin/webhooks", p.CreateWebhook)
	in.GET("/admin/webhooks/:id", p.ShowWebhook) // its delivery log
	in.POST("/admin/webhooks/:id/active", p.SetWebhookActive)
	in.POST("/admin/webhooks/:id/delete", p.DeleteWebhook)
	in.POST("/admin/webhooks/:id/deliveries/:delivery/resend", p.ResendHookDelivery)
	in.GET("/admin/audit", p.ListAudit)
	in.GET("/admin/audit.csv", x.Audit) // the earlier address of /export/audit?format=csv
	registerExports(in, x, heavy)
}

// registerExports adds the downloads (?format=xlsx|csv) of the committee's
// views to the pages (under /export) and to the API (under /api/v1/export),
// each with the filters and the right to read of the view it exports.
func registerExports(g *echo.Group, x *export.Handler, heavy echo.MiddlewareFunc) {
	g.GET("/export/assignments", x.Assignments) // the API list's filters; streamed a chunk at a time
	g.GET("/export/scoreboard", x.Scoreboard, heavy)
	g.GET("/export/league", x.League, heavy)
	g.GET("/export/matrix", x.Matrix, heavy)
	g.GET("/export/targets", x.Targets, heavy)
	g.GET("/export/review", x.Review)
	g.GET("/export/audit", x.Audit)
}
