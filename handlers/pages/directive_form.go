package pages

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/models/store"
	"roviec/views"
)

// directiveForm is the data of the directive form.
type directiveForm struct {
	D        *models.Directive // ID 0 for a new directive
	Plan     *models.Plan
	Themes   []models.Theme
	Targets  []models.Target
	Pillars  []string
	Agencies []agencyGroup
}

// NewDirective is the empty directive form; ?theme_id= preselects a theme.
func (h *Handler) NewDirective(c echo.Context) error {
	if err := web.Authorize(c, models.ActWriteDirective, 0); err != nil {
		return err
	}
	themeID, _ := strconv.ParseUint(c.QueryParam("theme_id"), 10, 63)
	p, err := h.directiveFormPage(c, &models.Directive{ThemeID: uint(themeID)})
	if err != nil {
		return err
	}
	p.Values = url.Values{"theme_id": {c.QueryParam("theme_id")}, "scope": {"all"}}
	return h.Render(c, http.StatusOK, "directive_form", p)
}

// EditDirective is the form of an existing directive.
func (h *Handler) EditDirective(c echo.Context) error {
	d, err := h.directiveToEdit(c)
	if err != nil {
		return err
	}
	p, err := h.directiveFormPage(c, d)
	if err != nil {
		return err
	}
	p.Values = url.Values{"theme_id": {strconv.Itoa(int(d.ThemeID))}, "pillar": {d.Pillar}, "title": {d.Title},
		"description": {d.Description}, "deliverable": {d.Deliverable}, "due_date": {d.DueOn.VN()},
		"source": {d.Source}, "version": {strconv.Itoa(d.Version)}}
	if d.Target != nil {
		p.Values.Set("target_code", d.Target.Code)
	}
	return h.Render(c, http.StatusOK, "directive_form", p)
}

// directiveToEdit loads the directive named by the "id" path parameter for
// someone who may write directives (403), a malformed or unknown id being a 404.
func (h *Handler) directiveToEdit(c echo.Context) (*models.Directive, error) {
	if err := web.Authorize(c, models.ActWriteDirective, 0); err != nil {
		return nil, err
	}
	id, err := web.IdParam(c, "id")
	if err != nil {
		return nil, err
	}
	return h.Store.DirectiveByID(c.Request().Context(), id)
}

// directiveFormPage builds the directive form page for d: the themes and
// targets of its plan (the theme's plan, else ?plan_id=, else the newest)
// and, for a new directive, the agencies to choose from.
func (h *Handler) directiveFormPage(c echo.Context, d *models.Directive) (*views.Page, error) {
	ctx := c.Request().Context()
	v := directiveForm{D: d, Pillars: models.Pillars}
	if d.ThemeID != 0 {
		theme, err := h.Store.ThemeByID(ctx, d.ThemeID)
		if err != nil && !errors.Is(err, models.ErrNotFound) {
			return nil, err
		}
		if theme != nil {
			if v.Plan, err = h.Store.PlanByID(ctx, theme.PlanID); err != nil {
				return nil, err
			}
		}
	}
	if v.Plan == nil {
		plans, err := h.Store.ListPlans(ctx)
		if err != nil {
			return nil, err
		}
		if v.Plan, err = h.choosePlan(c, plans); err != nil {
			return nil, err
		}
	}
	if v.Plan == nil {
		return nil, models.Conflict("err.no_plan")
	}
	var err error
	if v.Themes, err = h.Store.ListThemes(ctx, v.Plan.ID); err != nil {
		return nil, err
	}
	if v.Targets, err = h.Store.ListTargets(ctx, v.Plan.ID); err != nil {
		return nil, err
	}
	if d.ID == 0 {
		list, err := h.Store.ListAgencies(ctx, store.AgencyFilter{ActiveOnly: true})
		if err != nil {
			return nil, err
		}
		v.Agencies = groupAgencies(list)
	}
	title := h.T(c, "directive.new")
	if d.ID != 0 {
		title = h.T(c, "directive.edit")
	}
	p := h.Page(c, title, v)
	p.Nav = "directives"
	return p, nil
}
