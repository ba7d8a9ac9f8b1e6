package models

import (
	"database/sql/driver"
	"fmt"
	"strings"
	"time"
)

// Day is a calendar date (no time of day), stored as "YYYY-MM-DD" so that it
// compares and sorts the same way in Go, SQLite and PostgreSQL. The zero
// value "" means no date.
type Day string

const DayLayout = "2006-01-02"

// ParseDay accepts "YYYY-MM-DD" or a Vietnamese day-month-year written with
// "/", "-" or "." and one or two digits for day and month (25/02/2023,
// 5/2/2023, 25-02-2023, 25.02.2023), of a year from MinYear to MaxYear: what
// people type on a phone, every date field parsed the same way.
func ParseDay(s string) (Day, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	t, err := time.Parse(DayLayout, s)
	if err != nil {
		t, err = time.Parse("2/1/2006", strings.NewReplacer("-", "/", ".", "/").Replace(s))
	}
	if err != nil {
		return "", fmt.Errorf("invalid date %q", s)
	}
	if t.Year() < MinYear || t.Year() > MaxYear {
		return "", fmt.Errorf("date %q outside %d..%d", s, MinYear, MaxYear)
	}
	return Day(t.Format(DayLayout)), nil
}

// DayOf is the calendar date of t in loc.
func DayOf(t time.Time, loc *time.Location) Day {
	return Day(t.In(loc).Format(DayLayout))
}

// DayFromDate builds a Day from its parts.
func DayFromDate(y int, m time.Month, d int) Day {
	return Day(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Format(DayLayout))
}

// IsZero reports whether no date is set.
func (d Day) IsZero() bool { return d == "" }

// Time is midnight at the start of the day in UTC (for arithmetic on dates).
func (d Day) Time() time.Time {
	t, _ := time.Parse(DayLayout, string(d))
	return t
}

// AddDays returns the date n days later (earlier when n < 0).
func (d Day) AddDays(n int) Day {
	return Day(d.Time().AddDate(0, 0, n).Format(DayLayout))
}

// DaysUntil is the number of calendar days from d to other (negative when other is earlier).
func (d Day) DaysUntil(other Day) int {
	return int(other.Time().Sub(d.Time()).Hours() / 24)
}

// VN formats the date as dd/mm/yyyy, or "" for no date.
func (d Day) VN() string {
	if d == "" {
		return ""
	}
	return d.Time().Format("02/01/2006")
}

// String is the ISO form.
func (d Day) String() string { return string(d) }

// Value stores the ISO form (NULL for no date).
func (d Day) Value() (driver.Value, error) {
	if d == "" {
		return nil, nil
	}
	return string(d), nil
}

// Scan reads a date stored as text (or as a time by a foreign driver).
func (d *Day) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*d = ""
	case string:
		*d = Day(x)
	case []byte:
		*d = Day(x)
	case time.Time:
		*d = Day(x.Format(DayLayout))
	default:
		return fmt.Errorf("cannot scan %T into Day", v)
	}
	if len(*d) > 10 {
		*d = (*d)[:10]
	}
	return nil
}

// EndOfMonth is the last day of month m of year y.
func EndOfMonth(y, m int) Day {
	return Day(time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Format(DayLayout))
}

// EndOfDay is the last instant of day d in loc: "as of" a date means as the
// work stood when that day ended, local time.
func EndOfDay(d Day, loc *time.Location) time.Time {
	t := d.Time()
	return time.Date(t.Year(), t.Month(), t.Day()+1, 0, 0, 0, 0, loc).Add(-time.Nanosecond)
}
