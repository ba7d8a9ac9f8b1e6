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

// TestEveryFailedLoginComparesAPassword: an unknown e-mail, a deactivated
// account and a wrong password each cost one bcrypt comparison, as a right
// password does, so the time of the answer does not tell them apart.
func TestEveryFailedLoginComparesAPassword(t *testing.T) {
	f := newFixture(t)
	cases := []struct {
		name, email, password string
		ok                    bool
	}{
		{"right password", "viewer@test.vn", "mat-khau-thu", true},
		{"wrong password", "viewer@test.vn", "sai-mat-khau", false},
		{"unknown e-mail", "khong-co@test.vn", "mat-khau-thu", false},
		{"deactivated, right password", "inactive@test.vn", "mat-khau-thu", false},
		{"deactivated, wrong password", "inactive@test.vn", "sai-mat-khau", false},
	}
	for _, c := range cases {
		before := f.s.PasswordChecks()
		u, err := f.s.Authenticate(ctx, c.email, c.password)
		if c.ok != (err == nil) || (!c.ok && !errors.Is(err, models.ErrNotFound)) {
			t.Errorf("%s: user %v, err %v", c.name, u, err)
		}
		if n := f.s.PasswordChecks() - before; n != 1 {
			t.Errorf("%s: %d password comparisons, want 1", c.name, n)
		}
	}
}

// TestEmailInComposedAndDecomposedUnicodeIsOneAccount: "ễ" as one character
// (NFC) or as "e" with two combining marks (NFD), in any case and with
// spaces, is the same address: a second account is a conflict, and either
// form logs in.
func TestEmailInComposedAndDecomposedUnicodeIsOneAccount(t *testing.T) {
	f := newFixture(t)
	composed, decomposed := "nguyễn.an@bộ.vn", "  NGUYE\u0302\u0303N.AN@BO\u0323\u0302.VN "
	if composed == strings.TrimSpace(strings.ToLower(decomposed)) {
		t.Fatal("the two spellings should differ byte for byte")
	}
	u, err := f.s.CreateUser(ctx, models.NewUser{Email: composed, Name: "Nguyễn An", Role: models.RoleViewer, Password: "mat-khau-thu"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.s.CreateUser(ctx, models.NewUser{Email: decomposed, Name: "Nguyễn An", Role: models.RoleViewer, Password: "mat-khau-thu"})
	var c *models.ConflictError
	if !errors.As(err, &c) || c.Msg.ID != "err.email_taken" {
		t.Fatalf("second account for the decomposed spelling: %v", err)
	}
	for _, spelling := range []string{composed, decomposed} {
		got, err := f.s.Authenticate(ctx, spelling, "mat-khau-thu")
		if err != nil || got.ID != u.ID {
			t.Errorf("login as %q: %v, %v", spelling, got, err)
		}
	}
}
