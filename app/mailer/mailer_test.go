package mailer

import (
	"strings"
	"testing"

	"roviec/app/mailer/smtptest"
)

// envelope is a reminder with Vietnamese everywhere it can be.
func envelope() Envelope {
	return Envelope{
		From:      "Rõ Việc <nhacviec@roviec.example.vn>",
		To:        []string{"dauMoi@daklak.gov.vn"},
		ToName:    "Nguyễn Thị Hồng Nhung",
		Subject:   "[Rõ Việc] Nhắc việc 04/05/2023: 3 nhiệm vụ quá hạn, 1 sắp đến hạn",
		Text:      "Kính gửi Nguyễn Thị Hồng Nhung,\n\nTỉnh Đắk Lắk: Bộ Thông tin và Truyền thông nhắc việc.\n",
		HTML:      "<p>Kính gửi <b>Nguyễn Thị Hồng Nhung</b>, Đắk Lắk &amp; BTTTT</p>\n",
		MessageID: "<outbox-42@roviec>",
	}
}

func send(t *testing.T, rawURL string, e Envelope) error {
	t.Helper()
	s, err := NewSMTP(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	return s.Send(t.Context(), e)
}

// only returns the one message the server holds.
func only(t *testing.T, srv *smtptest.Server) smtptest.Received {
	t.Helper()
	got := srv.Messages()
	if len(got) != 1 {
		t.Fatalf("server holds %d messages, want 1", len(got))
	}
	return got[0]
}

func TestSendDeliversAMultipartUTF8Message(t *testing.T) {
	srv := smtptest.Start(t)
	e := envelope()
	if err := send(t, srv.URL(), e); err != nil {
		t.Fatal(err)
	}
	got := only(t, srv)
	if got.From != "nhacviec@roviec.example.vn" || strings.Join(got.To, ",") != "dauMoi@daklak.gov.vn" {
		t.Errorf("envelope: from %q to %q", got.From, got.To)
	}
	if got.Subject != e.Subject {
		t.Errorf("subject %q, want %q", got.Subject, e.Subject)
	}
	if got.Text != strings.ReplaceAll(e.Text, "\n", "\r\n") {
		t.Errorf("text part %q", got.Text)
	}
	if got.HTML != strings.ReplaceAll(e.HTML, "\n", "\r\n") {
		t.Errorf("HTML part %q", got.HTML)
	}
	if got.MessageID != "<outbox-42@roviec>" || got.Date == "" || got.TLS || got.User != "" {
		t.Errorf("message id %q, date %q, tls %v, user %q", got.MessageID, got.Date, got.TLS, got.User)
	}
	raw := string(got.Raw)
	head := raw[:strings.Index(raw, "\r\n\r\n")]
	for _, want := range []string{"=?UTF-8?q?[R=C3=B5_Vi=E1=BB=87c]_Nh=E1=BA=AFc_vi=E1=BB=87c", "multipart/alternative",
		"Auto-Submitted: auto-generated", "To: =?utf-8?q?Nguy=E1=BB=85n_Th=E1=BB=8B"} {
		if !strings.Contains(head, want) {
			t.Errorf("headers lack %q:\n%s", want, head)
		}
	}
	for i := 0; i < len(raw); i++ {
		if raw[i] >= 0x80 {
			t.Fatalf("raw message has a non-ASCII byte at %d: Vietnamese must be encoded", i)
		}
	}
}

func TestSendUsesSTARTTLSWhenOffered(t *testing.T) {
	srv := smtptest.Start(t, smtptest.WithSTARTTLS())
	if err := send(t, srv.URL(), envelope()); err != nil {
		t.Fatal(err)
	}
	if !only(t, srv).TLS {
		t.Error("the server offered STARTTLS and the client did not use it")
	}
}

func TestSendVerifiesTheCertificateByDefault(t *testing.T) {
	srv := smtptest.Start(t, smtptest.WithSTARTTLS())
	if err := send(t, "smtp://"+srv.Addr(), envelope()); err == nil {
		t.Fatal("a self-signed certificate was accepted without insecure_skip_verify")
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("%d messages delivered", n)
	}
}

func TestSendTLSNoneStaysPlain(t *testing.T) {
	srv := smtptest.Start(t, smtptest.WithSTARTTLS())
	if err := send(t, "smtp://"+srv.Addr()+"?tls=none", envelope()); err != nil {
		t.Fatal(err)
	}
	if only(t, srv).TLS {
		t.Error("tls=none used STARTTLS")
	}
}

func TestSendRequiredSTARTTLSMissingIsAnError(t *testing.T) {
	srv := smtptest.Start(t)
	err := send(t, "smtp://"+srv.Addr()+"?tls=starttls", envelope())
	if err == nil || !strings.Contains(err.Error(), "STARTTLS") {
		t.Fatalf("got %v, want a STARTTLS error", err)
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("%d messages delivered in clear", n)
	}
}

func TestSendImplicitTLS(t *testing.T) {
	srv := smtptest.Start(t, smtptest.WithImplicitTLS())
	if !strings.HasPrefix(srv.URL(), "smtps://") {
		t.Fatalf("URL %q", srv.URL())
	}
	if err := send(t, srv.URL(), envelope()); err != nil {
		t.Fatal(err)
	}
	if !only(t, srv).TLS {
		t.Error("smtps delivered without TLS")
	}
}

func TestSendAuthenticates(t *testing.T) {
	srv := smtptest.Start(t, smtptest.WithSTARTTLS(), smtptest.WithAuth("roviec", "mật khẩu@1"))
	if err := send(t, srv.URL()+"&tls=starttls", envelope()); err != nil {
		t.Fatal(err)
	}
	if got := only(t, srv); got.User != "roviec" || !got.TLS {
		t.Errorf("user %q, tls %v", got.User, got.TLS)
	}
	wrong := "smtp://roviec:sai@" + srv.Addr() + "?insecure_skip_verify=1"
	if err := send(t, wrong, envelope()); err == nil {
		t.Error("a wrong password was accepted")
	}
	anonymous := "smtp://" + srv.Addr() + "?insecure_skip_verify=1"
	if err := send(t, anonymous, envelope()); err == nil {
		t.Error("sent without the authentication the server requires")
	}
	if n := len(srv.Messages()); n != 1 {
		t.Errorf("%d messages delivered, want 1", n)
	}
}

func TestSendNeverSendsAPasswordInClear(t *testing.T) {
	srv := smtptest.Start(t, smtptest.WithAuth("roviec", "secret"))
	err := send(t, srv.URL(), envelope()) // the server offers AUTH PLAIN without TLS
	if err == nil {
		t.Fatal("authenticated over an unencrypted connection")
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("%d messages delivered", n)
	}
}

func TestSendReportsRefusals(t *testing.T) {
	srv := smtptest.Start(t)
	srv.SetFailing(451)
	if err := send(t, srv.URL(), envelope()); err == nil || !strings.Contains(err.Error(), "451") {
		t.Errorf("refused recipient: got %v, want a 451 error", err)
	}
	srv.SetFailingData(451)
	if err := send(t, srv.URL(), envelope()); err == nil || !strings.Contains(err.Error(), "451") {
		t.Errorf("refused message: got %v, want a 451 error", err)
	}
	srv.SetFailingData(554)
	if err := send(t, srv.URL(), envelope()); err == nil || !strings.Contains(err.Error(), "554") {
		t.Errorf("permanently refused message: got %v, want a 554 error", err)
	}
	if n, refused := len(srv.Messages()), srv.Refused(); n != 0 || refused != 3 {
		t.Errorf("%d messages kept, %d refused; want 0 and 3", n, refused)
	}
	srv.SetAccepting()
	if err := send(t, srv.URL(), envelope()); err != nil {
		t.Fatal(err)
	}
	only(t, srv)
}

func TestSendToAServerThatIsDown(t *testing.T) {
	srv := smtptest.Start(t)
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	if err := send(t, srv.URL(), envelope()); err == nil {
		t.Fatal("sent to a closed port")
	}
}

func TestSendRefusesIncompleteEnvelopes(t *testing.T) {
	srv := smtptest.Start(t)
	for name, change := range map[string]func(*Envelope){
		"no recipient": func(e *Envelope) { e.To = nil },
		"no body":      func(e *Envelope) { e.Text, e.HTML = "", "" },
		"bad from":     func(e *Envelope) { e.From = "Rõ Việc" },
		"bad to":       func(e *Envelope) { e.To = []string{"không phải địa chỉ"} },
	} {
		e := envelope()
		change(&e)
		if err := send(t, srv.URL(), e); err == nil {
			t.Errorf("%s: sent", name)
		}
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("%d messages delivered", n)
	}
}
