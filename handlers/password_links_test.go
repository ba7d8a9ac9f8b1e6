package handlers_test

import (
	"context"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"roviec/app"
	"roviec/app/mailer/smtptest"
	"roviec/models"
)

// mailEnv is the env with its outbox delivered to an in-process SMTP server
// and links made on https://roviec.example.vn.
func mailEnv(t *testing.T) (*env, *smtptest.Server) {
	t.Helper()
	srv := smtptest.Start(t)
	e := newEnvWith(t, func(c *app.Config) {
		c.SMTPURL, c.BaseURL = srv.URL(), "https://roviec.example.vn"
	})
	return e, srv
}

// deliver sends what the outbox holds now over SMTP and returns the
// messages the server accepted for to.
func (e *env) deliver(srv *smtptest.Server, to string) []smtptest.Received {
	e.t.Helper()
	if _, failed, err := e.app.DeliverOutbox(context.Background()); err != nil || failed > 0 {
		e.t.Fatalf("delivery: %d failed, %v", failed, err)
	}
	var out []smtptest.Received
	for _, m := range srv.Messages() {
		for _, rcpt := range m.To {
			if rcpt == to {
				out = append(out, m)
			}
		}
	}
	return out
}

var linkInMail = regexp.MustCompile(`https://roviec\.example\.vn(/password/set\?token=[A-Za-z0-9_-]+)`)

// linkOf is the path of the password link in a delivered message.
func linkOf(t *testing.T, m smtptest.Received) string {
	t.Helper()
	found := linkInMail.FindStringSubmatch(m.Text)
	if found == nil || !strings.Contains(m.HTML, `href="`+found[0]+`"`) {
		t.Fatalf("no password link in the message:\n%s\n%s", m.Text, m.HTML)
	}
	return found[1]
}

// follow follows redirects from rec to the page they end on.
func follow(b *browser, rec *httptest.ResponseRecorder) *httptest.ResponseRecorder {
	b.e.t.Helper()
	for range 5 {
		if rec.Code != http.StatusSeeOther && rec.Code != http.StatusFound {
			return rec
		}
		rec = b.get(rec.Header().Get("Location"))
	}
	b.e.t.Fatal("too many redirects")
	return nil
}

// setPassword submits the page a link leads to.
func setPassword(b *browser, link, password, confirm string) *httptest.ResponseRecorder {
	b.e.t.Helper()
	token := strings.TrimPrefix(link, "/password/set?token=")
	return b.submit("/login", "/password/set", url.Values{"token": {token}, "password": {password}, "password_confirm": {confirm}})
}

