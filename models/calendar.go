package models

import (
	"time"
)

// Calendar tells working days from days off: weekends and official holidays.
// Deadlines stay calendar dates; only reminders count working days.
type Calendar struct {
	holidays map[Day]bool
}

// NewCalendar builds a calendar from a list of holidays.
func NewCalendar(holidays []Day) Calendar {
	m := make(map[Day]bool, len(holidays))
	for _, d := range holidays {
		m[d] = true
	}
	return Calendar{holidays: m}
}

// IsWorkingDay reports whether d is neither a weekend nor a holiday.
func (c Calendar) IsWorkingDay(d Day) bool {
	wd := d.Time().Weekday()
	return wd != time.Saturday && wd != time.Sunday && !c.holidays[d]
}

// WorkingDaysBefore is the date n working days before d (the n-th working
// day counting back from the day before d).
func (c Calendar) WorkingDaysBefore(d Day, n int) Day {
	for n > 0 {
		d = d.AddDays(-1)
		if c.IsWorkingDay(d) {
			n--
		}
	}
	return d
}

// WorkingDaysBetween counts the working days after from, up to and including
// to (0 when to is not after from). The first working day after a deadline is
// 1 working day overdue.
func (c Calendar) WorkingDaysBetween(from, to Day) int {
	n := 0
	for d := from.AddDays(1); d <= to; d = d.AddDays(1) {
		if c.IsWorkingDay(d) {
			n++
		}
	}
	return n
}

// FirstWorkingDayOfWeek reports whether d is the first working day of its
// Monday-to-Sunday week.
func (c Calendar) FirstWorkingDayOfWeek(d Day) bool {
	if !c.IsWorkingDay(d) {
		return false
	}
	offset := (int(d.Time().Weekday()) + 6) % 7 // days since Monday
	for back := d.AddDays(-offset); back < d; back = back.AddDays(1) {
		if c.IsWorkingDay(back) {
			return false
		}
	}
	return true
}

// FirstWorkingDayOfMonth reports whether d is the first working day of its month.
func (c Calendar) FirstWorkingDayOfMonth(d Day) bool {
	if !c.IsWorkingDay(d) {
		return false
	}
	for back := d.AddDays(-1); back[:7] == d[:7]; back = back.AddDays(-1) {
		if c.IsWorkingDay(back) {
			return false
		}
	}
	return true
}
