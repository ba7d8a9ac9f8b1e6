package pages

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/models/store"
	"roviec/views"
)

// scoreboardView is the data of a directive's scoreboard page.
type scoreboardView struct {
	*models.Scoreboard
	Kinds   []models.KindScore // the kinds of agency that hold the directive (of ?kind= when given)
	NotDone []models.Laggard   // who has not done it, of ?kind=, only the overdue with ?overdue=1
	Today   models.Day
}

// ShowScoreboard is a directive's scoreboard at the end of ?as_of= (default
// today): done / assigned per kind, the four classes, and who has not done it.
func (h *Handler) ShowScoreboard(c echo.Context) error {
	id, err := web.IdParam(c, "id")
	if err != nil {
		return err
	}
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	asOf, bad := h.AsOfParam(c)
	sb, err := h.Store.Scoreboard(c.Request().Context(), id, asOf, h.Now())
	if err != nil {
		return err
	}
	v := scoreboardView{Scoreboard: sb, Today: h.Today()}
	p := h.Page(c, h.T(c, "scoreboard.title"), v)
	p.Nav = "directives"
	kind := models.AgencyKind(c.QueryParam("kind"))
	if kind.Valid() {
		p.Values.Set("kind", string(kind))
	}
	overdueOnly := c.QueryParam("overdue") == "1"
	if overdueOnly {
		p.Values.Set("overdue", "1")
	}
	for _, k := range []models.KindScore{sb.Ministries, sb.Provinces} {
		if k.Total > 0 && (!kind.Valid() || k.Kind == kind) {
			v.Kinds = append(v.Kinds, k)
		}
	}
	// The laggards are at most the directive's agencies (one per agency),
	// already read: filtering them here costs no query.
	for _, l := range sb.NotDone {
		if (!kind.Valid() || l.Agency.Kind == kind) && (!overdueOnly || l.Timeliness.Class == models.OpenOverdue) {
			v.NotDone = append(v.NotDone, l)
		}
	}
	p.Data = v
	return h.renderAsOf(c, "scoreboard", p, sb.AsOf, bad)
}

// leagueView is the data of the league table page.
type leagueView struct {
	AsOf     models.Day
	Plan     *models.Plan
	Themes   []models.Theme
	Rows     []models.LeagueRow // one page of the ranked agencies
	Statuses []models.LeagueStatus
	Today    models.Day
	Pager    web.Pager
	Query    string          // the page's filters, which the urge form keeps
	Urge     *leagueUrgeView // what an urge from the league just did
	Late     bool            // some agency of the page has overdue work: the urge form is offered
}

// leaguePageSize is how many ranked agencies one page of the league shows.
const leaguePageSize = 100

// ShowLeague is the league table of agencies: within the theme of
// ?theme_id= or the plan of ?plan_id= (default the latest plan), of one
// ?kind=, at the end of ?as_of=.
func (h *Handler) ShowLeague(c echo.Context) error {
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	return h.renderLeague(c, http.StatusOK, nil)
}

// renderLeague shows the league of the page's query, with what an urge
// from it did when urge is not nil.
func (h *Handler) renderLeague(c echo.Context, code int, urge *leagueUrgeView) error {
	ctx := c.Request().Context()
	plan, themeID, err := h.leagueScope(c)
	if err != nil {
		return err
	}
	v := leagueView{Plan: plan, Statuses: models.LeagueStatuses, Today: h.Today(), Query: c.QueryString()}
	f := store.LeagueFilter{ThemeID: themeID}
	if k := models.AgencyKind(c.QueryParam("kind")); k.Valid() {
		f.Kind = k
	}
	if plan != nil {
		f.PlanID = plan.ID
		if v.Themes, err = h.Store.ListThemes(ctx, plan.ID); err != nil {
			return err
		}
	}
	asOf, bad := h.AsOfParam(c)
	f.AsOf, v.AsOf = asOf, asOf
	rows, err := h.Store.League(ctx, f, h.Now())
	if err != nil {
		return err
	}
	if urge != nil {
		// The agencies urged are named as the league (already read) names them.
		agencies := make(map[string]*models.Agency, len(rows))
		for i := range rows {
			agencies[rows[i].Agency.Code] = &rows[i].Agency
		}
		for _, lines := range [][]leagueUrgeLine{urge.Done, urge.Refused} {
			for i := range lines {
				lines[i].Agency = agencies[lines[i].Code]
			}
		}
		v.Urge = urge
	}
	overdue := c.QueryParam("overdue") == "1"
	if overdue { // the late agencies only, each keeping its rank in the whole table
		late := rows[:0:0]
		for _, r := range rows {
			if r.OpenOverdue > 0 {
				late = append(late, r)
			}
		}
		rows = late
	}
	page := web.PageParam(c)
	v.Rows = web.PageOf(rows, page, leaguePageSize)
	for _, r := range v.Rows {
		v.Late = v.Late || r.OpenOverdue > 0
	}
	v.Pager = web.NewPager(c, page, leaguePageSize, int64(len(rows)))
	p := h.Page(c, h.T(c, "league.title"), v)
	p.Nav = "league"
	p.Values = url.Values{"kind": {string(f.Kind)}, "theme_id": {c.QueryParam("theme_id")}}
	if overdue {
		p.Values.Set("overdue", "1")
	}
	if code != http.StatusOK {
		p.Values.Set("as_of", asOf.VN())
		return h.Render(c, code, "league", p)
	}
	return h.renderAsOf(c, "league", p, asOf, bad)
}

