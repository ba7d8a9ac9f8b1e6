package pages

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/models/store"
)

// reminderLogPageSize is how many log rows one page lists.
const reminderLogPageSize = 100

// reminderLogView is the data of the reminder log page.
type reminderLogView struct {
	Rule  models.ReminderRule
	Rules []models.ReminderRule
	Rows  []models.ReminderLog
	Pager web.Pager
}

// ListReminderLog is the admin list of reminders used, newest first,
// optionally of one rule (?rule=), with links to the assignment and the
// e-mail of each.
func (h *Handler) ListReminderLog(c echo.Context) error {
	if err := web.Authorize(c, models.ActManageReminders, 0); err != nil {
		return err
	}
	v := reminderLogView{Rules: []models.ReminderRule{models.RuleDueSoon, models.RuleOverdue, models.RuleUnclear, models.RuleDigest, models.RuleKickoff, models.RuleUrge}}
	for _, r := range v.Rules {
		if c.QueryParam("rule") == string(r) {
			v.Rule = r
		}
	}
	page := web.PageParam(c)
	rows, total, err := h.Store.ListReminderLog(c.Request().Context(), v.Rule, 0, store.Page{Page: page, PerPage: reminderLogPageSize})
	if err != nil {
		return err
	}
	v.Rows, v.Pager = rows, web.NewPager(c, page, reminderLogPageSize, total)
	p := h.Page(c, h.T(c, "reminder_log.title"), v)
	p.Nav = "reminder_log"
	return h.Render(c, http.StatusOK, "reminder_log", p)
}
