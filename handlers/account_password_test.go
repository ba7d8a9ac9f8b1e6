package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestPageChangeOwnPassword(t *testing.T) {
	e := newEnv(t)
	b, other := newBrowser(e), newBrowser(e)
	b.login("focal")
	other.login("focal")
	apiToken := e.token("focal")
	expectPage(t, b.get("/account/password"), "Đổi mật khẩu", `name="current_password"`)

	const newPassword = "bao-cao-dung-han-2023"
	cases := []struct {
		name           string
		form           url.Values
		want           int
		message        string
		wantFieldError bool
	}{
		{"wrong current", url.Values{"current_password": {"sai-mat-khau"}, "new_password": {newPassword}, "new_password_confirm": {newPassword}},
			422, "Mật khẩu hiện tại không đúng.", true},
		{"typed differently", url.Values{"current_password": {testPassword}, "new_password": {newPassword}, "new_password_confirm": {newPassword + "x"}},
			422, "Hai lần nhập mật khẩu mới không khớp nhau.", true},
		{"too short", url.Values{"current_password": {testPassword}, "new_password": {"ngan"}, "new_password_confirm": {"ngan"}},
			422, "Mật khẩu cần ít nhất 8 ký tự.", true},
		{"the e-mail", url.Values{"current_password": {testPassword}, "new_password": {"Focal.BTTTT@test.vn"}, "new_password_confirm": {"Focal.BTTTT@test.vn"}},
			422, "Mật khẩu không được trùng với e-mail.", true},
		{"common", url.Values{"current_password": {testPassword}, "new_password": {"matkhau123"}, "new_password_confirm": {"matkhau123"}},
			422, "Mật khẩu này quá phổ biến", true},
	}
	for _, c := range cases {
		rec := b.submit("/account/password", "/account/password", c.form)
		expectStatus(t, rec, c.want)
		expectPage(t, rec, c.message)
		if strings.Contains(rec.Body.String(), testPassword) {
			t.Errorf("%s: a password is echoed back in the page", c.name)
		}
	}
	// Nothing ended while the change was refused.
	expectStatus(t, other.get("/agencies"), http.StatusOK)

	rec := b.submit("/account/password", "/account/password", url.Values{"current_password": {testPassword},
		"new_password": {newPassword}, "new_password_confirm": {newPassword}})
	expectStatus(t, rec, http.StatusSeeOther)
	expectPage(t, b.get("/account/password"), "Đã đổi mật khẩu")
	// This browser goes on; the other session and the API token ended.
	expectStatus(t, b.get("/agencies"), http.StatusOK)
	expectStatus(t, other.get("/agencies"), http.StatusSeeOther)
	expectStatus(t, e.do("GET", "/api/v1/plans", apiToken, nil), http.StatusUnauthorized)
	// The new password logs in, the old one no longer.
	expectStatus(t, e.do("POST", "/api/v1/auth/token", "", map[string]string{"email": "focal.btttt@test.vn", "password": testPassword}), 401)
	expectStatus(t, e.do("POST", "/api/v1/auth/token", "", map[string]string{"email": "focal.btttt@test.vn", "password": newPassword}), 201)
}

func TestAPIChangeOwnPassword(t *testing.T) {
	e := newEnv(t)
	tok, other := e.token("viewer"), e.token("viewer")
	b := newBrowser(e)
	b.login("viewer")
	rec := e.do("POST", "/api/v1/account/password", tok, map[string]string{"current_password": "sai", "new_password": "bao-cao-dung-han-2023"})
	expectStatus(t, rec, 422)
	var body apiErr
	decode(t, rec, &body)
	if body.Fields["current_password"] != "Mật khẩu hiện tại không đúng." {
		t.Fatalf("fields %v", body.Fields)
	}
	rec = e.do("POST", "/api/v1/account/password", tok, map[string]string{"current_password": testPassword, "new_password": "12345678"})
	expectStatus(t, rec, 422)
	decode(t, rec, &body)
	if !strings.Contains(body.Fields["new_password"], "phổ biến") {
		t.Fatalf("fields %v", body.Fields)
	}
	rec = e.do("POST", "/api/v1/account/password", tok, map[string]string{"current_password": testPassword, "new_password": "bao-cao-dung-han-2023"})
	expectStatus(t, rec, 200)
	var out struct {
		Token string `json:"token"`
	}
	decode(t, rec, &out)
	for _, old := range []string{tok, other} {
		expectStatus(t, e.do("GET", "/api/v1/plans", old, nil), http.StatusUnauthorized)
	}
	expectStatus(t, e.do("GET", "/api/v1/plans", out.Token, nil), http.StatusOK)
	expectStatus(t, b.get("/agencies"), http.StatusSeeOther)
}

// TestDeactivationEndsSessionsAndTokens: an administrator deactivating an
// account ends its sessions and API tokens at once.
func TestDeactivationEndsSessionsAndTokens(t *testing.T) {
	e := newEnv(t)
	tok := e.token("focal")
	user := newBrowser(e)
	user.login("focal")
	admin := newBrowser(e)
	admin.login("admin")
	rec := admin.submit("/admin/users", "/admin/users/"+itoa(e.users["focal"].ID)+"/active", url.Values{"active": {"0"}})
	expectStatus(t, rec, http.StatusSeeOther)
	expectStatus(t, user.get("/agencies"), http.StatusSeeOther)
	expectStatus(t, e.do("GET", "/api/v1/plans", tok, nil), http.StatusUnauthorized)
	var n int64
	if err := e.store.DB().Table("tokens").Where("user_id = ?", e.users["focal"].ID).Count(&n).Error; err != nil || n != 0 {
		t.Fatalf("%d tokens left after deactivation (%v)", n, err)
	}
}

// TestPagePermissionsAccount: every signed-in user may change their own
// password; anonymous visitors are sent to the login page.
func TestPagePermissionsAccount(t *testing.T) {
	e := newEnv(t)
	for _, who := range []string{"admin", "coordinator", "focal", "focal2", "viewer"} {
		b := newBrowser(e)
		b.login(who)
		expectStatus(t, b.get("/account/password"), http.StatusOK)
		rec := b.submit("/account/password", "/account/password", url.Values{"current_password": {testPassword},
			"new_password": {"mat-khau-moi-" + who}, "new_password_confirm": {"mat-khau-moi-" + who}})
		expectStatus(t, rec, http.StatusSeeOther)
	}
	anon := newBrowser(e)
	for _, rec := range []int{anon.get("/account/password").Code,
		anon.send(http.MethodPost, "/account/password", url.Values{}, nil).Code} {
		if rec != http.StatusSeeOther && rec != http.StatusForbidden {
			t.Errorf("anonymous: status %d", rec)
		}
	}
}
