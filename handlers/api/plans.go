package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
)

// planJSON is a plan (programme) in the API.
type planJSON struct {
	ID      uint   `json:"id"`
	Name    string `json:"name"`
	NameEN  string `json:"name_en"`
	Year    int    `json:"year"`
	Version int    `json:"version"`
	Public  bool   `json:"public"` // its scoreboards open to anyone at /public/{year}
}

func toPlanJSON(p *models.Plan) planJSON {
	return planJSON{ID: p.ID, Name: p.Name, NameEN: p.NameEN, Year: p.Year, Version: p.Version, Public: p.Public}
}

// themeJSON is a monthly (or quarterly) theme in the API.
type themeJSON struct {
	ID          uint   `json:"id"`
	PlanID      uint   `json:"plan_id"`
	FirstMonth  int    `json:"first_month"`
	LastMonth   int    `json:"last_month"`
	TitleVI     string `json:"title_vi"`
	TitleEN     string `json:"title_en"`
	Description string `json:"description"`
	Source      string `json:"source"`
}

func toThemeJSON(t *models.Theme) themeJSON {
	return themeJSON{ID: t.ID, PlanID: t.PlanID, FirstMonth: t.FirstMonth, LastMonth: t.LastMonth,
		TitleVI: t.TitleVI, TitleEN: t.TitleEN, Description: t.Description, Source: t.Source}
}

// planRequest is the body of POST /api/v1/plans.
type planRequest struct {
	Name   string `json:"name"`
	NameEN string `json:"name_en"`
	Year   int    `json:"year"`
}

// copyPlanRequest is the body of POST /api/v1/plans/{id}/copy.
type copyPlanRequest struct {
	Name string `json:"name"`
	Year int    `json:"year"`
}

// themeRequest is the body of POST /api/v1/plans/{id}/themes.
type themeRequest struct {
	FirstMonth  int    `json:"first_month"`
	LastMonth   int    `json:"last_month"`
	TitleVI     string `json:"title_vi"`
	TitleEN     string `json:"title_en"`
	Description string `json:"description"`
}

// apiListPlans lists every plan, newest year first (not paginated: a handful).
func (h *Handler) ListPlans(c echo.Context) error {
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	plans, err := h.Store.ListPlans(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(plans, toPlanJSON))
}

// apiCreatePlan creates an empty plan (201).
func (h *Handler) CreatePlan(c echo.Context) error {
	if err := web.Authorize(c, models.ActManagePlans, 0); err != nil {
		return err
	}
	var in planRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	p := &models.Plan{Name: in.Name, NameEN: in.NameEN, Year: in.Year}
	if err := h.Store.SavePlan(c.Request().Context(), p); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toPlanJSON(p))
}

// apiCopyPlan starts a new plan from an existing one (201): its themes,
// targets and directives, due dates moved to the new year.
func (h *Handler) CopyPlan(c echo.Context) error {
	src, err := h.planToChange(c)
	if err != nil {
		return err
	}
	var in copyPlanRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	p, err := h.Store.CopyPlan(c.Request().Context(), src.ID, in.Name, in.Year, web.CurrentUser(c), h.Now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toPlanJSON(p))
}

// apiListThemes lists a plan's themes in calendar order (404 for an unknown plan).
func (h *Handler) ListThemes(c echo.Context) error {
	id, err := web.IdParam(c, "id")
	if err != nil {
		return err
	}
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	themes, err := h.Store.ListThemes(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(themes, toThemeJSON))
}

// apiCreateTheme adds a theme to a plan (201); overlapping months are a 409.
func (h *Handler) CreateTheme(c echo.Context) error {
	plan, err := h.planToChange(c)
	if err != nil {
		return err
	}
	var in themeRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	t := &models.Theme{PlanID: plan.ID, FirstMonth: in.FirstMonth, LastMonth: in.LastMonth,
		TitleVI: in.TitleVI, TitleEN: in.TitleEN, Description: in.Description}
	if err := h.Store.SaveTheme(c.Request().Context(), t); err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toThemeJSON(t))
}

// planToChange loads the plan named by the "id" path parameter for a change:
// a malformed id is a 404, a user who may not manage plans a 403, an unknown
// plan a 404.
func (h *Handler) planToChange(c echo.Context) (*models.Plan, error) {
	id, err := web.IdParam(c, "id")
	if err != nil {
		return nil, err
	}
	if err := web.Authorize(c, models.ActManagePlans, 0); err != nil {
		return nil, err
	}
	return h.Store.PlanByID(c.Request().Context(), id)
}

// publicRequest is the body of PUT /api/v1/plans/{id}/public.
type publicRequest struct {
	Public *bool `json:"public"`
}

// SetPlanPublic opens a plan's scoreboards to the public at /public/{year},
// or closes them (administrators).
func (h *Handler) SetPlanPublic(c echo.Context) error {
	id, err := web.IdParam(c, "id")
	if err != nil {
		return err
	}
	if err := web.Authorize(c, models.ActPublishPlan, 0); err != nil {
		return err
	}
	var in publicRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if in.Public == nil {
		return models.Invalid("public", "err.public_required")
	}
	p, err := h.Store.SetPlanPublic(c.Request().Context(), id, *in.Public)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toPlanJSON(p))
}
