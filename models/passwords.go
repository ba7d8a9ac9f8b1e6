package models

import (
	"bufio"
	"embed"
	"strings"
	"unicode/utf8"
)

//go:embed common_passwords.txt
var commonPasswordsFile embed.FS

// CheckPassword adds a message when a new password breaks a rule: at least
// MinPasswordLen characters, at most MaxPasswordBytes bytes (what bcrypt
// hashes), not the account's e-mail nor its part before the @ (email may
// be "" when there is no account yet), and not one of the common passwords
// that guessers try first.
func CheckPassword(v *ValidationError, field, password, email string) {
	folded := strings.ToLower(strings.TrimSpace(password))
	email = NormaliseEmail(email)
	local, _, _ := strings.Cut(email, "@")
	switch {
	case utf8.RuneCountInString(password) < MinPasswordLen:
		v.Add(field, "err.password_short", "Min", MinPasswordLen)
	case len(password) > MaxPasswordBytes:
		v.Add(field, "err.password_long", "Max", MaxPasswordBytes)
	case email != "" && (NormaliseEmail(password) == email || NormaliseEmail(password) == local):
		v.Add(field, "err.password_is_email")
	case isCommonPassword(folded):
		v.Add(field, "err.password_common")
	}
}

// isCommonPassword reports whether a lower-cased password is on the list.
func isCommonPassword(folded string) bool {
	f, err := commonPasswordsFile.Open("common_passwords.txt")
	if err != nil { // embedded at build time: cannot happen
		return false
	}
	defer func() { _ = f.Close() }()
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		if line := lines.Text(); line != "" && !strings.HasPrefix(line, "#") && strings.ToLower(line) == folded {
			return true
		}
	}
	return false
}
