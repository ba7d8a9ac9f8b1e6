package models

// WorkReason says why an item is on a focal point's list of work ("việc của
// tôi"); the groups of the list are these, in this order of urgency.
type WorkReason string

// Work reasons, most urgent first.
const (
	WorkExplanation WorkReason = "explanation_requested" // an explanation request waits for the agency's answer
	WorkReturned    WorkReason = "returned"              // the committee returned the submission with a reason
	WorkOverdue     WorkReason = "overdue"               // past its deadline, not submitted
	WorkDueSoon     WorkReason = "due_soon"              // due within DueSoonDays
	WorkInProgress  WorkReason = "in_progress"
	WorkNotStarted  WorkReason = "not_started"
	WorkInReview    WorkReason = "awaiting_review" // submitted: the committee's turn
	WorkDone        WorkReason = "recently_done"
)

// WorkGroups lists the groups of the work list in order: an assignment is
// shown in the first group it belongs to, with every reason that applies.
var WorkGroups = []WorkReason{WorkExplanation, WorkReturned, WorkOverdue, WorkDueSoon,
	WorkInProgress, WorkNotStarted, WorkInReview, WorkDone}

// WorkItem is one assignment of the work list with what makes it urgent.
type WorkItem struct {
	Assignment   Assignment // with Directive (and Theme) and Agency
	Reasons      []WorkReason
	ReturnReason string // the committee's reason, when returned
	Explanation  uint   // the open explanation request to answer, or 0
	Timeliness   TimelinessInfo
}

// WorkGroup is one group of the list: its first items and how many more
// there are.
type WorkGroup struct {
	Reason WorkReason
	Items  []WorkItem
	Total  int64
}

// More is how many items of the group are not shown.
func (g WorkGroup) More() int64 { return g.Total - int64(len(g.Items)) }

// WorkAction is the one action a work item offers: where its one tap leads.
type WorkAction string

// Work actions.
const (
	DoAnswer   WorkAction = "answer"   // answer the explanation request
	DoResubmit WorkAction = "resubmit" // fix and submit again
	DoExtend   WorkAction = "extend"   // overdue: ask for an extension
	DoSubmit   WorkAction = "submit"   // due soon or in progress: report and submit with evidence
	DoStart    WorkAction = "start"    // not started: report progress
	DoSee      WorkAction = "see"      // awaiting review or done: look at it
)

// Action is what the item's one tap does, from its most urgent reason.
func (w WorkItem) Action() WorkAction {
	if len(w.Reasons) == 0 {
		return DoSee
	}
	switch w.Reasons[0] {
	case WorkExplanation:
		return DoAnswer
	case WorkReturned:
		return DoResubmit
	case WorkOverdue:
		return DoExtend
	case WorkDueSoon, WorkInProgress:
		return DoSubmit
	case WorkNotStarted:
		return DoStart
	}
	return DoSee
}

// WorkReasons are the reasons that apply to an assignment, most urgent
// first, given whether it has an open explanation request and whether its
// last submission was returned (the store knows those from other tables).
func WorkReasons(a *Assignment, info TimelinessInfo, explanation, returned bool) []WorkReason {
	var out []WorkReason
	if explanation && IsOpen(a.Status) {
		out = append(out, WorkExplanation)
	}
	if returned && a.Status == StatusInProgress {
		out = append(out, WorkReturned)
	}
	switch a.Status {
	case StatusNotStarted, StatusInProgress:
		if info.Class == OpenOverdue {
			out = append(out, WorkOverdue)
		} else if info.DueSoon {
			out = append(out, WorkDueSoon)
		}
		if a.Status == StatusInProgress {
			out = append(out, WorkInProgress)
		} else {
			out = append(out, WorkNotStarted)
		}
	case StatusSubmitted:
		out = append(out, WorkInReview)
	case StatusDone:
		out = append(out, WorkDone)
	}
	return out
}

// Landing is where a user goes after logging in and at "/".
type Landing string

// Landings.
const (
	LandWork     Landing = "work"     // a focal point: their agency's work
	LandQueues   Landing = "queues"   // a coordinator: the review queue
	LandOverview Landing = "overview" // anyone else: the year overview
)

// LandingOf is u's landing page: focal points who may report for an agency
// land on its work, coordinators on their queues, viewers and admins on the
// overview (admins look after the whole, not the daily review).
func LandingOf(u *User) Landing {
	switch {
	case u == nil:
		return LandOverview
	case u.Role == RoleFocal && u.AgencyID != nil && Can(u, ActUpdateAssignment, *u.AgencyID):
		return LandWork
	case u.Role == RoleCoordinator && Can(u, ActReview, 0):
		return LandQueues
	}
	return LandOverview
}
