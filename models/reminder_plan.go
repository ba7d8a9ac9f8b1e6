package models

import (
	"bytes"
	"cmp"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/collate"
)

// explanationKey identifies an explanation request: one per missed deadline.
type explanationKey struct {
	AssignmentID uint
	DueOn        Day
}

// planBuilder gathers the reminders of one pass: it indexes what every
// part of the pass shares once, applies the rules to the assignments a part
// at a time (see ReminderPlanner), and merges the items of every rule into one
// message per recipient.
type planBuilder struct {
	in           *ReminderInput // its Assignments and Explanations are not read: they come in parts
	now          time.Time
	loc          *time.Location
	today        Day
	working      bool                 // today is a working day: on other days nothing is planned
	digestDay    bool                 // the weekly digest (rule 6) is due today
	kickoffDay   bool                 // the theme kick-off (rule 7) is due today
	agencies     map[uint]*Agency     // active agencies by id
	users        map[string]*User     // every user by lower-cased e-mail
	focal        map[uint][]Recipient // active focal points by agency, by e-mail
	coordinators []Recipient          // active coordinators, by e-mail
	explained    map[explanationKey]bool
	explanations []ExplanationRequest
	messages     map[string]*ReminderMessage // item messages by e-mail
	namedBy      map[string]uint             // the assignment whose item named each message's recipient
	keys         map[string]bool             // item keys planned in the current part
	since        map[Day]int                 // working days from a day to today
	firstMonth   map[uint]int                // first month of each theme, for sorting
	collator     *collate.Collator
	sortKeys     map[string][]byte       // collation keys of the names sorted so far
	lists        digestLists             // what the digest lists, gathered part by part
	kickoffDue   map[uint][]ReminderItem // what each agency's kick-off lists: due this month,
	// overdue, returned
	kickoffOverdue, kickoffReturned map[uint][]ReminderItem
}

func newPlanBuilder(in *ReminderInput, now time.Time, loc *time.Location) *planBuilder {
	today := DayOf(now, loc)
	b := &planBuilder{in: in, now: now, loc: loc, today: today, working: in.Calendar.IsWorkingDay(today),
		agencies: map[uint]*Agency{}, users: map[string]*User{}, focal: map[uint][]Recipient{},
		explained: map[explanationKey]bool{}, messages: map[string]*ReminderMessage{}, namedBy: map[string]uint{},
		keys: map[string]bool{}, since: map[Day]int{}, firstMonth: map[uint]int{},
		collator: vietnameseOrder(), sortKeys: map[string][]byte{}, kickoffDue: map[uint][]ReminderItem{},
		kickoffOverdue: map[uint][]ReminderItem{}, kickoffReturned: map[uint][]ReminderItem{}}
	b.digestDay = b.working && in.Settings.WeeklyDigest && in.Calendar.FirstWorkingDayOfWeek(today)
	b.kickoffDay = b.working && in.Settings.ThemeKickoff && in.Theme != nil && in.Calendar.FirstWorkingDayOfMonth(today)
	for i := range in.Agencies {
		if in.Agencies[i].Active {
			b.agencies[in.Agencies[i].ID] = &in.Agencies[i]
		}
	}
	for i := range in.Users {
		b.users[NormaliseEmail(in.Users[i].Email)] = &in.Users[i]
	}
	for i := range in.Users {
		u := &in.Users[i]
		r, ok := b.recipient(u.Email, u.Name)
		switch {
		case !ok || !u.Active:
		case u.Role == RoleCoordinator:
			b.coordinators = append(b.coordinators, r)
		case u.Role == RoleFocal && u.AgencyID != nil && b.agencies[*u.AgencyID] != nil:
			b.focal[*u.AgencyID] = append(b.focal[*u.AgencyID], r)
		}
	}
	byEmail := func(x, y Recipient) int { return strings.Compare(x.Email, y.Email) }
	slices.SortFunc(b.coordinators, byEmail)
	for _, list := range b.focal {
		slices.SortFunc(list, byEmail)
	}
	return b
}

