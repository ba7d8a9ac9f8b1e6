// Package notify holds the pure rules of notifications: the kinds of event
// a person is told about, how each may reach them by e-mail (at once, in a
// daily digest, not at all) and the defaults, the comments of an
// assignment's discussion (their edit window and @mentions). The store
// writes a notification in the same transaction as the change it tells of.
package notify

import (
	"slices"
	"time"

	"roviec/models"
)

// Kind is a kind of event a person is told about.
type Kind string

// Kinds of event.
const (
	Assigned             Kind = "assigned"              // a directive was given to the agency
	Returned             Kind = "returned"              // a submission was returned, with the reason
	Accepted             Kind = "accepted"              // a submission was accepted
	ExtensionDecided     Kind = "extension_decided"     // an extension request was approved or rejected
	ExplanationRequested Kind = "explanation_requested" // the reminder pass asked the agency to explain
	Commented            Kind = "comment"               // a comment in a discussion the person takes part in
	Mentioned            Kind = "mention"               // a comment named the person (@e-mail)
	Submitted            Kind = "submitted"             // an agency submitted work for review (told to coordinators)
)

// Kinds lists every kind, in the order the preferences page shows them.
var Kinds = []Kind{Assigned, Returned, Accepted, ExtensionDecided, ExplanationRequested, Commented, Mentioned, Submitted}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool { return slices.Contains(Kinds, k) }

// Event is what exactly happened, when a kind alone does not say it. The
// reader's language writes it (with the date the notification names), so a
// notification's note keeps only what a person typed.
type Event string

// Events; "" is a notification whose kind and note say it all (and any
// written before events were kept, whose note is the sentence as written).
const (
	ExtensionApproved Event = "extension_approved" // the deadline moved to the date
	ExtensionRejected Event = "extension_rejected" // the deadline stays; the date was asked for
	ExplanationDue    Event = "explanation_due"    // the deadline (the date) long passed: explain
)

// Mode is how notifications of a kind reach a person by e-mail.
type Mode string

// E-mail modes. Pending and Sent are states of a notification's e-mail, not
// choices: a notification is queued with the person's mode at the time
// (Now, Digest or None) and marked Sent once a message carries it.
const (
	Now    Mode = "now"    // in the next pass of the sender (every minute in `roviec serve`)
	Digest Mode = "digest" // in the daily digest (with the reminder schedule, on working days)
	None   Mode = "none"   // in the app only
	Sent   Mode = "sent"
)

// Modes lists the modes a person may choose.
var Modes = []Mode{Now, Digest, None}

// Valid reports whether m is a mode a person may choose.
func (m Mode) Valid() bool { return slices.Contains(Modes, m) }

// DefaultMode is the mode of a kind for a person who has not chosen: at
// once for what asks something of them soon (a return, an explanation
// request, an extension decision, a mention); in the digest for the rest.
func DefaultMode(k Kind) Mode {
	switch k {
	case Returned, ExplanationRequested, ExtensionDecided, Mentioned:
		return Now
	}
	return Digest
}

// Notification tells one person of one event on one assignment.
type Notification struct {
	ID           uint       `gorm:"primaryKey"`
	UserID       uint       `gorm:"not null"`
	Kind         Kind       `gorm:"type:varchar(32);not null"`
	AssignmentID uint       `gorm:"not null"`
	ActorID      *uint      // who caused it (nil: the reminder schedule)
	Note         string     `gorm:"not null"` // what a person typed: the reason, decision, or comment
	Event        Event      `gorm:"type:varchar(32);not null"`
	EventDay     models.Day `gorm:"type:varchar(10)"` // the date the event names
	CreatedAt    time.Time  `gorm:"not null;autoCreateTime:false"`
	ReadAt       *time.Time
	Mail         Mode `gorm:"type:varchar(8);not null"`
	OutboxID     *uint
}

// Told is what a notification tells: its kind, the event and its date when
// the kind needs them, and the text a person typed.
type Told struct {
	Kind  Kind
	Event Event
	Day   models.Day
	Note  string
}

// Pref is a person's choice of e-mail mode for a kind of event.
type Pref struct {
	UserID uint `gorm:"primaryKey;autoIncrement:false"`
	Kind   Kind `gorm:"type:varchar(32);primaryKey"`
	Mode   Mode `gorm:"type:varchar(8);not null"`
}

// TableName keeps the table's name short.
func (Pref) TableName() string { return "notification_prefs" }

// Prefs are a person's modes for every kind, their choices over the defaults.
func Prefs(chosen []Pref) map[Kind]Mode {
	out := make(map[Kind]Mode, len(Kinds))
	for _, k := range Kinds {
		out[k] = DefaultMode(k)
	}
	for _, p := range chosen {
		if p.Kind.Valid() && p.Mode.Valid() {
			out[p.Kind] = p.Mode
		}
	}
	return out
}

// Item is one notification as an e-mail or a list shows it: the event and
// the task as it stands now (status, progress, deadline).
type Item struct {
	Notification
	Title      string // the directive's
	AgencyCode string
	AgencyName string
	ActorName  string // "" for the reminder schedule
	Status     models.Status
	Progress   int
	DueOn      models.Day
}

// Mail is one person's e-mail of notifications: those of one pass of the
// sender (Now) or of the day (Digest), newest last, at most MailItems of
// them with the number left out in More.
type Mail struct {
	Recipient models.Recipient
	Mode      Mode
	Items     []Item
	More      int
}

// MailItems bounds the notifications listed in one e-mail; the rest are
// counted, and the list in the app has them all.
const MailItems = 50

// Renderer turns a person's notifications into an e-mail (a pure function).
type Renderer func(m Mail) (models.RenderedMail, error)
