package mailer

import (
	"fmt"
	"strings"
	"testing"
)

func TestNewSMTPReadsTheURL(t *testing.T) {
	cases := []struct{ url, want string }{
		{"smtp://mail.example.vn", "smtp://mail.example.vn:25"},
		{"smtp://mail.example.vn:2525/", "smtp://mail.example.vn:2525"},
		{"smtp://u%40x:p%40ss@mail.example.vn?tls=starttls", "smtp://u%40x@mail.example.vn:587?tls=starttls"},
		{"smtp://mail.example.vn?tls=NONE", "smtp://mail.example.vn:25?tls=none"},
		{"smtp://mail.example.vn?tls=auto&insecure_skip_verify=true", "smtp://mail.example.vn:25?insecure_skip_verify=1"},
		{" smtps://user:secret@mail.example.vn ", "smtps://user@mail.example.vn:465"},
		{"smtps://[::1]:1465?insecure_skip_verify=0", "smtps://[::1]:1465"},
	}
	for _, c := range cases {
		s, err := NewSMTP(c.url)
		if err != nil {
			t.Errorf("%s: %v", c.url, err)
			continue
		}
		if got := fmt.Sprint(s); got != c.want {
			t.Errorf("%s: described as %q, want %q", c.url, got, c.want)
		}
		if strings.Contains(fmt.Sprint(s), "secret") || strings.Contains(fmt.Sprint(s), "p%40ss") {
			t.Errorf("%s: the description shows the password", c.url)
		}
	}
}

func TestNewSMTPRejectsBadURLs(t *testing.T) {
	for _, raw := range []string{
		"", "mail.example.vn:25", "http://mail.example.vn", "smtp://", "smtp://:25",
		"smtp://mail.example.vn:0", "smtp://mail.example.vn:99999", "smtp://mail.example.vn:x",
		"smtp://mail.example.vn/inbox", "smtp://mail.example.vn?tls=ssl", "smtp://mail.example.vn?tsl=none",
		"smtps://mail.example.vn?tls=none", "smtp://mail.example.vn?insecure_skip_verify=maybe",
		"smtp://user:secret@mail.example.vn:25/%zz", "smtp://mail.example.vn#x",
	} {
		_, err := NewSMTP(raw)
		if err == nil || !strings.HasPrefix(err.Error(), "ROVIEC_SMTP_URL: ") {
			t.Errorf("%q: got %v, want an error naming ROVIEC_SMTP_URL", raw, err)
		} else if strings.Contains(err.Error(), "secret") {
			t.Errorf("%q: the error shows the password: %v", raw, err)
		}
	}
}
