package models

import "time"

// historyRow records the whole state of a right after a change: who, when,
// from which status, the note, and what the assignment now says (status,
// progress, owner, evidence, deadline in force). Scoreboards "as of a date"
// are rebuilt from these rows.
func historyRow(a *Assignment, actor *User, now time.Time, from Status, note string) *Update {
	var uid *uint
	if actor != nil {
		id := actor.ID
		uid = &id
	}
	return &Update{AssignmentID: a.ID, UserID: uid, At: now.UTC(), FromStatus: from, ToStatus: a.Status,
		Progress: a.Progress, Note: note, OwnerName: a.OwnerName, OwnerEmail: a.OwnerEmail,
		EvidenceRef: a.EvidenceRef, EvidenceDate: a.EvidenceDate, EvidenceURL: a.EvidenceURL, DueOn: a.DueOn}
}

// historyNote records a note on an assignment whose status does not change.
func HistoryNote(a *Assignment, actor *User, now time.Time, note string) *Update {
	return historyRow(a, actor, now, a.Status, note)
}
