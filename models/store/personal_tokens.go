package store

import (
	"context"
	"roviec/models"
	"time"

	"gorm.io/gorm"
)

// PersonalTokenPrefix starts every personal token, so that a secret scanner
// (or a reader of a leaked script) knows one when it sees it.
const PersonalTokenPrefix = "rvp_"

// CreatePersonalToken makes a named personal API token for a user. Only its
// hash is stored; the plain token is returned once. A user holds at most
// models.MaxPersonalTokens live ones (a 409 past that).
func (s *Store) CreatePersonalToken(ctx context.Context, userID uint, in models.PersonalTokenInput, now time.Time) (string, *models.Token, error) {
	if err := in.Check(now); err != nil {
		return "", nil, err
	}
	plain := PersonalTokenPrefix + models.RandomToken(32)
	expires := models.NoExpiry
	if in.ExpiresAt != nil {
		expires = in.ExpiresAt.UTC()
	}
	tok := &models.Token{UserID: userID, Kind: models.TokenPersonal, Hash: models.HashToken(plain), Name: in.Name,
		Scope: in.Scope, ExpiresAt: expires, CreatedAt: now.UTC()}
	return s.issue(ctx, plain, tok, func(tx *gorm.DB) error {
		var n int64
		if err := livePersonal(tx, userID, now).Count(&n).Error; err != nil {
			return err
		}
		if n >= models.MaxPersonalTokens {
			return models.Conflict("err.token_too_many", "N", models.MaxPersonalTokens)
		}
		return nil
	})
}

func livePersonal(tx *gorm.DB, userID uint, now time.Time) *gorm.DB {
	return tx.Model(&models.Token{}).Where("user_id = ? AND kind = ? AND expires_at > ?", userID, models.TokenPersonal, now.UTC())
}

// ListPersonalTokens lists a user's personal tokens, newest first, expired
// ones included (until PurgeExpiredTokens removes them): at most
// models.MaxPersonalTokens live ones, so the list is short.
func (s *Store) ListPersonalTokens(ctx context.Context, userID uint) ([]models.Token, error) {
	var list []models.Token
	err := s.db.WithContext(ctx).Where("user_id = ? AND kind = ?", userID, models.TokenPersonal).
		Order("id DESC").Limit(2 * models.MaxPersonalTokens).Find(&list).Error
	return list, err
}

// RevokePersonalToken deletes one of a user's personal tokens; another
// user's token, or none, is models.ErrNotFound.
func (s *Store) RevokePersonalToken(ctx context.Context, userID, id uint) error {
	return s.transaction(ctx, func(tx *gorm.DB) error {
		var tok models.Token
		err := tx.Where("id = ? AND user_id = ? AND kind = ?", id, userID, models.TokenPersonal).First(&tok).Error
		if err != nil {
			return NotFound(err)
		}
		if err := tx.Delete(&tok).Error; err != nil {
			return err
		}
		return auditToken(tx, &tok, models.AuditLogout, models.AuditTokenRevoke, false)
	})
}

// UserByBearer resolves a live API token (a login token or a personal one)
// to its active user. A personal token's last use is written only when the
// one kept is older than models.TokenUseInterval, and by a conditional
// UPDATE, so a script polling the API writes once a minute, not once a
// request, and two requests at once write it once.
func (s *Store) UserByBearer(ctx context.Context, plain string, now time.Time) (*models.User, *models.Token, error) {
	if plain == "" {
		return nil, nil, models.ErrNotFound
	}
	var tok models.Token
	err := s.db.WithContext(ctx).Where("hash = ? AND kind IN ? AND expires_at > ?", models.HashToken(plain),
		[]string{models.TokenAPI, models.TokenPersonal}, now.UTC()).First(&tok).Error
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
	stale := now.Add(-models.TokenUseInterval).UTC()
	if tok.Kind == models.TokenPersonal && (tok.LastUsedAt == nil || tok.LastUsedAt.Before(stale)) {
		used := now.UTC()
		err := s.transaction(ctx, func(tx *gorm.DB) error {
			return tx.Model(&models.Token{}).Where("id = ? AND (last_used_at IS NULL OR last_used_at < ?)", tok.ID, stale).
				Update("last_used_at", used).Error
		})
		if err != nil {
			return nil, nil, err
		}
		tok.LastUsedAt = &used
	}
	return u, &tok, nil
}
