package store

import (
	"context"
	"roviec/models"
	"time"

	"gorm.io/gorm"
)

// IssueToken creates a session or API token for a user, valid for ttl from
// now. Only its hash is stored; the plain token is returned once. The audit
// trail records it as a login (a session) or a token issued, by the user.
func (s *Store) IssueToken(ctx context.Context, userID uint, kind string, now time.Time, ttl time.Duration) (string, *models.Token, error) {
	plain := models.RandomToken(32)
	tok := &models.Token{UserID: userID, Kind: kind, Hash: models.HashToken(plain), Scope: models.ScopeWrite, ExpiresAt: now.Add(ttl).UTC(), CreatedAt: now.UTC()}
	return s.issue(ctx, plain, tok, nil)
}

// issue writes tok, whose hash is plain's, and its audit row in one
// transaction, after check (nil: none) allows it, and returns plain with it.
func (s *Store) issue(ctx context.Context, plain string, tok *models.Token, check func(tx *gorm.DB) error) (string, *models.Token, error) {
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		tok.ID = 0 // a retried attempt starts afresh
		if check != nil {
			if err := check(tx); err != nil {
				return err
			}
		}
		if err := tx.Create(tok).Error; err != nil {
			return err
		}
		return auditToken(tx, tok, models.AuditLogin, models.AuditTokenCreate, true)
	})
	if err != nil {
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

// RevokeToken deletes a token (logout), recorded in the audit trail; an
// unknown token is already gone.
func (s *Store) RevokeToken(ctx context.Context, plain string) error {
	return s.transaction(ctx, func(tx *gorm.DB) error {
		var tok models.Token
		res := tx.Where("hash = ?", models.HashToken(plain)).Limit(1).Find(&tok)
		if res.Error != nil || res.RowsAffected == 0 {
			return res.Error
		}
		if err := tx.Delete(&tok).Error; err != nil {
			return err
		}
		return auditToken(tx, &tok, models.AuditLogout, models.AuditTokenRevoke, false)
	})
}

// auditToken records the opening or end of a session (session) or of an API
// token (api) as done by the token's user (a login is made by someone not yet
// signed in, from the request's address): its kind and expiry, never its
// hash. created: the token was issued, else it ended.
func auditToken(tx *gorm.DB, tok *models.Token, session, api models.AuditAction, created bool) error {
	action := api
	if tok.Kind == models.TokenSession {
		action = session
	}
	actor := models.ActorOf(tx.Statement.Context)
	if actor.UserID != tok.UserID {
		var u models.User
		if err := tx.Select("id", "email").First(&u, tok.UserID).Error; err != nil {
			return NotFound(err)
		}
		actor = models.UserActor(&u, actor.Addr)
	}
	tx = tx.WithContext(models.WithActor(tx.Statement.Context, actor))
	view := map[string]any{"UserID": tok.UserID, "Kind": tok.Kind, "ExpiresAt": tok.ExpiresAt}
	if created {
		return audit(tx, models.AuditToken, tok.ID, action, nil, view)
	}
	return audit(tx, models.AuditToken, tok.ID, action, view, nil)
}

// PurgeExpiredTokens deletes the sessions and API tokens that have expired
// at now (they no longer let anyone in; kept, they only pile up) and says
// how many went.
func (s *Store) PurgeExpiredTokens(ctx context.Context, now time.Time) (int64, error) {
	res := s.db.WithContext(ctx).Where("expires_at <= ?", now.UTC()).Delete(&models.Token{})
	return res.RowsAffected, res.Error
}
