package api

import (
	"math"
	"net/http"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/models/store"
)

// laggardJSON is an agency and its copy of the directive (not done, or done
// in the scoreboard's done list: days_overdue is then 0).
type laggardJSON struct {
	AgencyCode   string            `json:"agency_code"`
	Name         string            `json:"name"`
	Kind         models.AgencyKind `json:"kind"`
	Status       models.Status     `json:"status"`
	Progress     int               `json:"progress"`
	DueDate      *string           `json:"due_date"`
	DaysOverdue  int               `json:"days_overdue"`
	AssignmentID uint              `json:"assignment_id"`
}

// scoreboardJSON is GET /api/v1/directives/{id}/scoreboard.
type scoreboardJSON struct {
	AsOf        string           `json:"as_of"`
	DirectiveID uint             `json:"directive_id"`
	Ministries  models.KindScore `json:"ministries"`
	Provinces   models.KindScore `json:"provinces"`
	NotDone     []laggardJSON    `json:"not_done"`
	Done        []laggardJSON    `json:"done"` // in name order
}

// idAsOfParams reads the request of a committee view of one directive or
// theme: the :id of the path (404), then the right to read (403), then the
// day of ?as_of= (422).
func (h *Handler) idAsOfParams(c echo.Context) (uint, models.Day, error) {
	id, err := web.IdParam(c, "id")
	if err != nil {
		return 0, "", err
	}
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return 0, "", err
	}
	asOf, err := h.AsOfParam(c)
	return id, asOf, err
}

// apiScoreboard answers "how many have done it, who has not" for a directive
// at the end of ?as_of= (default today), per kind of agency.
func (h *Handler) Scoreboard(c echo.Context) error {
	id, asOf, err := h.idAsOfParams(c)
	if err != nil {
		return err
	}
	sb, err := h.Store.Scoreboard(c.Request().Context(), id, asOf, h.Now())
	if err != nil {
		return err
	}
	out := scoreboardJSON{AsOf: sb.AsOf.String(), DirectiveID: id, Ministries: sb.Ministries,
		Provinces: sb.Provinces, NotDone: toLaggardsJSON(sb.NotDone), Done: toLaggardsJSON(sb.Done)}
	return c.JSON(http.StatusOK, out)
}

func toLaggardsJSON(list []models.Laggard) []laggardJSON {
	out := make([]laggardJSON, len(list))
	for i, l := range list {
		out[i] = laggardJSON{AgencyCode: l.Agency.Code, Name: l.Agency.Name, Kind: l.Agency.Kind, Status: l.Status,
			Progress: l.Progress, DueDate: dayJSON(l.DueOn), DaysOverdue: l.Timeliness.DaysOverdue, AssignmentID: l.AssignmentID}
	}
	return out
}

// leagueRowJSON is one agency of the league table. Rank and on_time_rate are
// null for an agency with nothing due yet.
type leagueRowJSON struct {
	Rank        *int                `json:"rank"`
	AgencyCode  string              `json:"agency_code"`
	Name        string              `json:"name"`
	Kind        models.AgencyKind   `json:"kind"`
	Assigned    int                 `json:"assigned"`
	DueSoFar    int                 `json:"due_so_far"`
	DoneOnTime  int                 `json:"done_on_time"`
	DoneLate    int                 `json:"done_late"`
	OpenOverdue int                 `json:"open_overdue"`
	DaysOverdue int                 `json:"days_overdue"`
	OnTimeRate  *float64            `json:"on_time_rate"` // done_on_time / due_so_far, in [0, 1]
	Status      models.LeagueStatus `json:"status"`
}

// leagueJSON is GET /api/v1/agencies/league.
type leagueJSON struct {
	AsOf    string          `json:"as_of"`
	Items   []leagueRowJSON `json:"items"`
	Total   int             `json:"total"` // agencies ranked; items is one page of them
	Page    int             `json:"page"`
	PerPage int             `json:"per_page"`
}

