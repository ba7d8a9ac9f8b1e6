package store

import (
	"context"
	"fmt"
	"roviec/models"
	"time"

	"gorm.io/gorm"
)

// TargetTrajectory is a target's value over the months of year: the
// baseline first when known, then the value at the end of each month up to
// day asOf (zero or future: today), the last point being asOf itself when it
// falls inside a month. Agencies-scope targets are computed from one load of
// the serving assignments and their history, replayed for each point;
// national ones take the value in force at each point.
func (s *Store) TargetTrajectory(ctx context.Context, t *models.Target, year int, asOf models.Day, now time.Time) ([]models.TrendPoint, error) {
	asOf = s.ClampAsOf(asOf, now)
	var out []models.TrendPoint
	if t.Baseline != nil {
		b := *t.Baseline
		out = append(out, models.TrendPoint{Day: models.EndOfMonth(models.BaselineYear, 12), Value: &b, Baseline: true})
	}
	days := models.MonthEnds(year, asOf)
	if t.Scope == models.ScopeAgencies {
		serving, err := s.servingDirectives(ctx, t.PlanID)
		if err != nil {
			return nil, err
		}
		ids := []uint{0}
		for _, d := range serving[t.ID] {
			ids = append(ids, d.ID)
		}
		tl, err := s.loadTimeline(ctx, s.assignmentQuery(ctx, AssignmentFilter{}, now).Where("assignments.directive_id IN ?", ids), now)
		if err != nil {
			return nil, err
		}
		for _, d := range days {
			overall, _, _ := models.AgencyShares(serving[t.ID], tl.At(d))
			out = append(out, models.TrendPoint{Day: d, Value: overall.Percent()})
		}
		return out, nil
	}
	var values []models.TargetValue
	err := s.db.WithContext(ctx).Where("target_id = ? AND as_of <= ?", t.ID, asOf).Order("as_of, id").Find(&values).Error
	if err != nil {
		return nil, err
	}
	for _, d := range days {
		p := models.TrendPoint{Day: d}
		for _, v := range values {
			if v.AsOf <= d {
				p.Value = &v.Value
			}
		}
		out = append(out, p)
	}
	return out, nil
}

// ThemeBurnUp is a theme's work over time, week by week from the day its
// first assignment was given up to day asOf (zero or future: today), the
// last point being that day. The weeks stop earlier, at the last change or
// the last deadline (whichever is later), when nothing can move after it.
// It loads the assignments and their history once and replays them for
// each point.
func (s *Store) ThemeBurnUp(ctx context.Context, themeID uint, asOf models.Day, now time.Time) ([]models.BurnPoint, error) {
	asOf = s.ClampAsOf(asOf, now)
	tl, err := s.loadTimeline(ctx, s.assignmentQuery(ctx, AssignmentFilter{ThemeID: themeID}, now), now)
	if err != nil || len(tl.List) == 0 {
		return nil, err
	}
	start, last := asOf, models.Day("")
	for _, a := range tl.List {
		start = min(start, models.DayOf(a.CreatedAt, s.loc))
		last = max(last, a.DueOn)
		if rows := tl.History[a.ID]; len(rows) > 0 {
			last = max(last, models.DayOf(rows[len(rows)-1].At, s.loc))
		}
	}
	end := min(asOf, max(start, last))
	step := 7
	for start.DaysUntil(end)/step >= models.MaxBurnPoints {
		step += 7
	}
	var out []models.BurnPoint
	for d := start; ; d = d.AddDays(step) {
		d = min(d, end)
		p := models.BurnPoint{Day: d}
		for _, a := range tl.At(d) {
			if a.Status != models.StatusCancelled {
				p.Total++
			}
			if a.Status == models.StatusDone {
				p.Done++
			}
		}
		out = append(out, p)
		if d == end {
			return out, nil
		}
	}
}

// TimelinessByDueMonth splits a plan's assignments due in year by the month
// of their deadline in force and their timeliness at the end of day asOf
// (zero or future: today), rebuilt from the history. Cancelled assignments
// and those without a deadline in year are left out.
func (s *Store) TimelinessByDueMonth(ctx context.Context, planID uint, year int, asOf models.Day, now time.Time) ([]models.MonthTimeliness, error) {
	asOf = s.ClampAsOf(asOf, now)
	if asOf == models.DayOf(now, s.loc) {
		return splitByMonth(year, func(count monthCount) error {
			rows, err := s.planClassCounts(ctx, planID, "due_month", asOf)
			for _, r := range rows {
				count(r.Key, r.Class, r.N)
			}
			return err
		})
	}
	k := asOfSnapshot{Figure: monthsFigure(year), PlanID: planID, Day: asOf}
	return snapshot(ctx, s, k, func() ([]models.MonthTimeliness, error) {
		at := models.EndOfDay(asOf, s.loc)
		return splitByMonth(year, func(count monthCount) error {
			return s.eachAssignmentAsOf(ctx, AssignmentFilter{PlanID: planID}, asOf, now, func(a *models.Assignment) {
				if !a.DueOn.IsZero() {
					count(string(a.DueOn[:7]), models.ClassifyTimeliness(a, at, s.loc).Class, 1)
				}
			})
		})
	})
}

// monthCount adds n assignments of a class to the month "YYYY-MM".
type monthCount func(month string, class models.Timeliness, n int)

// splitByMonth is the twelve months of year, every class present, counted
// by count (months of other years and cancelled work left out).
func splitByMonth(year int, count func(monthCount) error) ([]models.MonthTimeliness, error) {
	out := make([]models.MonthTimeliness, 12)
	for i := range out {
		out[i] = models.MonthTimeliness{Month: i + 1, Counts: map[models.Timeliness]int{}}
		for _, cl := range models.TimelinessClasses {
			out[i].Counts[cl] = 0
		}
	}
	err := count(func(month string, cl models.Timeliness, n int) {
		var y, m int
		if _, err := fmt.Sscanf(month, "%d-%d", &y, &m); err == nil && y == year && cl != "" {
			out[m-1].Counts[cl] += n
		}
	})
	return out, err
}

// loadTimeline loads the assignments q selects (with their agency) and their history.
func (s *Store) loadTimeline(ctx context.Context, q *gorm.DB, now time.Time) (*models.Timeline, error) {
	tl := &models.Timeline{Today: models.DayOf(now, s.loc), Loc: s.loc}
	if err := q.Preload("Agency").Order("assignments.id").Find(&tl.List).Error; err != nil {
		return nil, err
	}
	var err error
	if tl.History, err = s.historyOf(ctx, tl.List, time.Time{}); err != nil {
		return nil, err
	}
	return tl, nil
}
