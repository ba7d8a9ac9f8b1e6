package pages

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/views"
)

// Home is where a user lands (models.LandingOf): a focal point on their
// work, a coordinator on the review queue, others on the newest plan's year
// overview (or the plan list when there is none).
func (h *Handler) Home(c echo.Context) error {
	switch models.LandingOf(web.CurrentUser(c)) {
	case models.LandWork:
		return c.Redirect(http.StatusSeeOther, "/work")
	case models.LandQueues:
		return c.Redirect(http.StatusSeeOther, "/review")
	}
	plans, err := h.Store.ListPlans(c.Request().Context())
	if err != nil {
		return err
	}
	if len(plans) == 0 {
		return c.Redirect(http.StatusSeeOther, "/plans")
	}
	return c.Redirect(http.StatusSeeOther, "/plans/"+strconv.Itoa(int(plans[0].ID)))
}

// ListPlans lists the programmes, newest first.
func (h *Handler) ListPlans(c echo.Context) error {
	plans, err := h.Store.ListPlans(c.Request().Context())
	if err != nil {
		return err
	}
	p := h.Page(c, h.T(c, "plans.title"), plans)
	p.Nav = "plans"
	return h.Render(c, http.StatusOK, "plans", p)
}

// monthRow is one line of the year overview: a theme and the months it
// covers (or a month without a theme), with its timeliness counts.
type monthRow struct {
	First, Last int
	Theme       *models.Theme
	Counts      map[models.Timeliness]int
	Total       int
}

// planView is the data of the year overview.
type planView struct {
	Plan    *models.Plan
	Rows    []monthRow
	Year    map[models.Timeliness]int
	Classes []models.Timeliness
	Split   planSplitView // the timeliness split per month chart
	// MayPublish offers the switch that opens the plan's scoreboards to the
	// public (administrators).
	MayPublish bool
}

// ShowPlan is the year overview: the twelve months with their themes and,
// per theme, its assignments in the four timeliness classes.
func (h *Handler) ShowPlan(c echo.Context) error {
	id, err := web.IdParam(c, "id")
	if err != nil {
		return err
	}
	p, err := h.planPage(c, id)
	if err != nil {
		return err
	}
	return h.Render(c, http.StatusOK, "plan", p)
}

// planPage builds the year overview page (also used to re-render the copy form).
func (h *Handler) planPage(c echo.Context, id uint) (*views.Page, error) {
	ctx := c.Request().Context()
	plan, err := h.Store.PlanByID(ctx, id)
	if err != nil {
		return nil, err
	}
	themes, err := h.Store.ListThemes(ctx, id)
	if err != nil {
		return nil, err
	}
	split, err := h.planSplit(c, plan)
	if err != nil {
		return nil, err
	}
	// The totals and month cards count at the chart's day, so that every
	// figure of the page tells the same day.
	counts, err := h.Store.TimelinessCounts(ctx, id, split.AsOf, h.Now())
	if err != nil {
		return nil, err
	}
	v := planView{Plan: plan, Year: map[models.Timeliness]int{}, Classes: models.TimelinessClasses, Split: split,
		MayPublish: models.Can(web.CurrentUser(c), models.ActPublishPlan, 0)}
	for m := 1; m <= 12; m++ {
		row := monthRow{First: m, Last: m}
		for i := range themes {
			if t := &themes[i]; t.FirstMonth <= m && m <= t.LastMonth {
				row = monthRow{First: t.FirstMonth, Last: t.LastMonth, Theme: t, Counts: counts[t.ID]}
				m = t.LastMonth
				break
			}
		}
		for cl, n := range row.Counts {
			row.Total += n
			v.Year[cl] += n
		}
		v.Rows = append(v.Rows, row)
	}
	p := h.Page(c, h.Pick(c, plan.Name, plan.NameEN), v)
	p.Nav = "plans"
	// The copy form suggests next year, with the year in the name moved too.
	next, year := strconv.Itoa(plan.Year+1), strconv.Itoa(plan.Year)
	name := strings.ReplaceAll(plan.Name, year, next)
	if name == plan.Name {
		name += " " + next
	}
	p.Values.Set("name", name)
	p.Values.Set("year", next)
	return p, nil
}

// NewPlan is the empty plan form.
func (h *Handler) NewPlan(c echo.Context) error {
	if err := web.Authorize(c, models.ActManagePlans, 0); err != nil {
		return err
	}
	p := h.Page(c, h.T(c, "plan.new"), &models.Plan{})
	p.Nav = "plans"
	p.Values.Set("year", strconv.Itoa(h.Today().Time().Year()+1))
	return h.Render(c, http.StatusOK, "plan_form", p)
}

