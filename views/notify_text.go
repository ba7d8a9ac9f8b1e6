package views

import "roviec/models/notify"

// notificationNote is what a notification says beyond its kind, in the
// reader's language (t): its event written from the locale files with the
// date it names, then what a person typed, as typed. One written before
// events were kept has no event; its note is shown as it was written.
func notificationNote(t func(id string, args ...any) string, it *notify.Item) string {
	if it.Event == "" {
		return it.Note
	}
	text := t("notify.event."+string(it.Event), "Date", it.EventDay.VN())
	if it.Note != "" {
		text += " — " + it.Note
	}
	return text
}
