package store_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"roviec/models"
)

// tokenCatcher renders a password e-mail as its token alone and keeps the
// last one, as the reader of the e-mail would.
type tokenCatcher struct {
	mu   sync.Mutex
	last string
}

func (c *tokenCatcher) render(m models.PasswordLinkMail) (models.RenderedMail, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.last = m.Token
	return models.RenderedMail{Subject: string(m.Purpose), Text: m.Token, HTML: m.Token}, nil
}

var linkNow = time.Date(2023, 2, 25, 2, 0, 0, 0, time.UTC)

// TestPasswordLinkWorksOnceUnderConcurrency: of several uses of one link at
// the same moment, exactly one sets the password.
func TestPasswordLinkWorksOnceUnderConcurrency(t *testing.T) {
	f := newFixture(t)
	var c tokenCatcher
	u, created, err := f.s.InviteUser(ctx, models.NewUser{Email: "moi@test.vn", Name: "Mới", Role: models.RoleViewer}, linkNow, c.render)
	if err != nil || !created || u.PasswordHash != "" {
		t.Fatalf("invite: %+v %v %v", u, created, err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() { _, errs[i] = f.s.SetPasswordByLink(ctx, c.last, "mat-khau-so-"+string(rune('a'+i)), linkNow) })
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case !errors.Is(err, models.ErrLinkUsed):
			t.Errorf("a losing use: %v, want ErrLinkUsed", err)
		}
	}
	if ok != 1 {
		t.Fatalf("%d uses set the password, want 1: %v", ok, errs)
	}
}

// TestPasswordSetOtherwiseVoidsLinks: an administrator's reset, a change of
// one's own password and a deactivation void the unused links; a new link
// voids the older one.
func TestPasswordSetOtherwiseVoidsLinks(t *testing.T) {
	f := newFixture(t)
	var c tokenCatcher
	viewer := f.users["viewer"]
	steps := []struct {
		name string
		act  func() error
	}{
		{"a newer link", func() error { return f.s.RequestPasswordReset(ctx, viewer.Email, linkNow, c.render) }},
		{"an administrator's reset", func() error { return f.s.SetPassword(ctx, viewer.ID, "mat-khau-moi-1") }},
		{"a change of one's own", func() error { return f.s.ChangePassword(ctx, viewer.ID, "mat-khau-moi-1", "mat-khau-moi-2") }},
		{"a deactivation", func() error { return f.s.SetUserActive(ctx, viewer.ID, false) }},
	}
	for _, step := range steps {
		must(t, f.s.RequestPasswordReset(ctx, viewer.Email, linkNow, c.render))
		token := c.last
		if _, _, err := f.s.PasswordLinkUser(ctx, token, linkNow); err != nil {
			t.Fatalf("before %s: %v", step.name, err)
		}
		must(t, step.act())
		if _, _, err := f.s.PasswordLinkUser(ctx, token, linkNow); !errors.Is(err, models.ErrLinkInvalid) {
			t.Errorf("after %s the link: %v, want ErrLinkInvalid", step.name, err)
		}
	}
	// Deactivated: a reset asked for now sends nothing.
	var queued int64
	must(t, f.s.DB().Model(&models.OutboxMessage{}).Count(&queued).Error)
	must(t, f.s.RequestPasswordReset(ctx, viewer.Email, linkNow, c.render))
	var after int64
	must(t, f.s.DB().Model(&models.OutboxMessage{}).Count(&after).Error)
	if after != queued {
		t.Errorf("a deactivated account was sent a reset link")
	}
}

// TestInvitedAccountLogsInLikeNoAccount: an account without a password yet
// refuses every password after one comparison, like an unknown e-mail.
func TestInvitedAccountLogsInLikeNoAccount(t *testing.T) {
	f := newFixture(t)
	var c tokenCatcher
	_, _, err := f.s.InviteUser(ctx, models.NewUser{Email: "moi@test.vn", Name: "Mới", Role: models.RoleViewer}, linkNow, c.render)
	must(t, err)
	for _, password := range []string{"", "mat-khau-thu"} {
		before := f.s.PasswordChecks()
		if _, err := f.s.Authenticate(ctx, "moi@test.vn", password); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("login with %q: %v", password, err)
		}
		if n := f.s.PasswordChecks() - before; n != 1 {
			t.Errorf("%d comparisons, want 1", n)
		}
	}
}

// TestPurgePasswordLinks deletes links expired before the given moment only.
func TestPurgePasswordLinks(t *testing.T) {
	f := newFixture(t)
	var c tokenCatcher
	must(t, f.s.RequestPasswordReset(ctx, f.users["viewer"].Email, linkNow, c.render))
	must(t, f.s.RequestPasswordReset(ctx, f.users["focal"].Email, linkNow.Add(time.Hour), c.render))
	n, err := f.s.PurgePasswordLinks(ctx, linkNow.Add(models.PasswordLinkTTL+time.Minute))
	if err != nil || n != 1 {
		t.Fatalf("purged %d, %v; want 1", n, err)
	}
	if _, _, err := f.s.PasswordLinkUser(ctx, c.last, linkNow.Add(time.Hour)); err != nil {
		t.Fatalf("the later link went too: %v", err)
	}
}
