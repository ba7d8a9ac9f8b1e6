// Package mailer delivers e-mails over SMTP. Building a message is done
// elsewhere (views renders it, the outbox stores it); this package only
// hands one finished message to a server and reports whether it took it.
package mailer

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/wneessen/go-mail"
)

// Envelope is one e-mail to send.
type Envelope struct {
	From      string   // the From header and envelope sender, e.g. "Rõ Việc <noreply@roviec.gov.vn>"
	To        []string // recipient addresses
	ToName    string   // display name of the recipient, used when there is exactly one
	Subject   string
	Text      string // the text/plain part
	HTML      string // the text/html alternative (optional)
	MessageID string // e.g. "<outbox-42@roviec>": stable across retries, so a duplicate can be spotted
}

// Sender delivers one e-mail; it returns nil only when the server accepted it.
type Sender interface {
	Send(ctx context.Context, e Envelope) error
}

// timeout bounds connecting to the server and each step of the conversation.
const timeout = 30 * time.Second

// smtpSender sends each message on a new connection with go-mail, so that it
// is safe to use from several goroutines and a broken connection never lingers.
type smtpSender struct {
	scheme, host string
	port         int
	user, pass   string
	tls          string // "auto", "starttls", "none" or "implicit" (smtps)
	insecure     bool
}

// NewSMTP builds a Sender from ROVIEC_SMTP_URL:
//
//	smtp://host:port                        STARTTLS when the server offers it, plain SMTP otherwise (port 25 by default)
//	smtp://user:pass@host:587?tls=starttls  STARTTLS required (port 587 by default)
//	smtp://host:25?tls=none                 plain SMTP, never STARTTLS
//	smtps://user:pass@host:465              TLS from the first byte (port 465 by default)
//
// With a user name, the client authenticates with the strongest mechanism the
// server offers (SCRAM, CRAM-MD5, PLAIN, LOGIN); PLAIN and LOGIN only once the
// connection is encrypted, so a password never crosses the network in clear.
// Escape special characters of the password in the URL (e.g. "@" as %40).
// insecure_skip_verify=1 accepts any server certificate: for test servers with
// a self-signed certificate only.
func NewSMTP(rawURL string) (Sender, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if uerr := (*url.Error)(nil); errors.As(err, &uerr) {
		return nil, fmt.Errorf("ROVIEC_SMTP_URL: %w", uerr.Err) // uerr.Error() would show the password
	}
	bad := func(format string, args ...any) error {
		return fmt.Errorf("ROVIEC_SMTP_URL: "+format+" (e.g. smtp://user:pass@mail.example.vn:587?tls=starttls)", args...)
	}
	s := &smtpSender{scheme: u.Scheme, host: u.Hostname(), tls: "auto"}
	switch u.Scheme {
	case "smtp":
	case "smtps":
		s.tls = "implicit"
	default:
		return nil, bad("scheme %q is not smtp or smtps", u.Scheme)
	}
	if s.host == "" {
		return nil, bad("no host")
	}
	if (u.Path != "" && u.Path != "/") || u.Fragment != "" {
		return nil, bad("unexpected path or fragment after the host")
	}
	if u.User != nil {
		s.user = u.User.Username()
		s.pass, _ = u.User.Password()
	}
	if err := s.readQuery(u.Query()); err != nil {
		return nil, bad("%v", err)
	}
	if s.port, err = defaultPort(u.Port(), s.tls); err != nil {
		return nil, bad("%v", err)
	}
	if _, err := s.client(); err != nil {
		return nil, fmt.Errorf("ROVIEC_SMTP_URL: %w", err)
	}
	return s, nil
}

// readQuery reads the tls and insecure_skip_verify parameters; any other
// parameter is an error, so a typo does not silently weaken the connection.
func (s *smtpSender) readQuery(q url.Values) error {
	for name, values := range q {
		v := strings.ToLower(values[len(values)-1])
		switch name {
		case "tls":
			switch {
			case s.tls == "implicit":
				if v != "" {
					return fmt.Errorf("smtps is TLS from the start: tls=%s does not apply", v)
				}
			case v == "starttls" || v == "none":
				s.tls = v
			case v != "" && v != "auto":
				return fmt.Errorf("tls=%s is not starttls or none", v)
			}
		case "insecure_skip_verify":
			b, err := strconv.ParseBool(v)
			if err != nil {
				return fmt.Errorf("insecure_skip_verify=%s is not 1 or 0", v)
			}
			s.insecure = b
		default:
			return fmt.Errorf("unknown parameter %q (use tls or insecure_skip_verify)", name)
		}
	}
	return nil
}

