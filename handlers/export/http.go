package export

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/models/export"
)

// Handler answers /export/{what} for the pages (session) and
// /api/v1/export/{what} for the API (bearer token): the same filters as the
// page or API list, ?format=xlsx (the default) or csv, and the same right to
// read as the page.
type Handler struct {
	*web.Handler
}

func (h *Handler) builder(c echo.Context) *Builder {
	return &Builder{Store: h.Store, Views: h.Views, Lang: h.Lang(c), Now: h.Now()}
}

// formatParam reads ?format= (when absent: csv for an address ending in
// .csv, else xlsx; 422 on anything else).
func formatParam(c echo.Context, q *web.Query) export.Format {
	if strings.TrimSpace(c.QueryParam("format")) == "" {
		if strings.HasSuffix(c.Path(), ".csv") {
			return export.CSV
		}
		return export.XLSX
	}
	return web.OneOf(q, "format", export.Formats...)
}

// serve streams e to the client as an attachment. Once the first byte is
// sent the status is 200; a failure after that can only cut the file short,
// and is logged.
func (h *Handler) serve(c echo.Context, f export.Format, e *Export) error {
	res := c.Response()
	res.Header().Set(echo.HeaderContentType, f.ContentType())
	res.Header().Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s.%s"`, e.Name, f))
	res.Header().Set("Cache-Control", "no-store")
	res.WriteHeader(http.StatusOK)
	w, err := export.New(res, f, e.Table)
	if err == nil {
		err = e.Write(c.Request().Context(), w)
	}
	if err != nil {
		h.Log.Warn("export cut short", "path", c.Path(), "err", err)
	}
	return nil
}

// Assignments exports every assignment the API's list filters select.
func (h *Handler) Assignments(c echo.Context) error {
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	q := &web.Query{C: c}
	format := formatParam(c, q)
	f, err := h.AssignmentFilterParam(c)
	if err := q.Err(); err != nil {
		return err
	}
	if err != nil {
		return err
	}
	b := h.builder(c)
	var filters []string
	for _, name := range []string{"plan_id", "theme_id", "directive_id", "agency_code"} {
		if v := strings.TrimSpace(c.QueryParam(name)); v != "" {
			filters = append(filters, name+"="+v)
		}
	}
	if f.AgencyKind != "" {
		filters = append(filters, b.filter("export.col_kind", b.T("kind."+string(f.AgencyKind))))
	}
	if f.Status != "" {
		filters = append(filters, b.filter("export.col_status", b.T("status."+string(f.Status))))
	}
	if f.Timeliness != "" {
		filters = append(filters, b.filter("export.col_timeliness", b.T("timeliness."+string(f.Timeliness))))
	}
	return h.serve(c, format, b.Assignments(f, filters))
}

// Scoreboard exports a directive's scoreboard (?directive_id=, ?as_of=,
// ?kind=, ?overdue=1).
func (h *Handler) Scoreboard(c echo.Context) error {
	id, err := web.ParseID(c.QueryParam("directive_id"))
	if err != nil {
		return err
	}
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	q := &web.Query{C: c}
	format, kind := formatParam(c, q), web.OneOf(q, "kind", models.AgencyKinds...)
	asOf, err := h.AsOfParam(c)
	if err != nil {
		q.Add("as_of", "err.as_of_invalid")
	}
	if err := q.Err(); err != nil {
		return err
	}
	e, err := h.builder(c).Scoreboard(c.Request().Context(), id, asOf, kind, c.QueryParam("overdue") == "1")
	if err != nil {
		return err
	}
	return h.serve(c, format, e)
}

// League exports the whole league table (?kind=, ?theme_id=, ?plan_id=,
// ?as_of=, ?overdue=1).
func (h *Handler) League(c echo.Context) error {
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	q := &web.Query{C: c}
	format := formatParam(c, q)
	f, err := h.LeagueFilterParam(c, q)
	if err != nil {
		return err
	}
	e, err := h.builder(c).League(c.Request().Context(), f, c.QueryParam("overdue") == "1")
	if err != nil {
		return err
	}
	return h.serve(c, format, e)
}

// Matrix exports a theme's matrix, every agency and directive (?theme_id=,
// ?as_of=).
func (h *Handler) Matrix(c echo.Context) error {
	id, err := web.ParseID(c.QueryParam("theme_id"))
	if err != nil {
		return err
	}
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	q := &web.Query{C: c}
	format := formatParam(c, q)
	asOf, err := h.AsOfParam(c)
	if err != nil {
		q.Add("as_of", "err.as_of_invalid")
	}
	if err := q.Err(); err != nil {
		return err
	}
	e, err := h.builder(c).Matrix(c.Request().Context(), id, asOf)
	if err != nil {
		return err
	}
	return h.serve(c, format, e)
}

// Targets exports the targets of ?plan_id= (default: the newest plan) at
// the end of ?as_of=.
func (h *Handler) Targets(c echo.Context) error {
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	q := &web.Query{C: c}
	format := formatParam(c, q)
	if err := q.Err(); err != nil {
		return err
	}
	plan, asOf, err := h.TargetsPlan(c)
	if err != nil {
		return err
	}
	e, err := h.builder(c).Targets(c.Request().Context(), plan, asOf)
	if err != nil {
		return err
	}
	return h.serve(c, format, e)
}

// Review exports the review queue, for those who review.
func (h *Handler) Review(c echo.Context) error {
	if err := web.Authorize(c, models.ActReview, 0); err != nil {
		return err
	}
	q := &web.Query{C: c}
	format := formatParam(c, q)
	if err := q.Err(); err != nil {
		return err
	}
	return h.serve(c, format, h.builder(c).Review())
}

// Audit exports the audit trail the page's filters select, for those who
// may read it.
func (h *Handler) Audit(c echo.Context) error {
	if err := web.Authorize(c, models.ActReadAudit, 0); err != nil {
		return err
	}
	q := &web.Query{C: c}
	format := formatParam(c, q)
	if err := q.Err(); err != nil {
		return err
	}
	f, err := web.AuditFilterParam(c, 1)
	if err != nil {
		return err
	}
	return h.serve(c, format, h.builder(c).Audit(f))
}
