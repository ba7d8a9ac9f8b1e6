package loadtest

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// survey is what scale reads of a generated database through the API
// before loading it.
type survey struct {
	Assignments int64     // how many assignments the database holds
	RemindAt    time.Time // the moment of the reminder pass
}

// surveyServer counts the assignments and picks the reminder pass's moment
// in the plan's busiest month.
func surveyServer(ctx context.Context, s *session) (survey, error) {
	var sv survey
	w, err := discover(ctx, s)
	if err != nil {
		return sv, err
	}
	var page struct {
		Total int64 `json:"total"`
	}
	if err := s.getJSON(ctx, "/api/v1/assignments?per_page=1", &page); err != nil {
		return sv, err
	}
	month, err := busiestMonth(ctx, s, w.PlanID)
	if err != nil {
		return sv, err
	}
	return survey{Assignments: page.Total, RemindAt: remindMoment(month)}, nil
}

// busiestMonth is the month in which most of the plan's directives fall
// due (the earliest such month on a tie).
func busiestMonth(ctx context.Context, s *session, planID uint) (time.Time, error) {
	counts := map[time.Time]int{}
	const perPage = 500
	for page := 1; ; page++ {
		var list struct {
			Items []struct {
				DueDate *string `json:"due_date"`
			} `json:"items"`
			Total int `json:"total"`
		}
		if err := s.getJSON(ctx, fmt.Sprintf("/api/v1/directives?plan_id=%d&per_page=%d&page=%d", planID, perPage, page), &list); err != nil {
			return time.Time{}, err
		}
		for _, d := range list.Items {
			if due, err := time.Parse(time.DateOnly, deref(d.DueDate)); err == nil {
				counts[time.Date(due.Year(), due.Month(), 1, 0, 0, 0, 0, time.UTC)]++
			}
		}
		if len(list.Items) == 0 || page*perPage >= list.Total {
			break
		}
	}
	var best time.Time
	for m, n := range counts {
		if n > counts[best] || (n == counts[best] && m.Before(best)) {
			best = m
		}
	}
	if best.IsZero() {
		return best, errors.New("no directive of the plan has a due date")
	}
	return best, nil
}

// deref is *p, or "" for nil.
func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// remindMoment is 08:00 in Hà Nội on the last Monday of month: the first
// working day of a week (the weekly digest goes out), with the month's own
// deadlines days away and the earlier months' overdue, so that most rules
// fire in one pass.
func remindMoment(month time.Time) time.Time {
	ict := time.FixedZone("ICT", 7*3600)
	d := time.Date(month.Year(), month.Month()+1, 0, 8, 0, 0, 0, ict) // the month's last day
	for d.Weekday() != time.Monday {
		d = d.AddDate(0, 0, -1)
	}
	return d
}
