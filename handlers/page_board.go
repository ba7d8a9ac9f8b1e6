package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"roviec/models"
)

// boardPageSize is how many cards one page of a theme board shows; a theme
// holds up to ~1300 assignments, so the board is paginated and filtered.
const boardPageSize = 186

// card is one assignment on a board, with what the board marks on it.
type card struct {
	A          *models.Assignment
	Timeliness models.TimelinessInfo
	Clarity    models.Clarity
	Overdue    bool
}

// column is the cards of one status within a lane.
type column struct {
	Status string
	Cards  []card
}

// lane groups the cards of one directive into status columns.
type lane struct {
	Directive *models.Directive
	Columns   []column
}

// boardView is the data of the theme board.
type boardView struct {
	Theme       *models.Theme
	Plan        *models.Plan
	Agencies    []agencyGroup
	Statuses    []string // the columns shown
	AllStatuses []string
	Totals      map[string]int64
	Lanes       []lane
	Pager       pager
}

// showTheme is the theme board: the theme's assignments as cards in status
// columns, grouped by directive, filtered by agency kind, agency, status and
// overdue. An htmx request gets only the board fragment.
func (h *Handler) showTheme(c echo.Context) error {
	ctx := c.Request().Context()
	theme, plan, err := h.themeParam(c)
	if err != nil {
		return err
	}
	agencies, err := h.Store.ListAgencies(ctx, models.AgencyFilter{})
	if err != nil {
		return err
	}
	f := models.AssignmentFilter{ThemeID: theme.ID, OverdueOnly: c.QueryParam("overdue") == "1",
		Page: models.Page{Page: pageParam(c), PerPage: boardPageSize}}
	if k := c.QueryParam("kind"); k == models.KindMinistry || k == models.KindProvince {
		f.AgencyKind = k
	}
	for _, s := range models.Statuses {
		if c.QueryParam("status") == s {
			f.Status = s
		}
	}
	if code := c.QueryParam("agency"); code != "" {
		for _, a := range agencies {
			if a.Code == code {
				f.AgencyID = a.ID
			}
		}
		if f.AgencyID == 0 {
			return models.ErrNotFound // no such agency
		}
	}
	totals, err := h.Store.CountAssignmentsByStatus(ctx, f, h.Now())
	if err != nil {
		return err
	}
	list, total, err := h.Store.ListAssignments(ctx, f, h.Now())
	if err != nil {
		return err
	}
	v := boardView{Theme: theme, Plan: plan, Agencies: groupAgencies(agencies), Statuses: models.Statuses,
		AllStatuses: models.Statuses, Totals: totals, Pager: newPager(c, f.Page.Page, boardPageSize, total)}
	if f.Status != "" {
		v.Statuses = []string{f.Status}
	}
	v.Lanes = h.lanes(list, v.Statuses)
	p := h.page(c, h.pick(c, theme.TitleVI, theme.TitleEN), v)
	p.Nav = "plans"
	p.Values = c.QueryParams()
	if isHTMX(c) && c.Request().Header.Get("HX-Target") == "board" {
		return h.fragment(c, "theme", "board", p)
	}
	return h.render(c, http.StatusOK, "theme", p)
}

// lanes groups a page of assignments by directive (in the order they come)
// and, within each, into status columns ordered by agency.
func (h *Handler) lanes(list []models.Assignment, statuses []string) []lane {
	var order []uint
	groups := map[uint][]models.Assignment{}
	for _, a := range list {
		if _, ok := groups[a.DirectiveID]; !ok {
			order = append(order, a.DirectiveID)
		}
		groups[a.DirectiveID] = append(groups[a.DirectiveID], a)
	}
	out := make([]lane, 0, len(order))
	for _, d := range order {
		group := groups[d]
		models.SortAssignmentsByAgency(group)
		l := lane{Directive: group[0].Directive}
		for _, s := range statuses {
			col := column{Status: s}
			for i := range group {
				if group[i].Status == s {
					col.Cards = append(col.Cards, h.newCard(&group[i]))
				}
			}
			l.Columns = append(l.Columns, col)
		}
		out = append(out, l)
	}
	return out
}

// newCard classifies an assignment (with its directive loaded) for display.
func (h *Handler) newCard(a *models.Assignment) card {
	tl := models.ClassifyTimeliness(a, h.Now(), h.Store.Location())
	return card{A: a, Timeliness: tl, Clarity: models.AssessClarity(a, a.Directive), Overdue: tl.Class == models.OpenOverdue}
}

// agencyGroup is the agencies of one kind, in Vietnamese order.
type agencyGroup struct {
	Kind     string
	Agencies []models.Agency
}

// groupAgencies splits a sorted agency list into ministries and provinces.
func groupAgencies(list []models.Agency) []agencyGroup {
	groups := []agencyGroup{{Kind: models.KindMinistry}, {Kind: models.KindProvince}}
	for _, a := range list {
		if a.Kind == models.KindMinistry {
			groups[0].Agencies = append(groups[0].Agencies, a)
		} else {
			groups[1].Agencies = append(groups[1].Agencies, a)
		}
	}
	return groups
}
