package models

// NoticeKind is an event the committee tells an agency's people about at
// once, outside the reminder pass.
type NoticeKind string

// Notice kinds.
const (
	NoticeCancelled NoticeKind = "cancelled" // an assignment was cancelled, with the reason
	NoticeUrge      NoticeKind = "urge"      // the committee urges ("đôn đốc") a late agency now
	// NoticeUrgeAgency urges a late agency about all its overdue work of a
	// plan at once (from the league table): one e-mail listing the tasks.
	NoticeUrgeAgency NoticeKind = "urge_agency"
)

// NoticeTask is one task of an agency that a notice lists.
type NoticeTask struct {
	AssignmentID uint
	Directive    string
	Status       Status
	Progress     int
	DueOn        Day
	DaysOverdue  int
}

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
	Reason       string       // the committee's reason (cancelled)
	By           string       // who acted, by name
	Tasks        []NoticeTask // NoticeUrgeAgency: the tasks urged, most days overdue first
}

// NoticeMailRenderer turns a notice into an e-mail (a pure function).
type NoticeMailRenderer func(m NoticeMail) (RenderedMail, error)

// RuleUrge is the reminder log's rule of an urge: its key,
// "urge:<directive>:<agency>:<day>", is used once, so an agency is urged
// about a directive at most once a day.
const RuleUrge ReminderRule = "urge"
