package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestPasswordOver72BytesIsRefusedClearly: 40 × "ư" is 40 characters but 80
// bytes, past what bcrypt hashes: refused with 422 and the limit, never a
// 500; logging in with it is a plain wrong password.
func TestPasswordOver72BytesIsRefusedClearly(t *testing.T) {
	e := newEnv(t)
	long := strings.Repeat("ư", 40)
	rec := e.do("POST", "/api/v1/users", e.token("admin"), map[string]string{"email": "moi@test.vn", "name": "Mới",
		"role": "viewer", "password": long})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	var body apiErr
	decode(t, rec, &body)
	if !strings.Contains(body.Fields["password"], "tối đa 72 byte") {
		t.Fatalf("fields %v", body.Fields)
	}
	expectStatus(t, e.do("POST", "/api/v1/auth/token", "", map[string]string{"email": "viewer@test.vn", "password": long}),
		http.StatusUnauthorized)
	b := newBrowser(e)
	expectStatus(t, b.submit("/login", "/login", url.Values{"email": {"viewer@test.vn"}, "password": {long}}), http.StatusUnauthorized)
	b.login("admin")
	rec = b.submit("/admin/users", "/admin/users", url.Values{"email": {"moi@test.vn"}, "name": {"Mới"}, "role": {"viewer"},
		"language": {"vi"}, "password": {long}})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectPage(t, rec, "Mật khẩu quá dài (tối đa 72 byte")
}
