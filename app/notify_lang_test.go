package app

import (
	"context"
	"strings"
	"testing"

	"roviec/models"
)

// Extension decisions and explanation requests reach each focal point in
// their own language (BTTTT has one reading English, one Vietnamese), the
// committee's reason as typed; the e-mails go through the in-process SMTP
// server.
func TestEventMailsInTheReadersLanguage(t *testing.T) {
	w := newReminderWorld(t)
	ctx := context.Background()
	vi, err := w.app.Store.CreateUser(ctx, models.NewUser{Email: "daumoi2@mic.gov.vn", Name: "Võ Đầu Mối", Role: models.RoleFocal,
		AgencyCode: "BTTTT", Language: "vi", Password: "mat-khau-thu"})
	if err != nil {
		t.Fatal(err)
	}
	users, err := w.app.Store.ListUsers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byEmail := map[string]*models.User{}
	for i := range users {
		byEmail[users[i].Email] = &users[i]
	}
	en, coord := byEmail["focal@mic.gov.vn"], byEmail["dieuphoi@mic.gov.vn"]
	var a models.Assignment
	for _, x := range w.directive(t, "Kết nối cơ sở dữ liệu", models.KindMinistry) {
		if x.AgencyID == agencyID(t, w.app, "BTTTT") {
			a = x
		}
	}
	reason := "Chưa đủ căn cứ <gia hạn>"
	ext, err := w.app.Store.RequestExtension(ctx, en, a.ID, "31/07/2023", "Chờ dữ liệu", w.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.app.Store.DecideExtension(ctx, coord, ext.ID, false, reason, w.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if ext, err = w.app.Store.RequestExtension(ctx, en, a.ID, "15/07/2023", "Chờ dữ liệu", w.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := w.app.Store.DecideExtension(ctx, coord, ext.ID, true, "", w.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := w.app.MailNotifications(ctx, false); err != nil {
		t.Fatal(err)
	}
	deliver(t, w.app)
	w.clock.Set(hanoi(t, 2023, 4, 14, 8)) // the pass opens explanation requests of Q1's overdue work
	w.app.remindAndDeliver(ctx)

	mails := map[string]string{}
	for _, m := range w.smtp.Messages() {
		if strings.Contains(m.Text, "* ") && (m.To[0] == en.Email || m.To[0] == vi.Email) {
			mails[m.To[0]] += m.Subject + "\n" + m.Text + "\n" + m.HTML + "\n"
		}
	}
	checkMail := func(who, mail string, want, not []string) {
		t.Helper()
		for _, s := range want {
			if !strings.Contains(mail, s) {
				t.Errorf("%s's e-mails lack %q:\n%s", who, s, mail)
			}
		}
		for _, s := range not {
			if strings.Contains(mail, s) {
				t.Errorf("%s's e-mails say %q:\n%s", who, s, mail)
			}
		}
	}
	checkMail("the English reader", mails[en.Email],
		[]string{"Extension decided: Kết nối cơ sở dữ liệu", "Trần Điều Phối: Extension to 31/07/2023 refused — Chưa đủ căn cứ &lt;gia hạn&gt;",
			"Trần Điều Phối: Deadline extended to 15/07/2023", "Explanation requested: ", "long overdue: your agency must explain why."},
		[]string{"gia hạn đến", "Gia hạn đến", "cần giải trình"})
	checkMail("the Vietnamese reader", mails[vi.Email],
		[]string{"Trần Điều Phối: Không đồng ý gia hạn đến 31/07/2023 — Chưa đủ căn cứ &lt;gia hạn&gt;",
			"Trần Điều Phối: Gia hạn đến 15/07/2023", "đã lâu, cơ quan cần giải trình."},
		[]string{"Extension to", "Deadline extended", "your agency must explain"})
	if !strings.Contains(mails[en.Email], "Chưa đủ căn cứ <gia hạn>") {
		t.Errorf("the reason is not kept as typed in the English text part:\n%s", mails[en.Email])
	}
}