func TestInvitationByEmailSetsThePasswordOnce(t *testing.T) {
	e, srv := mailEnv(t)
	admin := newBrowser(e)
	admin.login("admin")
	rec := admin.submit("/admin/users", "/admin/users/invite", url.Values{"email": {"Thu.Pham@HaNoi.gov.vn"}, "name": {"Phạm Thu"},
		"role": {"focal"}, "agency_code": {"01"}, "language": {"vi"}, "password": {""}})
	expectStatus(t, rec, http.StatusSeeOther)
	expectPage(t, admin.get("/admin/users"), "Đã tạo tài khoản và gửi thư mời; liên kết trong thư dùng được một lần trong 72 giờ.",
		"thu.pham@hanoi.gov.vn", "chờ đặt mật khẩu", "Gửi lại lời mời")

	mails := e.deliver(srv, "thu.pham@hanoi.gov.vn")
	if len(mails) != 1 || !strings.Contains(mails[0].Subject, "Lời mời sử dụng Rõ Việc") ||
		!strings.Contains(mails[0].Text, "Kính gửi Phạm Thu,") || !strings.Contains(mails[0].Text, "đến 09:00 ngày 28/02/2023") {
		t.Fatalf("invitation e-mails: %+v", mails)
	}
	link := linkOf(t, mails[0])
	var stored []models.PasswordLink
	e.store.DB().Find(&stored)
	if len(stored) != 1 || strings.Contains(link, stored[0].Hash) || stored[0].Hash != models.HashToken(strings.TrimPrefix(link, "/password/set?token=")) {
		t.Fatalf("the database should hold the token's SHA-256 only: %+v", stored)
	}

	// No password yet: no login with anything, the same answer as a wrong one.
	person := newBrowser(e)
	rec = person.submit("/login", "/login", url.Values{"email": {"thu.pham@hanoi.gov.vn"}, "password": {""}})
	expectStatus(t, rec, http.StatusUnauthorized)

	rec = person.get(link)
	expectStatus(t, rec, http.StatusOK)
	expectPage(t, rec, "Đặt mật khẩu cho tài khoản thu.pham@hanoi.gov.vn")
	if rec.Header().Get("Cache-Control") != "no-store" || rec.Header().Get("Referrer-Policy") != "no-referrer" {
		t.Errorf("the link's page may be cached or leak its address: %v", rec.Header())
	}
	expectStatus(t, setPassword(person, link, "mat-khau-cua-thu", "mat-khau-khac"), http.StatusUnprocessableEntity)
	rec = setPassword(person, link, "password", "password")
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectPage(t, rec, "Mật khẩu này quá phổ biến")

	rec = setPassword(person, link, "mat-khau-cua-thu", "mat-khau-cua-thu")
	expectStatus(t, rec, http.StatusSeeOther)
	expectPage(t, follow(person, rec), "Đã đặt mật khẩu; bạn đã đăng nhập.")
	if _, err := e.store.Authenticate(context.Background(), "thu.pham@hanoi.gov.vn", "mat-khau-cua-thu"); err != nil {
		t.Fatal("the password set from the link does not log in")
	}

	// Once only: a second use, opened or submitted, is told so.
	other := newBrowser(e)
	for _, rec := range []*httptest.ResponseRecorder{other.get(link), setPassword(other, link, "mat-khau-lan-hai", "mat-khau-lan-hai")} {
		expectStatus(t, rec, http.StatusGone)
		expectPage(t, rec, "Liên kết này đã được dùng để đặt mật khẩu; mỗi liên kết chỉ dùng được một lần.", `href="/password/forgot"`)
	}
	if _, err := e.store.Authenticate(context.Background(), "thu.pham@hanoi.gov.vn", "mat-khau-lan-hai"); err == nil {
		t.Fatal("a used link set the password again")
	}
	expectPage(t, admin.get("/admin/users"), "thu.pham@hanoi.gov.vn")
	if strings.Contains(admin.get("/admin/users").Body.String(), "chờ đặt mật khẩu") {
		t.Error("the account still shows as waiting for its password")
	}
}

func TestInvitationLinkExpiresAfter72Hours(t *testing.T) {
	e, srv := mailEnv(t)
	rec := e.do("POST", "/api/v1/users/invitations", e.token("admin"), map[string]any{"email": "lan@daklak.gov.vn",
		"name": "Lê Lan", "role": "focal", "agency_code": "66", "language": "en"})
	expectStatus(t, rec, http.StatusCreated)
	var out struct {
		User struct {
			ID         uint    `json:"id"`
			AgencyCode *string `json:"agency_code"`
		} `json:"user"`
		ExpiresAt string `json:"expires_at"`
	}
	decode(t, rec, &out)
	if out.User.AgencyCode == nil || *out.User.AgencyCode != "66" || !strings.HasPrefix(out.ExpiresAt, "2023-02-28T09:00:00") {
		t.Fatalf("invitation answer: %s", rec.Body.String())
	}
	mails := e.deliver(srv, "lan@daklak.gov.vn")
	if len(mails) != 1 || mails[0].Subject != "[Rõ Việc] Invitation to Rõ Việc" {
		t.Fatalf("invitation e-mails: %+v", mails)
	}
	link := linkOf(t, mails[0])
	start := e.clock.Now()
	b := newBrowser(e)
	e.clock.Set(start.Add(72*time.Hour - time.Second))
	expectStatus(t, b.get(link), http.StatusOK)
	e.clock.Set(start.Add(72 * time.Hour))
	for _, rec := range []*httptest.ResponseRecorder{b.get(link), setPassword(b, link, "mat-khau-qua-han", "mat-khau-qua-han")} {
		expectStatus(t, rec, http.StatusGone)
		expectPage(t, rec, "Liên kết đã hết hạn (chỉ dùng được trong 72 giờ).")
	}
	if _, err := e.store.Authenticate(context.Background(), "lan@daklak.gov.vn", "mat-khau-qua-han"); err == nil {
		t.Fatal("an expired link set the password")
	}
}

