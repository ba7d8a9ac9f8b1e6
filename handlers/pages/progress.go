package pages

import (
	"html/template"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
)

// themeProgressView is the data of a theme's progress page.
type themeProgressView struct {
	Theme *models.Theme
	Plan  *models.Plan
	AsOf  models.Day
	Today models.Day
	Last  models.BurnPoint // where the theme stood at the end of AsOf
	Chart template.HTML
}

// ShowThemeProgress is a theme's burn-up: week by week, its assignments
// done against all those it holds, up to ?as_of= (default today).
func (h *Handler) ShowThemeProgress(c echo.Context) error {
	theme, plan, asOf, bad, err := h.themeAsOf(c)
	if err != nil {
		return err
	}
	points, err := h.Store.ThemeBurnUp(c.Request().Context(), theme.ID, asOf, h.Now())
	if err != nil {
		return err
	}
	v := themeProgressView{Theme: theme, Plan: plan, AsOf: asOf, Today: h.Today()}
	if len(points) > 0 {
		v.Last = points[len(points)-1]
		v.Chart = h.burnUpChart(c, points)
	}
	p := h.Page(c, h.T(c, "progress.title")+" · "+h.Pick(c, theme.TitleVI, theme.TitleEN), v)
	p.Nav = "plans"
	return h.renderAsOf(c, "theme_progress", p, asOf, bad)
}

// themeAsOf reads what a theme's as-of pages (matrix, progress) need: read
// access, the theme of the path with its plan, and ?as_of= (bad: the
// date was refused and today stands in).
func (h *Handler) themeAsOf(c echo.Context) (theme *models.Theme, plan *models.Plan, asOf models.Day, bad error, err error) {
	if err = web.Authorize(c, models.ActRead, 0); err != nil {
		return
	}
	if theme, plan, err = h.themeParam(c); err != nil {
		return
	}
	asOf, bad = h.AsOfParam(c)
	return
}

// planSplitView is the year overview's chart and the day it is drawn for.
type planSplitView struct {
	AsOf  models.Day
	Today models.Day
	Chart template.HTML
}

// planSplit is the year overview's chart: the plan's assignments by month
// due and timeliness class at the end of ?as_of= (default today; a date
// that does not parse is taken as today, the overview stays readable).
func (h *Handler) planSplit(c echo.Context, plan *models.Plan) (planSplitView, error) {
	asOf, _ := h.AsOfParam(c)
	months, err := h.Store.TimelinessByDueMonth(c.Request().Context(), plan.ID, plan.Year, asOf, h.Now())
	if err != nil {
		return planSplitView{}, err
	}
	return planSplitView{AsOf: asOf, Today: h.Today(), Chart: h.splitChart(c, plan, months, asOf)}, nil
}
