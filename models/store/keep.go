package store

import (
	"context"
	"fmt"
	"roviec/models"
	"time"
)

// KeepDays keeps, for every plan, the figures the committee reads as of each
// day from..to of the plan's year that is over and not kept yet: the year
// overview's month split and the league standings of the whole plan (a kind
// of agency is narrowed at read). A plan's missing days are counted in one
// sweep over its assignments and their history (models.DaySweep), which
// costs about what rebuilding one day does. It returns how many plan-days it
// kept.
func (s *Store) KeepDays(ctx context.Context, from, to models.Day, now time.Time) (int, error) {
	to = min(to, models.DayOf(now, s.loc).AddDays(-1)) // only a day that is over stays as it is
	plans, err := s.ListPlans(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for i := range plans {
		p := &plans[i]
		lo, hi := max(from, models.DayFromDate(p.Year, time.January, 1)), min(to, models.DayFromDate(p.Year, time.December, 31))
		if lo > hi {
			continue
		}
		missing, err := s.missingDays(ctx, p, lo, hi)
		if err != nil || len(missing) == 0 {
			if err != nil {
				return n, err
			}
			continue
		}
		sw, err := s.sweepPlan(ctx, p, missing[0], missing[len(missing)-1], now)
		if err != nil {
			return n, err
		}
		for _, day := range missing {
			i := missing[0].DaysUntil(day)
			k := asOfSnapshot{Figure: monthsFigure(p.Year), PlanID: p.ID, Day: day}
			if err := s.keep(ctx, k, sw.Months(i)); err != nil {
				return n, err
			}
			k.Figure = standingsFigure
			if err := s.keep(ctx, k, keptStandings(sw.Standings(i))); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}

// monthsFigure names a kept month split of year in asof_snapshots.
func monthsFigure(year int) string { return fmt.Sprintf("months:%d", year) }

// missingDays are the days lo..hi for which the plan-wide figures of p are
// not both kept, in order.
func (s *Store) missingDays(ctx context.Context, p *models.Plan, lo, hi models.Day) ([]models.Day, error) {
	var keptDays []models.Day
	err := s.db.WithContext(ctx).Model(&asOfSnapshot{}).
		Where("plan_id = ? AND theme_id = 0 AND kind = '' AND figure IN ? AND day BETWEEN ? AND ?",
			p.ID, []string{monthsFigure(p.Year), standingsFigure}, lo, hi).
		Group("day").Having("COUNT(*) = 2").Pluck("day", &keptDays).Error
	if err != nil {
		return nil, err
	}
	done := make(map[models.Day]bool, len(keptDays))
	for _, d := range keptDays {
		done[d] = true
	}
	var missing []models.Day
	for d := lo; d <= hi; d = d.AddDays(1) {
		if !done[d] {
			missing = append(missing, d)
		}
	}
	return missing, nil
}

// sweepPlan counts the plan's figures of the days from..to in one pass over
// its assignments given by the end of to and their history up to then, a
// chunk at a time, so that memory holds a chunk and the counts by day.
func (s *Store) sweepPlan(ctx context.Context, p *models.Plan, from, to models.Day, now time.Time) (*models.DaySweep, error) {
	end := models.EndOfDay(to, s.loc)
	sw := models.NewDaySweep(from, to, p.Year, s.loc)
	const chunk = 2000
	for after := uint(0); ; {
		var list []models.Assignment
		err := s.assignmentQuery(ctx, AssignmentFilter{PlanID: p.ID}, now).
			Where("assignments.created_at <= ? AND assignments.id > ?", end.UTC(), after).
			Order("assignments.id").Limit(chunk).Find(&list).Error
		if err != nil || len(list) == 0 {
			return sw, err
		}
		history, err := s.historyOf(ctx, list, end)
		if err != nil {
			return nil, err
		}
		for i := range list {
			sw.Add(&list[i], history[list[i].ID])
		}
		after = list[len(list)-1].ID
	}
}
