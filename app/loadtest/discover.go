package loadtest

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// world is what the targets need from the data of the server under test,
// found through the API: a plan, one of its themes, a directive and the
// agencies' codes.
type world struct {
	PlanID      uint
	Year        int // the plan's year
	ThemeID     uint
	DirectiveID uint
	AgencyCodes []string
}

// PastDay is the day the "as of" targets ask for: the middle of the plan's
// year, so that half a year of history is rebuilt.
func (w world) PastDay() time.Time { return time.Date(w.Year, time.June, 30, 0, 0, 0, 0, time.UTC) }

// idList is the part of an API list the discovery reads.
type idList struct {
	Items []struct {
		ID   uint   `json:"id"`
		Year int    `json:"year"`
		Code string `json:"code"`
	} `json:"items"`
}

// discover finds the first plan, its first theme, the first directive and
// every agency's code, and checks that the page session opens the plan (a
// lost session would answer every page with a redirect to /login, which the
// targets would count as answers).
func discover(ctx context.Context, s *session) (world, error) {
	var w world
	var plans, themes, directives, agencies idList
	if err := s.getJSON(ctx, "/api/v1/plans", &plans); err != nil {
		return w, err
	}
	if len(plans.Items) == 0 {
		return w, errors.New("the server has no plan")
	}
	w.PlanID, w.Year = plans.Items[0].ID, plans.Items[0].Year
	if _, err := s.read(ctx, fmt.Sprintf("%s/plans/%d", s.base, w.PlanID)); err != nil {
		return w, fmt.Errorf("the page session: %w", err)
	}
	if err := s.getJSON(ctx, fmt.Sprintf("/api/v1/plans/%d/themes", w.PlanID), &themes); err != nil {
		return w, err
	}
	if err := s.getJSON(ctx, "/api/v1/directives?per_page=1", &directives); err != nil {
		return w, err
	}
	if err := s.getJSON(ctx, "/api/v1/agencies", &agencies); err != nil {
		return w, err
	}
	if len(themes.Items) == 0 || len(directives.Items) == 0 || len(agencies.Items) == 0 {
		return w, fmt.Errorf("the server needs a theme, a directive and an agency: it has %d, %d and %d",
			len(themes.Items), len(directives.Items), len(agencies.Items))
	}
	w.ThemeID, w.DirectiveID = themes.Items[0].ID, directives.Items[0].ID
	for _, a := range agencies.Items {
		w.AgencyCodes = append(w.AgencyCodes, a.Code)
	}
	return w, nil
}
