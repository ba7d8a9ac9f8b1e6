package models

import (
	"time"
)

// EndOfDay is the last instant of day d in loc: "as of" a date means as the
// work stood when that day ended, local time.
func EndOfDay(d Day, loc *time.Location) time.Time {
	t := d.Time()
	return time.Date(t.Year(), t.Month(), t.Day()+1, 0, 0, 0, 0, loc).Add(-time.Nanosecond)
}
