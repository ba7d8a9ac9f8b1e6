package models

import (
	"slices"
	"time"
)

// DaySweep counts a plan's league standings and month split at the end of
// every day of a span in one pass over its assignments, each replayed once
// through its whole history, instead of replaying every assignment once per
// day. An assignment's state changes only at its events, and between two
// events each count it adds is constant or starts or stops on a day fixed by
// its deadline (due, overdue, due soon), so what it adds is a few spans of
// days, kept as difference arrays: +1 where a span starts, -1 after it ends.
// The counts of a day are then the running sums. It gives what
// AssignmentsAsOf rebuilds for each day, classified as League and
// TimelinessByDueMonth classify it, and counted per theme in the four
// timeliness classes.
type DaySweep struct {
	from     Day
	start    time.Time // from, at midnight UTC
	days     int
	year     int // of the month split: deadlines in other years are left out
	loc      *time.Location
	agencies map[uint]*agencySweep
	months   [12][4][]int32       // by month of the deadline, timeliness class (TimelinessClasses order) and day
	themes   map[uint]*[4][]int32 // by theme, timeliness class and day
	summed   bool
}

// agencySweep is one agency's counts by day; sumDue sums the day numbers
// (from the span's first day) of the deadlines of its open overdue work, so
// that its days overdue at day i are i*openOverdue - sumDue.
type agencySweep struct {
	assigned, due, doneOnTime, doneLate, openOverdue, sumDue, amber []int32
}

// NewDaySweep counts the days from..to (inclusive) for the month split of year.
func NewDaySweep(from, to Day, year int, loc *time.Location) *DaySweep {
	w := &DaySweep{from: from, start: from.Time(), days: from.DaysUntil(to) + 1, year: year, loc: loc,
		agencies: map[uint]*agencySweep{}, themes: map[uint]*[4][]int32{}}
	for m := range w.months {
		for c := range w.months[m] {
			w.months[m][c] = make([]int32, w.days+1)
		}
	}
	return w
}

// Days is how many days the sweep counts.
func (w *DaySweep) Days() int { return w.days }

// Add counts assignment a (its current row) with its history up to the end
// of the last day at least, oldest first; in the counts per theme too when
// its Directive is set (its ThemeID is read).
func (w *DaySweep) Add(a *Assignment, history []Update) {
	st := Replay(*a, nil, w.loc)
	since := w.dayOf(a.CreatedAt)
	for i := 0; i < len(history); {
		d := w.dayOf(history[i].At)
		w.count(&st, since, d)
		// Every event of day d counts at the end of that day.
		for ; i < len(history) && w.dayOf(history[i].At) == d; i++ {
			Step(&st, &history[i], w.loc)
		}
		since = max(since, d)
	}
	w.count(&st, since, w.days)
}

// index is the number of day d in the span (negative before it).
func (w *DaySweep) index(d Day) int { return w.from.DaysUntil(d) }

// dayOf is the number of the day of t, local time, in the span: index of
// DayOf(t), without formatting and parsing a date for each of millions of events.
func (w *DaySweep) dayOf(t time.Time) int {
	y, m, d := t.In(w.loc).Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Sub(w.start).Hours() / 24)
}

// count adds assignment state st to the days [lo, hi).
func (w *DaySweep) count(st *Assignment, lo, hi int) {
	lo, hi = max(lo, 0), min(hi, w.days)
	if lo >= hi || st.Status == StatusCancelled {
		return
	}
	ag := w.agency(st.AgencyID)
	span := func(arr []int32, from, to int, v int) {
		from, to = max(from, lo), min(to, hi)
		if from < to {
			arr[from] += int32(v)
			arr[to] -= int32(v)
		}
	}
	var theme *[4][]int32
	if st.Directive != nil {
		theme = w.theme(st.Directive.ThemeID)
	}
	// timeliness counts st in class on the days [from, to): in its theme, and
	// in the month of its deadline when that is in the month split's year.
	timeliness := func(class Timeliness, from, to int) {
		c := slices.Index(TimelinessClasses, class)
		if theme != nil {
			span(theme[c], from, to, 1)
		}
		if !st.DueOn.IsZero() && st.DueOn.Time().Year() == w.year {
			span(w.months[int(st.DueOn.Time().Month())-1][c], from, to, 1)
		}
	}
	span(ag.assigned, lo, hi, 1)
	if st.Status == StatusDone {
		class := ClassifyTimeliness(st, EndOfDay(w.from, w.loc), w.loc).Class // done work does not depend on the day
		span(ag.due, lo, hi, 1)
		if class == DoneOnTime {
			span(ag.doneOnTime, lo, hi, 1)
		} else {
			span(ag.doneLate, lo, hi, 1)
		}
		timeliness(class, lo, hi)
		return
	}
	if st.DueOn.IsZero() {
		timeliness(OpenOnTrack, lo, hi) // open and undated: on track, never due
		return
	}
	due := w.index(st.DueOn)
	span(ag.due, due, hi, 1)
	if st.Status == StatusSubmitted && !st.SubmittedOn.IsZero() && st.SubmittedOn <= st.DueOn {
		timeliness(OpenOnTrack, lo, hi) // submitted in time: on track while it waits for review
		return
	}
	timeliness(OpenOnTrack, lo, due+1)
	timeliness(OpenOverdue, due+1, hi)
	span(ag.openOverdue, due+1, hi, 1)
	span(ag.sumDue, due+1, hi, due)
	if st.Progress < LowProgress {
		span(ag.amber, due-DueSoonDays, due+1, 1)
	}
}

