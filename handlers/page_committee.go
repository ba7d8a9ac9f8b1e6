package handlers

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"roviec/models"
	"roviec/views"
)

// scoreboardView is the data of a directive's scoreboard page.
type scoreboardView struct {
	*models.Scoreboard
	Kinds []models.KindScore // the kinds of agency that hold the directive
	Today models.Day
}

// showScoreboard is a directive's scoreboard at the end of ?as_of= (default
// today): done / assigned per kind, the four classes, and who has not done it.
func (h *Handler) showScoreboard(c echo.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	if err := authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	asOf, bad := h.asOfParam(c)
	sb, err := h.Store.Scoreboard(c.Request().Context(), id, asOf, h.Now())
	if err != nil {
		return err
	}
	v := scoreboardView{Scoreboard: sb, Today: h.Store.ClampAsOf("", h.Now())}
	for _, k := range []models.KindScore{sb.Ministries, sb.Provinces} {
		if k.Total > 0 {
			v.Kinds = append(v.Kinds, k)
		}
	}
	p := h.page(c, h.t(c, "scoreboard.title"), v)
	p.Nav = "directives"
	return h.renderAsOf(c, "scoreboard", p, sb.AsOf, bad)
}

// leagueRowView is a league row with its rate written out.
type leagueRowView struct {
	models.LeagueRow
	Rate string
}

// leagueView is the data of the league table page.
type leagueView struct {
	AsOf     models.Day
	Plan     *models.Plan
	Themes   []models.Theme
	Rows     []leagueRowView
	Statuses []models.LeagueStatus
	Today    models.Day
}

// showLeague is the league table of agencies: within the plan of ?plan_id=
// (or of ?theme_id=, or the latest plan), of one ?kind=, at the end of ?as_of=.
func (h *Handler) showLeague(c echo.Context) error {
	if err := authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	ctx := c.Request().Context()
	v := leagueView{Statuses: models.LeagueStatuses, Today: h.Store.ClampAsOf("", h.Now())}
	f := models.LeagueFilter{}
	if k := c.QueryParam("kind"); k == models.KindMinistry || k == models.KindProvince {
		f.Kind = k
	}
	var err error
	if s := c.QueryParam("theme_id"); s != "" {
		id, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return models.ErrNotFound
		}
		theme, err := h.Store.ThemeByID(ctx, uint(id))
		if err != nil {
			return err
		}
		f.ThemeID = theme.ID
		if v.Plan, err = h.Store.PlanByID(ctx, theme.PlanID); err != nil {
			return err
		}
	} else {
		plans, err := h.Store.ListPlans(ctx)
		if err != nil {
			return err
		}
		if v.Plan, err = h.choosePlan(c, plans); err != nil {
			return err
		}
	}
	if v.Plan != nil {
		f.PlanID = v.Plan.ID
		if v.Themes, err = h.Store.ListThemes(ctx, v.Plan.ID); err != nil {
			return err
		}
	}
	f.AsOf, err = h.asOfParam(c)
	bad := err
	v.AsOf = f.AsOf
	rows, err := h.Store.League(ctx, f, h.Now())
	if err != nil {
		return err
	}
	for _, r := range rows {
		v.Rows = append(v.Rows, leagueRowView{LeagueRow: r, Rate: h.percent(c, r.Rate())})
	}
	p := h.page(c, h.t(c, "league.title"), v)
	p.Nav = "league"
	p.Values = c.QueryParams()
	return h.renderAsOf(c, "league", p, f.AsOf, bad)
}

// matrixColumn is a directive across the top of the theme matrix.
type matrixColumn struct {
	D     models.Directive
	Short string
}

// matrixGroup is the rows of one kind of agency.
type matrixGroup struct {
	Kind string
	Rows []models.MatrixRow
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
}

// showThemeMatrix is the one-page picture of a theme at the end of ?as_of=:
// agencies down the side, directives across the top.
func (h *Handler) showThemeMatrix(c echo.Context) error {
	if err := authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	theme, plan, err := h.themeParam(c)
	if err != nil {
		return err
	}
	asOf, bad := h.asOfParam(c)
	m, err := h.Store.ThemeMatrix(c.Request().Context(), theme.ID, asOf, h.Now())
	if err != nil {
		return err
	}
	v := matrixView{AsOf: m.AsOf, Theme: theme, Plan: plan, Classes: models.TimelinessClasses,
		Today: h.Store.ClampAsOf("", h.Now())}
	for _, d := range m.Directives {
		v.Columns = append(v.Columns, matrixColumn{D: d, Short: shortTitle(d.Title, 48)})
	}
	v.Span = len(v.Columns) + 1
	for _, r := range m.Rows {
		if n := len(v.Groups); n == 0 || v.Groups[n-1].Kind != r.Agency.Kind {
			v.Groups = append(v.Groups, matrixGroup{Kind: r.Agency.Kind})
		}
		g := &v.Groups[len(v.Groups)-1]
		g.Rows = append(g.Rows, r)
	}
	p := h.page(c, h.t(c, "matrix.title"), v)
	p.Nav = "plans"
	return h.renderAsOf(c, "matrix", p, m.AsOf, bad)
}

// renderAsOf renders a page answered "as of" a day: the date picker shows
// that day, or, after a date that did not parse (bad), the user's input with
// its message and a 422 (the figures shown are today's).
func (h *Handler) renderAsOf(c echo.Context, name string, p *views.Page, asOf models.Day, bad error) error {
	if bad == nil {
		p.Values.Set("as_of", asOf.String())
		return h.render(c, http.StatusOK, name, p)
	}
	p.Values.Set("as_of", c.QueryParam("as_of"))
	p.Errors = h.fieldsOf(c, bad)
	return h.render(c, http.StatusUnprocessableEntity, name, p)
}

// percent writes a rate in [0, 1] as a percentage with one decimal, with a
// decimal comma in Vietnamese ("83,3%").
func (h *Handler) percent(c echo.Context, rate float64) string {
	s := strconv.FormatFloat(rate*100, 'f', 1, 64)
	if h.lang(c) == views.LangVI {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s + "%"
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
