package store

import (
	"context"
	"errors"
	"roviec/models"
	"strings"

	"gorm.io/gorm"
)

// ListHolidays returns the holidays in date order.
func (s *Store) ListHolidays(ctx context.Context) ([]models.Holiday, error) {
	var list []models.Holiday
	err := s.db.WithContext(ctx).Order("day").Find(&list).Error
	return list, err
}

// Calendar loads the working-day calendar.
func (s *Store) Calendar(ctx context.Context) (models.Calendar, error) {
	list, err := s.ListHolidays(ctx)
	if err != nil {
		return models.Calendar{}, err
	}
	days := make([]models.Day, len(list))
	for i, h := range list {
		days[i] = h.Day
	}
	return models.NewCalendar(days), nil
}

// AddHoliday adds a day off; a day already listed is a 409.
func (s *Store) AddHoliday(ctx context.Context, day, nameVI, nameEN string) (*models.Holiday, error) {
	v := &models.ValidationError{}
	d, err := models.ParseDay(strings.TrimSpace(day))
	if err != nil || d.IsZero() {
		v.Add("day", "err.date_invalid")
	}
	if strings.TrimSpace(nameVI) == "" {
		v.Add("name_vi", "err.holiday_name_required")
	}
	models.CheckLine(v, "name_vi", nameVI, models.MaxNameLen)
	models.CheckLine(v, "name_en", nameEN, models.MaxNameLen)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	h := &models.Holiday{Day: d, NameVI: strings.TrimSpace(nameVI), NameEN: strings.TrimSpace(nameEN)}
	err = s.write(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&models.Holiday{}).Where("day = ?", d).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return models.Conflict("err.holiday_exists", "Day", d.VN())
		}
		if err := tx.Create(h).Error; err != nil {
			return err
		}
		return audit(tx, models.AuditHoliday, h.ID, models.AuditCreate, nil, h)
	})
	if errors.Is(err, gorm.ErrDuplicatedKey) { // added meanwhile by another transaction
		err = models.Conflict("err.holiday_exists", "Day", d.VN())
	}
	if err != nil {
		return nil, err
	}
	return h, nil
}

// RemoveHoliday deletes a day off by id.
func (s *Store) RemoveHoliday(ctx context.Context, id uint) error {
	return s.transaction(ctx, func(tx *gorm.DB) error {
		var h models.Holiday
		if err := forUpdate(tx).First(&h, id).Error; err != nil {
			return NotFound(err)
		}
		if err := tx.Delete(&h).Error; err != nil {
			return err
		}
		return audit(tx, models.AuditHoliday, h.ID, models.AuditDelete, h, nil)
	})
}
