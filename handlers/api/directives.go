package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/models/store"
)

// directiveJSON is a directive (a task as issued) in the API.
type directiveJSON struct {
	ID          uint    `json:"id"`
	PlanID      uint    `json:"plan_id"`
	ThemeID     uint    `json:"theme_id"`
	Pillar      string  `json:"pillar"`
	Title       string  `json:"title"`
	Description string  `json:"description"`
	Deliverable string  `json:"deliverable"`
	DueDate     *string `json:"due_date"`
	TargetCode  *string `json:"target_code"`
	Source      string  `json:"source"`
	CreatedAt   string  `json:"created_at"`
	Version     int     `json:"version"` // as in the ETag of GET /directives/{id}
}

// directiveDetailJSON is a directive with where its assignments stand.
type directiveDetailJSON struct {
	directiveJSON
	AssignmentIDs    []uint                    `json:"assignment_ids"`
	StatusCounts     map[models.Status]int     `json:"status_counts"`
	TimelinessCounts map[models.Timeliness]int `json:"timeliness_counts"`
}

func (h *Handler) toDirectiveJSON(d *models.Directive) directiveJSON {
	out := directiveJSON{ID: d.ID, PlanID: d.PlanID, ThemeID: d.ThemeID, Pillar: d.Pillar, Title: d.Title,
		Description: d.Description, Deliverable: d.Deliverable, DueDate: dayJSON(d.DueOn), Source: d.Source,
		CreatedAt: h.timeJSON(d.CreatedAt), Version: d.Version}
	if d.Target != nil {
		out.TargetCode = &d.Target.Code
	}
	return out
}

// directiveRequest is the body of POST /api/v1/directives: the directive and
// the agencies it goes to (any codes and/or every active agency of some kinds).
type directiveRequest struct {
	ThemeID     uint                `json:"theme_id"`
	Pillar      string              `json:"pillar"`
	Title       string              `json:"title"`
	Description string              `json:"description"`
	Deliverable string              `json:"deliverable"`
	DueDate     string              `json:"due_date"`
	TargetCode  string              `json:"target_code"`
	Source      string              `json:"source"`
	AgencyCodes []string            `json:"agency_codes"`
	AgencyKinds []models.AgencyKind `json:"agency_kinds"`
}

// apiListDirectives lists directives by theme (?theme_id=, ?q= searches title
// and description, ignoring case and diacritics), paginated: 50 per page by
// default.
func (h *Handler) ListDirectives(c echo.Context) error {
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	q := &web.Query{C: c}
	f := store.DirectiveFilter{PlanID: q.ID("plan_id"), ThemeID: q.ID("theme_id"), Query: c.QueryParam("q"), Page: q.Page(50)}
	if err := q.Err(); err != nil {
		return err
	}
	list, total, err := h.Store.ListDirectives(c.Request().Context(), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, pageOf(list, h.toDirectiveJSON, total, f.Page))
}

// apiCreateDirective creates a directive and all of its assignments in one
// transaction (coordinators and admins; 201 with the assignment ids).
func (h *Handler) CreateDirective(c echo.Context) error {
	if err := web.Authorize(c, models.ActWriteDirective, 0); err != nil {
		return err
	}
	var in directiveRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	d, _, err := h.Store.CreateDirective(c.Request().Context(), models.DirectiveInput{ThemeID: in.ThemeID,
		Pillar: in.Pillar, Title: in.Title, Description: in.Description, Deliverable: in.Deliverable,
		DueDate: in.DueDate, TargetCode: in.TargetCode, Source: in.Source,
		AgencyCodes: in.AgencyCodes, AgencyKinds: in.AgencyKinds}, web.CurrentUser(c), h.Now())
	if err != nil {
		return err
	}
	return h.renderDirective(c, http.StatusCreated, d.ID)
}

// apiShowDirective shows a directive with its assignment ids and counts.
func (h *Handler) ShowDirective(c echo.Context) error {
	id, err := web.IdParam(c, "id")
	if err != nil {
		return err
	}
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	return h.renderDirective(c, http.StatusOK, id)
}

// renderDirective answers with a directive's detail as it now stands.
func (h *Handler) renderDirective(c echo.Context, code int, id uint) error {
	ctx := c.Request().Context()
	d, err := h.Store.DirectiveByID(ctx, id)
	if err != nil {
		return err
	}
	web.SetETag(c, d.Version)
	sum, err := h.Store.SummariseDirective(ctx, id, h.Now())
	if err != nil {
		return err
	}
	return c.JSON(code, directiveDetailJSON{directiveJSON: h.toDirectiveJSON(d), AssignmentIDs: sum.AssignmentIDs,
		StatusCounts: sum.ByStatus, TimelinessCounts: sum.ByTimeliness})
}
