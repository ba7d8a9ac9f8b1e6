package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
)

// mergeRequest is the body of POST /api/v1/agencies/merge.
type mergeRequest struct {
	Into   string   `json:"into"`    // the successor's code: an existing agency, or a new one named Name
	From   []string `json:"from"`    // the merged agencies' codes
	Name   string   `json:"name"`    // the successor's name when it is new
	DryRun bool     `json:"dry_run"` // say what would move, change nothing
}

// mergeJSON says what a merger did (or, in a dry run, would do).
type mergeJSON struct {
	Successor agencyJSON `json:"successor"`
	Created   bool       `json:"created"`   // the successor is new
	Moved     int        `json:"moved"`     // open assignments moved to the successor
	Cancelled int        `json:"cancelled"` // open assignments of a directive the successor holds, cancelled
	Kept      int        `json:"kept"`      // finished assignments left with the merged agencies
	Users     int        `json:"users"`     // users moved to the successor
	DryRun    bool       `json:"dry_run"`
}

// MergeAgencies merges agencies into a successor (admins): 200 with what
// moved, 422 {"error","fields"} when the store refuses.
func (h *Handler) MergeAgencies(c echo.Context) error {
	if err := web.Authorize(c, models.ActMergeAgencies, 0); err != nil {
		return err
	}
	var in mergeRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	m := models.Merger{Into: in.Into, From: in.From, Name: in.Name}
	ctx, actor, now := c.Request().Context(), web.CurrentUser(c), h.Now()
	merge := h.Store.MergeAgencies
	if in.DryRun {
		merge = h.Store.PreviewMerger
	}
	res, err := merge(ctx, m, actor, now)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, mergeJSON{Successor: toAgencyJSON(&res.Successor), Created: res.Created, Moved: res.Moved,
		Cancelled: res.Cancelled, Kept: res.Kept, Users: res.Users, DryRun: in.DryRun})
}
