package pages

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
)

// themeForm is the data of the theme form: the theme and its plan.
type themeForm struct {
	Theme *models.Theme
	Plan  *models.Plan
}

// NewTheme is the empty theme form of a plan.
func (h *Handler) NewTheme(c echo.Context) error {
	if err := web.Authorize(c, models.ActManagePlans, 0); err != nil {
		return err
	}
	plan, err := h.planParam(c)
	if err != nil {
		return err
	}
	p := h.Page(c, h.T(c, "theme.new"), themeForm{Theme: &models.Theme{PlanID: plan.ID}, Plan: plan})
	p.Nav = "plans"
	p.Values = url.Values{"first_month": {"1"}, "last_month": {"1"}}
	return h.Render(c, http.StatusOK, "theme_form", p)
}

// CreateTheme adds a theme to a plan.
func (h *Handler) CreateTheme(c echo.Context) error {
	if err := web.Authorize(c, models.ActManagePlans, 0); err != nil {
		return err
	}
	plan, err := h.planParam(c)
	if err != nil {
		return err
	}
	return h.saveTheme(c, &models.Theme{PlanID: plan.ID}, plan)
}

// EditTheme is the form of an existing theme.
func (h *Handler) EditTheme(c echo.Context) error {
	if err := web.Authorize(c, models.ActManagePlans, 0); err != nil {
		return err
	}
	theme, plan, err := h.themeParam(c)
	if err != nil {
		return err
	}
	p := h.Page(c, h.T(c, "theme.edit"), themeForm{Theme: theme, Plan: plan})
	p.Nav = "plans"
	p.Values = url.Values{"first_month": {strconv.Itoa(theme.FirstMonth)}, "last_month": {strconv.Itoa(theme.LastMonth)},
		"title_vi": {theme.TitleVI}, "title_en": {theme.TitleEN}, "description": {theme.Description}}
	return h.Render(c, http.StatusOK, "theme_form", p)
}

// UpdateTheme saves the theme form.
func (h *Handler) UpdateTheme(c echo.Context) error {
	if err := web.Authorize(c, models.ActManagePlans, 0); err != nil {
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
	form, err := web.FormParams(c)
	if err != nil {
		return err
	}
	title := h.T(c, "theme.new")
	if theme.ID != 0 {
		title = h.T(c, "theme.edit")
	}
	p := h.Page(c, title, themeForm{Theme: theme, Plan: plan})
	p.Nav = "plans"
	first, err1 := strconv.Atoi(form.Get("first_month"))
	last, err2 := strconv.Atoi(form.Get("last_month"))
	if err1 != nil || err2 != nil {
		return h.FormPage(c, models.Invalid("first_month", "err.month_number"), "theme_form", p, form)
	}
	theme.FirstMonth, theme.LastMonth = first, last
	theme.TitleVI, theme.TitleEN = form.Get("title_vi"), strings.TrimSpace(form.Get("title_en"))
	theme.Description = strings.TrimSpace(form.Get("description"))
	if err := h.Store.SaveTheme(c.Request().Context(), theme); err != nil {
		return h.FormPage(c, err, "theme_form", p, form)
	}
	return h.RedirectFlash(c, "/plans/"+strconv.Itoa(int(plan.ID)), "flash.theme_saved")
}

// themeParam loads the theme named by :id and its plan.
func (h *Handler) themeParam(c echo.Context) (*models.Theme, *models.Plan, error) {
	id, err := web.IdParam(c, "id")
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
