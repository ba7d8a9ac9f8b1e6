package views

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"roviec/models"
)

func passwordMail(t *testing.T, purpose models.LinkPurpose, lang string) models.PasswordLinkMail {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	return models.PasswordLinkMail{Purpose: purpose, Name: "Nguyễn Thị Thu", Email: "thu@hanoi.gov.vn", Lang: lang,
		Token: "AbC-123_xyz", ExpiresAt: time.Date(2023, 2, 28, 9, 0, 0, 0, loc)}
}

// TestRenderPasswordLinkGolden compares whole invitation and reset messages
// with testdata/mail_password_*.golden (-update rewrites them).
func TestRenderPasswordLinkGolden(t *testing.T) {
	r := newMailRenderer(t)
	for _, c := range []struct {
		purpose models.LinkPurpose
		lang    string
	}{{models.LinkInvite, LangVI}, {models.LinkInvite, LangEN}, {models.LinkReset, LangVI}, {models.LinkReset, LangEN}} {
		name := string(c.purpose) + "_" + c.lang
		mail, err := r.RenderPasswordLink(passwordMail(t, c.purpose, c.lang))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := "Subject: " + mail.Subject + "\n\n----- text -----\n" + mail.Text + "----- html -----\n" + mail.HTML
		path := filepath.Join("testdata", "mail_password_"+name+".golden")
		if *updateGolden {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Errorf("%s differs from %s:\n%s", name, path, got)
		}
	}
}

// The link is the base URL's /password/set with the token; a name is
// escaped in HTML only; a message with no token or an unknown purpose is
// refused rather than sent without a working link.
func TestRenderPasswordLinkRules(t *testing.T) {
	r := newMailRenderer(t)
	m := passwordMail(t, models.LinkReset, "fr")
	m.Name = `<b>Thu</b>`
	mail, err := r.RenderPasswordLink(m)
	if err != nil {
		t.Fatal(err)
	}
	link := "https://roviec.example.vn/password/set?token=AbC-123_xyz"
	if !strings.Contains(mail.Text, link) || !strings.Contains(mail.HTML, `href="`+link+`"`) {
		t.Errorf("no link %s in:\n%s\n%s", link, mail.Text, mail.HTML)
	}
	if !strings.Contains(mail.Subject, "Đặt lại mật khẩu") {
		t.Errorf("an unknown language should read Vietnamese: %q", mail.Subject)
	}
	if !strings.Contains(mail.Text, "Kính gửi <b>Thu</b>,") || !strings.Contains(mail.HTML, "&lt;b&gt;Thu&lt;/b&gt;") {
		t.Errorf("the name should be as typed in text and escaped in HTML:\n%s\n%s", mail.Text, mail.HTML)
	}
	for _, bad := range []models.PasswordLinkMail{{Purpose: models.LinkInvite}, {Purpose: "welcome", Token: "x"}} {
		if _, err := r.RenderPasswordLink(bad); err == nil {
			t.Errorf("%+v rendered", bad)
		}
	}
}
