package models

import "net/mail"

// Clarity parts: "clear person, clear task, clear timeline".
const (
	MissingOwner       = "owner"
	MissingOwnerEmail  = "owner_email"
	MissingDeliverable = "deliverable"
	MissingDueDate     = "due_date"
)

// Clarity tells whether an assignment names who, what and by when, and which
// of these is missing.
type Clarity struct {
	Clear   bool     `json:"clear"`
	Missing []string `json:"missing"`
}

// AssessClarity checks an assignment against its directive.
func AssessClarity(a *Assignment, d *Directive) Clarity {
	missing := []string{}
	if a.OwnerName == "" {
		missing = append(missing, MissingOwner)
	}
	if a.OwnerEmail == "" || !ValidEmail(a.OwnerEmail) {
		missing = append(missing, MissingOwnerEmail)
	}
	if d == nil || d.Deliverable == "" {
		missing = append(missing, MissingDeliverable)
	}
	if a.DueOn.IsZero() {
		missing = append(missing, MissingDueDate)
	}
	return Clarity{Clear: len(missing) == 0, Missing: missing}
}

// ValidEmail reports whether s is a single bare e-mail address.
func ValidEmail(s string) bool {
	if len(s) > MaxEmailLen || BadText(s, false) {
		return false
	}
	addr, err := mail.ParseAddress(s)
	return err == nil && addr.Address == s && addr.Name == ""
}
