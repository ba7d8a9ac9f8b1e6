package pages

import (
	"bytes"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/views"
)

// packView is the data of a meeting pack's page: the pack and its frozen body.
type packView struct {
	Pack  *models.MeetingPack
	Body  template.HTML // rendered by this application when the pack was made
	Theme *models.Theme
	PDF   bool
}

// CreateMeetingPack freezes a theme's report as of the meeting's day
// (meeting_on, not after today) as the next numbered pack of that year.
func (h *Handler) CreateMeetingPack(c echo.Context) error {
	id, err := web.IdParam(c, "id")
	if err != nil {
		return err
	}
	if err := web.Authorize(c, models.ActMakeMeetingPack, 0); err != nil {
		return err
	}
	form, err := web.FormParams(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	day, err := models.ParseDay(strings.TrimSpace(form.Get("meeting_on")))
	if err == nil && day.IsZero() {
		err = models.Invalid("meeting_on", "err.pack_day_missing")
	} else if err != nil {
		err = models.Invalid("meeting_on", "err.pack_day_invalid")
	} else if day > h.Today() {
		err = models.Invalid("meeting_on", "err.pack_day_future")
	}
	if err != nil {
		p, _, perr := h.monthlyReportPage(c)
		if perr != nil {
			return perr
		}
		return h.FormPage(c, err, "report", p, form)
	}
	r, err := h.Store.MonthlyReport(ctx, id, day, h.Now())
	if err != nil {
		return err
	}
	v := &reportView{MonthlyReport: r}
	for i := range r.Targets {
		v.Targets = append(v.Targets, h.toTargetRow(c, &r.Targets[i]))
	}
	var body bytes.Buffer
	if err := h.Views.Fragment(&body, "report", "report-body", h.Page(c, "", v)); err != nil {
		return err
	}
	title := h.T(c, "report.title") + ": " + pickTitle(c, h, r.Theme)
	pack, err := h.Store.CreateMeetingPack(ctx, web.CurrentUser(c), r.Theme, day, title, body.String(), h.Now())
	if err != nil {
		return err
	}
	return h.RedirectFlash(c, "/packs/"+strconv.Itoa(int(pack.ID)), "flash.pack_created")
}

// pickTitle is a theme's title in the page's language.
func pickTitle(c echo.Context, h *Handler, t *models.Theme) string {
	if h.Lang(c) == views.LangEN && t.TitleEN != "" {
		return t.TitleEN
	}
	return t.TitleVI
}

// ListMeetingPacks lists the meeting packs, newest meeting first.
func (h *Handler) ListMeetingPacks(c echo.Context) error {
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	list, err := h.Store.ListMeetingPacks(c.Request().Context())
	if err != nil {
		return err
	}
	p := h.Page(c, h.T(c, "packs.title"), list)
	p.Nav = "plans"
	return h.Render(c, http.StatusOK, "packs", p)
}

// ShowMeetingPack is one pack as it was frozen.
func (h *Handler) ShowMeetingPack(c echo.Context) error {
	p, err := h.packPage(c)
	if err != nil {
		return err
	}
	return h.Render(c, http.StatusOK, "pack", p)
}

// MeetingPackPDF is one pack as a PDF.
func (h *Handler) MeetingPackPDF(c echo.Context) error {
	p, err := h.packPage(c)
	if err != nil {
		return err
	}
	pack := p.Data.(packView).Pack
	return h.sendPDF(c, "pack", p, "tai-lieu-hop-"+strconv.Itoa(pack.Number)+"-"+strconv.Itoa(pack.Year)+".pdf")
}

func (h *Handler) packPage(c echo.Context) (*views.Page, error) {
	id, err := web.IdParam(c, "id")
	if err != nil {
		return nil, err
	}
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return nil, err
	}
	pack, err := h.Store.MeetingPackByID(c.Request().Context(), id)
	if err != nil {
		return nil, err
	}
	theme, err := h.Store.ThemeByID(c.Request().Context(), pack.ThemeID)
	if err != nil {
		return nil, err
	}
	// The body was rendered by this application's own templates when the
	// pack was made (escaped there); nothing a user typed reaches it raw.
	v := packView{Pack: pack, Body: template.HTML(pack.Body), Theme: theme, PDF: h.PDF.Available()}
	p := h.Page(c, h.T(c, "pack.title", "Code", pack.Code()), v)
	p.Nav = "plans"
	return p, nil
}
