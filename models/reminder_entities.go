package models

import "time"

// Holiday is an official working day off (weekends are off anyway).
type Holiday struct {
	ID     uint `gorm:"primaryKey"`
	Day    Day  `gorm:"type:varchar(10);uniqueIndex"`
	NameVI string
	NameEN string
}

// Setting is one named value (JSON) an administrator can change.
type Setting struct {
	Key     string `gorm:"primaryKey"`
	Value   string
	Version int `gorm:"not null;default:1"` // raised by every change (versions.go)
}

// ReminderLog records that a reminder key was used. Its unique key is what
// makes a reminder go out exactly once, whatever the number of passes or
// processes; the row is written in the same transaction as its outbox message.
type ReminderLog struct {
	ID           uint         `gorm:"primaryKey"`
	Key          string       `gorm:"uniqueIndex"`
	Rule         ReminderRule `gorm:"index"`
	Level        int
	AssignmentID *uint `gorm:"index"`
	Recipient    string
	OutboxID     *uint `gorm:"index"`
	PassAt       time.Time
}

// Outbox message statuses.
const (
	OutboxQueued  = "queued"  // waiting for (another) attempt
	OutboxSending = "sending" // claimed by a sender until LockedUntil
	OutboxSent    = "sent"    // accepted by the SMTP server
	OutboxFailed  = "failed"  // gave up after the last attempt; an admin may resend
)

// OutboxMessage is an e-mail waiting to be, or already, delivered.
type OutboxMessage struct {
	ID            uint   `gorm:"primaryKey"`
	Recipients    string // comma-separated addresses
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
	CreatedAt     time.Time `gorm:"autoCreateTime:false"`
	SentAt        *time.Time
}

// TableName keeps the table name short.
func (OutboxMessage) TableName() string { return "outbox" }

// ExplanationRequest (yêu cầu giải trình) is a formal demand that a late
// agency explains itself, opened by the escalation ladder; the agency answers
// it on the assignment page.
type ExplanationRequest struct {
	ID           uint `gorm:"primaryKey"`
	AssignmentID uint `gorm:"index"`
	Assignment   *Assignment
	DueOn        Day `gorm:"type:varchar(10)"` // the deadline that was missed
	RequestedAt  time.Time
	Answer       string
	AnsweredAt   *time.Time
	AnsweredByID *uint
	AnsweredBy   *User
	// ClosedAt is when the request closed unanswered with its assignment's
	// cancellation: the work is no longer owed, nor its explanation.
	ClosedAt *time.Time
}

// Open says whether the request still waits for the agency's answer.
func (r *ExplanationRequest) Open() bool { return r.AnsweredAt == nil && r.ClosedAt == nil }

// Extension statuses.
const (
	ExtensionPending  = "pending"
	ExtensionApproved = "approved"
	ExtensionRejected = "rejected"
	// ExtensionClosed: the assignment was finished or cancelled while the
	// request waited; no deadline moves, nobody decides it.
	ExtensionClosed = "closed"
)

// Extension (gia hạn) is a request to move an assignment's deadline.
type Extension struct {
	ID            uint `gorm:"primaryKey"`
	AssignmentID  uint `gorm:"index"`
	Assignment    *Assignment
	RequestedByID uint
	RequestedBy   *User
	RequestedAt   time.Time
	CurrentDue    Day `gorm:"type:varchar(10)"` // the deadline when asked
	NewDue        Day `gorm:"type:varchar(10)"`
	Reason        string
	Status        string `gorm:"index"`
	DecidedByID   *uint
	DecidedBy     *User
	DecidedAt     *time.Time
	DecisionNote  string
}
