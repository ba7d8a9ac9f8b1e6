package pages

import (
	"html/template"
	"math"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/views"
)

// targetRow is a target with where it stands, written out for a page.
type targetRow struct {
	models.TargetProgress
	Goal     string // e.g. "≥ 100%"
	Baseline string // "" when unknown
	Current  string // "" when unknown
	Reached  int    // how far the value is towards the target, 0..100
}

func (h *Handler) toTargetRow(c echo.Context, p *models.TargetProgress) targetRow {
	t := &p.Target
	r := targetRow{TargetProgress: *p, Goal: h.goal(c, t), Baseline: h.valueText(c, t, t.Baseline),
		Current: h.valueText(c, t, p.Value)}
	if p.Value != nil && t.Value > 0 {
		r.Reached = int(math.Round(math.Min(1, math.Max(0, *p.Value/t.Value)) * 100))
	}
	switch {
	case p.Met:
		r.Reached = 100
	case r.Reached == 100: // at the goal of a "> goal" target: not there yet
		r.Reached = 99
	}
	return r
}

// targetGroup is the targets of one pillar.
type targetGroup struct {
	Pillar string
	Rows   []targetRow
}

// targetsView is the data of the targets page.
type targetsView struct {
	Plan       *models.Plan
	AsOf       models.Day
	Today      models.Day
	Groups     []targetGroup
	Met, Known int
	Total      int
}

// ListTargets shows the targets of ?plan_id= (default: the newest plan) by
// pillar, with where each stands at the end of ?as_of= (default today).
func (h *Handler) ListTargets(c echo.Context) error {
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	q := &web.Query{C: c}
	planID := q.ID("plan_id")
	if err := q.Err(); err != nil {
		return err
	}
	plan, err := h.PlanOrNewest(c, planID)
	if err != nil {
		return err
	}
	asOf, bad := h.AsOfParam(c)
	list, err := h.Store.TargetProgressList(c.Request().Context(), plan.ID, asOf, h.Now())
	if err != nil {
		return err
	}
	v := targetsView{Plan: plan, AsOf: asOf, Today: h.Today(), Total: len(list)}
	for _, pillar := range models.Pillars {
		g := targetGroup{Pillar: pillar}
		for i := range list {
			if list[i].Target.Pillar == pillar {
				g.Rows = append(g.Rows, h.toTargetRow(c, &list[i]))
			}
		}
		if len(g.Rows) > 0 {
			v.Groups = append(v.Groups, g)
		}
	}
	for _, p := range list {
		if p.Value != nil {
			v.Known++
		}
		if p.Met {
			v.Met++
		}
	}
	p := h.Page(c, h.T(c, "targets.title"), v)
	p.Nav = "targets"
	return h.renderAsOf(c, "targets", p, asOf, bad)
}

// kindShareRow is a line of an agencies target's split.
type kindShareRow struct {
	Kind    models.AgencyKind
	Share   models.AgencyShare
	Percent string
}

// valueRow is a reported value written out.
type valueRow struct {
	models.TargetValue
	Value string
}

// targetView is the data of a target's page.
type targetView struct {
	*web.TargetDetail
	Row       targetRow
	Kinds     []kindShareRow
	Values    []valueRow
	Chart     template.HTML
	CanReport bool
	Today     models.Day
}

// ShowTarget is a target's page: its details, its split by ministries and
// provinces (computed targets) or its reported values (national ones), its
// trajectory, and the form to report a value for those allowed to.
func (h *Handler) ShowTarget(c echo.Context) error {
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	plan, err := h.TargetCodePlan(c)
	if err != nil {
		return err
	}
	asOf, bad := h.AsOfParam(c)
	p, err := h.targetPage(c, plan, asOf)
	if err != nil {
		return err
	}
	p.Values.Set("value_as_of", h.Today().VN())
	return h.renderAsOf(c, "target", p, asOf, bad)
}

// targetPage builds a target's page as of a day (also used to re-render the value form).
func (h *Handler) targetPage(c echo.Context, plan *models.Plan, asOf models.Day) (*views.Page, error) {
	d, err := h.LoadTargetDetail(c, plan, asOf)
	if err != nil {
		return nil, err
	}
	t := &d.Progress.Target
	v := targetView{TargetDetail: d, Row: h.toTargetRow(c, d.Progress), Chart: h.trajectoryChart(c, d),
		CanReport: t.Scope == models.ScopeNational && models.Can(web.CurrentUser(c), models.ActReportTarget, web.ResponsibleOf(t)),
		Today:     h.Today()}
	if t.Scope == models.ScopeAgencies {
		for _, k := range []kindShareRow{{Kind: models.KindMinistry, Share: d.Progress.Ministries},
			{Kind: models.KindProvince, Share: d.Progress.Provinces}} {
			if k.Share.Total > 0 {
				k.Percent = h.valueText(c, t, k.Share.Percent())
				v.Kinds = append(v.Kinds, k)
			}
		}
	}
	for _, tv := range d.History {
		v.Values = append(v.Values, valueRow{TargetValue: tv, Value: h.valueText(c, t, &tv.Value)})
	}
	p := h.Page(c, t.Code+" · "+h.T(c, "targets.title"), v)
	p.Nav = "targets"
	return p, nil
}

// ReportTargetValue records a value of a national target from the target
// page's form; a refused value re-renders the page (422) with the input kept.
func (h *Handler) ReportTargetValue(c echo.Context) error {
	plan, t, err := h.TargetToReport(c)
	if err != nil {
		return err
	}
	form, err := web.FormParams(c)
	if err != nil {
		return err
	}
	value := parseDecimal(form.Get("value"))
	_, err = h.Store.ReportTargetValue(c.Request().Context(), web.CurrentUser(c), t.ID, value, form.Get("value_as_of"), form.Get("source"),
		form.Get("note"), h.Now())
	if err != nil {
		today := h.Today()
		p, perr := h.targetPage(c, plan, today)
		if perr != nil {
			return perr
		}
		form.Set("as_of", today.VN()) // the as-of filter above the form
		return h.FormPage(c, web.MoveFieldMessage(err, "as_of", "value_as_of"), "target", p, form)
	}
	to := "/targets/" + url.PathEscape(t.Code) + "?plan_id=" + strconv.FormatUint(uint64(plan.ID), 10)
	return h.RedirectFlash(c, to, "flash.target_value_saved")
}

// parseDecimal reads a number written with a decimal point or comma; what
// is not a number becomes NaN, which the store refuses with a message.
func parseDecimal(s string) float64 {
	s = strings.ReplaceAll(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%")), ",", ".")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return math.NaN()
	}
	return v
}
