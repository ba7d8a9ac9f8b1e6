package pages

import (
	"bytes"
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/views"
)

// reportView is the data of a monthly report page (báo cáo tháng) and of
// the body a meeting pack freezes.
type reportView struct {
	*models.MonthlyReport
	Targets []targetRow
	PDF     bool // a PDF can be printed (Chromium is installed)
	Pack    *models.MeetingPack
}

// ShowMonthlyReport is a theme's monthly report at the end of ?as_of=
// (default today), laid out to be printed.
func (h *Handler) ShowMonthlyReport(c echo.Context) error {
	p, bad, err := h.monthlyReportPage(c)
	if err != nil {
		return err
	}
	return h.renderAsOf(c, "report", p, p.Data.(*reportView).AsOf, bad)
}

// MonthlyReportPDF is the monthly report as a PDF printed by Chromium;
// without Chromium, the printable page saying so (503).
func (h *Handler) MonthlyReportPDF(c echo.Context) error {
	p, bad, err := h.monthlyReportPage(c)
	if err != nil {
		return err
	}
	if bad != nil {
		return h.renderAsOf(c, "report", p, p.Data.(*reportView).AsOf, bad)
	}
	v := p.Data.(*reportView)
	name := "bao-cao-thang-" + strconv.Itoa(int(v.Theme.ID)) + "-" + string(v.AsOf) + ".pdf"
	return h.sendPDF(c, "report", p, name)
}

// monthlyReportPage reads a theme's report and builds its page; a bad
// ?as_of= is returned beside a report of today.
func (h *Handler) monthlyReportPage(c echo.Context) (*views.Page, error, error) {
	id, err := web.IdParam(c, "id")
	if err != nil {
		return nil, nil, err
	}
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return nil, nil, err
	}
	asOf, bad := h.AsOfParam(c)
	r, err := h.Store.MonthlyReport(c.Request().Context(), id, asOf, h.Now())
	if err != nil {
		return nil, nil, err
	}
	v := &reportView{MonthlyReport: r, PDF: h.PDF.Available()}
	for i := range r.Targets {
		v.Targets = append(v.Targets, h.toTargetRow(c, &r.Targets[i]))
	}
	p := h.Page(c, h.T(c, "report.title"), v)
	p.Nav = "plans"
	return p, bad, nil
}

// sendPDF prints page name to PDF and sends it as a download; without
// Chromium it renders the page with a note that says so (503), the print
// button still there. A PDF that fails otherwise is a logged 500.
func (h *Handler) sendPDF(c echo.Context, name string, p *views.Page, file string) error {
	var buf bytes.Buffer
	if err := h.Views.Fragment(&buf, name, "print-layout", p); err != nil {
		return err
	}
	pdf, err := h.PDF.Print(c.Request().Context(), buf.Bytes())
	if errors.Is(err, web.ErrNoChromium) {
		p.Alert = h.T(c, "print.no_chromium")
		return h.Render(c, http.StatusServiceUnavailable, name, p)
	}
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="`+file+`"`)
	return c.Blob(http.StatusOK, "application/pdf", pdf)
}
