package api

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
)

// importRowJSON is a bad row of an import: its number in the file and a
// message per column.
type importRowJSON struct {
	Row    int               `json:"row"`
	Fields map[string]string `json:"fields"`
}

// importJSON is the answer of an import: what it creates (or would), and on
// a refusal the error, as every API error carries it, with the bad rows.
type importJSON struct {
	Error       string            `json:"error,omitempty"`
	Fields      map[string]string `json:"fields,omitempty"`
	PlanID      uint              `json:"plan_id"`
	DryRun      bool              `json:"dry_run"`
	Directives  int               `json:"directives"`
	Assignments int               `json:"assignments"`
	Rows        []importRowJSON   `json:"rows"`
}

// ImportDirectives reads the multipart field "file" (.xlsx or .csv) into
// the plan: with ?dry_run=1, 200 with the counts it would create; without,
// everything in one transaction, 201 with the counts. Any bad row refuses
// the whole file: 422 with every bad row (nothing written). 403 for those
// who may not import, 413 over 10 MB, 404 for an unknown plan.
func (h *Handler) ImportDirectives(c echo.Context) error {
	if err := web.Authorize(c, models.ActImport, 0); err != nil {
		return err
	}
	dryRun := c.QueryParam("dry_run") == "1" || c.QueryParam("dry_run") == "true"
	name, data, err := web.ReadImportFile(c)
	if err != nil {
		return err
	}
	rep, err := h.ImportFile(c, name, data, dryRun)
	var ve *models.ValidationError
	if rep == nil || (err != nil && !errors.As(err, &ve)) {
		return err
	}
	out := importJSON{PlanID: rep.Plan.ID, DryRun: dryRun, Directives: rep.Directives, Assignments: rep.Assignments,
		Rows: make([]importRowJSON, len(rep.Bad))}
	for i, b := range rep.Bad {
		out.Rows[i] = importRowJSON{Row: b.Line, Fields: h.FieldsOf(c, b.Problems)}
	}
	code := http.StatusCreated
	switch {
	case err != nil:
		code, out.Error = h.StatusOf(c, err)
		out.Fields = h.FieldsOf(c, err)
	case dryRun:
		code = http.StatusOK
	}
	return c.JSON(code, out)
}
