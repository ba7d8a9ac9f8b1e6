package models

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"time"
)

// RandomToken returns n random bytes, URL-safe base64 encoded.
func RandomToken(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// HashToken is the SHA-256 of a token as stored: tokens are never kept in clear.
func HashToken(t string) string {
	sum := sha256.Sum256([]byte(t))
	return hex.EncodeToString(sum[:])
}

// TokenScope is what a bearer token may do: read only, or read and write.
type TokenScope string

// Token scopes. Sessions and login API tokens are write tokens.
const (
	ScopeRead  TokenScope = "read"
	ScopeWrite TokenScope = "write"
)

// Valid reports whether s is a known scope.
func (s TokenScope) Valid() bool { return s == ScopeRead || s == ScopeWrite }

// The bounds of personal API tokens.
const (
	// MaxTokenNameLen bounds a personal token's name.
	MaxTokenNameLen = 100
	// MaxPersonalTokens bounds the live personal tokens of one user: a
	// script per system a person connects, not one per request.
	MaxPersonalTokens = 50
	// TokenUseInterval is how stale a personal token's last use may be: a
	// token used again within it is not written, so that reads through the
	// API stay reads.
	TokenUseInterval = time.Minute
)

// NoExpiry is the expiry kept for a personal token made without one: the
// column stays NOT NULL and the bearer check one comparison.
var NoExpiry = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)

// PersonalTokenInput is a personal token to make; ExpiresAt nil: none.
type PersonalTokenInput struct {
	Name      string
	Scope     TokenScope
	ExpiresAt *time.Time
}

// Check validates a personal token to make at now.
func (in PersonalTokenInput) Check(now time.Time) error {
	v := &ValidationError{}
	if in.Name == "" {
		v.Add("name", "err.token_name_required")
	}
	CheckLine(v, "name", in.Name, MaxTokenNameLen)
	if !in.Scope.Valid() {
		v.Add("scope", "err.token_scope")
	}
	if in.ExpiresAt != nil && !in.ExpiresAt.After(now) {
		v.Add("expires_at", "err.token_expiry_past")
	}
	return v.OrNil()
}

// ParseTokenExpiry reads a personal token's expiry as typed: nothing (no
// expiry), an instant in RFC 3339, or a day in any form ParseDay reads,
// which means through the end of that day in loc (a person who types
// 31/12/2026 expects the token to work on the 31st).
func ParseTokenExpiry(s string, loc *time.Location) (*time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		if t.Year() < MinYear || t.Year() > MaxYear {
			return nil, Invalid("expires_at", "err.date_invalid")
		}
		return &t, nil
	}
	d, err := ParseDay(s)
	if err != nil {
		return nil, Invalid("expires_at", "err.date_invalid")
	}
	next := d.AddDays(1).Time()
	t := time.Date(next.Year(), next.Month(), next.Day(), 0, 0, 0, 0, loc)
	return &t, nil
}
