package models

import (
	"strings"
	"time"
)

// LogRows are the reminder-log rows a message writes: one per key (the
// digest's, the kick-off's, each item's).
func LogRows(m ReminderMessage, now time.Time) []ReminderLog {
	email := strings.ToLower(m.Recipient.Email)
	var rows []ReminderLog
	if m.Digest != nil {
		rows = append(rows, ReminderLog{Key: m.Digest.Key, Rule: RuleDigest, Recipient: email, PassAt: now.UTC()})
	}
	if m.Kickoff != nil {
		rows = append(rows, ReminderLog{Key: m.Kickoff.Key, Rule: RuleKickoff, Recipient: email, PassAt: now.UTC()})
	}
	for _, it := range m.Items {
		id := it.AssignmentID
		rows = append(rows, ReminderLog{Key: it.Key, Rule: it.Rule, Level: it.Level, AssignmentID: &id, Recipient: email, PassAt: now.UTC()})
	}
	return rows
}

// OnlyFresh keeps of m what carries a key in fresh.
func OnlyFresh(m ReminderMessage, fresh map[string]bool) ReminderMessage {
	if m.Digest != nil && !fresh[m.Digest.Key] {
		m.Digest = nil
	}
	if m.Kickoff != nil && !fresh[m.Kickoff.Key] {
		m.Kickoff = nil
	}
	items := make([]ReminderItem, 0, len(m.Items))
	for _, it := range m.Items {
		if fresh[it.Key] {
			items = append(items, it)
		}
	}
	m.Items = items
	return m
}