// leagueScope is what a league page is drawn from: the theme of ?theme_id=
// (404 when unknown) and its plan, or the plan of ?plan_id=, or the latest plan.
func (h *Handler) leagueScope(c echo.Context) (*models.Plan, uint, error) {
	ctx := c.Request().Context()
	if s := c.QueryParam("theme_id"); s != "" {
		id, err := web.ParseID(s)
		if err != nil {
			return nil, 0, err
		}
		theme, err := h.Store.ThemeByID(ctx, id)
		if err != nil {
			return nil, 0, err
		}
		plan, err := h.Store.PlanByID(ctx, theme.PlanID)
		return plan, theme.ID, err
	}
	plans, err := h.Store.ListPlans(ctx)
	if err != nil {
		return nil, 0, err
	}
	plan, err := h.choosePlan(c, plans)
	return plan, 0, err
}

// matrixColumn is a directive across the top of the theme matrix.
type matrixColumn struct {
	D     models.Directive
	Short string
}

// matrixGroup is the rows of one kind of agency.
type matrixGroup struct {
	Kind models.AgencyKind
	Rows []matrixRow
}

// matrixRow is an agency's row of the matrix page. Each run of directives it
// holds no copy of is one cell spanning them: a national theme's page has
// thousands of such cells, which cost most of its rendering one by one.
type matrixRow struct {
	Agency models.Agency
	Cells  []matrixCell
}

// matrixCell is the agency's copy of a directive, or (nil) a run of Span
// directives it holds no copy of.
type matrixCell struct {
	*models.MatrixCell
	Span int
}

// newMatrixRow merges the runs of empty cells of r.
func newMatrixRow(r models.MatrixRow) matrixRow {
	out := matrixRow{Agency: r.Agency}
	for _, c := range r.Cells {
		if n := len(out.Cells); c == nil && n > 0 && out.Cells[n-1].MatrixCell == nil {
			out.Cells[n-1].Span++
			continue
		}
		out.Cells = append(out.Cells, matrixCell{MatrixCell: c, Span: 1})
	}
	return out
}

// matrixView is the data of the theme matrix page.
type matrixView struct {
	AsOf    models.Day
	Theme   *models.Theme
	Plan    *models.Plan
	Columns []matrixColumn
	Groups  []matrixGroup
	Classes []models.Timeliness
	Span    int // the columns of the table: the agency and one per directive
	Today   models.Day
	Pager   web.Pager   // the pages of agencies (?page=)
	Cols    matrixPager // the pages of directives (?cols=)
}

// matrixPager is the pages of a matrix's directives, and which of them this
// page shows (From-To, counted from 1).
type matrixPager struct {
	web.Pager
	From, To int
}

const (
	// matrixPageSize is how many agencies (rows) one page of a matrix shows.
	matrixPageSize = 50
	// matrixColumnsPerPage is how many directives (columns) it shows: a
	// theme may hold hundreds, thousands of cells per page of agencies.
	matrixColumnsPerPage = 30
)

// ShowThemeMatrix is the picture of a theme at the end of ?as_of=: agencies
// down the side (a page of them at a time, ?page=), directives across the
// top (a page of them at a time, ?cols=).
func (h *Handler) ShowThemeMatrix(c echo.Context) error {
	theme, plan, asOf, bad, err := h.themeAsOf(c)
	if err != nil {
		return err
	}
	page, cols := web.PageParam(c), web.PageNumber(c.QueryParam("cols"))
	w := store.MatrixWindow{Rows: store.Page{Page: page, PerPage: matrixPageSize},
		Columns: store.Page{Page: cols, PerPage: matrixColumnsPerPage}}
	m, err := h.Store.ThemeMatrix(c.Request().Context(), theme.ID, asOf, h.Now(), w)
	if err != nil {
		return err
	}
	v := matrixView{AsOf: m.AsOf, Theme: theme, Plan: plan, Classes: models.TimelinessClasses,
		Today: h.Today(), Pager: web.NewPager(c, page, matrixPageSize, int64(m.Agencies)),
		Cols: matrixPager{Pager: web.PagerOn(c.Request().URL.Path, c.QueryParams(), "cols", cols, matrixColumnsPerPage, int64(m.Columns)),
			From: (cols-1)*matrixColumnsPerPage + 1, To: (cols-1)*matrixColumnsPerPage + len(m.Directives)}}
	for _, d := range m.Directives {
		v.Columns = append(v.Columns, matrixColumn{D: d, Short: shortTitle(d.Title, 48)})
	}
	v.Span = len(v.Columns) + 1
	for _, r := range m.Rows {
		if n := len(v.Groups); n == 0 || v.Groups[n-1].Kind != r.Agency.Kind {
			v.Groups = append(v.Groups, matrixGroup{Kind: r.Agency.Kind})
		}
		g := &v.Groups[len(v.Groups)-1]
		g.Rows = append(g.Rows, newMatrixRow(r))
	}
	p := h.Page(c, h.T(c, "matrix.title"), v)
	p.Nav = "plans"
	return h.renderAsOf(c, "matrix", p, m.AsOf, bad)
}

// renderAsOf renders a page answered "as of" a day: the date picker shows
// that day, or, after a date that did not parse (bad), the user's input with
// its message and a 422 (the figures shown are today's).
func (h *Handler) renderAsOf(c echo.Context, name string, p *views.Page, asOf models.Day, bad error) error {
	if bad == nil {
		p.Values.Set("as_of", asOf.VN())
		return h.Render(c, http.StatusOK, name, p)
	}
	p.Values.Set("as_of", c.QueryParam("as_of"))
	p.Errors = h.FieldsOf(c, bad)
	return h.Render(c, http.StatusUnprocessableEntity, name, p)
}

// shortTitle cuts a title to at most n characters at a word boundary, with an
// ellipsis when something was cut.
func shortTitle(title string, n int) string {
	r := []rune(title)
	if len(r) <= n {
		return title
	}
	cut := string(r[:n])
	if i := strings.LastIndex(cut, " "); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}