// addPart applies rules 1 to 5 to a part's assignments, and gathers what the
// digest and the kick-off list of them. Each assignment comes in one part,
// with every explanation request on it, so that what is keyed by assignment
// (the explanation requests, the item keys) is forgotten after its part.
func (b *planBuilder) addPart(assignments []Assignment, explanations []ExplanationRequest) {
	if !b.working {
		return
	}
	clear(b.explained)
	clear(b.keys)
	for _, e := range explanations {
		b.explained[explanationKey{e.AssignmentID, e.DueOn}] = true
	}
	for i := range assignments {
		if d := assignments[i].Directive; d != nil && d.Theme != nil {
			b.firstMonth[d.ThemeID] = d.Theme.FirstMonth
		}
	}
	byID := make(map[uint]*Assignment, len(assignments))
	for i := range assignments {
		a := &assignments[i]
		ag := b.agencies[a.AgencyID]
		if ag == nil {
			continue
		}
		byID[a.ID] = a
		if needsWork(a.Status) {
			b.assignmentRules(a, ag)
		}
		if b.digestDay {
			b.digestAssignment(a, ag)
		}
		if b.kickoffDay {
			b.kickoffAssignment(a, ag)
		}
	}
	if b.digestDay {
		b.digestPart(explanations, byID)
	}
}

// recipient is the addressee of an e-mail address: the user who owns it
// (name, language) or else the name known from the assignment or agency, in
// Vietnamese. An invalid address is no recipient.
func (b *planBuilder) recipient(email, name string) (Recipient, bool) {
	e := NormaliseEmail(email)
	if !ValidEmail(e) {
		return Recipient{}, false
	}
	r := Recipient{Email: e, Name: strings.TrimSpace(name), Lang: "vi"}
	if u := b.users[e]; u != nil {
		id := u.ID
		r.Name, r.UserID = u.Name, &id
		if u.Language != "" {
			r.Lang = u.Language
		}
	}
	return r, true
}

// add puts an item in its recipient's message, once per key. The
// recipient's name is the one the lowest assignment gives (an address with no
// account may be named differently on two assignments), whatever order the
// parts come in.
func (b *planBuilder) add(r Recipient, item ReminderItem) {
	if b.keys[item.Key] {
		return
	}
	b.keys[item.Key] = true
	m := b.messages[r.Email]
	if m == nil {
		m = &ReminderMessage{Recipient: r, Day: b.today}
		b.messages[r.Email] = m
		b.namedBy[r.Email] = item.AssignmentID
	} else if item.AssignmentID < b.namedBy[r.Email] {
		m.Recipient = r
		b.namedBy[r.Email] = item.AssignmentID
	}
	m.Items = append(m.Items, item)
}

// workingDaysSince counts the working days from a day (a deadline, the
// day an assignment was created) to today, remembered per day: hundreds of
// thousands of assignments share a few hundred days.
func (b *planBuilder) workingDaysSince(day Day) int {
	w, ok := b.since[day]
	if !ok {
		w = b.in.Calendar.WorkingDaysBetween(day, b.today)
		b.since[day] = w
	}
	return w
}

// itemMessages are the messages of rules 1 to 5, by e-mail, items sorted.
func (b *planBuilder) itemMessages() []ReminderMessage {
	out := make([]ReminderMessage, 0, len(b.messages))
	for _, m := range b.messages {
		b.sortItems(m.Items)
		out = append(out, *m)
	}
	slices.SortFunc(out, func(x, y ReminderMessage) int { return strings.Compare(x.Recipient.Email, y.Recipient.Email) })
	return out
}

// sortKey is the Vietnamese collation key of a name, computed once per name
// a pass sorts by (a national pass sorts a hundred thousand items).
func (b *planBuilder) sortKey(name string) []byte {
	k, ok := b.sortKeys[name]
	if !ok {
		var buf collate.Buffer
		k = bytes.Clone(b.collator.KeyFromString(&buf, name))
		b.sortKeys[name] = k
	}
	return k
}

// sortItems orders items by theme (first month), deadline, agency
// (Vietnamese order) and directive; the key, then the assignment (the
// digest's items have no key) break the remaining ties. The order is total,
// so that lists gathered part by part and cut short (the digest's) come out
// as one list of the whole country would.
func (b *planBuilder) sortItems(items []ReminderItem) {
	slices.SortFunc(items, b.compareItems)
}

func (b *planBuilder) compareItems(x, y ReminderItem) int {
	return cmp.Or(
		cmp.Compare(b.firstMonth[x.ThemeID], b.firstMonth[y.ThemeID]),
		cmp.Compare(x.ThemeID, y.ThemeID),
		strings.Compare(string(x.DueOn), string(y.DueOn)),
		bytes.Compare(b.sortKey(x.AgencyName), b.sortKey(y.AgencyName)),
		bytes.Compare(b.sortKey(x.Directive), b.sortKey(y.Directive)),
		strings.Compare(x.Key, y.Key),
		cmp.Compare(x.AssignmentID, y.AssignmentID),
	)
}
