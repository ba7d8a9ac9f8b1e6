package models

import (
	"errors"
	"time"
)

// PasswordLinkTTL is how long an invitation or reset link works.
const PasswordLinkTTL = 72 * time.Hour

// PasswordLinkKept is how long a link is kept once expired, so that a late
// click is told the link expired rather than that it is unknown.
const PasswordLinkKept = 7 * 24 * time.Hour

// LinkPurpose says why a password link was sent.
type LinkPurpose string

// The purposes of a password link.
const (
	LinkInvite LinkPurpose = "invite" // an administrator invited the person
	LinkReset  LinkPurpose = "reset"  // the person forgot their password
)

// PasswordLink is a link sent by e-mail that lets its holder set the
// password of one account, once, before ExpiresAt. Only the SHA-256 of its
// token is kept (HashToken): the database never holds a usable link.
type PasswordLink struct {
	ID        uint        `gorm:"primaryKey"`
	UserID    uint        `gorm:"not null;index"`
	Purpose   LinkPurpose `gorm:"not null"`
	Hash      string      `gorm:"not null;uniqueIndex"`
	ExpiresAt time.Time   `gorm:"not null"`
	CreatedAt time.Time   `gorm:"autoCreateTime:false"`
	UsedAt    *time.Time
}

// Why a password link does not work; each has its own message.
var (
	ErrLinkInvalid = errors.New("password link unknown, replaced by a newer one, or its account deactivated")
	ErrLinkUsed    = errors.New("password link already used")
	ErrLinkExpired = errors.New("password link expired")
)

// LinkState checks a stored link at now: nil when it may still be used.
func LinkState(l *PasswordLink, now time.Time) error {
	switch {
	case l.UsedAt != nil:
		return ErrLinkUsed
	case !now.Before(l.ExpiresAt):
		return ErrLinkExpired
	}
	return nil
}

// PasswordLinkMail is what the e-mail carrying a password link says.
type PasswordLinkMail struct {
	Purpose   LinkPurpose
	Name      string
	Email     string
	Lang      string
	Token     string    // the plain token, only ever in the e-mail
	ExpiresAt time.Time // in the zone the reader lives in
}

// PasswordMailRenderer turns a password link into an e-mail (a pure function).
type PasswordMailRenderer func(m PasswordLinkMail) (RenderedMail, error)
