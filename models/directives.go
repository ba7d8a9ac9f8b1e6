package models

import (
	"errors"
)

// DirectiveInput is a directive as a coordinator writes it, with the agencies
// it goes to: any codes, and/or every active agency of some kinds.
type DirectiveInput struct {
	ThemeID     uint
	Pillar      string
	Title       string
	Description string
	Deliverable string
	DueDate     string
	TargetCode  string
	Source      string
	AgencyCodes []string
	AgencyKinds []AgencyKind
	Version     int // an edit: the directive's version it was made on (0: whatever is current)
	// AskPastDue refuses a deadline set in the past until it is confirmed:
	// the form sets it while its confirmation box is unticked.
	AskPastDue bool
}

// ValidPillar reports whether p is one of Pillars.
func ValidPillar(p string) bool {
	for _, x := range Pillars {
		if p == x {
			return true
		}
	}
	return false
}

// MergeValidation joins the field messages of several validation errors into
// one (nil when there are none); other errors are returned as they are.
func MergeValidation(errs ...error) error {
	merged := &ValidationError{}
	for _, err := range errs {
		var v *ValidationError
		if errors.As(err, &v) {
			merged.Merge(v)
		} else if err != nil {
			return err
		}
	}
	return merged.OrNil()
}
