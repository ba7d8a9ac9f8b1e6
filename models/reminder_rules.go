package models

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// ReminderPlan is what a pass should send and open: one message per
// recipient, and the explanation requests the escalation ladder opens.
type ReminderPlan struct {
	Messages     []ReminderMessage    // one per recipient, by e-mail
	Explanations []ExplanationRequest // AssignmentID, DueOn (the missed deadline) and RequestedAt (now) set; the pass inserts them idempotently
}

// ReminderInput is everything the rules read: PlanReminders takes it whole
// (the tests build it by hand); the store gives a ReminderPlanner all but
// the assignments and explanation requests, and those a part at a time.
type ReminderInput struct {
	Settings ReminderSettings
	Calendar Calendar
	// Agencies are the agencies (inactive ones are ignored), with their leaders.
	Agencies []Agency
	// Users are all users: focal points, coordinators, and the name and
	// language of any recipient who has an account.
	Users []User
	// Assignments are the open assignments of active agencies (and those
	// with an unanswered explanation request), with their Directive and
	// Directive.Theme; others are ignored.
	Assignments []Assignment
	// AgencyCounts are, on a digest day, each agency's assignments in each
	// timeliness class (counted by the store from the tallies), so that no
	// pass reads every assignment.
	AgencyCounts []AgencyClassCount
	// Explanations are the explanation requests (AssignmentID, DueOn, AnsweredAt).
	Explanations []ExplanationRequest
	// Theme is the theme covering the month of the pass (kick-off), if any.
	Theme *Theme
	// Returned are, on a kick-off day, the assignments whose last change of
	// status was a return (submitted -> in progress), with its reason.
	Returned map[uint]string
}

// PlanReminders applies the reminder rules (issue 3, rules 1-7) at now, seen
// in loc, to the whole of in at once. It is a pure function of its input: on
// a weekend or a holiday it plans nothing.
func PlanReminders(in ReminderInput, now time.Time, loc *time.Location) ReminderPlan {
	p := NewReminderPlanner(in, now, loc)
	p.Add(in.Assignments, in.Explanations)
	return p.Plan()
}

// ReminderPlanner plans a pass a part of the country at a time, so that a
// national pass never holds every open assignment at once: what a part
// leaves behind is its reminder items, the explanation requests it opens, and
// what the digest and the kick-off list (the digest's longer lists cut to what
// an e-mail shows). Its plan is the one PlanReminders makes of the whole.
type ReminderPlanner struct {
	b *planBuilder
}

// NewReminderPlanner starts a pass at now, seen in loc, from what every part
// shares: in's settings, calendar, agencies, users, agency counts and theme
// (its assignments and explanation requests are left to Add).
func NewReminderPlanner(in ReminderInput, now time.Time, loc *time.Location) *ReminderPlanner {
	in.Assignments, in.Explanations = nil, nil
	return &ReminderPlanner{b: newPlanBuilder(&in, now, loc)}
}

// Add applies the rules to a part's assignments (as ReminderInput.Assignments
// describes them). Every assignment comes in exactly one part, with the
// explanation requests on it (any others are ignored); parts may be of any
// size and come in any order.
func (p *ReminderPlanner) Add(assignments []Assignment, explanations []ExplanationRequest) {
	p.b.addPart(assignments, explanations)
}

// Plan is the pass's plan once every part was added: one message per
// recipient, by e-mail, and the explanation requests to open.
func (p *ReminderPlanner) Plan() ReminderPlan {
	b := p.b
	if !b.working {
		return ReminderPlan{}
	}
	msgs := b.itemMessages()
	if b.digestDay {
		msgs = append(msgs, b.digestMessages()...)
	}
	if b.kickoffDay {
		msgs = append(msgs, b.kickoffMessages()...)
	}
	// By assignment, as the whole country read in id order would open them.
	slices.SortFunc(b.explanations, func(x, y ExplanationRequest) int {
		return cmp.Or(cmp.Compare(x.AssignmentID, y.AssignmentID), strings.Compare(string(x.DueOn), string(y.DueOn)))
	})
	return ReminderPlan{Messages: mergeByRecipient(msgs), Explanations: b.explanations}
}

// mergeByRecipient makes one message per recipient (by e-mail): a focal
// point's reminders and kick-off, or a coordinator's escalations and digest,
// travel together. The result is ordered by e-mail.
func mergeByRecipient(msgs []ReminderMessage) []ReminderMessage {
	var out []ReminderMessage
	index := map[string]int{}
	for _, m := range msgs {
		i, ok := index[m.Recipient.Email]
		if !ok {
			index[m.Recipient.Email] = len(out)
			out = append(out, m)
			continue
		}
		out[i].Items = append(out[i].Items, m.Items...)
		if m.Digest != nil {
			out[i].Digest = m.Digest
		}
		if m.Kickoff != nil {
			out[i].Kickoff = m.Kickoff
		}
	}
	slices.SortFunc(out, func(x, y ReminderMessage) int { return strings.Compare(x.Recipient.Email, y.Recipient.Email) })
	return out
}

// needsWork reports whether an assignment waits for its agency (not for
// review): only these are chased.
func needsWork(status Status) bool {
	return status == StatusNotStarted || status == StatusInProgress
}

