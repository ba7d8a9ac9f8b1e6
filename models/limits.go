package models

import (
	"strings"
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
	// MaxErrorLen bounds the delivery error kept with an outbox message;
	// unlike a user's text, a longer error is cut (ClipText).
	MaxErrorLen = 1000
)

// TooLong reports whether text has more than max characters.
func TooLong(text string, max int) bool { return utf8.RuneCountInString(text) > max }

// CheckText adds a message when a required text is empty (requiredID, the
// message, is not "") or when a text is longer than MaxTextLen.
func CheckText(v *ValidationError, field, text, requiredID string) {
	switch {
	case text == "" && requiredID != "":
		v.Add(field, requiredID)
	case TooLong(text, MaxTextLen):
		v.Add(field, "err.text_too_long", "Max", MaxTextLen)
	}
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
