package pages

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/models/store"
)

// letterTasks is how many overdue tasks a draft urging letter lists in all;
// a letter longer than that is not read, and the rest are counted.
const letterTasks = 500

// letterAgency is one addressee of an urging letter and its overdue tasks.
type letterAgency struct {
	Row   models.LeagueRow
	Tasks []letterTask
}

// letterTask is one overdue task of an addressee.
type letterTask struct {
	models.Assignment
	DaysOverdue int // calendar days since the deadline, as the letter is dated
}

// urgeLetterView is the data of the draft urging letter (công văn đôn đốc).
type urgeLetterView struct {
	Plan     *models.Plan
	Theme    *models.Theme
	Today    models.Day
	Agencies []letterAgency
	More     int64 // overdue tasks past those listed
}

// ShowUrgeLetter is a draft official letter urging the agencies behind in a
// theme today: the national motto, a number to fill in, place and date,
// "Kính gửi:" the agencies with overdue work, each one's overdue tasks, and
// the signature block.
func (h *Handler) ShowUrgeLetter(c echo.Context) error {
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	theme, plan, err := h.themeParam(c)
	if err != nil {
		return err
	}
	ctx, now := c.Request().Context(), h.Now()
	v := urgeLetterView{Plan: plan, Theme: theme, Today: h.Today()}
	rows, err := h.Store.League(ctx, store.LeagueFilter{ThemeID: theme.ID, PlanID: plan.ID}, now)
	if err != nil {
		return err
	}
	// Worst first: the league puts the most overdue work last among the ranked.
	at := map[uint]int{}
	var ids []uint
	for i := len(rows) - 1; i >= 0; i-- {
		if rows[i].OpenOverdue > 0 {
			at[rows[i].Agency.ID] = len(v.Agencies)
			ids = append(ids, rows[i].Agency.ID)
			v.Agencies = append(v.Agencies, letterAgency{Row: rows[i]})
		}
	}
	if len(ids) > 0 {
		list, total, err := h.Store.ListAssignments(ctx, store.AssignmentFilter{ThemeID: theme.ID, AgencyIDs: ids,
			OverdueOnly: true, Page: store.Page{PerPage: letterTasks}}, now)
		if err != nil {
			return err
		}
		for _, a := range list {
			i := at[a.AgencyID]
			v.Agencies[i].Tasks = append(v.Agencies[i].Tasks, letterTask{Assignment: a, DaysOverdue: a.DueOn.DaysUntil(v.Today)})
		}
		v.More = total - int64(len(list))
	}
	p := h.Page(c, h.T(c, "letter.title"), v)
	p.Nav = "plans"
	return h.Render(c, http.StatusOK, "urge_letter", p)
}
