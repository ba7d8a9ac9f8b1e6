package store

import (
	"context"
	"errors"
	"fmt"
	"roviec/models"
	"strconv"
	"strings"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"
)

// CreateUser validates and stores a user; a taken e-mail is a 409 conflict.
func (s *Store) CreateUser(ctx context.Context, nu models.NewUser) (*models.User, error) {
	v := &models.ValidationError{}
	u, err := s.newUser(ctx, nu, v)
	if err != nil {
		return nil, err
	}
	models.CheckPassword(v, "password", nu.Password, u.Email)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(nu.Password), s.PasswordCost)
	if err != nil {
		return nil, err
	}
	u.PasswordHash = string(hash)
	err = s.write(ctx, func(tx *gorm.DB) error { return createUserIn(tx, u) })
	if err != nil {
		return nil, err
	}
	return u, nil
}

// newUser checks the fields of a new account but its password, adding to v,
// and returns the account to store (no password yet).
func (s *Store) newUser(ctx context.Context, nu models.NewUser, v *models.ValidationError) (*models.User, error) {
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
	return &models.User{Email: email, Name: strings.TrimSpace(nu.Name), Role: nu.Role, AgencyID: agencyID,
		Language: lang, Active: true}, nil
}

// createUserIn inserts u in tx; a taken e-mail is a 409 conflict.
func createUserIn(tx *gorm.DB, u *models.User) error {
	var n int64
	if err := tx.Model(&models.User{}).Where("email = ?", u.Email).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return models.Conflict("err.email_taken", "Email", u.Email)
	}
	err := tx.Create(u).Error
	if errors.Is(err, gorm.ErrDuplicatedKey) { // created meanwhile by another transaction
		return models.Conflict("err.email_taken", "Email", u.Email)
	}
	if err != nil {
		return err
	}
	return audit(tx, models.AuditUser, u.ID, models.AuditCreate, nil, u)
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
// ErrNotFound for any mismatch (without telling which part was wrong). Every
// failure, an unknown e-mail, a deactivated account, an invited one without
// a password yet or a wrong password,
// costs one bcrypt comparison, so timing tells them apart no more than the
// answer does.
func (s *Store) Authenticate(ctx context.Context, email, password string) (*models.User, error) {
	var u models.User
	err := s.db.WithContext(ctx).Preload("Agency").Where("email = ?", models.NormaliseEmail(email)).First(&u).Error
	if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, err
	}
	// An invited account without a password yet is no more usable than a
	// deactivated one, and costs the same comparison.
	usable := err == nil && u.Active && u.PasswordHash != ""
	hash := []byte(u.PasswordHash)
	if !usable {
		if hash, err = s.dummy(); err != nil {
			return nil, err
		}
	}
	if !s.passwordMatches(hash, password) || !usable {
		var known *models.User
		if u.ID != 0 {
			known = &u
		}
		return nil, s.loginFailed(ctx, email, known, models.ErrNotFound)
	}
	return &u, nil
}

// passwordMatches is the one bcrypt comparison of a login. It is counted
// only when the hash is a bcrypt hash, the one kind that costs the time of
// a real comparison (an empty one fails at once).
func (s *Store) passwordMatches(hash []byte, password string) bool {
	if _, err := bcrypt.Cost(hash); err == nil {
		s.passwordChecks.Add(1)
	}
	return bcrypt.CompareHashAndPassword(hash, []byte(password)) == nil
}

// PasswordChecks is how many password comparisons logins have made.
func (s *Store) PasswordChecks() int64 { return s.passwordChecks.Load() }

// dummy is a hash of a random password at the store's cost.
func (s *Store) dummy() ([]byte, error) {
	var err error
	s.dummyOnce.Do(func() {
		s.dummyHash, err = bcrypt.GenerateFromPassword([]byte(models.RandomToken(16)), s.PasswordCost)
	})
	if s.dummyHash == nil && err == nil { // a first call failed; say so again
		err = errors.New("no dummy password hash at cost " + strconv.Itoa(s.PasswordCost))
	}
	return s.dummyHash, err
}

