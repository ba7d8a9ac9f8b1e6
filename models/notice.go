package models

// NoticeKind is an event the committee tells an agency's people about at
// once, outside the reminder pass.
type NoticeKind string

// Notice kinds.
const (
	NoticeCancelled NoticeKind = "cancelled" // an assignment was cancelled, with the reason
	NoticeUrge      NoticeKind = "urge"      // the committee urges ("đôn đốc") a late agency now
)

// NoticeMail is one person's e-mail about an event on an agency's
// assignment: who, in which language, what happened and why.
type NoticeMail struct {
	Kind         NoticeKind
	Name         string
	Email        string
	Lang         string
	AssignmentID uint
	Directive    string
	AgencyName   string
	Status       Status
	Progress     int
	DueOn        Day
	DaysOverdue  int
	Reason       string // the committee's reason (cancelled)
	By           string // who acted, by name
}

// NoticeMailRenderer turns a notice into an e-mail (a pure function).
type NoticeMailRenderer func(m NoticeMail) (RenderedMail, error)

// RuleUrge is the reminder log's rule of an urge: its key,
// "urge:<directive>:<agency>:<day>", is used once, so an agency is urged
// about a directive at most once a day.
const RuleUrge ReminderRule = "urge"
