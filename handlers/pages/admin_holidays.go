package pages

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/views"
)

// holidaysView is the data of the holiday calendar page.
type holidaysView struct {
	Year     int
	Years    []int // the years with holidays, and the current one
	Holidays []models.Holiday
}

// ListHolidays is the admin page of official days off, one year at a time
// (?year=, the current year by default), with a form to add one.
func (h *Handler) ListHolidays(c echo.Context) error {
	if err := web.Authorize(c, models.ActManageReminders, 0); err != nil {
		return err
	}
	p, err := h.holidaysPage(c, h.yearParam(c.QueryParam("year")))
	if err != nil {
		return err
	}
	return h.Render(c, http.StatusOK, "holidays", p)
}

// yearParam reads a year (2000 to 2100), or the current year.
func (h *Handler) yearParam(s string) int {
	if y, err := strconv.Atoi(s); err == nil && y >= 2000 && y <= 2100 {
		return y
	}
	return h.Today().Time().Year()
}

// holidaysPage builds the holiday page for one year.
func (h *Handler) holidaysPage(c echo.Context, year int) (*views.Page, error) {
	all, err := h.Store.ListHolidays(c.Request().Context())
	if err != nil {
		return nil, err
	}
	v := holidaysView{Year: year}
	seen := map[int]bool{h.yearParam(""): true, year: true}
	for _, d := range all {
		y := d.Day.Time().Year()
		seen[y] = true
		if y == year {
			v.Holidays = append(v.Holidays, d)
		}
	}
	for y := range seen {
		v.Years = append(v.Years, y)
	}
	sort.Ints(v.Years)
	p := h.Page(c, h.T(c, "holidays.title"), v)
	p.Nav = "holidays"
	return p, nil
}

// AddHoliday adds a day off; a bad date is a 422, a day listed already a
// 409, both shown on the page with the input kept.
func (h *Handler) AddHoliday(c echo.Context) error {
	if err := web.Authorize(c, models.ActManageReminders, 0); err != nil {
		return err
	}
	form, err := web.FormParams(c)
	if err != nil {
		return err
	}
	d, err := h.Store.AddHoliday(c.Request().Context(), form.Get("day"), form.Get("name_vi"), form.Get("name_en"))
	if err != nil {
		p, perr := h.holidaysPage(c, h.yearParam(form.Get("year")))
		if perr != nil {
			return perr
		}
		return h.FormPage(c, err, "holidays", p, form)
	}
	return h.RedirectFlash(c, "/admin/holidays?year="+strconv.Itoa(d.Day.Time().Year()), "flash.holiday_added")
}

// RemoveHoliday removes a day off and goes back to its year.
func (h *Handler) RemoveHoliday(c echo.Context) error {
	if err := web.Authorize(c, models.ActManageReminders, 0); err != nil {
		return err
	}
	id, form, err := web.IdAndForm(c)
	if err != nil {
		return err
	}
	if err := h.Store.RemoveHoliday(c.Request().Context(), id); err != nil {
		return err
	}
	back := url.Values{"year": {strconv.Itoa(h.yearParam(form.Get("year")))}}
	return h.RedirectFlash(c, "/admin/holidays?"+back.Encode(), "flash.holiday_removed")
}
