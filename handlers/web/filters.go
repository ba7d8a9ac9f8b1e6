package web

import (
	"errors"
	"strings"

	"github.com/labstack/echo/v4"

	"roviec/models"
	"roviec/models/store"
)

// AssignmentFilterParam reads the filters of a list of assignments (the
// API's list and its export): plan_id, theme_id, directive_id, agency_code,
// agency_kind, status, timeliness and the page. An unknown agency code,
// status or timeliness is a 422 naming the parameter; unknown numeric ids
// simply match nothing.
func (h *Handler) AssignmentFilterParam(c echo.Context) (store.AssignmentFilter, error) {
	q := &Query{C: c}
	f := store.AssignmentFilter{PlanID: q.ID("plan_id"), ThemeID: q.ID("theme_id"), DirectiveID: q.ID("directive_id"),
		AgencyKind: OneOf(q, "agency_kind", models.AgencyKinds...),
		Status:     OneOf(q, "status", models.Statuses...), Page: q.Page(100)}
	f.Timeliness = OneOf(q, "timeliness", models.TimelinessClasses...)
	if code := strings.TrimSpace(c.QueryParam("agency_code")); code != "" {
		ag, err := h.Store.AgencyByCode(c.Request().Context(), code)
		if errors.Is(err, models.ErrNotFound) {
			q.Add("agency_code", "err.agency_unknown", "Code", code)
		} else if err != nil {
			return f, err
		} else {
			f.AgencyID = ag.ID
		}
	}
	return f, q.Err()
}

// LeagueFilterParam reads ?kind=, ?theme_id=, ?plan_id= and ?as_of= of the
// league table (422 on a bad value, including an unknown theme or plan).
func (h *Handler) LeagueFilterParam(c echo.Context, q *Query) (store.LeagueFilter, error) {
	ctx := c.Request().Context()
	f := store.LeagueFilter{Kind: OneOf(q, "kind", models.AgencyKinds...),
		ThemeID: q.ID("theme_id"), PlanID: q.ID("plan_id")}
	var err error
	if f.AsOf, err = h.AsOfParam(c); err != nil {
		q.Add("as_of", "err.as_of_invalid")
	}
	if f.ThemeID != 0 {
		if _, err := h.Store.ThemeByID(ctx, f.ThemeID); errors.Is(err, models.ErrNotFound) {
			q.Add("theme_id", "err.theme_unknown")
		} else if err != nil {
			return f, err
		}
	}
	if f.PlanID != 0 {
		if _, err := h.Store.PlanByID(ctx, f.PlanID); errors.Is(err, models.ErrNotFound) {
			q.Add("plan_id", "err.plan_unknown")
		} else if err != nil {
			return f, err
		}
	}
	return f, q.Err()
}
