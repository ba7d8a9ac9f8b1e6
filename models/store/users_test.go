package store_test

import (
	"errors"
	"strings"
	"testing"

	"roviec/models"
)

// TestPasswordBeyondBcryptIsRefused: a password bcrypt cannot hash is a
// validation error naming the limit, not a failure of the store.
func TestPasswordBeyondBcryptIsRefused(t *testing.T) {
	f := newFixture(t)
	long := strings.Repeat("mật khẩu ", 8) // 72 characters, 88 bytes
	check := func(what string, err error) {
		t.Helper()
		var v *models.ValidationError
		if !errors.As(err, &v) || v.Fields["password"].ID != "err.password_long" ||
			v.Fields["password"].Data["Max"] != models.MaxPasswordBytes {
			t.Errorf("%s with a password of %d bytes: %v", what, len(long), err)
		}
	}
	_, err := f.s.CreateUser(ctx, models.NewUser{Email: "binh@test.vn", Name: "Lê Thị Bình", Role: models.RoleViewer, Password: long})
	check("CreateUser", err)
	check("SetPassword", f.s.SetPassword(ctx, f.users["viewer"].ID, long))
}
