package pages

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/models/export"
	"roviec/models/store"
	"roviec/views"
)

// The public scoreboard (/public/{plan}) is open data: the themes, each
// directive's progress and the league table of a plan an administrator opened
// to the public, without login, as a page, JSON and CSV. It shows
// agency-level facts only: no person's name or address, no owner, note,
// comment or evidence. The three forms are served here, from one view, so
// that they always tell the same figures.

// publicMaxAge is how long a browser or a proxy may keep a public answer:
// the figures are today's and change with each report, so a few minutes
// spare the server a crowd after a press release without showing stale news
// for long.
const publicMaxAge = 300

// publicTheme is a theme with its counts and its directives' progress.
type publicTheme struct {
	Theme      models.Theme
	Counts     map[models.Timeliness]int
	Directives []store.DirectiveProgress
}

// publicView is the data of the public scoreboard.
type publicView struct {
	Plan    *models.Plan
	AsOf    models.Day
	Classes []models.Timeliness
	Themes  []publicTheme
	League  []models.LeagueRow
}

// publicData gathers a public plan's figures from the store's aggregates
// (the theme tallies, the status counts per directive, the league's
// standings), whatever the number of assignments.
func (h *Handler) publicData(c echo.Context, ref string) (*publicView, error) {
	ctx := c.Request().Context()
	plan, err := h.Store.PublicPlan(ctx, ref)
	if err != nil {
		return nil, err
	}
	themes, err := h.Store.ListThemes(ctx, plan.ID)
	if err != nil {
		return nil, err
	}
	counts, err := h.Store.TimelinessCounts(ctx, plan.ID, "", h.Now())
	if err != nil {
		return nil, err
	}
	progress, err := h.Store.PlanDirectiveProgress(ctx, plan.ID)
	if err != nil {
		return nil, err
	}
	league, err := h.Store.League(ctx, store.LeagueFilter{PlanID: plan.ID}, h.Now())
	if err != nil {
		return nil, err
	}
	v := &publicView{Plan: plan, AsOf: h.Today(), Classes: models.TimelinessClasses, League: league}
	for _, t := range themes {
		pt := publicTheme{Theme: t, Counts: counts[t.ID]}
		for _, d := range progress {
			if d.ThemeID == t.ID {
				pt.Directives = append(pt.Directives, d)
			}
		}
		v.Themes = append(v.Themes, pt)
	}
	return v, nil
}

// ShowPublic answers /public/{plan}, /public/{plan}.json and
// /public/{plan}.csv (the league table; /public/{plan}/directives.csv is the
// directives'). A plan not opened to the public is a 404.
func (h *Handler) ShowPublic(c echo.Context) error {
	ref, format, _ := strings.Cut(c.Param("plan"), ".")
	if format != "" && format != "json" && format != "csv" {
		return echo.ErrNotFound
	}
	v, err := h.publicData(c, ref)
	if err != nil {
		return err
	}
	hdr := c.Response().Header()
	hdr.Set(echo.HeaderCacheControl, fmt.Sprintf("public, max-age=%d", publicMaxAge))
	switch format {
	case "json":
		return c.JSON(http.StatusOK, toPublicJSON(v))
	case "csv":
		return h.publicCSV(c, v, "league")
	}
	// The page is in the language of ?lang= (the page's switch: it has no
	// session to post a choice to), else of the visitor's cookie.
	if l := c.QueryParam("lang"); views.IsLanguage(l) {
		c.Set(web.CtxLang, l)
	}
	hdr.Set(echo.HeaderVary, "Cookie")
	p := h.Page(c, h.Pick(c, v.Plan.Name, v.Plan.NameEN), v)
	return h.Render(c, http.StatusOK, "public", p)
}

// ShowPublicDirectivesCSV is /public/{plan}/directives.csv.
func (h *Handler) ShowPublicDirectivesCSV(c echo.Context) error {
	v, err := h.publicData(c, c.Param("plan"))
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderCacheControl, fmt.Sprintf("public, max-age=%d", publicMaxAge))
	return h.publicCSV(c, v, "directives")
}

