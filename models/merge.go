package models

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Merger says which agencies merge into which (as 63 provinces became 34 in
// July 2025): the agencies From merge into the agency Into, an existing one
// or a new one named Name.
type Merger struct {
	Into string
	From []string
	Name string // the successor's name when it is new ("" when it exists)
}

// agencyCode is what a new agency's code may hold: the seeded ones are
// digits (provinces) or capitals (ministries).
var agencyCode = regexp.MustCompile(`^[A-Za-z0-9_-]{1,32}$`)

// Normalise trims the codes and the name and drops empty and repeated codes,
// keeping the order given (the first merged agency's assignment moves when
// two of them hold the same directive).
func (m *Merger) Normalise() {
	m.Into, m.Name = strings.TrimSpace(m.Into), strings.TrimSpace(m.Name)
	var from []string
	for _, c := range m.From {
		if c = strings.TrimSpace(c); c != "" && !slices.Contains(from, c) {
			from = append(from, c)
		}
	}
	m.From = from
}

// Validate checks what can be checked without the database.
func (m *Merger) Validate() error {
	v := &ValidationError{}
	switch {
	case m.Into == "":
		v.Add("into", "err.merge_into_required")
	case !agencyCode.MatchString(m.Into):
		v.Add("into", "err.merge_code_invalid")
	}
	if len(m.From) == 0 {
		v.Add("from", "err.merge_from_required")
	}
	if len(m.From) > MaxMergeFrom {
		v.Add("from", "err.merge_from_too_many", "Max", MaxMergeFrom)
	}
	if slices.Contains(m.From, m.Into) {
		v.Add("from", "err.merge_into_in_from", "Code", m.Into)
	}
	CheckLine(v, "name", m.Name, MaxNameLen)
	return v.OrNil()
}

// MergeResult says what a merger did.
type MergeResult struct {
	Successor Agency
	Created   bool // the successor is new
	Moved     int  // open assignments moved to the successor
	Cancelled int  // open assignments of a directive the successor already held, cancelled
	Kept      int  // finished assignments left with the merged agencies
	Users     int  // users moved to the successor
}

// MoveToSuccessor moves the open assignment a of a merged agency to the
// successor agency to, and returns the history row to record: who, when and
// from which agency; status, progress, owner, evidence and deadline stay.
func MoveToSuccessor(a *Assignment, to *Agency, from *Agency, actor *User, now time.Time) *Update {
	next := *a
	next.AgencyID, next.Agency = to.ID, to
	next.Version++
	next.UpdatedAt = now.UTC()
	e := event(&next, actor, now, a.Status, fmt.Sprintf("Sáp nhập: chuyển từ %s (%s) sang %s (%s).", from.Name, from.Code, to.Name, to.Code))
	id := from.ID
	e.FromAgencyID = &id
	*a = next
	return e
}

// CancelMerged cancels the open assignment a of a merged agency whose
// successor already holds the same directive (its assignment kept), and
// returns the history row to record: the successor answers for the task
// once, and this one's history and evidence stay readable with the merged
// agency.
func CancelMerged(a *Assignment, to *Agency, kept uint, actor *User, now time.Time, loc *time.Location) *Update {
	next := *a
	next.Status = StatusCancelled
	next.Version++
	e := event(&next, actor, now, a.Status, fmt.Sprintf("Sáp nhập vào %s (%s): nhiệm vụ do %s thực hiện tiếp (nhiệm vụ số %d).",
		to.Name, to.Code, to.Name, kept))
	Step(a, e, loc)
	return e
}
