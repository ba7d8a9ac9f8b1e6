package synth

import (
	"slices"

	"roviec/models"
)

// fate is how the work on an assignment is meant to go. The end of the
// plan's year and the moment the data stands cut a story short, so the
// last plan's recent work is still open or waiting for review.
type fate uint8

// The fates, with how many assignments in a hundred get each.
const (
	onTime          fate = iota // 55: reported by the deadline, accepted
	withinExtension             // 5: deadline extended, reported by the new one, accepted
	late                        // 13: reported after the deadline, accepted
	returned                    // 7: returned once with a reason, reported again, accepted
	stuck                       // 9: worked on, never reported
	untouched                   // 3: nobody starts
	lateUnreviewed              // 3: reported late, not yet reviewed
	awaiting                    // 2: reported in time, not yet reviewed
	cancelled                   // 3: cancelled by the committee
)

// drawFate draws a fate with the weights above.
func (g *generator) drawFate() fate {
	n := g.rng.IntN(100)
	for f, upTo := range []int{55, 60, 73, 80, 89, 92, 95, 97, 100} {
		if n < upTo {
			return fate(f)
		}
	}
	return onTime
}

// stepKind is one thing that happens to an assignment. Steps of one day run
// in this order.
type stepKind uint8

// The steps.
const (
	stepRemind          stepKind = iota // the reminder pass the day after the deadline (a few assignments)
	stepExplain                         // the pass that opens an explanation request, 10 working days after the deadline
	stepStart                           // the focal point names who is responsible and starts
	stepProgress                        // a progress report
	stepAskExtension                    // the focal point asks for a later deadline
	stepDecideExtension                 // the coordinator approves or rejects it
	stepSubmit                          // reported done, with evidence
	stepReturn                          // the coordinator returns it with a reason
	stepAccept                          // the coordinator accepts it
	stepCancel                          // the coordinator cancels it
	stepAnswer                          // the agency answers the explanation request
)

// step is a step planned for a day.
type step struct {
	day  day
	kind stepKind
}

// plot plans the steps of a story of fate f for an assignment created on
// created and due on due, with as many progress reports as keep the average
// of history rows, up to the day cut: in day order, the order of the kinds
// within a day.
func (g *generator) plot(f fate, created, due, cut day) []step {
	var steps []step
	add := func(d day, k stepKind) { steps = append(steps, step{d, k}) }
	first := g.cal.addWorkdays(created, 1)
	start := g.workdayIn(first, max(first, min(due-1, g.cal.addWorkdays(created, 12))))
	started := f != untouched && (f != cancelled || g.rng.IntN(2) == 0) && (f != onTime || g.rng.IntN(10) > 0)
	if started {
		add(start, stepStart)
	}
	report := g.plotWork(f, start, due, add)
	if report != 0 {
		add(report, stepSubmit)
		if f != awaiting && f != lateUnreviewed {
			add(g.cal.addWorkdays(report, 1+g.rng.IntN(7)), stepAccept)
		}
	}
	if started && start <= cut {
		end := due + 20
		if report != 0 {
			end = report - 1
		}
		for range g.extras(steps, cut) {
			add(g.workdayIn(start, min(end, cut)), stepProgress)
		}
	}
	slices.SortStableFunc(steps, func(a, b step) int {
		if a.day != b.day {
			return int(a.day - b.day)
		}
		return int(a.kind) - int(b.kind)
	})
	return steps
}

// plotWork plans what fate f brings between the start and the last report,
// and returns the day of that report (0 when the story has none).
func (g *generator) plotWork(f fate, start, due day, add func(day, stepKind)) (report day) {
	switch f {
	case onTime, awaiting:
		report = g.workdayIn(max(start, due-15), due)
	case withinExtension:
		ask := g.workdayIn(max(start, due-10), due-1)
		decide := g.cal.addWorkdays(ask, 1+g.rng.IntN(3))
		add(ask, stepAskExtension)
		add(decide, stepDecideExtension)
		report = g.workdayIn(max(g.cal.addWorkdays(decide, 1), due+1), due+10)
	case late, lateUnreviewed:
		report = g.workdayIn(g.cal.addWorkdays(due, 1), due+40)
	case returned:
		first := g.workdayIn(max(start, due-15), due)
		back := g.cal.addWorkdays(first, 1+g.rng.IntN(4))
		add(first, stepSubmit)
		add(back, stepReturn)
		report = g.cal.addWorkdays(back, 2+g.rng.IntN(10))
	case cancelled:
		add(g.workdayIn(g.cal.addWorkdays(start, 1), due+10), stepCancel)
	}
	if (f == late || f == stuck) && g.rng.IntN(4) == 0 {
		ask := g.workdayIn(max(start, due-10), due-1)
		add(ask, stepAskExtension)
		add(g.cal.addWorkdays(ask, 1+g.rng.IntN(3)), stepDecideExtension)
	}
	if f == late || f == stuck || f == untouched || f == lateUnreviewed {
		g.plotOverdue(add, due)
	}
	return report
}

// extras is how many progress reports a story adds to its other steps so
// that stories average g.target history rows (steps after the day cut do not
// happen), catching up a tenth of what the stories so far owe.
func (g *generator) extras(steps []step, cut day) int {
	rows := 0
	for _, st := range steps {
		if st.day <= cut && st.kind != stepRemind && st.kind != stepAskExtension {
			rows++
		}
	}
	want := g.target - float64(rows) + g.owed/10
	return min(12, max(0, int(want+g.rng.Float64())))
}

// plotOverdue plans what late work brings: for one in fifty a reminder the
// day after the deadline, and the explanation request ten working days
// after it (which the pass opens only if the work still waits), answered
// within a week two times in three.
func (g *generator) plotOverdue(add func(day, stepKind), due day) {
	if g.rng.IntN(50) == 0 {
		add(g.cal.addWorkdays(due, 1), stepRemind)
	}
	ask := g.cal.addWorkdays(due, models.DefaultReminderSettings().CommitteeAfter)
	add(ask, stepExplain)
	if g.rng.IntN(3) > 0 {
		add(g.cal.addWorkdays(ask, 1+g.rng.IntN(5)), stepAnswer)
	}
}
