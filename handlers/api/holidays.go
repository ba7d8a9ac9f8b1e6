package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
)

// holidayJSON is an official day off.
type holidayJSON struct {
	ID     uint   `json:"id"`
	Day    string `json:"day"`
	NameVI string `json:"name_vi"`
	NameEN string `json:"name_en"`
}

func toHolidayJSON(d *models.Holiday) holidayJSON {
	return holidayJSON{ID: d.ID, Day: d.Day.String(), NameVI: d.NameVI, NameEN: d.NameEN}
}

// apiListHolidays lists the days off in date order; ?year= keeps one year.
func (h *Handler) ListHolidays(c echo.Context) error {
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	q := &web.Query{C: c}
	year := q.Positive("year")
	if err := q.Err(); err != nil {
		return err
	}
	list, err := h.Store.ListHolidays(c.Request().Context())
	if err != nil {
		return err
	}
	var kept []models.Holiday
	for _, d := range list {
		if year == 0 || d.Day.Time().Year() == year {
			kept = append(kept, d)
		}
	}
	return c.JSON(http.StatusOK, listOf(kept, toHolidayJSON))
}

// holidayRequest is the body of POST /api/v1/holidays.
type holidayRequest struct {
	Day    string `json:"day"` // YYYY-MM-DD or dd/mm/yyyy
	NameVI string `json:"name_vi"`
	NameEN string `json:"name_en"`
}

// apiAddHoliday adds a day off (administrators): 201; a day listed already is a 409.
func (h *Handler) AddHoliday(c echo.Context) error {
	if err := web.Authorize(c, models.ActManageReminders, 0); err != nil {
		return err
	}
	var in holidayRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	d, err := h.Store.AddHoliday(c.Request().Context(), in.Day, in.NameVI, in.NameEN)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toHolidayJSON(d))
}

// apiRemoveHoliday removes a day off (administrators): 204.
func (h *Handler) RemoveHoliday(c echo.Context) error {
	id, err := web.IdParam(c, "id")
	if err != nil {
		return err
	}
	if err := web.Authorize(c, models.ActManageReminders, 0); err != nil {
		return err
	}
	if err := h.Store.RemoveHoliday(c.Request().Context(), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
