package models

import "time"

// Step applies one history event to an assignment's state. It is the one
// transition function of the workflow: saving a report or review
// (AssignmentChange.Apply), moving a deadline (MoveDeadline) and rebuilding
// the past from the history (Replay) all go through it, so that the dates
// they derive never drift apart.
//
// The event says what the assignment holds right after the change (status,
// progress, owner, evidence, the deadline in force); Step derives the rest:
// the submission day (the day it went to submitted, cleared when returned),
// the completion day (the day of the accepted submission, else the day it was
// accepted), the first deadline once the deadline has moved (OriginalDue),
// the time of the last change (UpdatedAt; a note alone changes nothing) and
// the version (raised by every change, kept by a note).
// Rows written before schema 3 carry no deadline and leave it as it is.
func Step(a *Assignment, e *Update, loc *time.Location) {
	before := *a
	day := DayOf(e.At, loc)
	switch {
	case e.ToStatus == StatusSubmitted && e.FromStatus != StatusSubmitted:
		a.SubmittedOn = day
	case e.FromStatus == StatusSubmitted && e.ToStatus == StatusInProgress:
		a.SubmittedOn = ""
	}
	if e.ToStatus == StatusDone && e.FromStatus != StatusDone {
		a.CompletedOn = a.SubmittedOn
		if a.CompletedOn.IsZero() {
			a.CompletedOn = day
		}
	}
	a.Status, a.Progress = e.ToStatus, e.Progress
	a.OwnerName, a.OwnerEmail = e.OwnerName, e.OwnerEmail
	a.EvidenceRef, a.EvidenceDate, a.EvidenceURL = e.EvidenceRef, e.EvidenceDate, e.EvidenceURL
	if !e.DueOn.IsZero() && e.DueOn != a.DueOn {
		if a.OriginalDue.IsZero() {
			a.OriginalDue = a.DueOn
		}
		a.DueOn = e.DueOn
	}
	if *a != before {
		a.UpdatedAt = e.At.UTC()
	}
	if e.Version > 0 { // rows older than versions do not know theirs
		a.Version = e.Version
	}
}

// event records the whole state of next right after a change of an
// assignment that was in status from: who, when, the note, and what the
// assignment now says. It is the history row Step applies.
func event(next *Assignment, actor *User, now time.Time, from Status, note string) *Update {
	var uid *uint
	if actor != nil {
		id := actor.ID
		uid = &id
	}
	return &Update{AssignmentID: next.ID, UserID: uid, At: now.UTC(), FromStatus: from, ToStatus: next.Status,
		Progress: next.Progress, Note: note, OwnerName: next.OwnerName, OwnerEmail: next.OwnerEmail,
		EvidenceRef: next.EvidenceRef, EvidenceDate: next.EvidenceDate, EvidenceURL: next.EvidenceURL, DueOn: next.DueOn,
		Version: next.Version}
}

// HistoryNote records a note on an assignment that does not change it (an
// explanation requested or answered, an extension refused).
func HistoryNote(a *Assignment, actor *User, now time.Time, note string) *Update {
	return event(a, actor, now, a.Status, note)
}

// MoveDeadline moves the deadline of a to due (an approved extension, or the
// committee changing a directive's deadline), with a note saying why, and
// returns the history row to record. The first deadline stays as OriginalDue.
func MoveDeadline(a *Assignment, actor *User, due Day, now time.Time, note string, loc *time.Location) *Update {
	next := *a
	next.DueOn = due
	next.Version++
	e := event(&next, actor, now, a.Status, note)
	Step(a, e, loc)
	return e
}

// Replay rebuilds an assignment from its creation through the given history
// rows (oldest first) with Step: as it stood right after the last of them.
// It starts from what the assignment held when it was created: not started,
// nobody named, no evidence, the deadline it was given (possibly none),
// version 1.
func Replay(a Assignment, rows []Update, loc *time.Location) Assignment {
	out := a
	out.DueOn = a.CreatedDue
	out.Status, out.Progress, out.OriginalDue = StatusNotStarted, 0, ""
	out.OwnerName, out.OwnerEmail, out.EvidenceRef, out.EvidenceDate, out.EvidenceURL = "", "", "", "", ""
	out.SubmittedOn, out.CompletedOn, out.UpdatedAt, out.Version = "", "", a.CreatedAt, 1
	for i := range rows {
		Step(&out, &rows[i], loc)
	}
	return out
}
