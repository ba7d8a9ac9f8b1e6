package migrations

import (
	"time"

	"gorm.io/gorm"
)

// Schema version 20: webhooks and their deliveries (a sibling of the e-mail
// outbox, claimed the same way), and the plans opened to the public (a
// scoreboard without login). Frozen.

type v22Webhook struct {
	ID        uint   `gorm:"primaryKey"`
	URL       string `gorm:"column:url;type:varchar(2000);not null"`
	Secret    string `gorm:"type:varchar(800);not null"`
	Events    string `gorm:"type:varchar(200);not null"`
	Active    bool   `gorm:"not null"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (v22Webhook) TableName() string { return "webhooks" }

type v22WebhookDelivery struct {
	ID            uint      `gorm:"primaryKey"`
	WebhookID     uint      `gorm:"not null"`
	Event         string    `gorm:"type:varchar(40);not null"`
	Key           *string   `gorm:"column:dedup_key;type:varchar(100)"`
	Payload       string    `gorm:"type:text;not null"`
	Status        string    `gorm:"type:varchar(16);not null"`
	Attempts      int       `gorm:"not null"`
	LastError     string    `gorm:"type:text;not null"`
	ResponseCode  int       `gorm:"not null"`
	NextAttemptAt time.Time `gorm:"not null"`
	LockedUntil   *time.Time
	CreatedAt     time.Time `gorm:"not null"`
	SentAt        *time.Time
}

func (v22WebhookDelivery) TableName() string { return "webhook_deliveries" }

// v22Statements: the sender's claim (due rows in order), a webhook's log
// newest first, an event told once per webhook and key (NULL keys are all
// distinct, on both databases), deliveries gone with their webhook, and the
// plans' opt-in.
var v22Statements = []string{
	"CREATE INDEX idx_webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at)",
	"CREATE INDEX idx_webhook_deliveries_hook ON webhook_deliveries (webhook_id, id)",
	"CREATE UNIQUE INDEX idx_webhook_deliveries_key ON webhook_deliveries (webhook_id, dedup_key)",
	"ALTER TABLE plans ADD COLUMN public BOOLEAN NOT NULL DEFAULT FALSE",
}

func migrateV22(tx *gorm.DB) error {
	for _, t := range []any{&v22Webhook{}, &v22WebhookDelivery{}} {
		if err := tx.Migrator().CreateTable(t); err != nil {
			return err
		}
	}
	for _, stmt := range v22Statements {
		if err := tx.Exec(stmt).Error; err != nil {
			return err
		}
	}
	return nil
}
