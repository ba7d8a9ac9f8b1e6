package store

import (
	"context"
	"fmt"
	"time"

	"roviec/models"
	"roviec/models/notify"

	"gorm.io/gorm"
)

// QueueNotificationMail writes, for every person with notifications waiting
// for an e-mail of the given mode (notify.Now: a pass of the "at once"
// sender; notify.Digest: the daily digest), one outbox message listing them
// all, and marks them sent with that message, in one transaction per batch
// of people (passBatch). A directive to 93 agencies thus makes one e-mail per
// person, not 93. The pending rows are locked while they are taken (FOR
// UPDATE on PostgreSQL, the writer's lock on SQLite), so two senders at once
// mail each notification once. It returns the number of messages queued.
func (s *Store) QueueNotificationMail(ctx context.Context, mode notify.Mode, now time.Time, render notify.Renderer) (int, error) {
	var users []uint
	err := s.db.WithContext(ctx).Model(&notify.Notification{}).Where("mail = ?", mode).
		Distinct("user_id").Order("user_id").Pluck("user_id", &users).Error
	if err != nil {
		return 0, err
	}
	queued, err := writeInBatches(ctx, s, users, func(tx *gorm.DB, userID uint) (*uint, error) {
		id, err := queueNotificationsIn(tx, userID, mode, now, render)
		if err != nil {
			err = fmt.Errorf("notifications of user %d: %w", userID, err)
		}
		return id, err
	})
	return len(queued), err
}

// queueNotificationsIn takes one person's waiting notifications of a mode
// and queues their e-mail in tx; nil when another sender took them first.
// An inactive person's are marked as not e-mailed.
func queueNotificationsIn(tx *gorm.DB, userID uint, mode notify.Mode, now time.Time, render notify.Renderer) (*uint, error) {
	var ids []uint
	if err := forUpdate(tx.Model(&notify.Notification{})).Where("user_id = ? AND mail = ?", userID, mode).
		Order("id").Pluck("id", &ids).Error; err != nil || len(ids) == 0 {
		return nil, err
	}
	var u models.User
	if err := tx.First(&u, userID).Error; err != nil {
		return nil, err
	}
	if !u.Active || u.Email == "" {
		return nil, tx.Model(&notify.Notification{}).Where("id IN ?", ids).Update("mail", notify.None).Error
	}
	var items []notify.Item
	shown := ids[max(0, len(ids)-notify.MailItems):] // the newest, when there are too many
	if err := itemQuery(tx).Where("n.id IN ?", shown).Order("n.id").Scan(&items).Error; err != nil {
		return nil, err
	}
	m := notify.Mail{Recipient: models.Recipient{Email: u.Email, Name: u.Name, Lang: u.Language, UserID: &u.ID},
		Mode: mode, Items: items, More: len(ids) - len(shown)}
	mail, err := render(m)
	if err != nil {
		return nil, err
	}
	out := models.OutboxMessage{Recipients: u.Email, RecipientName: u.Name, Lang: u.Language,
		Subject: mail.Subject, BodyText: mail.Text, BodyHTML: mail.HTML, Status: models.OutboxQueued,
		NextAttemptAt: now.UTC(), CreatedAt: now.UTC()}
	if err := tx.Create(&out).Error; err != nil {
		return nil, err
	}
	for start := 0; start < len(ids); start += 500 {
		err := tx.Model(&notify.Notification{}).Where("id IN ?", ids[start:min(start+500, len(ids))]).
			Updates(map[string]any{"mail": notify.Sent, "outbox_id": out.ID}).Error
		if err != nil {
			return nil, err
		}
	}
	return &out.ID, nil
}
