package api

import (
	"math"
	"net/http"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
)

// shareJSON is a share of agencies done.
type shareJSON struct {
	Done    int      `json:"done"`
	Total   int      `json:"total"`
	Percent *float64 `json:"percent"`
}

func toShareJSON(s models.AgencyShare) shareJSON {
	return shareJSON{Done: s.Done, Total: s.Total, Percent: s.Percent()}
}

// targetSplitJSON is an agencies-scope target's share, overall and per kind.
type targetSplitJSON struct {
	Overall    shareJSON `json:"overall"`
	Ministries shareJSON `json:"ministries"`
	Provinces  shareJSON `json:"provinces"`
}

// targetDirectiveJSON names a directive serving a target.
type targetDirectiveJSON struct {
	ID    uint   `json:"id"`
	Title string `json:"title"`
}

// targetValueJSON is a reported value of a national target.
type targetValueJSON struct {
	ID         uint    `json:"id"`
	TargetCode string  `json:"target_code"`
	Value      float64 `json:"value"`
	AsOf       string  `json:"as_of"`
	Source     string  `json:"source"`
	Note       string  `json:"note"`
	EnteredBy  string  `json:"entered_by"`
	CreatedAt  string  `json:"created_at"`
}

func (h *Handler) toTargetValueJSON(code string, v *models.TargetValue) targetValueJSON {
	out := targetValueJSON{ID: v.ID, TargetCode: code, Value: v.Value, AsOf: v.AsOf.String(), Source: v.Source,
		Note: v.Note, CreatedAt: h.timeJSON(v.CreatedAt)}
	if v.EnteredBy != nil {
		out.EnteredBy = v.EnteredBy.Name
	}
	return out
}

// targetJSON is a target and where it stands at the end of as_of. Split and
// directives concern agencies-scope targets, reported national ones; the
// other is null (or empty).
type targetJSON struct {
	PlanID                uint                  `json:"plan_id"`
	Code                  string                `json:"code"`
	Pillar                string                `json:"pillar"`
	StatementVI           string                `json:"statement_vi"`
	Comparator            string                `json:"comparator"`
	Value                 float64               `json:"value"`
	Unit                  string                `json:"unit"`
	Scope                 string                `json:"scope"`
	Baseline2022          *float64              `json:"baseline_2022"`
	Source                string                `json:"source"`
	Note                  string                `json:"note"`
	ResponsibleAgencyCode *string               `json:"responsible_agency_code"`
	AsOf                  string                `json:"as_of"`
	CurrentValue          *float64              `json:"current_value"`
	Met                   bool                  `json:"met"`
	Directives            []targetDirectiveJSON `json:"directives"`
	Split                 *targetSplitJSON      `json:"split"`
	Reported              *targetValueJSON      `json:"reported"`
}

func (h *Handler) toTargetJSON(p *models.TargetProgress) targetJSON {
	t := &p.Target
	out := targetJSON{PlanID: t.PlanID, Code: t.Code, Pillar: t.Pillar, StatementVI: t.StatementVI, Comparator: t.Comparator,
		Value: t.Value, Unit: t.Unit, Scope: t.Scope, Baseline2022: t.Baseline, Source: t.Source, Note: t.Note,
		AsOf: p.AsOf.String(), CurrentValue: p.Value, Met: p.Met, Directives: []targetDirectiveJSON{}}
	if t.ResponsibleAgency != nil {
		out.ResponsibleAgencyCode = &t.ResponsibleAgency.Code
	}
	for _, d := range p.Directives {
		out.Directives = append(out.Directives, targetDirectiveJSON{ID: d.ID, Title: d.Title})
	}
	if t.Scope == models.ScopeAgencies {
		out.Split = &targetSplitJSON{Overall: toShareJSON(p.Overall), Ministries: toShareJSON(p.Ministries),
			Provinces: toShareJSON(p.Provinces)}
	}
	if p.Reported != nil {
		v := h.toTargetValueJSON(t.Code, p.Reported)
		out.Reported = &v
	}
	return out
}

// trendPointJSON is a point of a target's trajectory.
type trendPointJSON struct {
	Date     string   `json:"date"`
	Value    *float64 `json:"value"`
	Baseline bool     `json:"baseline"`
}

// targetDetailJSON is GET /api/v1/targets/{code}: the target, its reported
// values (newest first; empty for computed targets) and its trajectory.
type targetDetailJSON struct {
	targetJSON
	History    []targetValueJSON `json:"history"`
	Trajectory []trendPointJSON  `json:"trajectory"`
}

// targetListJSON is GET /api/v1/targets.
type targetListJSON struct {
	PlanID uint         `json:"plan_id"`
	AsOf   string       `json:"as_of"`
	Items  []targetJSON `json:"items"`
	Total  int64        `json:"total"`
}

// targetValueRequest is the body of POST /api/v1/targets/{code}/values.
type targetValueRequest struct {
	Value  *float64 `json:"value"`
	AsOf   string   `json:"as_of"`
	Source string   `json:"source"`
	Note   string   `json:"note"`
}

// apiListTargets lists the targets of ?plan_id= (default: the newest plan)
// with where each stands at the end of ?as_of= (default today).
func (h *Handler) ListTargets(c echo.Context) error {
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	plan, asOf, err := h.TargetsPlan(c)
	if err != nil {
		return err
	}
	list, err := h.Store.TargetProgressList(c.Request().Context(), plan.ID, asOf, h.Now())
	if err != nil {
		return err
	}
	out := targetListJSON{PlanID: plan.ID, AsOf: asOf.String(), Items: make([]targetJSON, len(list)), Total: int64(len(list))}
	for i := range list {
		out.Items[i] = h.toTargetJSON(&list[i])
	}
	return c.JSON(http.StatusOK, out)
}

// apiShowTarget is one target of ?plan_id= (default: the newest plan having
// that code) at the end of ?as_of=, with its history and trajectory.
func (h *Handler) ShowTarget(c echo.Context) error {
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	d, err := h.TargetDetail(c)
	if err != nil {
		return err
	}
	out := targetDetailJSON{targetJSON: h.toTargetJSON(d.Progress), History: []targetValueJSON{}, Trajectory: []trendPointJSON{}}
	for i := range d.History {
		out.History = append(out.History, h.toTargetValueJSON(d.Progress.Target.Code, &d.History[i]))
	}
	for _, pt := range d.Trajectory {
		out.Trajectory = append(out.Trajectory, trendPointJSON{Date: pt.Day.String(), Value: pt.Value, Baseline: pt.Baseline})
	}
	return c.JSON(http.StatusOK, out)
}

// apiReportTargetValue records a value of a national target (201).
func (h *Handler) ReportTargetValue(c echo.Context) error {
	_, t, err := h.TargetToReport(c)
	if err != nil {
		return err
	}
	var in targetValueRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	value := math.NaN() // a missing value is refused with the other fields
	if in.Value != nil {
		value = *in.Value
	}
	v, err := h.Store.ReportTargetValue(c.Request().Context(), web.CurrentUser(c), t.ID, value, in.AsOf, in.Source, in.Note, h.Now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, h.toTargetValueJSON(t.Code, v))
}