// assignmentRules applies rules 1 to 5 to one assignment that needs work.
func (b *planBuilder) assignmentRules(a *Assignment, ag *Agency) {
	switch {
	case a.DueOn.IsZero():
	case b.today < a.DueOn:
		b.dueSoon(a, ag)
	case b.today > a.DueOn:
		b.overdue(a, ag)
	}
	if b.in.Settings.UnclearReminder && unclear(a) {
		b.unclear(a, ag)
	}
}

// dueSoon is rule 1: k working days before the deadline, for each k of the
// settings, to the person in charge.
func (b *planBuilder) dueSoon(a *Assignment, ag *Agency) {
	for _, k := range b.in.Settings.DueSoonDays {
		if k < 1 || b.in.Calendar.WorkingDaysBefore(a.DueOn, k) != b.today {
			continue
		}
		item := b.item(a, ag, RuleDueSoon)
		item.DaysLeft = k
		for _, r := range b.inCharge(a, ag) {
			item.Key = fmt.Sprintf("%s:a%d:%s:k%d:%s", RuleDueSoon, a.ID, a.DueOn, k, r.Email)
			b.add(r, item)
		}
	}
}

// overdue is rules 2 to 4: on the first working day after the deadline and
// every OverdueEvery working days after it, and on the days the ladder
// reaches the leader and the committee; from the committee's day on, the
// assignment needs an explanation request for the missed deadline.
func (b *planBuilder) overdue(a *Assignment, ag *Agency) {
	set := b.in.Settings
	w := b.workingDaysSince(a.DueOn)
	if w < 1 {
		return
	}
	if w >= set.CommitteeAfter && !b.explained[explanationKey{a.ID, a.DueOn}] {
		b.explained[explanationKey{a.ID, a.DueOn}] = true
		b.explanations = append(b.explanations, ExplanationRequest{AssignmentID: a.ID, DueOn: a.DueOn, RequestedAt: b.now.UTC()})
	}
	if (w-1)%max(set.OverdueEvery, 1) != 0 && w != set.LeaderAfter && w != set.CommitteeAfter {
		return
	}
	item := b.item(a, ag, RuleOverdue)
	recipients := b.inCharge(a, ag)
	if w >= set.LeaderAfter {
		item.Level = 1
		recipients = slices.Concat(recipients, b.leader(ag))
	}
	if w >= set.CommitteeAfter {
		item.Level = 2
		recipients = slices.Concat(recipients, b.coordinators)
	}
	for _, r := range recipients {
		item.Key = fmt.Sprintf("%s:a%d:%s:w%d:%s", RuleOverdue, a.ID, a.DueOn, w, r.Email)
		b.add(r, item)
	}
}

// unclear reports whether nobody, or no valid address, is named for an assignment.
func unclear(a *Assignment) bool {
	return a.OwnerName == "" || !ValidEmail(a.OwnerEmail)
}

// unclear is rule 5: the agency's focal points and leader are asked to name
// a responsible person, on the overdue cadence counted from the day the
// assignment was created.
func (b *planBuilder) unclear(a *Assignment, ag *Agency) {
	c := b.workingDaysSince(DayOf(a.CreatedAt, b.loc))
	if c < 1 || (c-1)%max(b.in.Settings.OverdueEvery, 1) != 0 {
		return
	}
	item := b.item(a, ag, RuleUnclear)
	item.Missing = AssessClarity(a, a.Directive).Missing
	for _, r := range slices.Concat(b.focal[ag.ID], b.leader(ag)) {
		item.Key = fmt.Sprintf("%s:a%d:c%d:%s", RuleUnclear, a.ID, c, r.Email)
		b.add(r, item)
	}
}

// inCharge is the person in charge of an assignment: its responsible person
// when a valid address is named, else the agency's focal points.
func (b *planBuilder) inCharge(a *Assignment, ag *Agency) []Recipient {
	if ValidEmail(a.OwnerEmail) {
		if r, ok := b.recipient(a.OwnerEmail, a.OwnerName); ok {
			return []Recipient{r}
		}
	}
	return b.focal[ag.ID]
}

// leader is the agency leader, when a valid address is known.
func (b *planBuilder) leader(ag *Agency) []Recipient {
	if r, ok := b.recipient(ag.LeaderEmail, ag.LeaderName); ok {
		return []Recipient{r}
	}
	return nil
}

// item is the line of a reminder about a, for a rule (key, level and rule
// specifics are set by the caller).
func (b *planBuilder) item(a *Assignment, ag *Agency, rule ReminderRule) ReminderItem {
	it := ReminderItem{Rule: rule, AssignmentID: a.ID, AgencyCode: ag.Code, AgencyName: ag.Name, DueOn: a.DueOn}
	if d := a.Directive; d != nil {
		it.Directive, it.ThemeID = d.Title, d.ThemeID
		if d.Theme != nil {
			it.ThemeVI, it.ThemeEN = d.Theme.TitleVI, d.Theme.TitleEN
		}
	}
	if !a.DueOn.IsZero() && b.today > a.DueOn {
		it.DaysOverdue = a.DueOn.DaysUntil(b.today)
	}
	return it
}
