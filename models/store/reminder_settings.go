package store

import (
	"context"
	"encoding/json"
	"errors"
	"roviec/models"

	"gorm.io/gorm"
)

const reminderSettingsKey = "reminders"

// ReminderSettings returns the stored settings, or the defaults.
func (s *Store) ReminderSettings(ctx context.Context) (models.ReminderSettings, error) {
	var row models.Setting
	err := s.db.WithContext(ctx).Where("key = ?", reminderSettingsKey).First(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return models.DefaultReminderSettings(), nil
	}
	if err != nil {
		return models.ReminderSettings{}, err
	}
	rs := models.DefaultReminderSettings()
	if err := json.Unmarshal([]byte(row.Value), &rs); err != nil {
		return models.ReminderSettings{}, err
	}
	return rs, nil
}

// SaveReminderSettings validates and stores the settings.
func (s *Store) SaveReminderSettings(ctx context.Context, rs models.ReminderSettings) error {
	if err := rs.Validate(); err != nil {
		return err
	}
	buf, err := json.Marshal(rs)
	if err != nil {
		return err
	}
	before, err := s.ReminderSettings(ctx)
	if err != nil {
		return err
	}
	return s.transaction(ctx, func(tx *gorm.DB) error {
		if err := tx.Save(&models.Setting{Key: reminderSettingsKey, Value: string(buf)}).Error; err != nil {
			return err
		}
		return audit(tx, models.AuditSetting, reminderSettingsKey, models.AuditUpdate, before, rs)
	})
}
