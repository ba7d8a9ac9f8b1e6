package store

import (
	"context"
	"roviec/models"
	"time"
)

// IssueToken creates a session or API token for a user, valid for ttl from
// now. Only its hash is stored; the plain token is returned once.
func (s *Store) IssueToken(ctx context.Context, userID uint, kind string, now time.Time, ttl time.Duration) (plain string, tok *models.Token, err error) {
	plain = models.RandomToken(32)
	tok = &models.Token{UserID: userID, Kind: kind, Hash: models.HashToken(plain), ExpiresAt: now.Add(ttl).UTC(), CreatedAt: now.UTC()}
	if err := s.db.WithContext(ctx).Create(tok).Error; err != nil {
		return "", nil, err
	}
	return plain, tok, nil
}

// UserByToken resolves a live token of the given kind to its active user.
func (s *Store) UserByToken(ctx context.Context, plain, kind string, now time.Time) (*models.User, *models.Token, error) {
	if plain == "" {
		return nil, nil, models.ErrNotFound
	}
	var tok models.Token
	err := s.db.WithContext(ctx).Where("hash = ? AND kind = ? AND expires_at > ?", models.HashToken(plain), kind, now.UTC()).First(&tok).Error
	if err != nil {
		return nil, nil, NotFound(err)
	}
	u, err := s.UserByID(ctx, tok.UserID)
	if err != nil {
		return nil, nil, err
	}
	if !u.Active {
		return nil, nil, models.ErrNotFound
	}
	return u, &tok, nil
}

// RevokeToken deletes a token (logout).
func (s *Store) RevokeToken(ctx context.Context, plain string) error {
	return s.db.WithContext(ctx).Where("hash = ?", models.HashToken(plain)).Delete(&models.Token{}).Error
}

// PurgeExpiredTokens deletes the sessions and API tokens that have expired
// at now (they no longer let anyone in; kept, they only pile up) and says
// how many went.
func (s *Store) PurgeExpiredTokens(ctx context.Context, now time.Time) (int64, error) {
	res := s.db.WithContext(ctx).Where("expires_at <= ?", now.UTC()).Delete(&models.Token{})
	return res.RowsAffected, res.Error
}
