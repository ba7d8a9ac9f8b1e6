package models

import "strings"

// ReviewAction is what the committee does to several assignments at once
// (the review queue's selection, POST /api/v1/assignments/bulk).
type ReviewAction string

// Review actions.
const (
	ReviewAccept ReviewAction = "accept" // a submitted report is done
	ReviewReturn ReviewAction = "return" // a submitted report goes back, with a reason
	ReviewCancel ReviewAction = "cancel" // an open assignment is cancelled, with a reason
	ReviewExtend ReviewAction = "extend" // an open assignment's deadline moves, with a reason
)

// ReviewActions lists the actions, for validation messages.
var ReviewActions = []ReviewAction{ReviewAccept, ReviewReturn, ReviewCancel, ReviewExtend}

// MaxBulkIDs is how many assignments one bulk action may name: enough for a
// directive given to every agency (93) with room, small enough that one
// request stays short.
const MaxBulkIDs = 200

// BulkRequest is one bulk action on assignments.
type BulkRequest struct {
	IDs     []uint
	Action  ReviewAction
	Reason  string
	DueDate string // extend: the new deadline
}

// Validate checks the request as a whole (422 naming the field): known
// action, 1..MaxBulkIDs ids, a reason where the action needs one, a date to
// extend to.
func (r BulkRequest) Validate() error {
	v := &ValidationError{}
	known := false
	for _, a := range ReviewActions {
		known = known || a == r.Action
	}
	if !known {
		v.Add("action", "err.bulk_action")
	}
	if len(r.IDs) == 0 {
		v.Add("ids", "err.bulk_ids_required")
	} else if len(r.IDs) > MaxBulkIDs {
		v.Add("ids", "err.bulk_ids_too_many", "Max", MaxBulkIDs)
	}
	if r.Action != ReviewAccept && strings.TrimSpace(r.Reason) == "" && known {
		v.Add("reason", "err.bulk_reason_required")
	}
	// The reason is every id's note: a text no note may hold refuses the
	// request as a whole rather than each id.
	CheckText(v, "reason", r.Reason, "")
	if r.Action == ReviewExtend && strings.TrimSpace(r.DueDate) == "" {
		v.Add("due_date", "err.due_date_invalid")
	}
	return v.OrNil()
}

// Change is the change the action makes to one assignment read at version
// (0: whatever is current).
func (r BulkRequest) Change(version int) AssignmentChange {
	ch := AssignmentChange{Note: r.Reason, Version: version}
	status := func(s Status) *Status { return &s }
	switch r.Action {
	case ReviewAccept:
		ch.Status = status(StatusDone)
	case ReviewReturn:
		ch.Status = status(StatusInProgress)
	case ReviewCancel:
		ch.Status = status(StatusCancelled)
	case ReviewExtend:
		due := r.DueDate
		ch.DueDate = &due
	}
	return ch
}

// QueueCounts are the sizes of the committee's queues, shown in the menu.
type QueueCounts struct {
	Review       int64 // submitted, awaiting acceptance
	Extensions   int64 // extension requests pending
	Explanations int64 // explanation requests unanswered
}