// defaultPort is the URL's port, or the usual one for the TLS mode.
func defaultPort(port, mode string) (int, error) {
	if port == "" {
		switch mode {
		case "implicit":
			return mail.DefaultPortSSL, nil
		case "starttls":
			return mail.DefaultPortTLS, nil
		}
		return mail.DefaultPort, nil
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 1 || n > 65535 {
		return 0, fmt.Errorf("port %q is not a number from 1 to 65535", port)
	}
	return n, nil
}

// client builds a go-mail client for one delivery.
func (s *smtpSender) client() (*mail.Client, error) {
	// InsecureSkipVerify is only ever set by the URL's opt-in, for test servers.
	tlsConfig := &tls.Config{ServerName: s.host, InsecureSkipVerify: s.insecure, MinVersion: tls.VersionTLS12}
	opts := []mail.Option{mail.WithPort(s.port), mail.WithTimeout(timeout), mail.WithTLSConfig(tlsConfig)}
	switch s.tls {
	case "implicit":
		opts = append(opts, mail.WithSSL())
	case "starttls":
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	case "none":
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	default:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSOpportunistic))
	}
	if s.user != "" {
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthAutoDiscover),
			mail.WithUsername(s.user), mail.WithPassword(s.pass))
	}
	return mail.NewClient(s.host, opts...)
}

// Send delivers e on a new connection; nil means the server accepted the DATA.
func (s *smtpSender) Send(ctx context.Context, e Envelope) error {
	m, err := message(e)
	if err != nil {
		return err
	}
	c, err := s.client()
	if err != nil {
		return err
	}
	if err := c.DialAndSendWithContext(ctx, m); err != nil {
		return fmt.Errorf("smtp %s: %w", net.JoinHostPort(s.host, strconv.Itoa(s.port)), err)
	}
	return nil
}

// String describes the server for logs, without the password.
func (s *smtpSender) String() string {
	u := url.URL{Scheme: s.scheme, Host: net.JoinHostPort(s.host, strconv.Itoa(s.port))}
	if s.user != "" {
		u.User = url.User(s.user)
	}
	q := url.Values{}
	if s.tls == "starttls" || s.tls == "none" {
		q.Set("tls", s.tls)
	}
	if s.insecure {
		q.Set("insecure_skip_verify", "1")
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// message builds the MIME message: UTF-8, quoted-printable, encoded subject,
// text with an HTML alternative, Date, Message-ID and Auto-Submitted headers.
func message(e Envelope) (*mail.Msg, error) {
	if len(e.To) == 0 {
		return nil, errors.New("mailer: no recipient")
	}
	if e.Text == "" && e.HTML == "" {
		return nil, errors.New("mailer: empty message")
	}
	m := mail.NewMsg()
	if err := m.From(e.From); err != nil {
		return nil, fmt.Errorf("mailer: From %q: %w", e.From, err)
	}
	if len(e.To) == 1 && e.ToName != "" {
		if err := m.AddToFormat(e.ToName, e.To[0]); err != nil {
			return nil, fmt.Errorf("mailer: To %q: %w", e.To[0], err)
		}
	} else if err := m.To(e.To...); err != nil {
		return nil, fmt.Errorf("mailer: To %q: %w", e.To, err)
	}
	m.Subject(e.Subject)
	m.SetDate()
	if id := strings.Trim(e.MessageID, "<> "); id != "" {
		m.SetMessageIDWithValue(id)
	} else {
		m.SetMessageID()
	}
	// RFC 3834: tells mail servers and vacation responders not to answer.
	m.SetGenHeader("Auto-Submitted", "auto-generated")
	switch {
	case e.Text == "":
		m.SetBodyString(mail.TypeTextHTML, e.HTML)
	case e.HTML == "":
		m.SetBodyString(mail.TypeTextPlain, e.Text)
	default:
		m.SetBodyString(mail.TypeTextPlain, e.Text)
		m.AddAlternativeString(mail.TypeTextHTML, e.HTML)
	}
	return m, nil
}
