package models

import (
	"time"
)

// EndOfDay is the last instant of day d in loc: "as of" a date means as the
// work stood when that day ended, local time.
func EndOfDay(d Day, loc *time.Location) time.Time {
	t := d.Time()
	return time.Date(t.Year(), t.Month(), t.Day()+1, 0, 0, 0, 0, loc).Add(-time.Nanosecond)
}

// replay rebuilds an assignment from its creation through the given history
// rows (oldest first). Rows written before schema 3 carry no deadline; the
// assignment's original deadline stands for them.
func Replay(a Assignment, rows []Update, loc *time.Location) Assignment {
	due := a.DueOn
	if !a.OriginalDue.IsZero() {
		due = a.OriginalDue
	}
	out := a
	out.Status, out.Progress, out.DueOn = StatusNotStarted, 0, due
	out.OwnerName, out.OwnerEmail, out.EvidenceRef, out.EvidenceDate, out.EvidenceURL = "", "", "", "", ""
	out.SubmittedOn, out.CompletedOn, out.UpdatedAt = "", "", a.CreatedAt
	for _, u := range rows {
		day := DayOf(u.At, loc)
		switch {
		case u.ToStatus == StatusSubmitted && u.FromStatus != StatusSubmitted:
			out.SubmittedOn = day
		case u.FromStatus == StatusSubmitted && u.ToStatus == StatusInProgress:
			out.SubmittedOn = ""
		}
		if u.ToStatus == StatusDone && u.FromStatus != StatusDone {
			out.CompletedOn = out.SubmittedOn
			if out.CompletedOn.IsZero() {
				out.CompletedOn = day
			}
		}
		out.Status, out.Progress = u.ToStatus, u.Progress
		out.OwnerName, out.OwnerEmail = u.OwnerName, u.OwnerEmail
		out.EvidenceRef, out.EvidenceDate, out.EvidenceURL = u.EvidenceRef, u.EvidenceDate, u.EvidenceURL
		if !u.DueOn.IsZero() {
			out.DueOn = u.DueOn
		}
		out.UpdatedAt = u.At
	}
	out.OriginalDue = ""
	if !a.OriginalDue.IsZero() && out.DueOn != a.OriginalDue {
		out.OriginalDue = a.OriginalDue // an extension was in force by then
	}
	return out
}
