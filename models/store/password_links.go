package store

import (
	"context"
	"errors"
	"time"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"roviec/models"
)

// InviteUser invites a person by e-mail: it creates their account without a
// password (the fields as CreateUser checks them, but the password), or
// finds the active account with this e-mail that has none yet, and queues
// the invitation with a link to set one. An account that has a password is
// a 409 (the person can ask for a reset link), so is a deactivated one.
// Older unused links of the account stop working. created says whether the
// account is new.
func (s *Store) InviteUser(ctx context.Context, nu models.NewUser, now time.Time, render models.PasswordMailRenderer) (u *models.User, created bool, err error) {
	email := models.NormaliseEmail(nu.Email)
	if models.ValidEmail(email) { // only an address is looked up: PostgreSQL refuses a NUL in a query
		var found models.User
		err = s.db.WithContext(ctx).Where("email = ?", email).First(&found).Error
		switch {
		case err == nil:
			return &found, false, s.reinvite(ctx, &found, now, render)
		case !errors.Is(err, gorm.ErrRecordNotFound):
			return nil, false, err
		}
	}
	v := &models.ValidationError{}
	u, err = s.newUser(ctx, nu, v)
	if err != nil {
		return nil, false, err
	}
	if err := v.OrNil(); err != nil {
		return nil, false, err
	}
	err = s.write(ctx, func(tx *gorm.DB) error {
		if err := createUserIn(tx, u); err != nil {
			return err
		}
		return s.queueLinkIn(tx, u, models.LinkInvite, newLinkToken(), now, render)
	})
	if err != nil {
		return nil, false, err
	}
	return u, true, nil
}

// ReinviteUser sends the account id a new invitation (the same rules as
// InviteUser for an existing account).
func (s *Store) ReinviteUser(ctx context.Context, id uint, now time.Time, render models.PasswordMailRenderer) (*models.User, error) {
	u, err := s.UserByID(ctx, id)
	if err != nil {
		return nil, err
	}
	return u, s.reinvite(ctx, u, now, render)
}

func (s *Store) reinvite(ctx context.Context, u *models.User, now time.Time, render models.PasswordMailRenderer) error {
	switch {
	case u.PasswordHash != "":
		return models.Conflict("err.invite_has_password", "Email", u.Email)
	case !u.Active:
		return models.Conflict("err.invite_inactive", "Email", u.Email)
	}
	return s.write(ctx, func(tx *gorm.DB) error {
		return s.queueLinkIn(tx, u, models.LinkInvite, newLinkToken(), now, render)
	})
}

// RequestPasswordReset queues a reset link for the active account with this
// e-mail, if there is one, and otherwise does the same work but the writes
// (a token made, an e-mail rendered), so that neither the answer
// nor its time says whether the address has an account.
func (s *Store) RequestPasswordReset(ctx context.Context, email string, now time.Time, render models.PasswordMailRenderer) error {
	email = models.NormaliseEmail(email)
	var u models.User
	err := s.db.WithContext(ctx).Where("email = ? AND active = ?", email, true).First(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		_, err := render(models.PasswordLinkMail{Purpose: models.LinkReset, Email: email, Lang: "vi", Token: newLinkToken(),
			ExpiresAt: now.Add(models.PasswordLinkTTL).In(s.loc)})
		return err
	}
	if err != nil {
		return err
	}
	return s.write(ctx, func(tx *gorm.DB) error {
		return s.queueLinkIn(tx, &u, models.LinkReset, newLinkToken(), now, render)
	})
}

// newLinkToken is a fresh link token: 32 random bytes.
func newLinkToken() string { return models.RandomToken(32) }

