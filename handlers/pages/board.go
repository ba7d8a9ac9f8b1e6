package pages

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/models/store"
	"roviec/views"
)

const (
	// boardPageSize is how many cards one page of a theme board shows: a
	// theme holds up to tens of thousands of assignments at national scale,
	// so the board shows a page and a link that appends the next one.
	boardPageSize = 50
	// boardMaxShown is how many pages a board shows at once (?shown=).
	boardMaxShown = 10
)

// card is one assignment on a board, with what the board marks on it.
type card struct {
	A          *models.Assignment
	Timeliness models.TimelinessInfo
	Clarity    models.Clarity
	Overdue    bool
}

// boardCard is a card of the theme board with the small form the user may
// use on it (nil when the user may not change the assignment).
type boardCard struct {
	card
	Form *cardForm
}

// column is the cards of one status within a lane.
type column struct {
	Status models.Status
	Cards  []boardCard
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
	Agency      *models.Agency  // the agency the filter chose, if any
	Statuses    []models.Status // the columns shown
	AllStatuses []models.Status
	Totals      map[models.Status]int64
	Lanes       []lane
	More        boardMore
	URL         string             // the board's address with its filters, where card forms come back to
	Saved       *models.Assignment // the assignment a card form has just changed, if any
	Exports     views.ExportLinks  // the download of every card the filters select
}

// boardMore is what a board says below its cards: which it shows (From-To
// of Total, counted from 1), the link to the next page (appended in place
// with htmx, a plain link without JavaScript) and, on a page after the first
// reached without JavaScript, the link back. Shown is the number of pages
// the board holds from the first (0 on such a later page): a card form
// sends it, so that the board redrawn after a change keeps them all.
type boardMore struct {
	From, To, Next, Shown int
	Total                 int64
	PrevURL, NextURL      string
}

// ShowTheme is the theme board: the theme's assignments as cards in status
// columns, grouped by directive, filtered by agency kind, agency, status and
// overdue. An htmx request gets only the board fragment.
func (h *Handler) ShowTheme(c echo.Context) error {
	theme, plan, err := h.themeParam(c)
	if err != nil {
		return err
	}
	p, _, err := h.boardPage(c, theme, plan, c.Request().URL)
	if err != nil {
		return err
	}
	p.Values = c.QueryParams()
	if web.IsHTMX(c) {
		switch c.Request().Header.Get("HX-Target") {
		case "board":
			return h.Fragment(c, "theme", "board", p)
		case "board-more": // appended below the pages before it
			v := p.Data.(*boardView)
			v.More.From, v.More.Shown, v.More.PrevURL = 1, web.PageParam(c), ""
			return h.Fragment(c, "theme", "board-page", p)
		}
	}
	status := http.StatusOK
	if p.Err("agency") != "" {
		status = http.StatusUnprocessableEntity
	}
	return h.Render(c, status, "theme", p)
}

// boardPage builds the page of a theme board (and returns its data) as the
// board address u asks for it: its filters (kind, agency, status, overdue)
// and page number, or (?shown=n) its first n pages at once.
func (h *Handler) boardPage(c echo.Context, theme *models.Theme, plan *models.Plan, u *url.URL) (*views.Page, *boardView, error) {
	ctx := c.Request().Context()
	q := u.Query()
	page := web.PageNumber(q.Get("page"))
	window, more := store.Page{Page: page, PerPage: boardPageSize}, boardMore{From: (page-1)*boardPageSize + 1}
	if page == 1 {
		more.Shown = 1
	}
	if q.Has("shown") {
		page = min(web.PageNumber(q.Get("shown")), boardMaxShown)
		window, more = store.Page{Page: 1, PerPage: page * boardPageSize}, boardMore{From: 1, Shown: page}
		q.Del("shown")
		q.Del("page")
	}
	f := store.AssignmentFilter{ThemeID: theme.ID, OverdueOnly: q.Get("overdue") == "1", Page: window}
	if k := models.AgencyKind(q.Get("kind")); k.Valid() {
		f.AgencyKind = k
	}
	if s := models.Status(q.Get("status")); s.Valid() {
		f.Status = s
	}
	var agency *models.Agency
	var unknownAgency string
	if text := strings.TrimSpace(q.Get("agency")); text != "" {
		a, err := h.agencyFromFilter(c, text)
		switch {
		case errors.Is(err, models.ErrNotFound):
			unknownAgency = text // said beside the filter; the board shows no card
			f.AgencyIDs = []uint{}
		case err != nil:
			return nil, nil, err
		default:
			agency, f.AgencyID = a, a.ID
		}
	}
	totals, err := h.Store.CountAssignmentsByStatus(ctx, f, h.Now())
	if err != nil {
		return nil, nil, err
	}
	list, total, err := h.Store.ListAssignments(ctx, f, h.Now())
	if err != nil {
		return nil, nil, err
	}
	pager := web.PagerAt(u.Path, q, page, boardPageSize, total)
	more.To, more.Total, more.NextURL = more.From+len(list)-1, total, pager.NextURL
	more.Next = int(min(int64(boardPageSize), total-int64(more.To)))
	if more.Shown == 0 {
		more.PrevURL = pager.PrevURL
	}
	v := boardView{Theme: theme, Plan: plan, Agency: agency, Statuses: models.Statuses,
		AllStatuses: models.Statuses, Totals: totals, More: more, URL: (&url.URL{Path: u.Path, RawQuery: q.Encode()}).RequestURI()}
	if f.Status != "" {
		v.Statuses = []models.Status{f.Status}
	}
	v.Exports = boardExports(f, agency, unknownAgency)
	v.Lanes = h.lanes(web.CurrentUser(c), list, v.Statuses)
	p := h.Page(c, h.Pick(c, theme.TitleVI, theme.TitleEN), &v)
	p.Nav = "plans"
	if unknownAgency != "" {
		p.Errors = map[string]string{"agency": h.T(c, "err.agency_filter", "Text", unknownAgency)}
	}
	return p, &v, nil
}

// boardExports are the downloads of the board's filters, in the names of
// the assignments' export (the API list's); an agency the filter did not
// find is sent as typed, and refused there as on the board.
func boardExports(f store.AssignmentFilter, agency *models.Agency, unknownAgency string) views.ExportLinks {
	q := url.Values{"theme_id": {fmt.Sprint(f.ThemeID)}}
	if f.AgencyKind != "" {
		q.Set("agency_kind", string(f.AgencyKind))
	}
	if f.Status != "" {
		q.Set("status", string(f.Status))
	}
	if f.OverdueOnly {
		q.Set("timeliness", string(models.OpenOverdue))
	}
	if agency != nil {
		q.Set("agency_code", agency.Code)
	} else if unknownAgency != "" {
		q.Set("agency_code", unknownAgency)
	}
	return views.ExportLinksOf("assignments", q)
}

// lanes groups a page of assignments by directive (in the order they come)
// and, within each, into status columns ordered by agency; each card carries
// the form user u may use on it.
func (h *Handler) lanes(u *models.User, list []models.Assignment, statuses []models.Status) []lane {
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
					col.Cards = append(col.Cards, boardCard{card: h.newCard(&group[i]), Form: cardFormFor(u, &group[i])})
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
	Kind     models.AgencyKind
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