// SetPassword replaces a user's password (an administrator's reset) and
// ends all their sessions and tokens.
func (s *Store) SetPassword(ctx context.Context, id uint, password string) error {
	u, err := s.UserByID(ctx, id)
	if err != nil {
		return err
	}
	return s.replacePassword(ctx, u, "password", password)
}

// ChangePassword is a user changing their own password: the current one
// must match (a 422 on current_password otherwise), the new one follow the
// rules. Every session and token of theirs ends; the caller issues the one
// the user goes on with.
func (s *Store) ChangePassword(ctx context.Context, id uint, current, password string) error {
	u, err := s.UserByID(ctx, id)
	if err != nil {
		return err
	}
	if !s.passwordMatches([]byte(u.PasswordHash), current) {
		return models.Invalid("current_password", "err.current_password_wrong")
	}
	return s.replacePassword(ctx, u, "new_password", password)
}

// replacePassword checks a new password (a 422 on field), stores its hash
// and deletes every session and token of the user and their unused password
// links (a password set another way voids them), in one transaction.
func (s *Store) replacePassword(ctx context.Context, u *models.User, field, password string) error {
	v := &models.ValidationError{}
	models.CheckPassword(v, field, password, u.Email)
	if err := v.OrNil(); err != nil {
		return err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), s.PasswordCost)
	if err != nil {
		return err
	}
	return s.write(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&models.User{}).Where("id = ?", u.ID).Update("password_hash", string(hash))
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return models.ErrNotFound
		}
		if err := audit(tx, models.AuditUser, u.ID, models.AuditPassword, nil, nil); err != nil {
			return err
		}
		return endAccessIn(tx, u.ID)
	})
}

// SetUserActive activates or deactivates a user; deactivation ends their
// sessions and tokens and voids their unused password links.
func (s *Store) SetUserActive(ctx context.Context, id uint, active bool) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		var was models.User
		if err := forUpdate(tx).Select("active").First(&was, id).Error; err != nil {
			return NotFound(err)
		}
		if err := tx.Model(&models.User{}).Where("id = ?", id).Update("active", active).Error; err != nil {
			return err
		}
		if err := audit(tx, models.AuditUser, id, models.AuditUpdate, map[string]any{"Active": was.Active},
			map[string]any{"Active": active}); err != nil {
			return err
		}
		if active {
			return nil
		}
		return endAccessIn(tx, id)
	})
}

// SetUserLanguage stores a user's language choice ("vi" or "en").
func (s *Store) SetUserLanguage(ctx context.Context, id uint, lang string) error {
	if lang != "vi" && lang != "en" {
		return models.Invalid("language", "err.language")
	}
	return s.transaction(ctx, func(tx *gorm.DB) error {
		var was models.User
		if err := tx.Select("language").First(&was, id).Error; err != nil || was.Language == lang {
			return NotFound(err)
		}
		if err := tx.Model(&models.User{}).Where("id = ?", id).Update("language", lang).Error; err != nil {
			return err
		}
		return audit(tx, models.AuditUser, id, models.AuditUpdate, map[string]any{"Language": was.Language},
			map[string]any{"Language": lang})
	})
}

// loginFailed records a failed login in the audit trail, as done by the
// e-mail that was tried (u is its account, when there is one; never the
// password), and returns cause.
func (s *Store) loginFailed(ctx context.Context, email string, u *models.User, cause error) error {
	if !errors.Is(cause, models.ErrNotFound) {
		return cause
	}
	actor := models.ActorOf(ctx)
	actor.UserID, actor.Email = 0, models.NormaliseEmail(email)
	id := ""
	if u != nil {
		id = fmt.Sprint(u.ID)
	}
	err := s.transaction(models.WithActor(ctx, actor), func(tx *gorm.DB) error {
		return audit(tx, models.AuditUser, id, models.AuditLoginFailed, nil, nil)
	})
	return errors.Join(cause, err)
}

// endAccessIn deletes, in tx, every session and API token of a user and
// their password links not yet used (used ones stay, so that a second use
// is told it came too late rather than that the link is unknown).
func endAccessIn(tx *gorm.DB, userID uint) error {
	if err := tx.Where("user_id = ?", userID).Delete(&models.Token{}).Error; err != nil {
		return err
	}
	return tx.Where("user_id = ? AND used_at IS NULL", userID).Delete(&models.PasswordLink{}).Error
}