// CreatePlan saves a new plan and opens it.
func (h *Handler) CreatePlan(c echo.Context) error {
	return h.savePlan(c, &models.Plan{})
}

// EditPlan is the form of an existing plan.
func (h *Handler) EditPlan(c echo.Context) error {
	if err := web.Authorize(c, models.ActManagePlans, 0); err != nil {
		return err
	}
	plan, err := h.planParam(c)
	if err != nil {
		return err
	}
	p := h.Page(c, h.T(c, "plan.edit"), plan)
	p.Nav = "plans"
	p.Values.Set("name", plan.Name)
	p.Values.Set("name_en", plan.NameEN)
	p.Values.Set("year", strconv.Itoa(plan.Year))
	p.Values.Set("version", strconv.Itoa(plan.Version))
	return h.Render(c, http.StatusOK, "plan_form", p)
}

// UpdatePlan saves the plan form.
func (h *Handler) UpdatePlan(c echo.Context) error {
	plan, err := h.planParam(c)
	if err != nil {
		return err
	}
	return h.savePlan(c, plan)
}

// savePlan validates and stores the plan form for a new or existing plan.
func (h *Handler) savePlan(c echo.Context, plan *models.Plan) error {
	if err := web.Authorize(c, models.ActManagePlans, 0); err != nil {
		return err
	}
	form, err := web.FormParams(c)
	if err != nil {
		return err
	}
	title := h.T(c, "plan.new")
	if plan.ID != 0 {
		title = h.T(c, "plan.edit")
	}
	p := h.Page(c, title, plan)
	p.Nav = "plans"
	year, err := strconv.Atoi(strings.TrimSpace(form.Get("year")))
	if err != nil {
		return h.FormPage(c, models.Invalid("year", "err.year_number"), "plan_form", p, form)
	}
	now := url.Values{"name": {plan.Name}, "name_en": {plan.NameEN}, "year": {strconv.Itoa(plan.Year)}}
	plan.Name, plan.NameEN, plan.Year = form.Get("name"), strings.TrimSpace(form.Get("name_en")), year
	if plan.ID != 0 {
		plan.Version = web.FormVersion(form) // the version the form was read at (0: none, do not check)
	}
	if err := h.Store.SavePlan(c.Request().Context(), plan); err != nil {
		return h.StaleForm(c, err, "plan_form", p, form, now, "field.", "name", "name_en", "year")
	}
	return h.RedirectFlash(c, "/plans/"+strconv.Itoa(int(plan.ID)), "flash.plan_saved")
}

// CopyPlan starts a new plan from an existing one: its themes and directives,
// due dates moved to the new year, fresh assignments.
func (h *Handler) CopyPlan(c echo.Context) error {
	if err := web.Authorize(c, models.ActManagePlans, 0); err != nil {
		return err
	}
	id, form, err := web.IdAndForm(c)
	if err != nil {
		return err
	}
	year, convErr := strconv.Atoi(strings.TrimSpace(form.Get("year")))
	var np *models.Plan
	if convErr != nil {
		err = models.Invalid("year", "err.year_number")
	} else {
		np, err = h.Store.CopyPlan(c.Request().Context(), id, form.Get("name"), year, web.CurrentUser(c), h.Now())
	}
	if err != nil {
		p, perr := h.planPage(c, id)
		if perr != nil {
			return perr
		}
		return h.FormPage(c, err, "plan", p, form)
	}
	return h.RedirectFlash(c, "/plans/"+strconv.Itoa(int(np.ID)), "flash.plan_copied")
}

// planParam loads the plan named by the :id path parameter.
func (h *Handler) planParam(c echo.Context) (*models.Plan, error) {
	id, err := web.IdParam(c, "id")
	if err != nil {
		return nil, err
	}
	return h.Store.PlanByID(c.Request().Context(), id)
}

// SetPlanPublic opens a plan's scoreboards to anyone at /public/{year}, or
// closes them (form field public=1|0; administrators).
func (h *Handler) SetPlanPublic(c echo.Context) error {
	if err := web.Authorize(c, models.ActPublishPlan, 0); err != nil {
		return err
	}
	id, form, err := web.IdAndForm(c)
	if err != nil {
		return err
	}
	public := form.Get("public") == "1"
	if _, err := h.Store.SetPlanPublic(c.Request().Context(), id, public); err != nil {
		return err
	}
	flash := "flash.plan_private"
	if public {
		flash = "flash.plan_public"
	}
	return h.RedirectFlash(c, "/plans/"+strconv.FormatUint(uint64(id), 10), flash)
}
