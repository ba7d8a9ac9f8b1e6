package store

import (
	"context"
	"fmt"
	"time"

	"roviec/models"
)

// overdueOfAgencies is each agency's open work past its deadline in every
// plan, from the standings (past_open: the open work of deadlines before
// the standings' day, kept per plan and agency), with that day: a few rows
// per agency whatever the number of assignments.
const overdueOfAgencies = `SELECT agency_id, SUM(past_open) AS n, MAX((SELECT day FROM standings_day WHERE id = 1)) AS day
	FROM standings GROUP BY agency_id HAVING SUM(past_open) > 0`

// OverdueByAgency counts, by agency id, the open overdue assignments of
// every plan today (the league's "open overdue": not done, not cancelled,
// deadline passed and not submitted by it); agencies with none are absent.
// It reads the standings rolled to today instead of the assignments, so it
// costs the same at 1M assignments as at 100.
func (s *Store) OverdueByAgency(ctx context.Context, now time.Time) (map[uint]int, error) {
	today := models.DayOf(now, s.loc)
	// Should another reader roll the standings to another day meanwhile (a
	// clock a moment apart), the rows say so and are counted again.
	for range 3 {
		if err := s.rollStandings(ctx, today); err != nil {
			return nil, err
		}
		var rows []struct {
			AgencyID uint
			N        int
			Day      string
		}
		if err := s.db.WithContext(ctx).Raw(overdueOfAgencies).Scan(&rows).Error; err != nil {
			return nil, err
		}
		out := make(map[uint]int, len(rows))
		moved := false
		for _, r := range rows {
			if r.Day != string(today) {
				moved = true
				break
			}
			out[r.AgencyID] = r.N
		}
		if !moved {
			return out, nil
		}
	}
	return nil, fmt.Errorf("overdue agencies: the standings' day keeps moving away from %s", today)
}
