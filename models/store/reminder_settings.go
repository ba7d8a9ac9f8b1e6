package store

import (
	"context"
	"encoding/json"
	"errors"
	"roviec/models"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

const reminderSettingsKey = "reminders"

// ReminderSettings returns the stored settings, or the defaults.
func (s *Store) ReminderSettings(ctx context.Context) (models.ReminderSettings, error) {
	rs, _, err := s.ReminderSettingsVersion(ctx)
	return rs, err
}

// ReminderSettingsVersion returns the stored settings and their version, or
// the defaults and version 0 when they were never saved.
func (s *Store) ReminderSettingsVersion(ctx context.Context) (models.ReminderSettings, int, error) {
	var row models.Setting
	err := s.db.WithContext(ctx).Where("key = ?", reminderSettingsKey).First(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return models.DefaultReminderSettings(), 0, nil
	}
	if err != nil {
		return models.ReminderSettings{}, 0, err
	}
	rs := models.DefaultReminderSettings()
	if err := json.Unmarshal([]byte(row.Value), &rs); err != nil {
		return models.ReminderSettings{}, 0, err
	}
	return rs, row.Version, nil
}

// SaveReminderSettings validates and stores the settings, read at version
// (0: never saved, or do not check). A save made on an older version than
// the stored one is refused (models.StaleError), as is a first save that
// another first save beat.
func (s *Store) SaveReminderSettings(ctx context.Context, rs models.ReminderSettings, version int) error {
	if err := rs.Validate(); err != nil {
		return err
	}
	buf, err := json.Marshal(rs)
	if err != nil {
		return err
	}
	return s.transaction(ctx, func(tx *gorm.DB) error {
		row := models.Setting{Key: reminderSettingsKey, Value: string(buf)}
		var cur models.Setting
		before := models.DefaultReminderSettings()
		err := forUpdate(tx).Where("key = ?", reminderSettingsKey).First(&cur).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			row.Version = 1
			res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&row)
			if res.Error == nil && res.RowsAffected != 1 {
				return models.Stale(1)
			}
			if res.Error != nil {
				return res.Error
			}
			return audit(tx, models.AuditSetting, reminderSettingsKey, models.AuditUpdate, before, rs)
		}
		if err != nil {
			return err
		}
		if err := models.CheckVersion(version, cur.Version); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(cur.Value), &before); err != nil {
			return err
		}
		if err := casUpdate(tx, &row, &row.Version, cur.Version, "Value"); err != nil {
			return err
		}
		return audit(tx, models.AuditSetting, reminderSettingsKey, models.AuditUpdate, before, rs)
	})
}