// queueLinkIn, in tx, voids the user's unused links, stores the hash of a
// new one and queues its e-mail, so that a link exists exactly when its
// message is on its way.
func (s *Store) queueLinkIn(tx *gorm.DB, u *models.User, purpose models.LinkPurpose, plain string, now time.Time, render models.PasswordMailRenderer) error {
	if err := tx.Where("user_id = ? AND used_at IS NULL", u.ID).Delete(&models.PasswordLink{}).Error; err != nil {
		return err
	}
	link := models.PasswordLink{UserID: u.ID, Purpose: purpose, Hash: models.HashToken(plain),
		ExpiresAt: now.Add(models.PasswordLinkTTL).UTC(), CreatedAt: now.UTC()}
	action := models.AuditInvite
	if purpose == models.LinkReset {
		action = models.AuditResetLink
	}
	if err := audit(tx, models.AuditUser, u.ID, action, nil, nil); err != nil {
		return err
	}
	if err := tx.Create(&link).Error; err != nil {
		return err
	}
	mail, err := render(models.PasswordLinkMail{Purpose: purpose, Name: u.Name, Email: u.Email, Lang: u.Language,
		Token: plain, ExpiresAt: link.ExpiresAt.In(s.loc)})
	if err != nil {
		return err
	}
	return tx.Create(&models.OutboxMessage{Recipients: u.Email, RecipientName: u.Name, Lang: u.Language,
		Subject: mail.Subject, BodyText: mail.Text, BodyHTML: mail.HTML, Status: models.OutboxQueued,
		NextAttemptAt: now.UTC(), CreatedAt: now.UTC()}).Error
}

// PasswordLinkUser is the account a link sets the password of, when the
// link still works at now: models.ErrLinkInvalid (unknown, replaced by a
// newer link, or its account deactivated), ErrLinkUsed or ErrLinkExpired
// otherwise.
func (s *Store) PasswordLinkUser(ctx context.Context, plain string, now time.Time) (*models.User, *models.PasswordLink, error) {
	if plain == "" {
		return nil, nil, models.ErrLinkInvalid
	}
	var link models.PasswordLink
	err := s.db.WithContext(ctx).Where("hash = ?", models.HashToken(plain)).First(&link).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil, models.ErrLinkInvalid
	}
	if err != nil {
		return nil, nil, err
	}
	if err := models.LinkState(&link, now); err != nil {
		return nil, nil, err
	}
	u, err := s.UserByID(ctx, link.UserID)
	if errors.Is(err, models.ErrNotFound) || (err == nil && !u.Active) {
		return nil, nil, models.ErrLinkInvalid
	}
	if err != nil {
		return nil, nil, err
	}
	return u, &link, nil
}

// SetPasswordByLink sets the password of the link's account (the rules of
// every password, a 422 on "password"), uses the link up, and ends every
// session and token of the account and its other unused links, in one
// transaction. Of two uses at once, one wins and the other gets ErrLinkUsed.
func (s *Store) SetPasswordByLink(ctx context.Context, plain, password string, now time.Time) (*models.User, error) {
	u, link, err := s.PasswordLinkUser(ctx, plain, now)
	if err != nil {
		return nil, err
	}
	v := &models.ValidationError{}
	models.CheckPassword(v, "password", password, u.Email)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), s.PasswordCost)
	if err != nil {
		return nil, err
	}
	err = s.write(ctx, func(tx *gorm.DB) error {
		used := now.UTC()
		res := tx.Model(&models.PasswordLink{}).Where("id = ? AND used_at IS NULL AND expires_at > ?", link.ID, used).
			Update("used_at", used)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return models.ErrLinkUsed
		}
		if err := tx.Model(&models.User{}).Where("id = ?", u.ID).Update("password_hash", string(hash)).Error; err != nil {
			return err
		}
		if err := audit(tx, models.AuditUser, u.ID, models.AuditPassword, nil, nil); err != nil {
			return err
		}
		return endAccessIn(tx, u.ID)
	})
	if err != nil {
		return nil, err
	}
	u.PasswordHash = string(hash)
	return u, nil
}

// PurgePasswordLinks deletes the links that expired before (used or not);
// serve passes now - models.PasswordLinkKept.
func (s *Store) PurgePasswordLinks(ctx context.Context, before time.Time) (int64, error) {
	res := s.db.WithContext(ctx).Where("expires_at <= ?", before.UTC()).Delete(&models.PasswordLink{})
	return res.RowsAffected, res.Error
}
