package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/models/store"
)

// agencyJSON is a ministry or province in the API.
type agencyJSON struct {
	ID          uint              `json:"id"`
	Code        string            `json:"code"`
	Name        string            `json:"name"`
	NameEN      string            `json:"name_en"`
	Kind        models.AgencyKind `json:"kind"`
	Group       string            `json:"group"`
	LeaderName  string            `json:"leader_name"`
	LeaderEmail string            `json:"leader_email"`
	Active      bool              `json:"active"`
	Version     int               `json:"version"`           // send it back (If-Match or "version") to refuse a stale PATCH
	Overdue     *int              `json:"overdue,omitempty"` // with ?overdue=1: its open overdue assignments today, every plan
}

func toAgencyJSON(a *models.Agency) agencyJSON {
	return agencyJSON{ID: a.ID, Code: a.Code, Name: a.Name, NameEN: a.NameEN, Kind: a.Kind, Group: a.Group,
		LeaderName: a.LeaderName, LeaderEmail: a.LeaderEmail, Active: a.Active, Version: a.Version}
}

// agencyPatchRequest is the body of PATCH /api/v1/agencies/{code}; absent
// fields stay as they are.
type agencyPatchRequest struct {
	Name        *string `json:"name"`
	NameEN      *string `json:"name_en"`
	LeaderName  *string `json:"leader_name"`
	LeaderEmail *string `json:"leader_email"`
	Active      *bool   `json:"active"`
	Version     *int    `json:"version"` // the version the change was made on (or If-Match); absent: apply to the current one
}

// apiListAgencies lists agencies in Vietnamese order, optionally of one kind
// (?kind=ministry|province; another value is a 422) and matching a search
// text (?q=, case and diacritics ignored); with ?overdue=1 only those with
// open overdue work today, each with its count. Not paginated: 93 rows
// (3,393 at national scale, still one read).
func (h *Handler) ListAgencies(c echo.Context) error {
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	q := &web.Query{C: c}
	kind := web.OneOf(q, "kind", models.AgencyKinds...)
	overdue := web.OneOf(q, "overdue", "0", "1") == "1"
	if err := q.Err(); err != nil {
		return err
	}
	ctx := c.Request().Context()
	list, err := h.Store.ListAgencies(ctx, store.AgencyFilter{Kind: kind, Query: c.QueryParam("q")})
	if err != nil {
		return err
	}
	if !overdue {
		return c.JSON(http.StatusOK, listOf(list, toAgencyJSON))
	}
	counts, err := h.Store.OverdueByAgency(ctx, h.Now())
	if err != nil {
		return err
	}
	late := list[:0]
	for _, a := range list {
		if counts[a.ID] > 0 {
			late = append(late, a)
		}
	}
	return c.JSON(http.StatusOK, listOf(late, func(a *models.Agency) agencyJSON {
		out, n := toAgencyJSON(a), counts[a.ID]
		out.Overdue = &n
		return out
	}))
}

// apiUpdateAgency changes an agency's names, leader and active flag (admins).
func (h *Handler) UpdateAgency(c echo.Context) error {
	if err := web.Authorize(c, models.ActManageAgencies, 0); err != nil {
		return err
	}
	ctx := c.Request().Context()
	if _, err := h.Store.AgencyByCode(ctx, c.Param("code")); err != nil {
		return err
	}
	var in agencyPatchRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	version, err := web.RequestVersion(c, in.Version)
	if err != nil {
		return err
	}
	a, err := h.Store.UpdateAgency(ctx, c.Param("code"), store.AgencyPatch{Name: in.Name,
		NameEN: in.NameEN, LeaderName: in.LeaderName, LeaderEmail: in.LeaderEmail, Active: in.Active, Version: version})
	if err != nil {
		return err
	}
	web.SetETag(c, a.Version)
	return c.JSON(http.StatusOK, toAgencyJSON(a))
}
