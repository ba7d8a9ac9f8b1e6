package models

import (
	"sort"
	"time"
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

// MonthEnds are the ends of the months of year up to asOf; a month that
// asOf falls inside ends at asOf.
func MonthEnds(year int, asOf Day) []Day {
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

// MaxBurnPoints bounds the points of a burn-up; longer spans take wider steps.
const MaxBurnPoints = 53

// MonthTimeliness is how the assignments due in one month stood at a day,
// in the four timeliness classes (every class present).
type MonthTimeliness struct {
	Month  int
	Counts map[Timeliness]int
}

// Timeline holds assignments as they are now and their whole history, to
// rebuild them at the end of many days from a single load.
type Timeline struct {
	List    []Assignment
	History map[uint][]Update // oldest first
	Today   Day
	Loc     *time.Location
}

// At rebuilds the assignments as they stood at the end of day d, the way
// AssignmentsAsOf does: those created later are left out, and from today
// on the current rows stand.
func (tl *Timeline) At(d Day) []Assignment {
	end := EndOfDay(d, tl.Loc)
	out := make([]Assignment, 0, len(tl.List))
	for _, a := range tl.List {
		if a.CreatedAt.After(end) {
			continue
		}
		if d >= tl.Today {
			out = append(out, a)
			continue
		}
		rows := tl.History[a.ID]
		k := sort.Search(len(rows), func(i int) bool { return rows[i].At.After(end) })
		out = append(out, Replay(a, rows[:k], tl.Loc))
	}
	return out
}