func TestReinvitationVoidsTheOlderLink(t *testing.T) {
	e, srv := mailEnv(t)
	tok := e.token("admin")
	body := map[string]any{"email": "minh@btttt.gov.vn", "name": "Trần Minh", "role": "viewer"}
	expectStatus(t, e.do("POST", "/api/v1/users/invitations", tok, body), http.StatusCreated)
	first := linkOf(t, e.deliver(srv, "minh@btttt.gov.vn")[0])
	// Again by e-mail (the fields of the existing account stay), then by the page's button.
	expectStatus(t, e.do("POST", "/api/v1/users/invitations", tok, map[string]any{"email": "MINH@btttt.gov.vn"}), http.StatusOK)
	var u models.User
	if err := e.store.DB().Where("email = ?", "minh@btttt.gov.vn").First(&u).Error; err != nil || u.Role != models.RoleViewer {
		t.Fatalf("re-invited account: %+v %v", u, err)
	}
	admin := newBrowser(e)
	admin.login("admin")
	expectStatus(t, admin.submit("/admin/users", "/admin/users/"+itoa(u.ID)+"/invite", url.Values{}), http.StatusSeeOther)
	mails := e.deliver(srv, "minh@btttt.gov.vn")
	if len(mails) != 3 {
		t.Fatalf("%d invitations delivered, want 3", len(mails))
	}
	b := newBrowser(e)
	for _, old := range []string{first, linkOf(t, mails[1])} {
		rec := b.get(old)
		expectStatus(t, rec, http.StatusNotFound)
		expectPage(t, rec, "Liên kết không hợp lệ: có thể đã được thay bằng một liên kết mới hơn")
	}
	expectStatus(t, setPassword(b, linkOf(t, mails[2]), "mat-khau-cua-minh", "mat-khau-cua-minh"), http.StatusSeeOther)

	// An account with a password is not invited (it can reset it), nor is a deactivated one.
	rec := e.do("POST", "/api/v1/users/invitations", tok, map[string]any{"email": "minh@btttt.gov.vn"})
	expectStatus(t, rec, http.StatusConflict)
	var apiErrBody apiErr
	decode(t, rec, &apiErrBody)
	if !strings.Contains(apiErrBody.Error, "đã có mật khẩu") {
		t.Errorf("409 message %q", apiErrBody.Error)
	}
	expectStatus(t, e.do("POST", "/api/v1/users/invitations", tok, map[string]any{"email": "x@y.vn", "name": "X", "role": "viewer",
		"password": "mat-khau-gi-do"}), http.StatusBadRequest)
	rec = e.do("POST", "/api/v1/users/invitations", tok, map[string]any{"email": "sai", "role": "focal"})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	decode(t, rec, &apiErrBody)
	if apiErrBody.Fields["email"] == "" || apiErrBody.Fields["name"] == "" || apiErrBody.Fields["agency_code"] == "" {
		t.Errorf("422 fields %v", apiErrBody.Fields)
	}
	var users int64
	e.store.DB().Model(&models.User{}).Where("email IN ?", []string{"x@y.vn", "sai"}).Count(&users)
	if users != 0 {
		t.Errorf("%d refused invitations created accounts", users)
	}
}

// forgot asks for a reset link for email from the login page.
func forgot(b *browser, email string) *httptest.ResponseRecorder {
	b.e.t.Helper()
	return b.submit("/password/forgot", "/password/forgot", url.Values{"email": {email}})
}

