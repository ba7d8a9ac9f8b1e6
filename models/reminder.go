package models

// ReminderRule names a reminder rule in keys, logs and messages.
type ReminderRule string

// Reminder rules.
const (
	RuleDueSoon ReminderRule = "due_soon" // 1: before the deadline
	RuleOverdue ReminderRule = "overdue"  // 2-4: after it, up the escalation ladder
	RuleUnclear ReminderRule = "unclear"  // 5: nobody named
	RuleDigest  ReminderRule = "digest"   // 6: weekly, to coordinators
	RuleKickoff ReminderRule = "kickoff"  // 7: first working day of the month, to focal points
)

// Recipient is who a reminder goes to: a user, or an address named on an
// assignment or an agency (owner, leader) that has no account.
type Recipient struct {
	Email  string
	Name   string
	Lang   string // "vi" (default) or "en"
	UserID *uint
}

// ReminderItem is one line of a reminder: one assignment, for one reason.
// Key identifies the occurrence (assignment or recipient, rule, level,
// deadline, working-day number) and is used once, ever.
type ReminderItem struct {
	Key          string
	Rule         ReminderRule
	Level        int // 0: the person in charge; 1: also the agency leader; 2: also the coordinators
	AssignmentID uint
	ThemeID      uint
	ThemeVI      string
	ThemeEN      string
	Directive    string
	AgencyCode   string
	AgencyName   string
	DueOn        Day
	DaysOverdue  int // calendar days past the deadline (0 when not overdue)
	DaysLeft     int // working days left before the deadline (due soon)
	Missing      []string
	Reason       string // a returned submission's reason (kick-off)
}

// DigestCounts are the four timeliness classes for one kind of agency.
type DigestCounts struct {
	DoneOnTime, DoneLate, OpenOnTrack, OpenOverdue int
}

// AgencyOverdue is an agency with overdue work, for the digest's top ten.
type AgencyOverdue struct {
	Code, Name  string
	Overdue     int
	DaysOverdue int // sum of calendar days overdue
}

// Digest is the weekly summary for coordinators (rule 6).
type Digest struct {
	Key             string // "digest:<week>:<email>", used once
	Week            string // ISO week, e.g. "2023-W18"
	Ministries      DigestCounts
	Provinces       DigestCounts
	TopOverdue      []AgencyOverdue // at most ten
	NewlyOverdue    []ReminderItem  // became overdue this week
	OpenExplanation []ReminderItem  // explanation requests not answered: the first MailListLimit
	// OpenExplanationTotal counts every unanswered request (tens of thousands
	// at national scale), listed or not.
	OpenExplanationTotal int
	Unclear              []ReminderItem // assignments nobody is named for: the first twenty
	UnclearTotal         int
}

// Kickoff announces a month's theme to a focal point (rule 7).
type Kickoff struct {
	Key     string // "kickoff:<month>:<email>", used once
	Month   string // "2023-05"
	ThemeVI string
	ThemeEN string
	Items   []ReminderItem // the agency's assignments due this month
	// Overdue is the agency's other work past its deadline, most days first,
	// so that the focal points see it even when reminders went to a named
	// person only; Returned is its returned submissions, with the reasons.
	Overdue  []ReminderItem
	Returned []ReminderItem
}

// ReminderMessage is everything one recipient gets from one pass: one
// e-mail, with their reminder items (sorted by theme, then deadline) and, on
// the days they fall, the weekly digest and the month's kick-off.
type ReminderMessage struct {
	Recipient Recipient
	Day       Day // the pass's local date
	Items     []ReminderItem
	Digest    *Digest
	Kickoff   *Kickoff
}

// Keys lists the reminder keys the message uses: the digest's, the
// kick-off's and each item's.
func (m ReminderMessage) Keys() []string {
	var keys []string
	if m.Digest != nil {
		keys = append(keys, m.Digest.Key)
	}
	if m.Kickoff != nil {
		keys = append(keys, m.Kickoff.Key)
	}
	for _, it := range m.Items {
		keys = append(keys, it.Key)
	}
	return keys
}

// RenderedMail is a message ready for the outbox.
type RenderedMail struct {
	Subject string
	Text    string
	HTML    string
}

// MailRenderer turns a reminder message into an e-mail (a pure function).
type MailRenderer func(m ReminderMessage) (RenderedMail, error)
