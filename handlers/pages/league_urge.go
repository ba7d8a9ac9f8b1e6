package pages

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
)

// leagueUrgeView is what an urge from the league did: the agencies urged
// (their tasks urged now and skipped, urged today already) and those
// refused, with why.
type leagueUrgeView struct {
	Done    []leagueUrgeLine
	Refused []leagueUrgeLine
}

// leagueUrgeLine is one agency's outcome.
type leagueUrgeLine struct {
	Code     string
	Agency   *models.Agency // nil when the league does not list it
	Urged    int
	Skipped  int
	Messages int
	Message  string
}

// UrgeFromLeague urges ("đôn đốc") the late agencies ticked on the league
// table (or, with the "every late agency on this page" button, those the
// page lists) about all their overdue work of the league's plan (store.UrgeInPlan),
// and shows the league again, with its filters, saying what was done for
// each agency.
func (h *Handler) UrgeFromLeague(c echo.Context) error {
	if err := web.Authorize(c, models.ActReview, 0); err != nil {
		return err
	}
	form, err := web.FormParams(c)
	if err != nil {
		return err
	}
	codes := form["agency_codes"]
	if form.Get("scope") == "page" {
		codes = form["page_codes"]
	}
	var planID uint
	if s := form.Get("plan_id"); s != "" {
		if planID, err = web.ParseID(s); err != nil {
			return err
		}
	}
	results, err := h.Store.UrgeInPlan(c.Request().Context(), web.CurrentUser(c), planID, codes, h.Now())
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		return h.renderLeague(c, http.StatusUnprocessableEntity, &leagueUrgeView{Refused: []leagueUrgeLine{{Message: h.refusal(c, err)}}})
	}
	if err != nil {
		return err
	}
	v := &leagueUrgeView{}
	for _, r := range results {
		line := leagueUrgeLine{Code: r.AgencyCode, Urged: r.Urged, Skipped: r.Skipped, Messages: r.Messages}
		if r.Err != nil {
			if code, _ := h.StatusOf(c, r.Err); code >= http.StatusInternalServerError {
				return r.Err
			}
			line.Message = h.refusal(c, r.Err)
			v.Refused = append(v.Refused, line)
			continue
		}
		v.Done = append(v.Done, line)
	}
	return h.renderLeague(c, http.StatusOK, v)
}
