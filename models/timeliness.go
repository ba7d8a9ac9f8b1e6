package models

import "time"

// Timeliness is the Government Office's four-way classification of a task.
type Timeliness string

// The four timeliness classes. Cancelled assignments have none ("").
const (
	DoneOnTime  Timeliness = "done_on_time"
	DoneLate    Timeliness = "done_late"
	OpenOnTrack Timeliness = "open_on_track"
	OpenOverdue Timeliness = "open_overdue"
)

// TimelinessClasses lists the classes in reporting order.
var TimelinessClasses = []Timeliness{DoneOnTime, DoneLate, OpenOnTrack, OpenOverdue}

// DueSoonDays is how close (in calendar days) an open deadline must be to be flagged due soon.
const DueSoonDays = 7

// TimelinessInfo is the derived timing state of an assignment at a moment.
type TimelinessInfo struct {
	Class       Timeliness
	DueSoon     bool // open, not overdue, due within DueSoonDays
	DaysOverdue int  // calendar days past the due day (open overdue), or days late (done late)
	// WithinExtension marks work done on time only thanks to an approved
	// extension (done after the original deadline, by the extended one).
	WithinExtension bool
}

// ClassifyTimeliness derives the timeliness of an assignment from its status,
// due date and dates at the instant now, seen in loc. A deadline is the whole
// due day in local time: an open assignment becomes overdue at 00:00 local of
// the next day. A submission made on or before the due day keeps it on track
// while the committee reviews it.
func ClassifyTimeliness(a *Assignment, now time.Time, loc *time.Location) TimelinessInfo {
	today := DayOf(now, loc)
	switch a.Status {
	case StatusCancelled:
		return TimelinessInfo{}
	case StatusDone:
		if a.DueOn.IsZero() || a.CompletedOn.IsZero() || a.CompletedOn <= a.DueOn {
			extended := !a.OriginalDue.IsZero() && !a.CompletedOn.IsZero() && a.CompletedOn > a.OriginalDue
			return TimelinessInfo{Class: DoneOnTime, WithinExtension: extended}
		}
		return TimelinessInfo{Class: DoneLate, DaysOverdue: a.DueOn.DaysUntil(a.CompletedOn)}
	}
	if a.DueOn.IsZero() {
		return TimelinessInfo{Class: OpenOnTrack}
	}
	if a.Status == StatusSubmitted && !a.SubmittedOn.IsZero() && a.SubmittedOn <= a.DueOn {
		return TimelinessInfo{Class: OpenOnTrack}
	}
	if today > a.DueOn {
		return TimelinessInfo{Class: OpenOverdue, DaysOverdue: a.DueOn.DaysUntil(today)}
	}
	left := today.DaysUntil(a.DueOn)
	return TimelinessInfo{Class: OpenOnTrack, DueSoon: left <= DueSoonDays}
}

// IsOpen reports whether the status still needs work or review.
func IsOpen(status Status) bool {
	return status == StatusNotStarted || status == StatusInProgress || status == StatusSubmitted
}
