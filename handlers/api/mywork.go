package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
)

// workItemJSON is one item of a focal point's work list.
type workItemJSON struct {
	AssignmentID  uint                `json:"assignment_id"`
	Title         string              `json:"title"`
	ThemeID       uint                `json:"theme_id"`
	AgencyCode    string              `json:"agency_code"`
	DueDate       *string             `json:"due_date"`
	DaysOverdue   int                 `json:"days_overdue"`
	Status        models.Status       `json:"status"`
	Progress      int                 `json:"progress"`
	Reasons       []models.WorkReason `json:"reasons"`
	ReturnReason  string              `json:"return_reason,omitempty"`
	ExplanationID uint                `json:"explanation_id,omitempty"`
	Action        models.WorkAction   `json:"action"`
	Version       int                 `json:"version"`
}

// workGroupJSON counts a group of the list: how many there are, how many
// are listed.
type workGroupJSON struct {
	Reason models.WorkReason `json:"reason"`
	Total  int64             `json:"total"`
	Shown  int               `json:"shown"`
}

// workJSON is GET /api/v1/me/work.
type workJSON struct {
	Items  []workItemJSON  `json:"items"`
	Groups []workGroupJSON `json:"groups"`
}

// MyWork lists the open work of the caller's agency by urgency, as the
// focal point's landing page does (the same order): up to 50 items a group,
// the rest counted. A user of no agency has no work of their own: the list
// is empty.
func (h *Handler) MyWork(c echo.Context) error {
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	out := workJSON{Items: []workItemJSON{}, Groups: []workGroupJSON{}}
	u := web.CurrentUser(c)
	if u.AgencyID == nil {
		return c.JSON(http.StatusOK, out)
	}
	groups, err := h.Store.MyWork(c.Request().Context(), *u.AgencyID, h.Now(), 50)
	if err != nil {
		return err
	}
	for _, g := range groups {
		out.Groups = append(out.Groups, workGroupJSON{Reason: g.Reason, Total: g.Total, Shown: len(g.Items)})
		for _, it := range g.Items {
			a := it.Assignment
			j := workItemJSON{AssignmentID: a.ID, DueDate: dayJSON(a.DueOn), DaysOverdue: it.Timeliness.DaysOverdue,
				Status: a.Status, Progress: a.Progress, Reasons: it.Reasons, ReturnReason: it.ReturnReason,
				ExplanationID: it.Explanation, Action: it.Action(), Version: a.Version}
			if a.Directive != nil {
				j.Title, j.ThemeID = a.Directive.Title, a.Directive.ThemeID
			}
			if a.Agency != nil {
				j.AgencyCode = a.Agency.Code
			}
			out.Items = append(out.Items, j)
		}
	}
	return c.JSON(http.StatusOK, out)
}
