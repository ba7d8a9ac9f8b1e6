package migrations

import (
	"time"

	"gorm.io/gorm"
)

// Frozen shapes of schema version 2 (reminders). Do not edit: add a new migration instead.

type v2Holiday struct {
	ID     uint   `gorm:"primaryKey"`
	Day    string `gorm:"type:varchar(10);uniqueIndex"`
	NameVI string
	NameEN string
}

type v2Setting struct {
	Key   string `gorm:"primaryKey"`
	Value string
}

type v2ReminderLog struct {
	ID           uint   `gorm:"primaryKey"`
	Key          string `gorm:"uniqueIndex"`
	Rule         string `gorm:"index"`
	Level        int
	AssignmentID *uint `gorm:"index"`
	Recipient    string
	OutboxID     *uint `gorm:"index"`
	PassAt       time.Time
}

type v2Outbox struct {
	ID            uint `gorm:"primaryKey"`
	Recipients    string
	RecipientName string
	Lang          string
	Subject       string
	BodyText      string
	BodyHTML      string
	Status        string `gorm:"index"`
	Attempts      int
	LastError     string
	NextAttemptAt time.Time `gorm:"index"`
	LockedUntil   *time.Time
	CreatedAt     time.Time
	SentAt        *time.Time
}

type v2ExplanationRequest struct {
	ID           uint   `gorm:"primaryKey"`
	AssignmentID uint   `gorm:"uniqueIndex:idx_explanation_assignment_due"`
	DueOn        string `gorm:"type:varchar(10);uniqueIndex:idx_explanation_assignment_due"`
	RequestedAt  time.Time
	Answer       string
	AnsweredAt   *time.Time
	AnsweredByID *uint
}

type v2Extension struct {
	ID            uint `gorm:"primaryKey"`
	AssignmentID  uint `gorm:"index"`
	RequestedByID uint
	RequestedAt   time.Time
	CurrentDue    string `gorm:"type:varchar(10)"`
	NewDue        string `gorm:"type:varchar(10)"`
	Reason        string
	Status        string `gorm:"index"`
	DecidedByID   *uint
	DecidedAt     *time.Time
	DecisionNote  string
}

type v2Assignment struct {
	OriginalDueOn string `gorm:"column:original_due_on;type:varchar(10)"`
}

type v2Token struct {
	CSRF string
}

func (v2Holiday) TableName() string            { return "holidays" }
func (v2Setting) TableName() string            { return "settings" }
func (v2ReminderLog) TableName() string        { return "reminder_logs" }
func (v2Outbox) TableName() string             { return "outbox" }
func (v2ExplanationRequest) TableName() string { return "explanation_requests" }
func (v2Extension) TableName() string          { return "extensions" }
func (v2Assignment) TableName() string         { return "assignments" }
func (v2Token) TableName() string              { return "tokens" }

// migrateV2 adds the reminder tables, the original due date of an extended
// assignment, drops the unused per-session CSRF column (pages use a CSRF
// cookie), and preloads the official 2023 holidays.
func migrateV2(tx *gorm.DB) error {
	m := tx.Migrator()
	if err := m.CreateTable(&v2Holiday{}, &v2Setting{}, &v2ReminderLog{}, &v2Outbox{}, &v2ExplanationRequest{}, &v2Extension{}); err != nil {
		return err
	}
	if err := m.AddColumn(&v2Assignment{}, "OriginalDueOn"); err != nil {
		return err
	}
	if err := m.DropColumn(&v2Token{}, "CSRF"); err != nil {
		return err
	}
	// SQLite drops a column by rebuilding the table, which loses its indexes.
	for _, stmt := range []string{
		"CREATE UNIQUE INDEX IF NOT EXISTS idx_tokens_hash ON tokens (hash)",
		"CREATE INDEX IF NOT EXISTS idx_tokens_user_id ON tokens (user_id)",
	} {
		if err := tx.Exec(stmt).Error; err != nil {
			return err
		}
	}
	for _, h := range v2Holidays2023() {
		if err := tx.Create(&v2Holiday{Day: h[0], NameVI: h[1], NameEN: h[2]}).Error; err != nil {
			return err
		}
	}
	return nil
}

// v2Holidays2023 is the 2023 working-day calendar as migration 2 loaded it:
// date, Vietnamese name, English name. Frozen: the seed files may change.
func v2Holidays2023() [][3]string {
	return [][3]string{
		{"2023-01-02", "Nghỉ bù Tết Dương lịch", "New Year (day in lieu)"},
		{"2023-01-20", "Tết Nguyên đán", "Lunar New Year"},
		{"2023-01-23", "Tết Nguyên đán", "Lunar New Year"},
		{"2023-01-24", "Tết Nguyên đán", "Lunar New Year"},
		{"2023-01-25", "Tết Nguyên đán", "Lunar New Year"},
		{"2023-01-26", "Tết Nguyên đán", "Lunar New Year"},
		{"2023-05-01", "Ngày Quốc tế Lao động", "International Workers' Day"},
		{"2023-05-02", "Nghỉ bù Giỗ Tổ Hùng Vương", "Hung Kings' Commemoration (day in lieu)"},
		{"2023-05-03", "Nghỉ bù Ngày Giải phóng miền Nam", "Reunification Day (day in lieu)"},
		{"2023-09-01", "Quốc khánh", "National Day"},
		{"2023-09-04", "Quốc khánh", "National Day"},
	}
}
