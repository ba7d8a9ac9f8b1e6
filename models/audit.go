package models

import (
	"bytes"
	"context"
	"encoding/json"
	"time"
)

// Actor is who makes a change and from where: a signed-in user (their id and
// e-mail), or the system (the reminder schedule, the command line, start-up),
// and the client's address as the server saw it ("cli" for the command line).
// It travels in the context.Context from the HTTP middleware (or the command)
// down to the store, which writes it into the audit trail in the same
// transaction as the change, so no store signature has to carry it.
type Actor struct {
	UserID uint   // 0 for the system or someone not signed in
	Email  string // the user's e-mail; SystemActor for the system
	Addr   string // client IP, "cli", "schedule"
}

// SystemActor is the Email of changes nobody signed in made: the reminder
// schedule, the command line, start-up.
const SystemActor = "system"

// System is the actor of the schedule and the command line, at addr.
func System(addr string) Actor { return Actor{Email: SystemActor, Addr: addr} }

// UserActor is u (nil: someone not signed in) acting from addr.
func UserActor(u *User, addr string) Actor {
	if u == nil {
		return Actor{Addr: addr}
	}
	return Actor{UserID: u.ID, Email: u.Email, Addr: addr}
}

type actorKey struct{}

// WithActor returns ctx carrying a as the author of the changes made with it.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorOf is the actor ctx carries; without one (tools and tests calling the
// store directly, start-up) the change is the system's.
func ActorOf(ctx context.Context) Actor {
	if a, ok := ctx.Value(actorKey{}).(Actor); ok {
		return a
	}
	return System("")
}

// AuditEntity names what an audit row is about.
type AuditEntity string

// The entities the audit trail records changes of.
const (
	AuditAssignment  AuditEntity = "assignment"
	AuditDirective   AuditEntity = "directive"
	AuditPlan        AuditEntity = "plan"
	AuditTheme       AuditEntity = "theme"
	AuditTarget      AuditEntity = "target"
	AuditUser        AuditEntity = "user"
	AuditAgency      AuditEntity = "agency"
	AuditSetting     AuditEntity = "setting"
	AuditHoliday     AuditEntity = "holiday"
	AuditExtension   AuditEntity = "extension"
	AuditExplanation AuditEntity = "explanation"
	AuditToken       AuditEntity = "token"
	AuditOutbox      AuditEntity = "outbox"
	AuditComment     AuditEntity = "comment"
	AuditWebhook     AuditEntity = "webhook"
	AuditMeetingPack AuditEntity = "meeting_pack"
)

// AuditEntities lists the entities in the order filters offer them.
func AuditEntities() []AuditEntity {
	return []AuditEntity{AuditAssignment, AuditDirective, AuditPlan, AuditTheme, AuditTarget, AuditUser,
		AuditAgency, AuditSetting, AuditHoliday, AuditExtension, AuditExplanation, AuditToken, AuditOutbox, AuditComment, AuditWebhook,
		AuditMeetingPack}
}

// Valid reports whether e is one of the entities.
func (e AuditEntity) Valid() bool {
	for _, x := range AuditEntities() {
		if e == x {
			return true
		}
	}
	return false
}

// AuditAction names what was done.
type AuditAction string

// The actions the audit trail records.
const (
	AuditCreate      AuditAction = "create"
	AuditUpdate      AuditAction = "update"
	AuditDelete      AuditAction = "delete"
	AuditCopy        AuditAction = "copy"         // a plan copied from another
	AuditApprove     AuditAction = "approve"      // an extension approved
	AuditReject      AuditAction = "reject"       // an extension rejected
	AuditAnswer      AuditAction = "answer"       // an explanation request answered
	AuditReport      AuditAction = "report"       // a national target's value reported
	AuditResend      AuditAction = "resend"       // a failed message queued again
	AuditPassword    AuditAction = "password"     // a password set (never its value)
	AuditLogin       AuditAction = "login"        // a session opened
	AuditLoginFailed AuditAction = "login_failed" // a wrong e-mail or password
	AuditLogout      AuditAction = "logout"       // a session ended
	AuditTokenCreate AuditAction = "token_create" // an API token issued
	AuditTokenRevoke AuditAction = "token_revoke" // an API token revoked
	AuditInvite      AuditAction = "invite"       // an invitation link sent
	AuditResetLink   AuditAction = "reset_link"   // a forgotten-password link sent
	AuditFileAttach  AuditAction = "file_attach"  // an evidence file attached to an assignment
	AuditFileRemove  AuditAction = "file_remove"  // an evidence file taken off an assignment's list
	AuditUrge        AuditAction = "urge"         // a late agency urged by the committee
	AuditMerge       AuditAction = "merge"        // an agency merged into a successor
	AuditClose       AuditAction = "close"        // a request closed with its assignment
)

