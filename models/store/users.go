package store

import (
	"context"
	"errors"
	"roviec/models"
	"strings"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"
)

// CreateUser validates and stores a user; a taken e-mail is a 409 conflict.
func (s *Store) CreateUser(ctx context.Context, nu models.NewUser) (*models.User, error) {
	v := &models.ValidationError{}
	email := models.NormaliseEmail(nu.Email)
	if !models.ValidEmail(email) {
		v.Add("email", "err.email_invalid")
	}
	if strings.TrimSpace(nu.Name) == "" {
		v.Add("name", "err.name_required")
	}
	models.CheckLine(v, "name", nu.Name, models.MaxNameLen)
	if !nu.Role.Valid() {
		v.Add("role", "err.role_invalid")
	}
	models.CheckPassword(v, "password", nu.Password)
	lang := nu.Language
	if lang == "" {
		lang = "vi"
	}
	if lang != "vi" && lang != "en" {
		v.Add("language", "err.language")
	}
	var agencyID *uint
	if nu.AgencyCode != "" {
		a, err := s.AgencyByCode(ctx, nu.AgencyCode)
		if errors.Is(err, models.ErrNotFound) {
			v.Add("agency_code", "err.agency_unknown", "Code", nu.AgencyCode)
		} else if err != nil {
			return nil, err
		} else {
			agencyID = &a.ID
		}
	} else if nu.Role == models.RoleFocal {
		v.Add("agency_code", "err.focal_needs_agency")
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(nu.Password), s.PasswordCost)
	if err != nil {
		return nil, err
	}
	u := &models.User{Email: email, Name: strings.TrimSpace(nu.Name), Role: nu.Role, AgencyID: agencyID,
		Language: lang, Active: true, PasswordHash: string(hash)}
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&models.User{}).Where("email = ?", email).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return models.Conflict("err.email_taken", "Email", email)
		}
		return tx.Create(u).Error
	})
	if errors.Is(err, gorm.ErrDuplicatedKey) { // created meanwhile by another transaction
		err = models.Conflict("err.email_taken", "Email", email)
	}
	if err != nil {
		return nil, err
	}
	return u, nil
}

// CountUsers is the number of users (any state).
func (s *Store) CountUsers(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&models.User{}).Count(&n).Error
	return n, err
}

// UserByID loads a user with their agency.
func (s *Store) UserByID(ctx context.Context, id uint) (*models.User, error) {
	var u models.User
	if err := s.db.WithContext(ctx).Preload("Agency").First(&u, id).Error; err != nil {
		return nil, NotFound(err)
	}
	return &u, nil
}

// ListUsers returns all users, administrators first, then by e-mail.
func (s *Store) ListUsers(ctx context.Context) ([]models.User, error) {
	var list []models.User
	err := s.db.WithContext(ctx).Preload("Agency").Order("role, email").Find(&list).Error
	return list, err
}

// Authenticate returns the active user with this e-mail and password, or
// ErrNotFound for any mismatch (without telling which part was wrong).
func (s *Store) Authenticate(ctx context.Context, email, password string) (*models.User, error) {
	var u models.User
	err := s.db.WithContext(ctx).Preload("Agency").Where("email = ?", models.NormaliseEmail(email)).First(&u).Error
	if err != nil {
		// Spend the same time as a real comparison so timing tells nothing.
		_ = bcrypt.CompareHashAndPassword([]byte("$2a$10$invalidinvalidinvalidinvalidinvalidinvalidinvalidinva"), []byte(password))
		return nil, NotFound(err)
	}
	if !u.Active || bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte(password)) != nil {
		return nil, models.ErrNotFound
	}
	return &u, nil
}

// SetPassword replaces a user's password and ends their sessions and tokens.
func (s *Store) SetPassword(ctx context.Context, id uint, password string) error {
	v := &models.ValidationError{}
	models.CheckPassword(v, "password", password)
	if err := v.OrNil(); err != nil {
		return err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), s.PasswordCost)
	if err != nil {
		return err
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&models.User{}).Where("id = ?", id).Update("password_hash", string(hash))
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return models.ErrNotFound
		}
		return tx.Where("user_id = ?", id).Delete(&models.Token{}).Error
	})
}

// SetUserActive activates or deactivates a user; deactivation ends their sessions.
func (s *Store) SetUserActive(ctx context.Context, id uint, active bool) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&models.User{}).Where("id = ?", id).Update("active", active)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return models.ErrNotFound
		}
		if active {
			return nil
		}
		return tx.Where("user_id = ?", id).Delete(&models.Token{}).Error
	})
}

// SetUserLanguage stores a user's language choice ("vi" or "en").
func (s *Store) SetUserLanguage(ctx context.Context, id uint, lang string) error {
	if lang != "vi" && lang != "en" {
		return models.Invalid("language", "err.language")
	}
	return s.db.WithContext(ctx).Model(&models.User{}).Where("id = ?", id).Update("language", lang).Error
}
