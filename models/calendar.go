package models

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"
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

// ListHolidays returns the holidays in date order.
func (s *Store) ListHolidays(ctx context.Context) ([]Holiday, error) {
	var list []Holiday
	err := s.db.WithContext(ctx).Order("day").Find(&list).Error
	return list, err
}

// Calendar loads the working-day calendar.
func (s *Store) Calendar(ctx context.Context) (Calendar, error) {
	list, err := s.ListHolidays(ctx)
	if err != nil {
		return Calendar{}, err
	}
	days := make([]Day, len(list))
	for i, h := range list {
		days[i] = h.Day
	}
	return NewCalendar(days), nil
}

// AddHoliday adds a day off; a day already listed is a 409.
func (s *Store) AddHoliday(ctx context.Context, day, nameVI, nameEN string) (*Holiday, error) {
	v := &ValidationError{}
	d, err := ParseDay(strings.TrimSpace(day))
	if err != nil || d.IsZero() {
		v.Add("day", "err.date_invalid")
	}
	if strings.TrimSpace(nameVI) == "" {
		v.Add("name_vi", "err.holiday_name_required")
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	h := &Holiday{Day: d, NameVI: strings.TrimSpace(nameVI), NameEN: strings.TrimSpace(nameEN)}
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&Holiday{}).Where("day = ?", d).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return Conflict("err.holiday_exists", "Day", d.VN())
		}
		return tx.Create(h).Error
	})
	if err != nil {
		return nil, err
	}
	return h, nil
}

// RemoveHoliday deletes a day off by id.
func (s *Store) RemoveHoliday(ctx context.Context, id uint) error {
	res := s.db.WithContext(ctx).Delete(&Holiday{}, id)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return nil
}