// AuditActions lists the actions in the order filters offer them.
func AuditActions() []AuditAction {
	return []AuditAction{AuditCreate, AuditUpdate, AuditDelete, AuditCopy, AuditApprove, AuditReject,
		AuditAnswer, AuditReport, AuditResend, AuditPassword, AuditLogin, AuditLoginFailed, AuditLogout,
		AuditTokenCreate, AuditTokenRevoke, AuditInvite, AuditResetLink, AuditFileAttach, AuditFileRemove, AuditUrge, AuditMerge, AuditClose}
}

// Valid reports whether a is one of the actions.
func (a AuditAction) Valid() bool {
	for _, x := range AuditActions() {
		if a == x {
			return true
		}
	}
	return false
}

// AuditEntry is one row of the audit trail: who did what to which record,
// when and from where, with the values of the changed fields before and after
// (JSON objects; "" when there is none, as before a creation). Rows are only
// ever added: the database refuses to update or delete them.
type AuditEntry struct {
	ID       uint `gorm:"primaryKey"`
	At       time.Time
	ActorID  *uint
	Actor    string // the user's e-mail, SystemActor, or the e-mail tried by a failed login
	Address  string
	Entity   AuditEntity
	EntityID string
	Action   AuditAction
	Before   string
	After    string
}

// TableName is the audit trail's table.
func (AuditEntry) TableName() string { return "audit_log" }

// MaxAuditActorLen bounds the e-mail kept of a failed login, which anyone may
// type: longer is cut, so a stranger cannot fill the trail with megabytes.
const MaxAuditActorLen = 254

// auditHidden reports the fields never written into the trail: secrets
// (password and token hashes), and what every change touches or derives (the
// update stamp, the version, the search key), which would only hide the real
// change.
func auditHidden(field string) bool {
	switch field {
	case "PasswordHash", "Password", "Hash", "Token", "CSRF", "UpdatedAt", "Version", "SearchKey":
		return true
	}
	return false
}

// related reports whether a JSON value is a related record or a list of
// them (an object, or a list of objects), not a field of its own.
func related(raw json.RawMessage) bool {
	v := bytes.TrimLeft(raw, " \t\r\n")
	if len(v) > 0 && v[0] == '[' {
		v = bytes.TrimLeft(v[1:], " \t\r\n")
	}
	return len(v) > 0 && v[0] == '{'
}

// AuditDiff is the JSON of the fields that differ between before and after
// (either may be nil: a creation or a deletion gives every field of the
// other that is not null). Secrets and related records (objects and lists of objects: a
// preloaded agency, a directive's theme) are left out. Values are structs or maps
// that encoding/json turns into objects.
func AuditDiff(before, after any) (string, string, error) {
	b, err := auditFields(before)
	if err != nil {
		return "", "", err
	}
	a, err := auditFields(after)
	if err != nil {
		return "", "", err
	}
	for _, one := range []map[string]json.RawMessage{a, b} {
		for k, v := range one {
			if related(v) { // on either side: a preloaded record on one, null on the other
				delete(a, k)
				delete(b, k)
			}
		}
	}
	for k, bv := range b {
		if av, ok := a[k]; ok && bytes.Equal(bv, av) {
			delete(a, k)
			delete(b, k)
		}
	}
	// A record created or deleted is told by the fields it has: empty
	// references (no agency, no target) say nothing.
	for _, one := range []map[string]json.RawMessage{a, b} {
		if before == nil || after == nil {
			for k, v := range one {
				if string(v) == "null" {
					delete(one, k)
				}
			}
		}
	}
	return auditJSON(b, before != nil), auditJSON(a, after != nil), nil
}

// auditFields is v's fields as JSON, without hidden fields.
func auditFields(v any) (map[string]json.RawMessage, error) {
	out := map[string]json.RawMessage{}
	if v == nil {
		return out, nil
	}
	buf, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(buf, &out); err != nil {
		return nil, err
	}
	for k := range out {
		if auditHidden(k) {
			delete(out, k)
		}
	}
	return out, nil
}

// auditJSON is the object of fields, or "" when there was no value at all.
func auditJSON(fields map[string]json.RawMessage, present bool) string {
	if !present {
		return ""
	}
	buf, _ := json.Marshal(fields) // raw messages from json.Marshal: cannot fail
	return string(buf)
}
