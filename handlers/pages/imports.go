package pages

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/models/imports"
	"roviec/models/store"
	"roviec/views"
)

// importPage is the data of the import page: the upload form, then the
// preview of an uploaded file.
type importPage struct {
	Plan    *models.Plan
	Preview *importPreview
}

// importPreview is what an uploaded file would create and its bad rows;
// Key names the held file when it may be confirmed (no bad rows).
type importPreview struct {
	Key         string
	FileName    string
	Directives  int
	Assignments int
	Bad         []importBadRow
}

// importBadRow is a bad row: its number and a message per column.
type importBadRow struct {
	Line     int
	Problems []importProblem
}

type importProblem struct{ Column, Message string }

// ShowImport is the upload form of a plan's import, with the template's links.
func (h *Handler) ShowImport(c echo.Context) error {
	p, _, err := h.importPage(c)
	if err != nil {
		return err
	}
	return h.Render(c, http.StatusOK, "import", p)
}

// PreviewImport reads the uploaded file and shows what it would create
// and every bad row; a file without bad rows is held for its confirmation.
func (h *Handler) PreviewImport(c echo.Context) error {
	p, v, err := h.importPage(c)
	if err != nil {
		return err
	}
	name, data, err := web.ReadImportFile(c)
	if err == nil {
		err = h.preview(c, p, v, name, data)
	}
	if err != nil {
		return h.FormPage(c, err, "import", p, nil)
	}
	code := http.StatusOK
	if len(v.Preview.Bad) > 0 {
		code = http.StatusUnprocessableEntity
	}
	return h.Render(c, code, "import", p)
}

// preview validates the file (a dry run) into v.Preview, holding the file
// when it may be imported. A file that cannot be read at all is an error.
func (h *Handler) preview(c echo.Context, p *views.Page, v *importPage, name string, data []byte) error {
	rows, err := imports.Read(name, data)
	if err != nil {
		return err
	}
	rep, err := h.Store.ImportDirectives(c.Request().Context(), v.Plan.ID, rows, web.CurrentUser(c), h.Now(), true)
	if rep == nil {
		return err
	}
	v.Preview = h.previewOf(c, name, rep)
	if len(rep.Bad) > 0 {
		p.Alert = h.Msg(c, models.NewMsg("err.import_rows_invalid", "N", len(rep.Bad)))
		return nil
	}
	if err != nil {
		return err
	}
	v.Preview.Key, err = h.Imports.put(heldFile{userID: web.CurrentUser(c).ID, planID: v.Plan.ID, name: name, data: data}, h.Now())
	return err
}

// ConfirmImport imports the held file, validated again, in one
// transaction, and goes to the plan; a file no longer held, or one that
// turned bad meanwhile (a directive of the same title created since),
// shows the page again with why.
func (h *Handler) ConfirmImport(c echo.Context) error {
	p, v, err := h.importPage(c)
	if err != nil {
		return err
	}
	form, err := web.FormParams(c)
	if err != nil {
		return err
	}
	f, ok := h.Imports.take(form.Get("key"), web.CurrentUser(c).ID, v.Plan.ID, h.Now())
	if !ok {
		p.Alert = h.T(c, "err.import_expired")
		return h.Render(c, http.StatusConflict, "import", p)
	}
	rows, err := imports.Read(f.name, f.data)
	if err != nil {
		return h.FormPage(c, err, "import", p, nil)
	}
	rep, err := h.Store.ImportDirectives(c.Request().Context(), v.Plan.ID, rows, web.CurrentUser(c), h.Now(), false)
	if rep != nil && len(rep.Bad) > 0 {
		v.Preview = h.previewOf(c, f.name, rep)
		p.Alert = h.Msg(c, models.NewMsg("err.import_rows_invalid", "N", len(rep.Bad)))
		return h.Render(c, http.StatusUnprocessableEntity, "import", p)
	}
	if err != nil {
		return err
	}
	return h.RedirectFlash(c, "/plans/"+strconv.Itoa(int(v.Plan.ID)), "flash.import_done", rep.Directives)
}

// importPage authorises an import into the plan named by :id and builds
// its page.
func (h *Handler) importPage(c echo.Context) (*views.Page, *importPage, error) {
	if err := web.Authorize(c, models.ActImport, 0); err != nil {
		return nil, nil, err
	}
	plan, err := h.planParam(c)
	if err != nil {
		return nil, nil, err
	}
	v := &importPage{Plan: plan}
	p := h.Page(c, h.T(c, "import.title"), v)
	p.Nav = "plans"
	return p, v, nil
}

// previewOf turns the store's report into the page's words.
func (h *Handler) previewOf(c echo.Context, name string, rep *store.ImportReport) *importPreview {
	out := &importPreview{FileName: name, Directives: rep.Directives, Assignments: rep.Assignments}
	for _, b := range rep.Bad {
		row := importBadRow{Line: b.Line}
		for _, f := range b.Problems.Ordered() {
			row.Problems = append(row.Problems, importProblem{Column: h.T(c, "import.col."+f), Message: h.Msg(c, b.Problems.Fields[f])})
		}
		out.Bad = append(out.Bad, row)
	}
	return out
}

// ImportTemplate downloads the import template, .xlsx or .csv.
func (h *Handler) ImportTemplate(c echo.Context) error {
	format := imports.FormatOf("mau." + c.Param("format"))
	if format == "" {
		return models.ErrNotFound
	}
	ctype := "text/csv; charset=utf-8"
	if format == imports.XLSX {
		ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	c.Response().Header().Set(echo.HeaderContentType, ctype)
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="mau-nhap-nhiem-vu.`+string(format)+`"`)
	c.Response().WriteHeader(http.StatusOK)
	return imports.WriteTemplate(c.Response(), format)
}
