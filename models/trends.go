package models

import (
	"context"
	"sort"
	"time"

	"gorm.io/gorm"
)

// BaselineYear is the year of the targets' baseline figures.
const BaselineYear = 2022

// TrendPoint is a target's value at the end of a day; Value is nil when it
// was not known then. Baseline marks the BaselineYear figure, the starting point.
type TrendPoint struct {
	Day      Day
	Value    *float64
	Baseline bool
}

// TargetTrajectory is a target's value over the months of year: the
// baseline first when known, then the value at the end of each month up to
// day asOf (zero or future: today), the last point being asOf itself when it
// falls inside a month. Agencies-scope targets are computed from one load of
// the serving assignments and their history, replayed for each point;
// national ones take the value in force at each point.
func (s *Store) TargetTrajectory(ctx context.Context, t *Target, year int, asOf Day, now time.Time) ([]TrendPoint, error) {
	asOf = s.ClampAsOf(asOf, now)
	var out []TrendPoint
	if t.Baseline != nil {
		b := *t.Baseline
		out = append(out, TrendPoint{Day: EndOfMonth(BaselineYear, 12), Value: &b, Baseline: true})
	}
	days := monthEnds(year, asOf)
	if t.Scope == ScopeAgencies {
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
			overall, _, _ := agencyShares(serving[t.ID], tl.at(d))
			out = append(out, TrendPoint{Day: d, Value: overall.Percent()})
		}
		return out, nil
	}
	var values []TargetValue
	err := s.db.WithContext(ctx).Where("target_id = ? AND as_of <= ?", t.ID, asOf).Order("as_of, id").Find(&values).Error
	if err != nil {
		return nil, err
	}
	for _, d := range days {
		p := TrendPoint{Day: d}
		for _, v := range values {
			if v.AsOf <= d {
				p.Value = &v.Value
			}
		}
		out = append(out, p)
	}
	return out, nil
}

// monthEnds are the ends of the months of year up to asOf; a month that
// asOf falls inside ends at asOf.
func monthEnds(year int, asOf Day) []Day {
	var out []Day
	for m := 1; m <= 12; m++ {
		if DayFromDate(year, time.Month(m), 1) > asOf {
			break
		}
		out = append(out, min(EndOfMonth(year, m), asOf))
	}
	return out
}

// BurnPoint is a theme's work at the end of a day: how many assignments it
// held (cancelled ones left out) and how many of them were done.
type BurnPoint struct {
	Day         Day
	Done, Total int
}

// maxBurnPoints bounds the points of a burn-up; longer spans take wider steps.
const maxBurnPoints = 53

// ThemeBurnUp is a theme's work over time, week by week from the day its
// first assignment was given up to day asOf (zero or future: today), the
// last point being that day. The weeks stop earlier, at the last change or
// the last deadline (whichever is later), when nothing can move after it.
// It loads the assignments and their history once and replays them for
// each point.
func (s *Store) ThemeBurnUp(ctx context.Context, themeID uint, asOf Day, now time.Time) ([]BurnPoint, error) {
	asOf = s.ClampAsOf(asOf, now)
	tl, err := s.loadTimeline(ctx, s.assignmentQuery(ctx, AssignmentFilter{ThemeID: themeID}, now), now)
	if err != nil || len(tl.list) == 0 {
		return nil, err
	}
	start, last := asOf, Day("")
	for _, a := range tl.list {
		start = min(start, DayOf(a.CreatedAt, s.loc))
		last = max(last, a.DueOn)
		if rows := tl.history[a.ID]; len(rows) > 0 {
			last = max(last, DayOf(rows[len(rows)-1].At, s.loc))
		}
	}
	end := min(asOf, max(start, last))
	step := 7
	for start.DaysUntil(end)/step >= maxBurnPoints {
		step += 7
	}
	var out []BurnPoint
	for d := start; ; d = d.AddDays(step) {
		d = min(d, end)
		p := BurnPoint{Day: d}
		for _, a := range tl.at(d) {
			if a.Status != StatusCancelled {
				p.Total++
			}
			if a.Status == StatusDone {
				p.Done++
			}
		}
		out = append(out, p)
		if d == end {
			return out, nil
		}
	}
}

// MonthTimeliness is how the assignments due in one month stood at a day,
// in the four timeliness classes (every class present).
type MonthTimeliness struct {
	Month  int
	Counts map[Timeliness]int
}

// TimelinessByDueMonth splits a plan's assignments due in year by the month
// of their deadline in force and their timeliness at the end of day asOf
// (zero or future: today), rebuilt from the history. Cancelled assignments
// and those without a deadline in year are left out.
func (s *Store) TimelinessByDueMonth(ctx context.Context, planID uint, year int, asOf Day, now time.Time) ([]MonthTimeliness, error) {
	asOf = s.ClampAsOf(asOf, now)
	list, err := s.AssignmentsAsOf(ctx, AssignmentFilter{PlanID: planID}, asOf, now)
	if err != nil {
		return nil, err
	}
	out := make([]MonthTimeliness, 12)
	for i := range out {
		out[i] = MonthTimeliness{Month: i + 1, Counts: map[Timeliness]int{}}
		for _, cl := range TimelinessClasses {
			out[i].Counts[cl] = 0
		}
	}
	at := EndOfDay(asOf, s.loc)
	for i := range list {
		a := &list[i]
		due := a.DueOn.Time()
		if a.DueOn.IsZero() || due.Year() != year {
			continue
		}
		if cl := ClassifyTimeliness(a, at, s.loc).Class; cl != "" {
			out[due.Month()-1].Counts[cl]++
		}
	}
	return out, nil
}

// timeline holds assignments as they are now and their whole history, to
// rebuild them at the end of many days from a single load.
type timeline struct {
	list    []Assignment
	history map[uint][]Update // oldest first
	today   Day
	loc     *time.Location
}

// loadTimeline loads the assignments q selects (with their agency) and their history.
func (s *Store) loadTimeline(ctx context.Context, q *gorm.DB, now time.Time) (*timeline, error) {
	tl := &timeline{today: DayOf(now, s.loc), loc: s.loc}
	if err := q.Preload("Agency").Order("assignments.id").Find(&tl.list).Error; err != nil {
		return nil, err
	}
	var err error
	if tl.history, err = s.historyOf(ctx, tl.list, time.Time{}); err != nil {
		return nil, err
	}
	return tl, nil
}

// at rebuilds the assignments as they stood at the end of day d, the way
// AssignmentsAsOf does: those created later are left out, and from today
// on the current rows stand.
func (tl *timeline) at(d Day) []Assignment {
	end := EndOfDay(d, tl.loc)
	out := make([]Assignment, 0, len(tl.list))
	for _, a := range tl.list {
		if a.CreatedAt.After(end) {
			continue
		}
		if d >= tl.today {
			out = append(out, a)
			continue
		}
		rows := tl.history[a.ID]
		k := sort.Search(len(rows), func(i int) bool { return rows[i].At.After(end) })
		out = append(out, replay(a, rows[:k], tl.loc))
	}
	return out
}
