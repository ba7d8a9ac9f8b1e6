package models

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"time"
)

// HookEvent is something that happened which a webhook may be told of.
type HookEvent string

// The events a webhook subscribes to.
const (
	HookAssignmentUpdated    HookEvent = "assignment.updated"    // any change of an assignment (status, progress, deadline, owner, evidence)
	HookAssignmentOverdue    HookEvent = "assignment.overdue"    // the reminder pass first finds it overdue for its deadline in force
	HookAssignmentSubmitted  HookEvent = "assignment.submitted"  // the agency submitted its work for review
	HookDirectiveCreated     HookEvent = "directive.created"     // a new directive and its assignments
	HookExplanationRequested HookEvent = "explanation.requested" // the reminder pass opened an explanation request
)

// HookEvents lists every event, in the order forms show them.
var HookEvents = []HookEvent{HookAssignmentUpdated, HookAssignmentOverdue, HookAssignmentSubmitted,
	HookDirectiveCreated, HookExplanationRequested}

// Limits of a webhook's fields.
const (
	MaxHookSecretLen = 200 // said in the message err.hook_secret
	MinHookSecretLen = 16  // a short secret is guessable, and the signature with it
	// HookTimeout is how long a receiver has to answer a delivery.
	HookTimeout = 10 * time.Second
)

// Webhook is an address that is POSTed the events it subscribes to (an
// administrator's setting): how a province connects its own SMS or Zalo
// gateway.
type Webhook struct {
	ID        uint   `gorm:"primaryKey"`
	URL       string `gorm:"column:url"`
	Secret    string
	Events    string // ",assignment.updated,directive.created," (commas around each, for a LIKE)
	Active    bool
	CreatedAt time.Time
	UpdatedAt time.Time
}

// EventList is the events the webhook subscribes to, in HookEvents order.
func (w *Webhook) EventList() []HookEvent {
	var out []HookEvent
	for _, e := range HookEvents {
		if strings.Contains(w.Events, ","+string(e)+",") {
			out = append(out, e)
		}
	}
	return out
}

// JoinHookEvents is the stored form of a set of events.
func JoinHookEvents(events []HookEvent) string {
	var b strings.Builder
	b.WriteString(",")
	for _, e := range HookEvents {
		for _, got := range events {
			if got == e {
				b.WriteString(string(e) + ",")
				break
			}
		}
	}
	return b.String()
}

// WebhookInput is what an administrator sends to create or change a webhook.
// An empty Secret on a change keeps the one stored.
type WebhookInput struct {
	URL    string
	Secret string
	Events []string
	Active bool
}

// Validate checks the input: an http or https address with a host, a secret
// of MinHookSecretLen to MaxHookSecretLen characters (unless keep), known
// events and at least one.
func (in WebhookInput) Validate(keepSecret bool) (*Webhook, error) {
	v := &ValidationError{}
	w := &Webhook{URL: strings.TrimSpace(in.URL), Secret: in.Secret, Active: in.Active}
	if w.URL == "" {
		v.Add("url", "err.hook_url")
	} else if BadText(w.URL, false) || TooLong(w.URL, MaxURLLen) {
		CheckLine(v, "url", w.URL, MaxURLLen)
	} else if u, err := url.Parse(w.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		v.Add("url", "err.hook_url")
	}
	switch {
	case keepSecret && in.Secret == "":
	case BadText(in.Secret, false):
		v.Add("secret", "err.text_invalid")
	case len([]rune(in.Secret)) < MinHookSecretLen || TooLong(in.Secret, MaxHookSecretLen):
		v.Add("secret", "err.hook_secret", "N", MinHookSecretLen)
	}
	var events []HookEvent
	for _, e := range in.Events {
		known := false
		for _, k := range HookEvents {
			known = known || string(k) == e
		}
		if !known {
			v.Add("events", "err.hook_event_unknown", "Event", e)
		}
		events = append(events, HookEvent(e))
	}
	if len(in.Events) == 0 {
		v.Add("events", "err.hook_events_required")
	}
	w.Events = JoinHookEvents(events)
	if len(v.Fields) > 0 {
		return nil, v
	}
	return w, nil
}

// SignHook is the value of a delivery's X-Roviec-Signature header: the
// HMAC-SHA256 of the body with the webhook's secret, in hex, after "sha256="
// (GitHub's form, which receivers' libraries already check).
func SignHook(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// WebhookDelivery is one event on its way to one webhook, queued in the
// transaction of the change it tells of and delivered like the e-mail outbox:
// claimed under a lease, retried with OutboxBackoff, failed after
// OutboxMaxAttempts. Its statuses are the outbox's.
type WebhookDelivery struct {
	ID            uint `gorm:"primaryKey"`
	WebhookID     uint
	Event         HookEvent
	Key           *string `gorm:"column:dedup_key"` // once per webhook and key (assignment.overdue), else none
	Payload       string
	Status        string
	Attempts      int
	LastError     string
	ResponseCode  int
	NextAttemptAt time.Time
	LockedUntil   *time.Time
	CreatedAt     time.Time `gorm:"autoCreateTime:false"`
	SentAt        *time.Time
}

// TableName names the table after what a row is.
func (WebhookDelivery) TableName() string { return "webhook_deliveries" }
