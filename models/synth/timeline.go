package synth

import (
	"time"

	"roviec/models"
)

// day is a calendar date as the number of days since 1 January 1970: the
// generator does its date arithmetic on these (millions of times), and
// turns them into models.Day only for the rows.
type day int

// dayOf is d as a day number.
func dayOf(d models.Day) day { return day(d.Time().Unix() / 86400) }

// dayOfTime is the local date of t as a day number.
func (g *generator) dayOfTime(t time.Time) day {
	y, m, d := t.In(g.loc).Date()
	return day(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// calendar is the working-day calendar over the generated years (and a
// margin either side), looked up by day number.
type calendar struct {
	first   day
	dates   []models.Day
	working []bool
}

// newCalendar tabulates cal from the start of the year before the first
// plan to the middle of the year after the last one.
func newCalendar(cal models.Calendar, plans int) calendar {
	first := dayOf(models.DayFromDate(FirstYear-1, time.January, 1))
	last := dayOf(models.DayFromDate(FirstYear+plans, time.June, 30))
	c := calendar{first: first}
	for n := first; n <= last; n++ {
		d := models.Day(time.Unix(int64(n)*86400, 0).UTC().Format(models.DayLayout))
		c.dates = append(c.dates, d)
		c.working = append(c.working, cal.IsWorkingDay(d))
	}
	return c
}

// date is day n as a models.Day.
func (c *calendar) date(n day) models.Day { return c.dates[n-c.first] }

// isWorking reports whether day n is a working day.
func (c *calendar) isWorking(n day) bool { return c.working[n-c.first] }

// nextWorkday is n, or the first working day after it.
func (c *calendar) nextWorkday(n day) day {
	for !c.isWorking(n) {
		n++
	}
	return n
}

// prevWorkday is n, or the last working day before it.
func (c *calendar) prevWorkday(n day) day {
	for !c.isWorking(n) {
		n--
	}
	return n
}

// addWorkdays is the k-th working day after n.
func (c *calendar) addWorkdays(n day, k int) day {
	for ; k > 0; k-- {
		n = c.nextWorkday(n + 1)
	}
	return n
}

// workdaysBetween counts the working days after from, up to and including
// to, as models.Calendar.WorkingDaysBetween does.
func (c *calendar) workdaysBetween(from, to day) int {
	k := 0
	for n := from + 1; n <= to; n++ {
		if c.isWorking(n) {
			k++
		}
	}
	return k
}

// workdayIn is a working day drawn evenly from from..to (the first working
// day from from when the range holds none).
func (g *generator) workdayIn(from, to day) day {
	pick := from
	if to > from {
		pick += day(g.rng.IntN(int(to-from) + 1))
	}
	if n := g.cal.nextWorkday(pick); n <= to {
		return n
	}
	if n := g.cal.prevWorkday(to); n >= from {
		return n
	}
	return g.cal.nextWorkday(from)
}

// clock is a moment of working hours (08:05 to 16:55 local) on day n, to
// the second, in UTC.
func (g *generator) clock(n day) time.Time {
	return time.Date(1970, time.January, 1+int(n), 8, 5, g.rng.IntN(530*60), 0, g.loc).UTC()
}

// passTime is when the day's reminder pass runs: 08:00 local, before the
// day's work.
func (g *generator) passTime(n day) time.Time {
	return time.Date(1970, time.January, 1+int(n), 8, 0, 0, 0, g.loc).UTC()
}

// after is a moment of working hours on day n that is later than last: on
// n when it is later, else up to an hour and a half after last, or on the
// next working day when that runs past 17:00.
func (g *generator) after(last time.Time, n day) time.Time {
	if t := g.clock(n); t.After(last) {
		return t
	}
	t := last.Add(time.Duration(60+g.rng.IntN(90*60)) * time.Second)
	if t.In(g.loc).Hour() < 17 {
		return t
	}
	return g.clock(g.cal.addWorkdays(g.dayOfTime(last), 1))
}
