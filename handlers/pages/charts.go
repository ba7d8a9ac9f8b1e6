package pages

import (
	"html/template"
	"math"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/views"
	"roviec/views/charts"
)

// timelinessStyle is how a timeliness class is drawn: the colour of its
// badge in the stylesheet and a fill pattern of its own, so that colour is
// never the only signal.
func timelinessStyle(cl models.Timeliness) charts.Series {
	switch cl {
	case models.DoneOnTime:
		return charts.Series{Color: "#1e7b34", Mark: "solid"}
	case models.DoneLate:
		return charts.Series{Color: "#8a5a00", Mark: "hatch"}
	case models.OpenOnTrack:
		return charts.Series{Color: "#0b57a4", Mark: "dots"}
	}
	return charts.Series{Color: "#b3261e", Mark: "cross"}
}

// numberFormat formats values with the separators of the request's
// language, to one decimal.
func (h *Handler) numberFormat(c echo.Context) func(float64) string {
	lang := h.Lang(c)
	return func(v float64) string { return views.FormatNumber(lang, v, 1) }
}

// goal writes a target's comparator and value, e.g. "≥ 100%".
func (h *Handler) goal(c echo.Context, t *models.Target) string {
	cmp := t.Comparator
	if cmp == ">=" {
		cmp = "≥"
	}
	return cmp + " " + h.valueText(c, t, &t.Value)
}

// valueText writes a target's value with its unit, or "" when unknown.
func (h *Handler) valueText(c echo.Context, t *models.Target, v *float64) string {
	if v == nil {
		return ""
	}
	if t.Unit == models.UnitPercent {
		return h.numberFormat(c)(*v) + "%"
	}
	return h.numberFormat(c)(*v)
}

// monthLabel is the short name of month m on a chart axis.
func (h *Handler) monthLabel(c echo.Context, m int) string { return h.T(c, "chart.month", "M", m) }

// trajectoryChart draws a target's value month by month over its plan's
// year (after its baseline, when known) against the dashed target line.
func (h *Handler) trajectoryChart(c echo.Context, d *web.TargetDetail) template.HTML {
	t := &d.Progress.Target
	var cats []string
	var values []float64
	months := map[time.Month]float64{}
	for _, pt := range d.Trajectory {
		switch {
		case pt.Baseline:
			cats = append(cats, h.T(c, "target.baseline_point", "Year", models.BaselineYear))
			values = append(values, *pt.Value)
		case pt.Value != nil:
			months[pt.Day.Time().Month()] = *pt.Value
		}
	}
	for m := time.January; m <= time.December; m++ {
		v, ok := months[m]
		if !ok {
			v = math.NaN() // not known yet, or after the as-of day
		}
		cats, values = append(cats, h.monthLabel(c, int(m))), append(values, v)
	}
	ch := charts.Chart{ID: "trajectory-" + t.Code, Title: h.T(c, "target.chart_title", "Code", t.Code, "Year", d.Plan.Year),
		Desc:   h.T(c, "target.chart_desc", "Goal", h.goal(c, t), "Date", d.Progress.AsOf.VN()),
		XLabel: h.T(c, "chart.month_axis", "Year", d.Plan.Year), YLabel: h.T(c, "target.chart_axis"),
		Categories: cats, Number: h.numberFormat(c),
		Series: []charts.Series{{Name: h.T(c, "target.value_series"), Values: values, Color: "#0b57a4", Mark: "circle"}},
		Target: &charts.Reference{Value: t.Value, Label: h.T(c, "target.goal_line", "Goal", h.goal(c, t))}}
	if t.Unit == models.UnitPercent {
		ch.YMax, ch.Unit = 100, "%"
	}
	return charts.Line(ch)
}

// burnUpChart draws a theme's work done over time against its total.
// The points end at the theme's last change or deadline (see models.ThemeBurnUp).
func (h *Handler) burnUpChart(c echo.Context, points []models.BurnPoint) template.HTML {
	ch := charts.Chart{ID: "burn-up", Title: h.T(c, "progress.chart_title"),
		Desc: h.T(c, "progress.chart_desc", "Date", points[len(points)-1].Day.VN()), TableSummary: h.T(c, "chart.table"),
		XLabel: h.T(c, "progress.week_axis"), YLabel: h.T(c, "progress.count_axis"), Number: h.numberFormat(c)}
	total := charts.Series{Name: h.T(c, "progress.total"), Color: "#59616c", Mark: "square"}
	done := charts.Series{Name: h.T(c, "progress.done"), Color: "#1e7b34", Mark: "circle"}
	for _, p := range points {
		ch.Categories = append(ch.Categories, shortDay(p.Day))
		total.Values = append(total.Values, float64(p.Total))
		done.Values = append(done.Values, float64(p.Done))
	}
	ch.Series = []charts.Series{total, done}
	return charts.Line(ch)
}

// splitChart draws, for each month of the plan's year, the assignments due
// that month in the four timeliness classes, stacked.
func (h *Handler) splitChart(c echo.Context, plan *models.Plan, months []models.MonthTimeliness, asOf models.Day) template.HTML {
	ch := charts.Chart{ID: "timeliness-split", Title: h.T(c, "plan.split_title"),
		Desc: h.T(c, "plan.split_desc", "Date", asOf.VN()), TableSummary: h.T(c, "chart.table"),
		XLabel: h.T(c, "chart.due_month_axis", "Year", plan.Year), YLabel: h.T(c, "progress.count_axis"),
		TotalLabel: h.T(c, "chart.total"), Number: h.numberFormat(c)}
	for _, m := range months {
		ch.Categories = append(ch.Categories, h.monthLabel(c, m.Month))
	}
	for _, cl := range models.TimelinessClasses {
		s := timelinessStyle(cl)
		s.Name = h.T(c, "timeliness."+string(cl))
		for _, m := range months {
			s.Values = append(s.Values, float64(m.Counts[cl]))
		}
		ch.Series = append(ch.Series, s)
	}
	return charts.StackedBars(ch)
}

// shortDay is a date as dd/mm, for chart axes.
func shortDay(d models.Day) string { return strings.Join(strings.Split(d.VN(), "/")[:2], "/") }
