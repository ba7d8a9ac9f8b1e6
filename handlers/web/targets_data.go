package web

import (
	"strings"

	"github.com/labstack/echo/v4"

	"roviec/models"
)

// TargetsPlan is the plan of ?plan_id= (default: the newest plan) and the
// day of ?as_of= (default today) the targets API is asked about. A bad
// parameter is a 422; no plan at all is a 404.
func (h *Handler) TargetsPlan(c echo.Context) (*models.Plan, models.Day, error) {
	q := &Query{C: c}
	planID := q.ID("plan_id")
	if err := q.Err(); err != nil {
		return nil, "", err
	}
	asOf, err := h.AsOfParam(c)
	if err != nil {
		return nil, "", err
	}
	plan, err := h.PlanOrNewest(c, planID)
	return plan, asOf, err
}

// PlanOrNewest loads plan id, or the newest plan when id is 0.
func (h *Handler) PlanOrNewest(c echo.Context, id uint) (*models.Plan, error) {
	ctx := c.Request().Context()
	if id != 0 {
		return h.Store.PlanByID(ctx, id)
	}
	plans, err := h.Store.ListPlans(ctx)
	if err != nil {
		return nil, err
	}
	if len(plans) == 0 {
		return nil, models.ErrNotFound
	}
	return &plans[0], nil
}

// TargetCodePlan is the plan of ?plan_id= (forms carry it in their action), else
// the newest plan having a target with the :code of the path.
func (h *Handler) TargetCodePlan(c echo.Context) (*models.Plan, error) {
	q := &Query{C: c}
	planID := q.ID("plan_id")
	if err := q.Err(); err != nil {
		return nil, err
	}
	if planID != 0 {
		return h.Store.PlanByID(c.Request().Context(), planID)
	}
	return h.Store.NewestPlanWithTarget(c.Request().Context(), targetCode(c))
}

// TargetToReport loads the target of the path in the plan of targetCodePlan
// (404 when there is none) and checks that the current user may report its
// values (403).
func (h *Handler) TargetToReport(c echo.Context) (*models.Plan, *models.Target, error) {
	plan, err := h.TargetCodePlan(c)
	if err != nil {
		return nil, nil, err
	}
	t, err := h.Store.TargetByCode(c.Request().Context(), plan.ID, targetCode(c))
	if err != nil {
		return nil, nil, err
	}
	if err := Authorize(c, models.ActReportTarget, ResponsibleOf(t)); err != nil {
		return nil, nil, err
	}
	return plan, t, nil
}

// TargetDetail is what the target API and page show of one target.
type TargetDetail struct {
	Plan       *models.Plan
	Progress   *models.TargetProgress
	History    []models.TargetValue // reported values, newest first
	Trajectory []models.TrendPoint
}

// LoadTargetDetail gathers a target's standing at the end of asOf, its
// reported values and its trajectory over its plan's year.
func (h *Handler) LoadTargetDetail(c echo.Context, plan *models.Plan, asOf models.Day) (*TargetDetail, error) {
	ctx := c.Request().Context()
	t, err := h.Store.TargetByCode(ctx, plan.ID, targetCode(c))
	if err != nil {
		return nil, err
	}
	d := &TargetDetail{Plan: plan}
	if d.Progress, err = h.Store.TargetProgressOf(ctx, t, asOf, h.Now()); err != nil {
		return nil, err
	}
	if d.History, err = h.Store.TargetValues(ctx, t.ID); err != nil {
		return nil, err
	}
	if d.Trajectory, err = h.Store.TargetTrajectory(ctx, t, plan.Year, asOf, h.Now()); err != nil {
		return nil, err
	}
	return d, nil
}

// TargetDetail reads the plan and ?as_of= of the API request and loads the
// target of the path (404 when the plan has no such target, 422 for a bad parameter).
func (h *Handler) TargetDetail(c echo.Context) (*TargetDetail, error) {
	plan, err := h.TargetCodePlan(c)
	if err != nil {
		return nil, err
	}
	asOf, err := h.AsOfParam(c)
	if err != nil {
		return nil, err
	}
	return h.LoadTargetDetail(c, plan, asOf)
}

// targetCode is the :code path parameter, in upper case as codes are written.
func targetCode(c echo.Context) string { return strings.ToUpper(strings.TrimSpace(c.Param("code"))) }

// ResponsibleOf is the id of a target's responsible ministry, 0 when none.
func ResponsibleOf(t *models.Target) uint {
	if t.ResponsibleAgencyID == nil {
		return 0
	}
	return *t.ResponsibleAgencyID
}
