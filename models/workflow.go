package models

import (
	"net/url"
	"strings"
	"time"
)

// transitionRule says whether from -> to is part of the workflow and whether
// it is a reviewer's move (accept, return, cancel).
func transitionRule(from, to Status) (allowed, reviewer bool) {
	switch {
	case from == to:
		return true, false
	case from == StatusNotStarted && (to == StatusInProgress || to == StatusSubmitted):
		return true, false
	case from == StatusInProgress && to == StatusSubmitted:
		return true, false
	case from == StatusSubmitted && (to == StatusDone || to == StatusInProgress):
		return true, true
	case IsOpen(from) && to == StatusCancelled:
		return true, true
	}
	return false, false
}

// AssignmentChange is a report or review of an assignment. Nil fields are left as they are.
type AssignmentChange struct {
	Status       *Status
	Progress     *int
	Note         string
	OwnerName    *string
	OwnerEmail   *string
	EvidenceRef  *string
	EvidenceDate *string
	EvidenceURL  *string
	DueDate      *string // reviewers only: move the agency's deadline
	// AskPastDue refuses a deadline moved into the past until it is
	// confirmed: pages set it while their confirmation box is unticked (a
	// slip of the finger on a phone); API clients mean what they send.
	AskPastDue bool
	// Version is the assignment's version the change was made on; 0 applies
	// it to whatever is current (API clients that do not say).
	Version int
	// Merge lets a stale change through when the fields it changes were not
	// touched since (Rebase): forms send every field, so only the user's own
	// edits are applied. Without it a stale change is refused.
	Merge bool
}

// validate checks the values of a change on their own (422 messages).
func (ch *AssignmentChange) validate() (evidenceDate, dueDate Day, err error) {
	v := &ValidationError{}
	if ch.Status != nil && !ch.Status.Valid() {
		v.Add("status", "err.status_invalid")
	}
	if ch.Progress != nil && (*ch.Progress < 0 || *ch.Progress > 100) {
		v.Add("progress", "err.progress_range")
	}
	if ch.OwnerName != nil && BadText(*ch.OwnerName, false) {
		v.Add("owner_name", "err.text_invalid")
	} else if ch.OwnerName != nil && TooLong(*ch.OwnerName, MaxOwnerNameLen) {
		v.Add("owner_name", "err.owner_name_too_long", "Max", MaxOwnerNameLen)
	}
	if ch.OwnerEmail != nil && *ch.OwnerEmail != "" && !ValidEmail(*ch.OwnerEmail) {
		v.Add("owner_email", "err.email_invalid")
	}
	if ch.EvidenceURL != nil && (BadText(*ch.EvidenceURL, false) || TooLong(*ch.EvidenceURL, MaxURLLen)) {
		CheckLine(v, "evidence_url", *ch.EvidenceURL, MaxURLLen)
	} else if ch.EvidenceURL != nil && *ch.EvidenceURL != "" {
		u, perr := url.Parse(*ch.EvidenceURL)
		if perr != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			v.Add("evidence_url", "err.evidence_url")
		}
	}
	if ch.EvidenceRef != nil && BadText(*ch.EvidenceRef, false) {
		v.Add("evidence_ref", "err.text_invalid")
	} else if ch.EvidenceRef != nil && TooLong(*ch.EvidenceRef, MaxEvidenceRefLen) {
		v.Add("evidence_ref", "err.evidence_ref_too_long", "Max", MaxEvidenceRefLen)
	}
	if BadText(ch.Note, true) {
		v.Add("note", "err.text_invalid")
	} else if TooLong(ch.Note, MaxTextLen) {
		v.Add("note", "err.note_too_long", "Max", MaxTextLen)
	}
	if ch.EvidenceDate != nil {
		d, perr := ParseDay(*ch.EvidenceDate)
		if perr != nil {
			v.Add("evidence_date", "err.evidence_date_invalid")
		}
		evidenceDate = d
	}
	if ch.DueDate != nil {
		d, perr := ParseDay(*ch.DueDate)
		if perr != nil || d.IsZero() {
			v.Add("due_date", "err.due_date_invalid")
		}
		dueDate = d
	}
	return evidenceDate, dueDate, v.OrNil()
}

