// Package smtptest is a test helper: a real SMTP server (github.com/emersion/go-smtp)
// listening on 127.0.0.1 over TCP, that keeps the messages it accepts,
// decoded, and can be told to refuse them. Use it from tests only:
//
//	srv := smtptest.Start(t, smtptest.WithSTARTTLS())
//	sender, _ := mailer.NewSMTP(srv.URL())
//	... send ...
//	got := srv.Messages()
package smtptest

import (
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"sync"
	"testing"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Received is one message the server accepted, as the recipient would read it.
type Received struct {
	From      string   // MAIL FROM
	To        []string // RCPT TO
	Subject   string   // decoded
	Text      string   // the text/plain part, decoded
	HTML      string   // the text/html part, decoded
	MessageID string   // the Message-ID header, e.g. "<outbox-42@roviec>"
	Date      string   // the Date header as sent
	TLS       bool     // the conversation was encrypted (STARTTLS or implicit TLS)
	User      string   // the user that authenticated, or ""
	Raw       []byte   // the message as received
}

// Server is a running SMTP server; Start stops it when the test ends.
type Server struct {
	smtp     *smtp.Server
	listener net.Listener
	addr     string
	mode     string // "", "starttls" or "implicit"
	user     string
	password string

	mu       sync.Mutex
	messages []Received
	failRcpt int // SMTP code to refuse RCPT TO with, or 0
	failData int // SMTP code to refuse the message with after DATA, or 0
	refused  int
}

// Option configures the server.
type Option func(*Server)

// WithSTARTTLS makes the server offer STARTTLS with a self-signed certificate
// for 127.0.0.1 (clients need insecure_skip_verify=1, which URL adds).
func WithSTARTTLS() Option { return func(s *Server) { s.mode = "starttls" } }

// WithImplicitTLS makes the server speak TLS from the first byte, like port 465.
func WithImplicitTLS() Option { return func(s *Server) { s.mode = "implicit" } }

// WithAuth makes the server require AUTH PLAIN with this user and password
// before MAIL FROM. AUTH is offered on unencrypted connections too, so a
// test can show that the client, not the server, refuses to send a password
// in clear.
func WithAuth(user, password string) Option {
	return func(s *Server) { s.user, s.password = user, password }
}

// Start runs a server on 127.0.0.1 on a free port until the test ends.
func Start(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := &Server{}
	for _, o := range opts {
		o(s)
	}
	srv := smtp.NewServer(smtp.BackendFunc(s.newSession))
	srv.Domain = "smtptest.local"
	srv.AllowInsecureAuth = true
	var l net.Listener
	var err error
	if s.mode != "" {
		cert, certErr := selfSignedCert()
		if certErr != nil {
			t.Fatal(certErr)
		}
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	if s.mode == "implicit" {
		l, err = tls.Listen("tcp", "127.0.0.1:0", srv.TLSConfig)
	} else {
		l, err = net.Listen("tcp", "127.0.0.1:0")
	}
	if err != nil {
		t.Fatal(err)
	}
	s.smtp, s.listener, s.addr = srv, l, l.Addr().String()
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// Addr is the host:port the server listens on.
func (s *Server) Addr() string { return s.addr }

// URL is a ROVIEC_SMTP_URL for this server: smtp:// (or smtps:// with
// WithImplicitTLS), the user and password of WithAuth, and
// insecure_skip_verify=1 when the server uses its self-signed certificate.
func (s *Server) URL() string {
	u := url.URL{Scheme: "smtp", Host: s.addr}
	if s.mode == "implicit" {
		u.Scheme = "smtps"
	}
	if s.user != "" {
		u.User = url.UserPassword(s.user, s.password)
	}
	if s.mode != "" {
		u.RawQuery = "insecure_skip_verify=1"
	}
	return u.String()
}

// Close stops the server: later connections are refused, as when it is down.
func (s *Server) Close() error {
	err := s.smtp.Close()
	if errors.Is(err, smtp.ErrServerClosed) || errors.Is(err, net.ErrClosed) {
		err = nil
	}
	// The listener is closed here too, in case Serve has not started yet.
	if lerr := s.listener.Close(); err == nil && !errors.Is(lerr, net.ErrClosed) {
		err = lerr
	}
	return err
}

// Messages are the messages accepted so far, oldest first.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.messages...)
}

// Refused is how many messages the server has refused (SetFailing, SetFailingData).
func (s *Server) Refused() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refused
}

// SetFailing makes the server refuse every recipient with code (e.g. 451, a
// temporary failure, or 550, a permanent one) until SetAccepting.
func (s *Server) SetFailing(code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failRcpt, s.failData = code, 0
}

// SetFailingData makes the server take the whole message and then refuse it
// with code at the end of DATA, until SetAccepting.
func (s *Server) SetFailingData(code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failRcpt, s.failData = 0, code
}

// SetAccepting makes the server accept messages again.
func (s *Server) SetAccepting() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failRcpt, s.failData = 0, 0
}

// refusal is the error for code, counted, or nil when code is 0.
func (s *Server) refusal(code int, what string) error {
	if code == 0 {
		return nil
	}
	s.refused++
	return &smtp.SMTPError{Code: code, EnhancedCode: smtp.EnhancedCode{code / 100, 0, 0},
		Message: "smtptest refuses the " + what}
}

// session is one SMTP conversation (it restarts after STARTTLS).
type session struct {
	s    *Server
	conn *smtp.Conn
	from string
	to   []string
	user string
}

func (s *Server) newSession(c *smtp.Conn) (smtp.Session, error) {
	return &session{s: s, conn: c}, nil
}

// AuthMechanisms offers PLAIN when the server requires authentication.
func (ss *session) AuthMechanisms() []string {
	if ss.s.user == "" {
		return nil
	}
	return []string{sasl.Plain}
}

// Auth checks the user and password of AUTH PLAIN.
func (ss *session) Auth(mech string) (sasl.Server, error) {
	if mech != sasl.Plain || ss.s.user == "" {
		return nil, smtp.ErrAuthUnknownMechanism
	}
	return sasl.NewPlainServer(func(_, user, password string) error {
		if user != ss.s.user || password != ss.s.password {
			return smtp.ErrAuthFailed
		}
		ss.user = user
		return nil
	}), nil
}

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	if ss.s.user != "" && ss.user == "" {
		return smtp.ErrAuthRequired
	}
	ss.from = from
	return nil
}

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.s.mu.Lock()
	defer ss.s.mu.Unlock()
	if err := ss.s.refusal(ss.s.failRcpt, "recipient"); err != nil {
		return err
	}
	ss.to = append(ss.to, to)
	return nil
}

func (ss *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	ss.s.mu.Lock()
	defer ss.s.mu.Unlock()
	if err := ss.s.refusal(ss.s.failData, "message"); err != nil {
		return err
	}
	got, err := parse(raw)
	if err != nil {
		return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 6, 0},
			Message: fmt.Sprintf("smtptest cannot read the message: %v", err)}
	}
	got.From, got.To, got.User, got.Raw = ss.from, append([]string(nil), ss.to...), ss.user, raw
	_, got.TLS = ss.conn.TLSConnectionState()
	ss.s.messages = append(ss.s.messages, got)
	return nil
}

func (ss *session) Reset() { ss.from, ss.to = "", nil }

func (ss *session) Logout() error { return nil }