// publicCSV writes one table of the public scoreboard as CSV through the
// exports' writer (UTF-8 with a byte-order mark, so that Excel reads the
// Vietnamese names right; text that would read as a formula quoted, since
// anyone may download it); the headers are the JSON's field names, stable
// for scripts.
func (h *Handler) publicCSV(c echo.Context, v *publicView, table string) error {
	res := c.Response()
	res.Header().Set(echo.HeaderContentType, export.CSV.ContentType())
	res.Header().Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="roviec-%d-%s.csv"`, v.Plan.Year, table))
	res.WriteHeader(http.StatusOK)
	head := []string{"rank", "agency_code", "agency", "kind", "assigned", "due", "done_on_time", "done_late",
		"open_overdue", "days_overdue", "on_time_rate"}
	if table == "directives" {
		head = []string{"theme_id", "theme", "directive_id", "directive", "due_on", "assigned", "done"}
	}
	cols := make([]export.Column, len(head))
	for i, name := range head {
		cols[i] = export.Column{Header: name}
	}
	w, err := export.New(res, export.CSV, export.Table{Columns: cols})
	if err == nil {
		err = h.publicRows(w, v, table)
	}
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		h.Log.Warn("public CSV cut short", "error", err)
	}
	return nil
}

// publicRows writes the rows of one table of the public scoreboard.
func (h *Handler) publicRows(w export.Writer, v *publicView, table string) error {
	if table == "directives" {
		for _, t := range v.Themes {
			for _, d := range t.Directives {
				if err := w.Row(int(t.Theme.ID), t.Theme.TitleVI, int(d.ID), d.Title, string(d.DueOn), d.Assigned, d.Done); err != nil {
					return err
				}
			}
		}
		return nil
	}
	for _, r := range toPublicJSON(v).League {
		rank, rate := "", ""
		if r.Rank != nil {
			rank, rate = strconv.Itoa(*r.Rank), strconv.FormatFloat(*r.OnTimeRate, 'f', 4, 64)
		}
		if err := w.Row(rank, r.AgencyCode, r.Agency, string(r.Kind), r.Assigned, r.Due, r.DoneOnTime, r.DoneLate,
			r.OpenOverdue, r.DaysOverdue, rate); err != nil {
			return err
		}
	}
	return nil
}

// The public JSON's shapes: agency-level facts only.
type (
	publicJSON struct {
		Plan   publicPlanJSON    `json:"plan"`
		AsOf   string            `json:"as_of"`
		Themes []publicThemeJSON `json:"themes"`
		League []publicRowJSON   `json:"league"`
	}
	publicPlanJSON struct {
		ID     uint   `json:"id"`
		Year   int    `json:"year"`
		Name   string `json:"name"`
		NameEN string `json:"name_en"`
	}
	publicThemeJSON struct {
		ID         uint                  `json:"id"`
		FirstMonth int                   `json:"first_month"`
		LastMonth  int                   `json:"last_month"`
		Title      string                `json:"title"`
		TitleEN    string                `json:"title_en"`
		Counts     map[string]int        `json:"counts"` // done_on_time, done_late, open_on_track, open_overdue
		Directives []publicDirectiveJSON `json:"directives"`
	}
	publicDirectiveJSON struct {
		ID       uint    `json:"id"`
		Title    string  `json:"title"`
		DueOn    *string `json:"due_on"`
		Assigned int     `json:"assigned"`
		Done     int     `json:"done"`
	}
	publicRowJSON struct {
		Rank        *int              `json:"rank"` // null: nothing due yet
		AgencyCode  string            `json:"agency_code"`
		Agency      string            `json:"agency"`
		Kind        models.AgencyKind `json:"kind"`
		Assigned    int               `json:"assigned"`
		Due         int               `json:"due"`
		DoneOnTime  int               `json:"done_on_time"`
		DoneLate    int               `json:"done_late"`
		OpenOverdue int               `json:"open_overdue"`
		DaysOverdue int               `json:"days_overdue"`
		OnTimeRate  *float64          `json:"on_time_rate"`
	}
)

func toPublicJSON(v *publicView) publicJSON {
	out := publicJSON{Plan: publicPlanJSON{ID: v.Plan.ID, Year: v.Plan.Year, Name: v.Plan.Name, NameEN: v.Plan.NameEN},
		AsOf: v.AsOf.String(), Themes: []publicThemeJSON{}, League: []publicRowJSON{}}
	for _, t := range v.Themes {
		tj := publicThemeJSON{ID: t.Theme.ID, FirstMonth: t.Theme.FirstMonth, LastMonth: t.Theme.LastMonth, Title: t.Theme.TitleVI,
			TitleEN: t.Theme.TitleEN, Counts: map[string]int{}, Directives: []publicDirectiveJSON{}}
		for _, cl := range v.Classes {
			tj.Counts[string(cl)] = t.Counts[cl]
		}
		for _, d := range t.Directives {
			dj := publicDirectiveJSON{ID: d.ID, Title: d.Title, Assigned: d.Assigned, Done: d.Done}
			if !d.DueOn.IsZero() {
				s := d.DueOn.String()
				dj.DueOn = &s
			}
			tj.Directives = append(tj.Directives, dj)
		}
		out.Themes = append(out.Themes, tj)
	}
	for _, r := range v.League {
		row := publicRowJSON{AgencyCode: r.Agency.Code, Agency: r.Agency.Name, Kind: r.Agency.Kind, Assigned: r.Assigned,
			Due: r.Due, DoneOnTime: r.DoneOnTime, DoneLate: r.DoneLate, OpenOverdue: r.OpenOverdue, DaysOverdue: r.DaysOverdue}
		if r.Due > 0 {
			rank, rate := r.Rank, math.Round(r.Rate()*10000)/10000
			row.Rank, row.OnTimeRate = &rank, &rate
		}
		out.League = append(out.League, row)
	}
	return out
}

// publicScoreboard is one directive's public scoreboard: who has done it and
// who has not, agency by agency, agency-level facts only.
type publicScoreboard struct {
	Plan      *models.Plan
	Directive *models.Directive
	Board     *models.Scoreboard
	Kinds     []models.KindScore // the kinds it was assigned to
}

// publicAgencyJSON is an agency's copy of a directive on the public
// scoreboard: no owner, note or evidence.
type publicAgencyJSON struct {
	AgencyCode  string            `json:"agency_code"`
	Agency      string            `json:"agency"`
	Kind        models.AgencyKind `json:"kind"`
	Status      models.Status     `json:"status"`
	Progress    int               `json:"progress"`
	DueOn       string            `json:"due_on"`
	Timeliness  models.Timeliness `json:"timeliness"`
	DaysOverdue int               `json:"days_overdue"`
}

// publicScoreboardJSON is /public/{plan}/directives/{id}.json.
type publicScoreboardJSON struct {
	AsOf        string             `json:"as_of"`
	DirectiveID uint               `json:"directive_id"`
	Directive   string             `json:"directive"`
	DueOn       string             `json:"due_on"`
	Ministries  models.KindScore   `json:"ministries"`
	Provinces   models.KindScore   `json:"provinces"`
	NotDone     []publicAgencyJSON `json:"not_done"`
	Done        []publicAgencyJSON `json:"done"`
}

// ShowPublicScoreboard answers /public/{plan}/directives/{id} and its .json:
// the scoreboard of one directive of a public plan as of today (one
// directive's assignments: a bounded read, as the committee's scoreboard).
// A directive of another plan, or of a plan not public, is a 404.
func (h *Handler) ShowPublicScoreboard(c echo.Context) error {
	ref, format, _ := strings.Cut(c.Param("id"), ".")
	if format != "" && format != "json" {
		return echo.ErrNotFound
	}
	ctx := c.Request().Context()
	plan, err := h.Store.PublicPlan(ctx, c.Param("plan"))
	if err != nil {
		return err
	}
	id, err := strconv.ParseUint(ref, 10, 32)
	if err != nil {
		return echo.ErrNotFound
	}
	d, err := h.Store.DirectiveByID(ctx, uint(id))
	if err != nil {
		return err
	}
	if d.PlanID != plan.ID {
		return echo.ErrNotFound
	}
	sb, err := h.Store.Scoreboard(ctx, d.ID, "", h.Now())
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderCacheControl, fmt.Sprintf("public, max-age=%d", publicMaxAge))
	if format == "json" {
		rows := func(list []models.Laggard) []publicAgencyJSON {
			out := make([]publicAgencyJSON, len(list))
			for i, l := range list {
				out[i] = publicAgencyJSON{AgencyCode: l.Agency.Code, Agency: l.Agency.Name, Kind: l.Agency.Kind, Status: l.Status,
					Progress: l.Progress, DueOn: string(l.DueOn), Timeliness: l.Timeliness.Class, DaysOverdue: l.Timeliness.DaysOverdue}
			}
			return out
		}
		return c.JSON(http.StatusOK, publicScoreboardJSON{AsOf: sb.AsOf.String(), DirectiveID: d.ID, Directive: d.Title,
			DueOn: string(d.DueOn), Ministries: sb.Ministries, Provinces: sb.Provinces,
			NotDone: rows(sb.NotDone), Done: rows(sb.Done)})
	}
	if l := c.QueryParam("lang"); views.IsLanguage(l) {
		c.Set(web.CtxLang, l)
	}
	c.Response().Header().Set(echo.HeaderVary, "Cookie")
	v := publicScoreboard{Plan: plan, Directive: d, Board: sb}
	for _, k := range []models.KindScore{sb.Ministries, sb.Provinces} {
		if k.Total > 0 {
			v.Kinds = append(v.Kinds, k)
		}
	}
	p := h.Page(c, d.Title, v)
	return h.Render(c, http.StatusOK, "public_scoreboard", p)
}
