package models

import (
	"strings"

	"golang.org/x/text/unicode/norm"
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

// NormaliseEmail trims an address, lower-cases it and composes its Unicode
// (NFC): e-mails are unique case-insensitively, and "ễ" typed as one
// character or as "e" and two combining marks is the same address. Every
// path in (accounts created by page, API or command, logins, look-ups) and
// out (reminders' recipients) goes through it; migration 11 brought the
// stored accounts to it.
func NormaliseEmail(s string) string { return norm.NFC.String(strings.ToLower(strings.TrimSpace(s))) }

// HasPassword reports whether the account has a password: an invited
// person has none until they set it from the link.
func (u User) HasPassword() bool { return u.PasswordHash != "" }