// League ranks the active agencies by on-time completion at the end of
// ?as_of=, within a kind, theme or plan (see models.LeagueRow for the rate),
// a page at a time (?page=, ?per_page=, 100 by default).
func (h *Handler) League(c echo.Context) error {
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	q := &web.Query{C: c}
	page := q.Page(100)
	f, err := h.LeagueFilterParam(c, q)
	if err != nil {
		return err
	}
	all, err := h.Store.League(c.Request().Context(), f, h.Now())
	if err != nil {
		return err
	}
	rows := web.PageOf(all, page.Page, page.PerPage)
	out := leagueJSON{AsOf: f.AsOf.String(), Items: make([]leagueRowJSON, len(rows)), Total: len(all), Page: page.Page,
		PerPage: page.PerPage}
	for i := range rows {
		r := &rows[i]
		item := leagueRowJSON{AgencyCode: r.Agency.Code, Name: r.Agency.Name, Kind: r.Agency.Kind, Assigned: r.Assigned,
			DueSoFar: r.Due, DoneOnTime: r.DoneOnTime, DoneLate: r.DoneLate, OpenOverdue: r.OpenOverdue,
			DaysOverdue: r.DaysOverdue, Status: r.Status}
		if r.Due > 0 {
			rank, rate := r.Rank, math.Round(r.Rate()*10000)/10000
			item.Rank, item.OnTimeRate = &rank, &rate
		}
		out.Items[i] = item
	}
	return c.JSON(http.StatusOK, out)
}

// matrixCellJSON is one agency's copy of one directive in the theme matrix.
type matrixCellJSON struct {
	AssignmentID uint               `json:"assignment_id"`
	Status       models.Status      `json:"status"`
	Progress     int                `json:"progress"`
	DueDate      *string            `json:"due_date"`
	Timeliness   *models.Timeliness `json:"timeliness"` // null for a cancelled assignment
	DueSoon      bool               `json:"due_soon"`
	DaysOverdue  int                `json:"days_overdue"`
}

// matrixRowJSON is an agency with one cell per directive (null: no copy).
type matrixRowJSON struct {
	AgencyCode string            `json:"agency_code"`
	Name       string            `json:"name"`
	Kind       models.AgencyKind `json:"kind"`
	Cells      []*matrixCellJSON `json:"cells"`
}

// matrixDirectiveJSON is a column of the theme matrix.
type matrixDirectiveJSON struct {
	ID      uint    `json:"id"`
	Title   string  `json:"title"`
	DueDate *string `json:"due_date"`
}

// matrixJSON is GET /api/v1/themes/{id}/matrix.
type matrixJSON struct {
	AsOf       string                `json:"as_of"`
	ThemeID    uint                  `json:"theme_id"`
	Directives []matrixDirectiveJSON `json:"directives"`
	Rows       []matrixRowJSON       `json:"rows"`
	Total      int                   `json:"total"` // agencies in the whole matrix; rows is one page of them
	Page       int                   `json:"page"`
	PerPage    int                   `json:"per_page"`
}

// ThemeMatrix is a page (?page=, ?per_page=, 50 agencies by default) of the
// theme's agencies against all its directives at the end of ?as_of=.
func (h *Handler) ThemeMatrix(c echo.Context) error {
	id, asOf, err := h.idAsOfParams(c)
	if err != nil {
		return err
	}
	q := &web.Query{C: c}
	page := q.Page(50)
	if err := q.Err(); err != nil {
		return err
	}
	m, err := h.Store.ThemeMatrix(c.Request().Context(), id, asOf, h.Now(), store.MatrixWindow{Rows: page})
	if err != nil {
		return err
	}
	out := matrixJSON{AsOf: m.AsOf.String(), ThemeID: id, Directives: make([]matrixDirectiveJSON, len(m.Directives)),
		Rows: make([]matrixRowJSON, len(m.Rows)), Total: m.Agencies, Page: page.Page, PerPage: page.PerPage}
	for i, d := range m.Directives {
		out.Directives[i] = matrixDirectiveJSON{ID: d.ID, Title: d.Title, DueDate: dayJSON(d.DueOn)}
	}
	for i, r := range m.Rows {
		row := matrixRowJSON{AgencyCode: r.Agency.Code, Name: r.Agency.Name, Kind: r.Agency.Kind,
			Cells: make([]*matrixCellJSON, len(r.Cells))}
		for j, cell := range r.Cells {
			if cell == nil {
				continue
			}
			row.Cells[j] = &matrixCellJSON{AssignmentID: cell.AssignmentID, Status: cell.Status, Progress: cell.Progress,
				DueDate: dayJSON(cell.DueOn), DueSoon: cell.Timeliness.DueSoon, DaysOverdue: cell.Timeliness.DaysOverdue}
			if cl := cell.Timeliness.Class; cl != "" {
				row.Cells[j].Timeliness = &cl
			}
		}
		out.Rows[i] = row
	}
	return c.JSON(http.StatusOK, out)
}
