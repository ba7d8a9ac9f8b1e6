package pages

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
)

// auditPageSize is how many rows of the audit trail one page lists.
const auditPageSize = 50

// auditView is the data of the audit trail page.
type auditView struct {
	Entities []models.AuditEntity
	Actions  []models.AuditAction
	Rows     []auditRow
	Pager    web.Pager
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
// by who, record, action and days (dd/mm/yyyy), 50 a page, with links to
// the sheet and CSV of the same rows (/export/audit). A bad filter shows the form with its message (422).
func (h *Handler) ListAudit(c echo.Context) error {
	if err := web.Authorize(c, models.ActReadAudit, 0); err != nil {
		return err
	}
	v := auditView{Entities: models.AuditEntities(), Actions: models.AuditActions()}
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