func TestForgottenPasswordAnswersTheSameForAnyEmail(t *testing.T) {
	e, srv := mailEnv(t)
	expectPage(t, newBrowser(e).get("/login"), `<a href="/password/forgot">Quên mật khẩu?</a>`)
	if err := e.store.SetUserActive(context.Background(), e.users["focal2"].ID, false); err != nil {
		t.Fatal(err)
	}
	type answer struct {
		code             int
		location, cookie string
		page             string
	}
	ask := func(email string) answer {
		b := newBrowser(e)
		b.addr = "198.51.100.9:4000" // one address for all: the throttle is not what differs
		rec := forgot(b, email)
		var flash string
		for _, c := range rec.Result().Cookies() {
			flash += c.Name + "=" + c.Value + ";"
		}
		page := b.get("/password/forgot").Body.String()
		// The browser's own CSRF token is the only thing allowed to differ.
		if m := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`).FindStringSubmatch(page); m != nil {
			page = strings.ReplaceAll(page, m[1], "")
		}
		return answer{rec.Code, rec.Header().Get("Location"), regexp.MustCompile(`roviec_csrf=[^;]+;`).ReplaceAllString(flash, ""), page}
	}
	registered := ask(e.users["focal"].Email)
	if registered.code != http.StatusSeeOther || !strings.Contains(registered.page,
		"Nếu địa chỉ này có tài khoản, chúng tôi đã gửi liên kết đặt lại mật khẩu tới đó.") {
		t.Fatalf("registered: %d, page:\n%s", registered.code, registered.page)
	}
	for _, email := range []string{"khong.co@ai.vn", e.users["focal2"].Email} {
		if got := ask(email); got != registered {
			t.Errorf("%s answered differently from a registered e-mail:\n%+v\n%+v", email, got, registered)
		}
	}
	if got := e.deliver(srv, e.users["focal"].Email); len(got) != 1 || !strings.Contains(got[0].Subject, "Đặt lại mật khẩu") {
		t.Fatalf("the registered address got %+v", got)
	}
	if n := len(srv.Messages()); n != 1 {
		t.Fatalf("%d messages delivered, want 1 (only to the registered, active account)", n)
	}
	rec := forgot(newBrowser(e), "khong-phai-email")
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectPage(t, rec, "Địa chỉ e-mail không hợp lệ.")
}

func TestResetLinkWorksOnceFor72HoursAndEndsSessions(t *testing.T) {
	e, srv := mailEnv(t)
	email := e.users["focal"].Email
	elsewhere := newBrowser(e)
	elsewhere.login("focal")
	apiToken := e.token("focal")

	expectStatus(t, forgot(newBrowser(e), strings.ToUpper(email)), http.StatusSeeOther)
	link := linkOf(t, e.deliver(srv, email)[0])
	b := newBrowser(e)
	b.cookies["roviec_lang"] = &http.Cookie{Name: "roviec_lang", Value: "en"}
	rec := b.get(link)
	expectStatus(t, rec, http.StatusOK)
	expectPage(t, rec, "Set the password of the account "+email)
	rec = setPassword(b, link, "mat-khau-dat-lai", "mat-khau-dat-lai")
	expectStatus(t, rec, http.StatusSeeOther)
	// Logged in, the account's own language (Vietnamese) takes over.
	expectPage(t, follow(b, rec), "Đã đặt mật khẩu; bạn đã đăng nhập.")

	// Every earlier session and token has ended; the old password no longer works.
	expectStatus(t, elsewhere.get("/agencies"), http.StatusSeeOther)
	expectStatus(t, e.do("GET", "/api/v1/plans", apiToken, nil), http.StatusUnauthorized)
	if _, err := e.store.Authenticate(context.Background(), email, testPassword); err == nil {
		t.Fatal("the old password still works")
	}
	rec = setPassword(newBrowser(e), link, "mat-khau-lan-nua", "mat-khau-lan-nua")
	expectStatus(t, rec, http.StatusGone)
	expectPage(t, rec, "mỗi liên kết chỉ dùng được một lần")

	// A second request: its link expires 72 hours after it was sent.
	e.clock.Set(e.clock.Now().Add(time.Hour))
	expectStatus(t, forgot(newBrowser(e), email), http.StatusSeeOther)
	link = linkOf(t, e.deliver(srv, email)[1])
	e.clock.Set(e.clock.Now().Add(72 * time.Hour))
	rec = setPassword(newBrowser(e), link, "mat-khau-qua-han", "mat-khau-qua-han")
	expectStatus(t, rec, http.StatusGone)
	expectPage(t, rec, "Liên kết đã hết hạn")
}

func TestForgottenPasswordThrottledByEmailAndAddress(t *testing.T) {
	e, srv := mailEnv(t)
	email := e.users["viewer"].Email
	// Three requests for one e-mail from three addresses, then it waits,
	// whoever asks: no one can fill an inbox.
	for i := range 3 {
		b := newBrowser(e)
		b.addr = "198.51.100." + strconv.Itoa(i+1) + ":4000"
		expectStatus(t, forgot(b, email), http.StatusSeeOther)
	}
	b := newBrowser(e)
	b.addr = "203.0.113.5:4000"
	rec := forgot(b, email)
	expectStatus(t, rec, http.StatusTooManyRequests)
	wait := retryAfter(t, rec)
	expectPage(t, rec, "Đã có quá nhiều yêu cầu đặt lại mật khẩu. Vui lòng thử lại sau "+strconv.Itoa(int(math.Ceil(wait.Minutes())))+" phút.")
	if got := e.deliver(srv, email); len(got) != 3 {
		t.Fatalf("%d messages to the address, want 3", len(got))
	}
	e.clock.Set(e.clock.Now().Add(wait))
	expectStatus(t, forgot(b, email), http.StatusSeeOther)

	// One address walking through e-mails is held after ten.
	walker := newBrowser(e)
	walker.addr = "203.0.113.99:4000"
	for i := range 10 {
		expectStatus(t, forgot(walker, "nguoi"+strconv.Itoa(i)+"@test.vn"), http.StatusSeeOther)
	}
	expectStatus(t, forgot(walker, "nguoi10@test.vn"), http.StatusTooManyRequests)
}

// TestPagePermissionsPasswordLinks: only administrators invite; the
// forgotten-password and set-password pages are open to everyone, logged
// in or not.
func TestPagePermissionsPasswordLinks(t *testing.T) {
	e, srv := mailEnv(t)
	ctx := context.Background()
	pending, _, err := e.store.InviteUser(ctx, models.NewUser{Email: "cho@test.vn", Name: "Chờ", Role: models.RoleViewer},
		e.clock.Now(), e.app.Mail.RenderPasswordLink)
	if err != nil {
		t.Fatal(err)
	}
	for _, who := range []string{"admin", "coordinator", "focal", "focal2", "viewer", "anonymous"} {
		t.Run(who, func(t *testing.T) {
			b := newBrowser(e)
			if who != "anonymous" {
				b.login(who)
			}
			invite := b.submit("/password/forgot", "/admin/users/invite", url.Values{"email": {"moi." + who + "@test.vn"},
				"name": {"Người mới"}, "role": {"viewer"}})
			reinvite := b.submit("/password/forgot", "/admin/users/"+itoa(pending.ID)+"/invite", url.Values{})
			switch who {
			case "admin":
				expectStatus(t, invite, http.StatusSeeOther)
				expectStatus(t, reinvite, http.StatusSeeOther)
			case "anonymous":
				for _, rec := range []*httptest.ResponseRecorder{invite, reinvite} {
					if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/login") {
						t.Errorf("anonymous invitation: %d to %q", rec.Code, rec.Header().Get("Location"))
					}
				}
			default:
				expectStatus(t, invite, http.StatusForbidden)
				expectStatus(t, reinvite, http.StatusForbidden)
			}
			expectStatus(t, b.get("/password/forgot"), http.StatusOK)
			expectStatus(t, forgot(b, "ai.do."+who+"@test.vn"), http.StatusSeeOther)
			expectStatus(t, b.get("/password/set?token=khong-co"), http.StatusNotFound)
		})
	}
	// The last invitation's link opens for anyone and sets the password.
	mails := e.deliver(srv, "cho@test.vn")
	link := linkOf(t, mails[len(mails)-1])
	viewer := newBrowser(e)
	viewer.login("viewer")
	expectStatus(t, viewer.get(link), http.StatusOK)
	expectStatus(t, newBrowser(e).get(link), http.StatusOK)
	expectStatus(t, setPassword(newBrowser(e), link, "mat-khau-cua-cho", "mat-khau-cua-cho"), http.StatusSeeOther)
	var invited int64
	e.store.DB().Model(&models.User{}).Where("email LIKE ?", "moi.%@test.vn").Count(&invited)
	if invited != 1 {
		t.Errorf("%d invited accounts, want the admin's only", invited)
	}
}
