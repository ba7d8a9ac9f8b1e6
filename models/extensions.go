package models

// maxTextLen bounds a reason, a decision note or an answer (in characters).
const maxTextLen = 4000

// checkText adds a message when a required text is empty (requiredID, the
// message, is not "") or when a text is too long.
func CheckText(v *ValidationError, field, text, requiredID string) {
	switch {
	case text == "" && requiredID != "":
		v.Add(field, requiredID)
	case len([]rune(text)) > maxTextLen:
		v.Add(field, "err.text_too_long", "Max", maxTextLen)
	}
}
