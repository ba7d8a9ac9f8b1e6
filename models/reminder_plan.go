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

// planBuilder gathers the reminders of one pass: it indexes the input once
// and merges the items of every rule into one message per recipient.
type planBuilder struct {
	in           *ReminderInput
	now          time.Time
	loc          *time.Location
	today        Day
	agencies     map[uint]*Agency     // active agencies by id
	users        map[string]*User     // every user by lower-cased e-mail
	focal        map[uint][]Recipient // active focal points by agency, by e-mail
	coordinators []Recipient          // active coordinators, by e-mail
	explained    map[explanationKey]bool
	explanations []ExplanationRequest
	messages     map[string]*ReminderMessage // item messages by e-mail
	keys         map[string]bool             // item keys already planned
	since        map[Day]int                 // working days from a deadline to today
	firstMonth   map[uint]int                // first month of each theme, for sorting
	collator     *collate.Collator
	sortKeys     map[string][]byte // collation keys of the names sorted so far
}

func newPlanBuilder(in *ReminderInput, now time.Time, loc *time.Location) *planBuilder {
	b := &planBuilder{in: in, now: now, loc: loc, today: DayOf(now, loc),
		agencies: map[uint]*Agency{}, users: map[string]*User{}, focal: map[uint][]Recipient{},
		explained: map[explanationKey]bool{}, messages: map[string]*ReminderMessage{},
		keys: map[string]bool{}, since: map[Day]int{}, firstMonth: map[uint]int{},
		collator: vietnameseOrder(), sortKeys: map[string][]byte{}}
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
	for _, e := range in.Explanations {
		b.explained[explanationKey{e.AssignmentID, e.DueOn}] = true
	}
	for _, a := range in.Assignments {
		if a.Directive != nil && a.Directive.Theme != nil {
			b.firstMonth[a.Directive.ThemeID] = a.Directive.Theme.FirstMonth
		}
	}
	return b
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

// add puts an item in its recipient's message, once per key.
func (b *planBuilder) add(r Recipient, item ReminderItem) {
	if b.keys[item.Key] {
		return
	}
	b.keys[item.Key] = true
	m := b.messages[r.Email]
	if m == nil {
		m = &ReminderMessage{Recipient: r, Day: b.today}
		b.messages[r.Email] = m
	}
	m.Items = append(m.Items, item)
}

// workingDaysSince counts the working days from a deadline to today
// (remembered per deadline: many assignments share one).
func (b *planBuilder) workingDaysSince(due Day) int {
	w, ok := b.since[due]
	if !ok {
		w = b.in.Calendar.WorkingDaysBetween(due, b.today)
		b.since[due] = w
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
// (Vietnamese order) and directive; the key breaks the remaining ties.
func (b *planBuilder) sortItems(items []ReminderItem) {
	slices.SortStableFunc(items, func(x, y ReminderItem) int {
		return cmp.Or(
			cmp.Compare(b.firstMonth[x.ThemeID], b.firstMonth[y.ThemeID]),
			cmp.Compare(x.ThemeID, y.ThemeID),
			strings.Compare(string(x.DueOn), string(y.DueOn)),
			bytes.Compare(b.sortKey(x.AgencyName), b.sortKey(y.AgencyName)),
			bytes.Compare(b.sortKey(x.Directive), b.sortKey(y.Directive)),
			strings.Compare(x.Key, y.Key),
		)
	})
}
