package models

import (
	"strings"
)

// NewUser is what is needed to create a user.
type NewUser struct {
	Email      string
	Name       string
	Role       Role
	AgencyCode string
	Language   string
	Password   string
}

// NormaliseEmail lower-cases and trims an address (e-mails are unique case-insensitively).
func NormaliseEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