// Apply checks the change against the workflow and the actor's rights and
// applies it to a through Step (a is left as it was when the change is
// refused); it returns the history row to record. The order of checks
// is: permission (403), values (422), workflow (409), then the values and
// the cross-field rules together (422), so a form shows every message of a
// submit at once.
func (ch *AssignmentChange) Apply(a *Assignment, actor *User, now time.Time, loc *time.Location) (*Update, error) {
	if !Can(actor, ActUpdateAssignment, a.AgencyID) {
		return nil, Forbidden("err.own_agency_only")
	}
	ch.EvidenceURL = withScheme(ch.EvidenceURL)
	evidenceDate, dueDate, err := ch.validate()
	invalid, _ := err.(*ValidationError)
	if invalid == nil {
		invalid = &ValidationError{}
	}
	from := a.Status
	to := from
	if ch.Status != nil {
		to = *ch.Status
	}
	if err := ch.checkWorkflow(a, actor, from, to); err != nil {
		if len(invalid.Fields) > 0 {
			return nil, invalid // the values' messages come before the workflow's refusal
		}
		return nil, err
	}
	if ch.AskPastDue && ch.DueDate != nil && !dueDate.IsZero() && dueDate != a.DueOn && dueDate < DayOf(now, loc) {
		invalid.Add("due_date", "err.due_date_past_confirm")
	}

	next := *a
	SetStr(&next.OwnerName, ch.OwnerName)
	SetStr(&next.OwnerEmail, ch.OwnerEmail)
	SetStr(&next.EvidenceRef, ch.EvidenceRef)
	SetStr(&next.EvidenceURL, ch.EvidenceURL)
	if ch.EvidenceDate != nil {
		next.EvidenceDate = evidenceDate
	}
	if ch.DueDate != nil {
		next.DueOn = dueDate
	}
	if ch.Progress != nil {
		next.Progress = *ch.Progress
	}
	if ch.Status == nil && from == StatusNotStarted && next.Progress > 0 {
		to = StatusInProgress
	}
	// Every message of the submit at once: the values' and the rules tying
	// fields together.
	if err := ch.checkOutcome(&next, from, to); err != nil {
		invalid.Merge(err.(*ValidationError))
	}
	if err := invalid.OrNil(); err != nil {
		return nil, err
	}
	if to == StatusSubmitted || to == StatusDone {
		next.Progress = 100
	}
	next.Status = to
	next.Version++ // every saved change raises the version, even one that sets the values they had
	e := event(&next, actor, now, from, strings.TrimSpace(ch.Note))
	Step(a, e, loc)
	return e, nil
}

// checkWorkflow refuses a move the workflow or the actor's role does not
// allow (409 or 403).
func (ch *AssignmentChange) checkWorkflow(a *Assignment, actor *User, from, to Status) error {
	allowed, reviewer := transitionRule(from, to)
	if !allowed {
		return Conflict("err.transition", "From", StatusLabel(from), "To", StatusLabel(to))
	}
	if reviewer && !Can(actor, ActReview, a.AgencyID) {
		return Forbidden("err.review_only")
	}
	if from == to && !IsOpen(from) {
		return Conflict("err.closed", "Status", StatusLabel(from))
	}
	if ch.DueDate != nil && !Can(actor, ActReview, a.AgencyID) {
		return Forbidden("err.due_change_review_only")
	}
	return nil
}

// withScheme gives a typed link without a scheme ("vanban.gov.vn/17")
// https://, as people copy links without it; a link with a scheme is left for
// validate to judge.
func withScheme(link *string) *string {
	if link == nil {
		return nil
	}
	l := strings.TrimSpace(*link)
	if l == "" || strings.Contains(l, "://") || strings.HasPrefix(strings.ToLower(l), "mailto:") {
		return link
	}
	l = "https://" + l
	return &l
}

// checkOutcome checks the rules that tie fields together once the change is
// known (422): evidence to submit, a reason to return or cancel, progress that fits the
// status.
func (ch *AssignmentChange) checkOutcome(next *Assignment, from, to Status) error {
	v := &ValidationError{}
	switch {
	case to == StatusSubmitted && from != StatusSubmitted:
		if strings.TrimSpace(next.EvidenceRef) == "" && strings.TrimSpace(next.EvidenceURL) == "" {
			v.Add("evidence_ref", "err.evidence_required")
		}
	case from == StatusSubmitted && to == StatusInProgress:
		if strings.TrimSpace(ch.Note) == "" {
			v.Add("note", "err.return_reason")
		}
	case to == StatusCancelled && from != StatusCancelled:
		// Cancelling is final: the agency is told why (history, e-mail).
		if strings.TrimSpace(ch.Note) == "" {
			v.Add("note", "err.cancel_reason")
		}
	case to == StatusSubmitted && ch.Progress != nil && *ch.Progress != 100:
		v.Add("progress", "err.progress_submitted")
	}
	if to == StatusNotStarted && next.Progress > 0 {
		v.Add("progress", "err.progress_not_started")
	}
	return v.OrNil()
}

// StatusLabel is a status as a message, translated where it is shown.
func StatusLabel(s Status) Msg { return NewMsg("status." + string(s)) }

// SetStr sets *dst to the trimmed *src when src is given.
func SetStr(dst *string, src *string) {
	if src != nil {
		*dst = strings.TrimSpace(*src)
	}
}
