package handlers

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"roviec/models"
)

// themeForm is the data of the theme form: the theme and its plan.
type themeForm struct {
	Theme *models.Theme
	Plan  *models.Plan
}

// newTheme is the empty theme form of a plan.
func (h *Handler) newTheme(c echo.Context) error {
	if err := authorize(c, models.ActManagePlans, 0); err != nil {
		return err
	}
	plan, err := h.planParam(c)
	if err != nil {
		return err
	}
	p := h.page(c, h.t(c, "theme.new"), themeForm{Theme: &models.Theme{PlanID: plan.ID}, Plan: plan})
	p.Nav = "plans"
	p.Values = url.Values{"first_month": {"1"}, "last_month": {"1"}}
	return h.render(c, http.StatusOK, "theme_form", p)
}

// createTheme adds a theme to a plan.
func (h *Handler) createTheme(c echo.Context) error {
	if err := authorize(c, models.ActManagePlans, 0); err != nil {
		return err
	}
	plan, err := h.planParam(c)
	if err != nil {
		return err
	}
	return h.saveTheme(c, &models.Theme{PlanID: plan.ID}, plan)
}

// editTheme is the form of an existing theme.
func (h *Handler) editTheme(c echo.Context) error {
	if err := authorize(c, models.ActManagePlans, 0); err != nil {
		return err
	}
	theme, plan, err := h.themeParam(c)
	if err != nil {
		return err
	}
	p := h.page(c, h.t(c, "theme.edit"), themeForm{Theme: theme, Plan: plan})
	p.Nav = "plans"
	p.Values = url.Values{"first_month": {strconv.Itoa(theme.FirstMonth)}, "last_month": {strconv.Itoa(theme.LastMonth)},
		"title_vi": {theme.TitleVI}, "title_en": {theme.TitleEN}, "description": {theme.Description}}
	return h.render(c, http.StatusOK, "theme_form", p)
}

// updateTheme saves the theme form.
func (h *Handler) updateTheme(c echo.Context) error {
	if err := authorize(c, models.ActManagePlans, 0); err != nil {
		return err
	}
	theme, plan, err := h.themeParam(c)
	if err != nil {
		return err
	}
	return h.saveTheme(c, theme, plan)
}

// saveTheme validates and stores the theme form; overlapping months are a 409.
func (h *Handler) saveTheme(c echo.Context, theme *models.Theme, plan *models.Plan) error {
	form, err := formParams(c)
	if err != nil {
		return err
	}
	title := h.t(c, "theme.new")
	if theme.ID != 0 {
		title = h.t(c, "theme.edit")
	}
	p := h.page(c, title, themeForm{Theme: theme, Plan: plan})
	p.Nav = "plans"
	first, err1 := strconv.Atoi(form.Get("first_month"))
	last, err2 := strconv.Atoi(form.Get("last_month"))
	if err1 != nil || err2 != nil {
		return h.formPage(c, models.Invalid("first_month", "err.month_number"), "theme_form", p, form)
	}
	theme.FirstMonth, theme.LastMonth = first, last
	theme.TitleVI, theme.TitleEN = form.Get("title_vi"), strings.TrimSpace(form.Get("title_en"))
	theme.Description = strings.TrimSpace(form.Get("description"))
	if err := h.Store.SaveTheme(c.Request().Context(), theme); err != nil {
		return h.formPage(c, err, "theme_form", p, form)
	}
	return h.redirectFlash(c, "/plans/"+strconv.Itoa(int(plan.ID)), "flash.theme_saved")
}

// themeParam loads the theme named by :id and its plan.
func (h *Handler) themeParam(c echo.Context) (*models.Theme, *models.Plan, error) {
	id, err := idParam(c, "id")
	if err != nil {
		return nil, nil, err
	}
	theme, err := h.Store.ThemeByID(c.Request().Context(), id)
	if err != nil {
		return nil, nil, err
	}
	plan, err := h.Store.PlanByID(c.Request().Context(), theme.PlanID)
	return theme, plan, err
}