func (w *DaySweep) agency(id uint) *agencySweep {
	ag := w.agencies[id]
	if ag == nil {
		ag = &agencySweep{}
		for _, arr := range ag.arrays() {
			*arr = make([]int32, w.days+1)
		}
		w.agencies[id] = ag
	}
	return ag
}

func (w *DaySweep) theme(id uint) *[4][]int32 {
	th := w.themes[id]
	if th == nil {
		th = &[4][]int32{}
		for c := range th {
			th[c] = make([]int32, w.days+1)
		}
		w.themes[id] = th
	}
	return th
}

func (ag *agencySweep) arrays() []*[]int32 {
	return []*[]int32{&ag.assigned, &ag.due, &ag.doneOnTime, &ag.doneLate, &ag.openOverdue, &ag.sumDue, &ag.amber}
}

// sum turns the difference arrays into counts by day, once every assignment is added.
func (w *DaySweep) sum() {
	if w.summed {
		return
	}
	w.summed = true
	running := func(arr []int32) {
		for i := 1; i < len(arr); i++ {
			arr[i] += arr[i-1]
		}
	}
	for _, ag := range w.agencies {
		for _, arr := range ag.arrays() {
			running(*arr)
		}
	}
	for m := range w.months {
		for c := range w.months[m] {
			running(w.months[m][c])
		}
	}
	for _, th := range w.themes {
		for c := range th {
			running(th[c])
		}
	}
}

// Day is the i-th day of the span.
func (w *DaySweep) Day(i int) Day { return w.from.AddDays(i) }

// Standings are the standings at the end of the i-th day of every agency
// holding work then (cancelled work left out), in no order. Call it once
// every assignment is added.
func (w *DaySweep) Standings(i int) []Standing {
	w.sum()
	var out []Standing
	for id, ag := range w.agencies {
		if ag.assigned[i] == 0 {
			continue
		}
		oo := int(ag.openOverdue[i])
		out = append(out, Standing{AgencyID: id, Assigned: int(ag.assigned[i]), Due: int(ag.due[i]),
			DoneOnTime: int(ag.doneOnTime[i]), DoneLate: int(ag.doneLate[i]), OpenOverdue: oo,
			DaysOverdue: i*oo - int(ag.sumDue[i]), Amber: int(ag.amber[i])})
	}
	return out
}

// Months is the month split at the end of the i-th day, as
// TimelinessByDueMonth gives it. Call it once every assignment is added.
func (w *DaySweep) Months(i int) []MonthTimeliness {
	w.sum()
	out := make([]MonthTimeliness, 12)
	for m := range out {
		out[m] = MonthTimeliness{Month: m + 1, Counts: map[Timeliness]int{}}
		for c, cl := range TimelinessClasses {
			out[m].Counts[cl] = int(w.months[m][c][i])
		}
	}
	return out
}

// Themes are the counts per theme in the four timeliness classes at the end
// of the i-th day, as TimelinessCounts gives them: cancelled work left out,
// and only the classes and themes counting any. Call it once every
// assignment is added.
func (w *DaySweep) Themes(i int) map[uint]map[Timeliness]int {
	w.sum()
	out := map[uint]map[Timeliness]int{}
	for id, th := range w.themes {
		for c, cl := range TimelinessClasses {
			if n := th[c][i]; n > 0 {
				if out[id] == nil {
					out[id] = map[Timeliness]int{}
				}
				out[id][cl] = int(n)
			}
		}
	}
	return out
}
