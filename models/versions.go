package models

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Versions against lost updates. Assignments, directives, plans, agencies
// and settings carry a version the store raises by one with every change;
// a change made on a copy read at an older version is stale. Pages always
// send the version they were read at; API clients may (If-Match or a
// "version" field) and, when they do not, their change applies to whatever is
// current, as before versions existed.

// FieldChange says who changed a field of a record, and when, after the
// version a stale change was made on.
type FieldChange struct {
	Field string // the form's and the API's name of the field: "owner_name"
	By    string // the user's name ("" when the application did it: a reminder pass)
	At    time.Time
}

// StaleError refuses a change made on a version of a record that is no
// longer current (a 409). Changes says who changed which field since (empty
// for records that keep no history); Clash names the fields the refused change
// and those changes both set, differently.
type StaleError struct {
	Current int // the record's version now
	Changes []FieldChange
	Clash   []string
}

func (e *StaleError) Error() string {
	parts := make([]string, len(e.Changes))
	for i, c := range e.Changes {
		parts[i] = c.Field + " by " + c.By
	}
	return fmt.Sprintf("stale: version %d now; changed since: %s", e.Current, strings.Join(parts, ", "))
}

// Unwrap lets errors.Is(err, ErrConflict) match.
func (e *StaleError) Unwrap() error { return ErrConflict }

// Stale is the refusal of a change to a record that keeps no history, now
// at version current.
func Stale(current int) error { return &StaleError{Current: current} }

// CheckVersion refuses (Stale) a change made on version read of a record now
// at version current; read 0 means the caller did not say, and the change
// applies to whatever is current.
func CheckVersion(read, current int) error {
	if read != 0 && read != current {
		return Stale(current)
	}
	return nil
}

// assignmentField is one field of an assignment a change may set, in the
// order forms show them: how to read it from the assignment and from a
// change, and how to leave it out of a change.
type assignmentField struct {
	name string
	of   func(a *Assignment) string
	sent func(ch *AssignmentChange) (string, bool)
	drop func(ch *AssignmentChange)
}

// sentDay is a date a change carries, in the assignment's form (YYYY-MM-DD)
// when it reads as a date, else as sent (validation refuses it later).
func sentDay(s *string) (string, bool) {
	if s == nil {
		return "", false
	}
	v := strings.TrimSpace(*s)
	if d, err := ParseDay(v); err == nil {
		return string(d), true
	}
	return v, true
}

func sentStr(s *string) (string, bool) {
	if s == nil {
		return "", false
	}
	return strings.TrimSpace(*s), true
}

var assignmentFields = []assignmentField{
	{"status", func(a *Assignment) string { return string(a.Status) },
		func(ch *AssignmentChange) (string, bool) {
			if ch.Status == nil {
				return "", false
			}
			return string(*ch.Status), true
		}, func(ch *AssignmentChange) { ch.Status = nil }},
	{"progress", func(a *Assignment) string { return strconv.Itoa(a.Progress) },
		func(ch *AssignmentChange) (string, bool) {
			if ch.Progress == nil {
				return "", false
			}
			return strconv.Itoa(*ch.Progress), true
		}, func(ch *AssignmentChange) { ch.Progress = nil }},
	{"owner_name", func(a *Assignment) string { return a.OwnerName },
		func(ch *AssignmentChange) (string, bool) { return sentStr(ch.OwnerName) }, func(ch *AssignmentChange) { ch.OwnerName = nil }},
	{"owner_email", func(a *Assignment) string { return a.OwnerEmail },
		func(ch *AssignmentChange) (string, bool) { return sentStr(ch.OwnerEmail) }, func(ch *AssignmentChange) { ch.OwnerEmail = nil }},
	{"evidence_ref", func(a *Assignment) string { return a.EvidenceRef },
		func(ch *AssignmentChange) (string, bool) { return sentStr(ch.EvidenceRef) }, func(ch *AssignmentChange) { ch.EvidenceRef = nil }},
	{"evidence_date", func(a *Assignment) string { return string(a.EvidenceDate) },
		func(ch *AssignmentChange) (string, bool) { return sentDay(ch.EvidenceDate) }, func(ch *AssignmentChange) { ch.EvidenceDate = nil }},
	{"evidence_url", func(a *Assignment) string { return a.EvidenceURL },
		func(ch *AssignmentChange) (string, bool) { return sentStr(ch.EvidenceURL) }, func(ch *AssignmentChange) { ch.EvidenceURL = nil }},
	{"due_date", func(a *Assignment) string { return string(a.DueOn) },
		func(ch *AssignmentChange) (string, bool) { return sentDay(ch.DueDate) }, func(ch *AssignmentChange) { ch.DueDate = nil }},
}

// ChangesSince says who last changed each field of an assignment in the
// history rows after the state read (oldest first), in form order, then who
// last attached or removed an evidence file ("files"), which no form field
// holds and so never clashes. Notes alone change no field.
func ChangesSince(read Assignment, rows []Update, loc *time.Location) []FieldChange {
	last := map[string]FieldChange{}
	cur := read
	for i := range rows {
		before := cur
		Step(&cur, &rows[i], loc)
		by := ""
		if rows[i].User != nil {
			by = rows[i].User.Name
		}
		for _, f := range assignmentFields {
			if f.of(&before) != f.of(&cur) {
				last[f.name] = FieldChange{Field: f.name, By: by, At: rows[i].At}
			}
		}
		if rows[i].FileEvent != "" {
			last[filesField] = FieldChange{Field: filesField, By: by, At: rows[i].At}
		}
	}
	var out []FieldChange
	for _, f := range assignmentFields {
		if c, ok := last[f.name]; ok {
			out = append(out, c)
		}
	}
	if c, ok := last[filesField]; ok {
		out = append(out, c)
	}
	return out
}

// filesField names the evidence files among the changes since a version.
const filesField = "files"

// Rebase turns a change made on the state read into one on the current
// state, for forms, which send every field whether the user changed it or
// not. A field the user changed is one whose sent value differs from its
// value at the version read; the others are left out, so they keep what
// others set since. A field the user changed that was also touched since
// (its current value differs from the one read: a net change, so a value
// set and set back counts as untouched) clashes, unless both set the same
// value. Rebase returns the clashing fields; when there are none, the change
// keeps only the user's own edits and loses nothing of anyone's.
func (ch *AssignmentChange) Rebase(read, cur *Assignment) []string {
	var clash []string
	for _, f := range assignmentFields {
		sent, ok := f.sent(ch)
		if !ok {
			continue
		}
		was := f.of(read)
		if sent == was {
			f.drop(ch)
			continue
		}
		if now := f.of(cur); now != was && now != sent {
			clash = append(clash, f.name)
		}
	}
	return clash
}
