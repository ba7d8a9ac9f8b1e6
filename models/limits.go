package models

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The limits on text: a value longer than its limit is refused (a 422
// naming the limit as "Max"), never cut. Lengths are counted in characters
// (runes), as a reader counts Vietnamese text, except where said otherwise.
const (
	// MaxTitleLen bounds a directive's title.
	MaxTitleLen = 500
	// MaxOwnerNameLen bounds the name of an assignment's person in charge.
	MaxOwnerNameLen = 200
	// MaxEvidenceRefLen bounds the number of an evidence document
	// ("12/KH-BTTTT").
	MaxEvidenceRefLen = 200
	// MaxTextLen bounds a free text: the note of an assignment's update, the
	// reason for an extension and the note deciding it, the answer to an
	// explanation request.
	MaxTextLen = 4000
	// MinPasswordLen is the shortest password accepted for a new one.
	MinPasswordLen = 8
	// MaxPasswordBytes bounds a new password in bytes (not characters), the
	// most bcrypt hashes: a letter with a diacritic takes 2 or 3 bytes.
	MaxPasswordBytes = 72
	// MaxNameLen bounds a name: of a plan, a theme (each language), an
	// agency, a user, an agency's leader, a holiday.
	MaxNameLen = 200

	// MaxMergeFrom bounds the agencies merged into one at once (the 2025
	// mergers took at most three provinces into one).
	MaxMergeFrom = 100
	// MaxEmailLen bounds an e-mail address (RFC 5321's path limit).
	MaxEmailLen = 254
	// MaxURLLen bounds a link (an assignment's evidence): longer links are
	// not typed or pasted by people, and browsers and servers cut them.
	MaxURLLen = 2000
	// MaxSourceLen bounds a short reference text: a directive's deliverable
	// and source, the source of a reported target value.
	MaxSourceLen = 500
	// MaxErrorLen bounds the delivery error kept with an outbox message;
	// unlike a user's text, a longer error is cut (ClipText).
	MaxErrorLen = 1000
)

// The years a date may fall in, as a plan's year does: the programme's
// dates (deadlines, extensions, holidays, evidence, "as of") are in this
// century; 0001-01-01 or 9999-12-31 is a slip of the keyboard.
const (
	MinYear = 2000
	MaxYear = 2100
)

// TooLong reports whether text has more than max characters.
func TooLong(text string, max int) bool { return utf8.RuneCountInString(text) > max }

// CheckText adds a message when a required text is empty (requiredID, the
// message, is not ""), holds what no one types (BadText, line breaks and
// tabs allowed) or is longer than MaxTextLen.
func CheckText(v *ValidationError, field, text, requiredID string) {
	switch {
	case text == "" && requiredID != "":
		v.Add(field, requiredID)
	case BadText(text, true):
		v.Add(field, "err.text_invalid")
	case TooLong(text, MaxTextLen):
		v.Add(field, "err.text_too_long", "Max", MaxTextLen)
	}
}

// CheckLine adds a message when a one-line text (a name, a title, an
// e-mail, a link) holds what no one types (BadText) or is longer than max
// characters. An empty text passes: a required field says so itself.
func CheckLine(v *ValidationError, field, text string, max int) {
	switch {
	case BadText(text, false):
		v.Add(field, "err.text_invalid")
	case TooLong(text, max):
		v.Add(field, "err.too_long", "Max", max)
	}
}

// BadText reports whether text is not valid UTF-8 or holds a control
// character (a NUL, an escape; line breaks and tabs only when multiline):
// such bytes come from broken clients or attacks, and would be copied into
// every later page, e-mail, export and history row.
func BadText(text string, multiline bool) bool {
	if !utf8.ValidString(text) {
		return true
	}
	for _, r := range text {
		if multiline && (r == '\n' || r == '\r' || r == '\t') {
			continue
		}
		if unicode.IsControl(r) {
			return true
		}
	}
	return false
}

// ClipText cuts text to at most max characters, on a character boundary,
// for texts kept whatever their length (an error, a log line). The result is
// valid UTF-8 even when text is not: invalid bytes become U+FFFD.
func ClipText(text string, max int) string {
	text = strings.ToValidUTF8(text, "\uFFFD")
	n := 0
	for i := range text {
		if n == max {
			return text[:i]
		}
		n++
	}
	return text
}
