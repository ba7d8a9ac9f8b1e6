package models

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"
)

// RandomToken returns n random bytes, URL-safe base64 encoded.
func RandomToken(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func hashToken(t string) string {
	sum := sha256.Sum256([]byte(t))
	return hex.EncodeToString(sum[:])
}

// IssueToken creates a session or API token for a user, valid for ttl from
// now. Only its hash is stored; the plain token is returned once.
func (s *Store) IssueToken(ctx context.Context, userID uint, kind string, now time.Time, ttl time.Duration) (plain string, tok *Token, err error) {
	plain = RandomToken(32)
	tok = &Token{UserID: userID, Kind: kind, Hash: hashToken(plain), ExpiresAt: now.Add(ttl).UTC(), CreatedAt: now.UTC()}
	if err := s.db.WithContext(ctx).Create(tok).Error; err != nil {
		return "", nil, err
	}
	return plain, tok, nil
}

// UserByToken resolves a live token of the given kind to its active user.
func (s *Store) UserByToken(ctx context.Context, plain, kind string, now time.Time) (*User, *Token, error) {
	if plain == "" {
		return nil, nil, ErrNotFound
	}
	var tok Token
	err := s.db.WithContext(ctx).Where("hash = ? AND kind = ? AND expires_at > ?", hashToken(plain), kind, now.UTC()).First(&tok).Error
	if err != nil {
		return nil, nil, notFound(err)
	}
	u, err := s.UserByID(ctx, tok.UserID)
	if err != nil {
		return nil, nil, err
	}
	if !u.Active {
		return nil, nil, ErrNotFound
	}
	return u, &tok, nil
}

// RevokeToken deletes a token (logout).
func (s *Store) RevokeToken(ctx context.Context, plain string) error {
	return s.db.WithContext(ctx).Where("hash = ?", hashToken(plain)).Delete(&Token{}).Error
}
