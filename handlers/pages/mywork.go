package pages

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
)

// workPerGroup is how many items a group of the work page lists; the rest
// are counted, with a link to the agency's full list.
const workPerGroup = 20

// workView is the data of the work page.
type workView struct {
	Agency *models.Agency
	Groups []models.WorkGroup
}

// ShowWork is a focal point's work ("việc của tôi"): their agency's open
// work by urgency, each item with its one action. A user of no agency is
// sent to the overview.
func (h *Handler) ShowWork(c echo.Context) error {
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	u := web.CurrentUser(c)
	if u.AgencyID == nil {
		return c.Redirect(http.StatusSeeOther, "/plans")
	}
	ctx := c.Request().Context()
	ag, err := h.Store.AgencyByID(ctx, *u.AgencyID)
	if err != nil {
		return err
	}
	groups, err := h.Store.MyWork(ctx, ag.ID, h.Now(), workPerGroup)
	if err != nil {
		return err
	}
	p := h.Page(c, h.T(c, "work.title"), workView{Agency: ag, Groups: groups})
	p.Nav = "work"
	return h.Render(c, http.StatusOK, "work", p)
}
