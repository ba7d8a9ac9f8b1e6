package pages

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
)

// auditPageSize is how many rows of the audit trail one page lists.
const auditPageSize = 50

// auditView is the data of the audit trail page.
type auditView struct {
	Entities  []models.AuditEntity
	Actions   []models.AuditAction
	Rows      []auditRow
	Pager     web.Pager
	ExportURL string
}

// auditRow is one row as the page shows it, with a link to the record when
// it has a page of its own.
type auditRow struct {
	models.AuditEntry
	Link string
}

// auditLink is the page of an audited record, or "" when it has none.
func auditLink(e *models.AuditEntry) string {
	switch e.Entity {
	case models.AuditAssignment:
		return "/assignments/" + e.EntityID
	case models.AuditDirective:
		return "/directives/" + e.EntityID
	case models.AuditPlan:
		return "/plans/" + e.EntityID
	case models.AuditTheme:
		return "/themes/" + e.EntityID
	}
	return ""
}

// ListAudit is the admin's page of the audit trail: newest first, filtered
// by who, record, action and days (dd/mm/yyyy), 50 a page, with a link to
// the CSV of the same rows. A bad filter shows the form with its message (422).
func (h *Handler) ListAudit(c echo.Context) error {
	if err := web.Authorize(c, models.ActReadAudit, 0); err != nil {
		return err
	}
	v := auditView{Entities: models.AuditEntities(), Actions: models.AuditActions(),
		ExportURL: "/admin/audit.csv?" + c.QueryParams().Encode()}
	f, ferr := web.AuditFilterParam(c, auditPageSize)
	f.PerPage = auditPageSize
	p := h.Page(c, h.T(c, "audit.title"), &v)
	p.Nav, p.Values = "audit", c.QueryParams()
	if ferr != nil {
		p.Errors = h.FieldsOf(c, ferr)
		if p.Errors == nil {
			return ferr
		}
		return h.Render(c, http.StatusUnprocessableEntity, "audit", p)
	}
	list, total, err := h.Store.ListAudit(c.Request().Context(), f)
	if err != nil {
		return err
	}
	for i := range list {
		v.Rows = append(v.Rows, auditRow{AuditEntry: list[i], Link: auditLink(&list[i])})
	}
	v.Pager = web.NewPager(c, f.Page.Page, auditPageSize, total)
	return h.Render(c, http.StatusOK, "audit", p)
}

// ExportAudit streams every row the filters select (whatever the page) as
// CSV, newest first: UTF-8 with a byte order mark so that Excel reads
// Vietnamese right, one batch of rows in memory at a time.
func (h *Handler) ExportAudit(c echo.Context) error {
	if err := web.Authorize(c, models.ActReadAudit, 0); err != nil {
		return err
	}
	f, err := web.AuditFilterParam(c, auditPageSize)
	if err != nil {
		return err
	}
	loc := h.Store.Location()
	res := c.Response()
	res.Header().Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	res.Header().Set(echo.HeaderContentDisposition,
		fmt.Sprintf(`attachment; filename="roviec-audit-%s.csv"`, h.Now().In(loc).Format("20060102-1504")))
	res.WriteHeader(http.StatusOK)
	if _, err := res.Write([]byte("\uFEFF")); err != nil {
		return nil // the client has gone
	}
	w := csv.NewWriter(res)
	head := []string{"id", "at", "actor_id", "actor", "address", "entity", "entity_id", "action", "before", "after"}
	for i, col := range head {
		head[i] = h.T(c, "audit.col_"+col)
	}
	_ = w.Write(head) // errors stay in the writer; w.Error() below reports them
	n := 0
	err = h.Store.EachAudit(c.Request().Context(), f, func(e *models.AuditEntry) error {
		actorID := ""
		if e.ActorID != nil {
			actorID = fmt.Sprint(*e.ActorID)
		}
		_ = w.Write([]string{fmt.Sprint(e.ID), e.At.In(loc).Format("02/01/2006 15:04:05"), actorID, cell(e.Actor),
			cell(e.Address), string(e.Entity), cell(e.EntityID), string(e.Action), cell(e.Before), cell(e.After)})
		if n++; n%500 == 0 {
			w.Flush()
			res.Flush()
		}
		return w.Error()
	})
	w.Flush()
	if err == nil {
		err = w.Error()
	}
	if err != nil {
		// The status is sent: the export ends short, and the log says why.
		h.Log.Error("audit export cut short", "err", err, "rows", n)
	}
	return nil
}

// cell keeps a spreadsheet from reading text typed by anyone (the e-mail
// of a failed login) as a formula: such a value starts with a quote.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
