package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestPageAdminUsers(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	b.login("admin")
	ctx := context.Background()
	rec := b.submit("/admin/users", "/admin/users", url.Values{"email": {"sai"}, "name": {"Phạm Thu"}, "role": {"focal"},
		"password": {"mat-khau-dai"}})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectPage(t, rec, `id="email-error">Địa chỉ e-mail không hợp lệ.`, `id="agency_code-error">Cán bộ đầu mối phải thuộc một cơ quan.`, `value="Phạm Thu"`)

	rec = b.submit("/admin/users", "/admin/users", url.Values{"email": {"Thu.Pham@HaNoi.gov.vn"}, "name": {"Phạm Thu"},
		"role": {"focal"}, "agency_code": {"01"}, "language": {"vi"}, "password": {"mat-khau-dai"}})
	expectStatus(t, rec, http.StatusSeeOther)
	expectPage(t, b.get("/admin/users"), "Đã tạo tài khoản.", "thu.pham@hanoi.gov.vn", "Hà Nội")

	// The new user logs in; deactivated, they are logged out and cannot log in.
	nb := newBrowser(e)
	rec = nb.submit("/login", "/login", url.Values{"email": {"thu.pham@hanoi.gov.vn"}, "password": {"mat-khau-dai"}})
	expectStatus(t, rec, http.StatusSeeOther)
	u, err := e.store.Authenticate(ctx, "thu.pham@hanoi.gov.vn", "mat-khau-dai")
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/admin/users/%d", u.ID)
	expectStatus(t, b.submit("/admin/users", path+"/active", url.Values{"active": {"0"}}), http.StatusSeeOther)
	if rec := nb.get("/agencies"); rec.Code != http.StatusSeeOther {
		t.Fatalf("a deactivated user still sees pages: %d", rec.Code)
	}
	expectStatus(t, b.submit("/admin/users", path+"/active", url.Values{"active": {"1"}}), http.StatusSeeOther)

	// Reset password: too short is a readable 422; then the new one works.
	rec = b.submit("/admin/users", path+"/password", url.Values{"password": {"ngan"}})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectPage(t, rec, "Mật khẩu cần ít nhất 8 ký tự.")
	expectStatus(t, b.submit("/admin/users", path+"/password", url.Values{"password": {"mat-khau-moi-1"}}), http.StatusSeeOther)
	if _, err := e.store.Authenticate(ctx, "thu.pham@hanoi.gov.vn", "mat-khau-moi-1"); err != nil {
		t.Fatal("new password does not work")
	}

	// An administrator cannot lock themselves out.
	self := fmt.Sprintf("/admin/users/%d/active", e.users["admin"].ID)
	expectStatus(t, b.submit("/admin/users", self, url.Values{"active": {"0"}}), http.StatusConflict)
}

func TestPageAgencies(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	b.login("admin")
	rec := b.get("/agencies")
	expectStatus(t, rec, http.StatusOK)
	body := rec.Body.String()
	if strings.Count(body, `<a href="/agencies/`) != 93 {
		t.Errorf("want 93 agencies listed, got %d", strings.Count(body, `<a href="/agencies/`))
	}
	if strings.Index(body, "Đà Nẵng") > strings.Index(body, "Điện Biên") || strings.Index(body, "Điện Biên") > strings.Index(body, "Đồng Nai") {
		t.Error("provinces not in Vietnamese order")
	}
	rec = b.get("/agencies/BTTTT")
	expectStatus(t, rec, http.StatusOK)
	expectPage(t, rec, "Bộ Thông tin và Truyền thông", "Khởi động Năm Dữ liệu số quốc gia", "Ban hành Kế hoạch chuyển đổi số năm 2023")
	expectStatus(t, b.get("/agencies/KHONGCO"), http.StatusNotFound)

	rec = b.submit("/agencies/BTTTT/edit", "/agencies/BTTTT", url.Values{"name": {"Bộ Thông tin và Truyền thông"},
		"leader_name": {"Nguyễn Mạnh Hùng"}, "leader_email": {"không hợp lệ"}, "active": {"1"}})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	expectPage(t, rec, `id="leader_email-error">Địa chỉ e-mail không hợp lệ.`, `value="Nguyễn Mạnh Hùng"`)
	rec = b.submit("/agencies/BTTTT/edit", "/agencies/BTTTT", url.Values{"name": {"Bộ Thông tin và Truyền thông"},
		"leader_name": {"Nguyễn Mạnh Hùng"}, "leader_email": {"lanhdao@mic.gov.vn"}, "active": {"1"}})
	expectStatus(t, rec, http.StatusSeeOther)
	expectPage(t, b.get("/agencies/BTTTT"), "Đã lưu thông tin cơ quan.", "Nguyễn Mạnh Hùng", "lanhdao@mic.gov.vn")
}

func TestPageUnknownIDs(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(e)
	b.login("viewer")
	for _, p := range []string{"/plans/9999", "/themes/abc", "/directives/0", "/assignments/999999", "/no-such-page"} {
		rec := b.get(p)
		expectStatus(t, rec, http.StatusNotFound)
		expectPage(t, rec, "Không tìm thấy trang hoặc mục này.")
	}
}
