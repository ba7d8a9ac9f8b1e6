package pages

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
)

// ShowReminderSettings is the admin form for the numbers of the reminder rules.
func (h *Handler) ShowReminderSettings(c echo.Context) error {
	if err := web.Authorize(c, models.ActManageReminders, 0); err != nil {
		return err
	}
	rs, version, err := h.Store.ReminderSettingsVersion(c.Request().Context())
	if err != nil {
		return err
	}
	p := h.Page(c, h.T(c, "reminder_settings.title"), nil)
	p.Nav = "reminder_settings"
	p.Values = settingsValues(rs)
	p.Values.Set("version", strconv.Itoa(version))
	return h.Render(c, http.StatusOK, "reminder_settings", p)
}

// SaveReminderSettings stores the form; bad numbers re-render it with 422.
func (h *Handler) SaveReminderSettings(c echo.Context) error {
	if err := web.Authorize(c, models.ActManageReminders, 0); err != nil {
		return err
	}
	form, err := web.FormParams(c)
	if err != nil {
		return err
	}
	rs, err := h.parseSettings(c, form)
	if err == nil {
		err = h.Store.SaveReminderSettings(c.Request().Context(), rs, web.FormVersion(form))
	}
	if err != nil {
		p := h.Page(c, h.T(c, "reminder_settings.title"), nil)
		p.Nav = "reminder_settings"
		now, _, cerr := h.Store.ReminderSettingsVersion(c.Request().Context())
		if cerr != nil {
			return cerr
		}
		return h.StaleForm(c, err, "reminder_settings", p, form, settingsValues(now), "reminder_settings.", settingsFields...)
	}
	return h.RedirectFlash(c, "/admin/reminders", "flash.reminder_settings_saved")
}

// settingsFields are the settings form's fields, in its order.
var settingsFields = []string{"due_soon_days", "overdue_every", "leader_after", "committee_after", "weekly_digest",
	"theme_kickoff", "unclear_reminder"}

// settingsValues are the settings as the form shows them: "5, 1" for the
// days before the deadline, "1" for a switch that is on.
func settingsValues(rs models.ReminderSettings) url.Values {
	days := make([]string, len(rs.DueSoonDays))
	for i, d := range rs.DueSoonDays {
		days[i] = strconv.Itoa(d)
	}
	v := url.Values{"due_soon_days": {strings.Join(days, ", ")}, "overdue_every": {strconv.Itoa(rs.OverdueEvery)},
		"leader_after": {strconv.Itoa(rs.LeaderAfter)}, "committee_after": {strconv.Itoa(rs.CommitteeAfter)}}
	for name, on := range map[string]bool{"weekly_digest": rs.WeeklyDigest, "theme_kickoff": rs.ThemeKickoff, "unclear_reminder": rs.UnclearReminder} {
		if on {
			v.Set(name, "1")
		}
	}
	return v
}

// parseSettings reads the form; text where a number belongs is a 422 on
// that field (the store checks the ranges).
func (h *Handler) parseSettings(c echo.Context, form url.Values) (models.ReminderSettings, error) {
	v := &models.ValidationError{}
	rs := models.ReminderSettings{DueSoonDays: []int{}, WeeklyDigest: form.Get("weekly_digest") == "1",
		ThemeKickoff: form.Get("theme_kickoff") == "1", UnclearReminder: form.Get("unclear_reminder") == "1"}
	for _, part := range strings.FieldsFunc(form.Get("due_soon_days"), func(r rune) bool { return r == ',' || r == ';' || r == ' ' }) {
		n, err := strconv.Atoi(part)
		if err != nil {
			v.Add("due_soon_days", "err.due_soon_days_format")
			break
		}
		rs.DueSoonDays = append(rs.DueSoonDays, n)
	}
	for name, dst := range map[string]*int{"overdue_every": &rs.OverdueEvery, "leader_after": &rs.LeaderAfter, "committee_after": &rs.CommitteeAfter} {
		n, err := strconv.Atoi(strings.TrimSpace(form.Get(name)))
		if err != nil {
			v.Add(name, "err.whole_number")
		}
		*dst = n
	}
	return rs, v.OrNil()
}
