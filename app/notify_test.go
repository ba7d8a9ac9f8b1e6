package app

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"roviec/models"
	"roviec/models/notify"
	"roviec/models/store"
)

// focalWorld is the reminder world with a focal point in each of the 93
// agencies (so two in BTTTT and Hà Nội, with the world's).
func focalWorld(t *testing.T) (*reminderWorld, map[string]*models.User) {
	t.Helper()
	w := newReminderWorld(t)
	ctx := context.Background()
	agencies, err := w.app.Store.ListAgencies(ctx, store.AgencyFilter{})
	if err != nil {
		t.Fatal(err)
	}
	focal := map[string]*models.User{}
	for _, ag := range agencies {
		u, err := w.app.Store.CreateUser(ctx, models.NewUser{Email: "focal." + strings.ToLower(ag.Code) + "@gov.vn",
			Name: "Đầu mối " + ag.Code, Role: models.RoleFocal, AgencyCode: ag.Code, Password: "mat-khau-thu"})
		if err != nil {
			t.Fatal(err)
		}
		focal[ag.Code] = u
	}
	if len(focal) != 93 {
		t.Fatalf("%d agencies, want 93", len(focal))
	}
	return w, focal
}

func (w *reminderWorld) directive(t *testing.T, title string, kinds ...models.AgencyKind) []models.Assignment {
	t.Helper()
	_, list, err := w.app.Store.CreateDirective(context.Background(), models.DirectiveInput{ThemeID: firstTheme(t, w.app),
		Title: title, DueDate: "30/06/2023", AgencyKinds: kinds}, nil, w.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// byRecipient groups the received messages by address.
func (w *reminderWorld) byRecipient() map[string][]string {
	out := map[string][]string{}
	for _, m := range w.smtp.Messages() {
		for _, to := range m.To {
			out[to] = append(out[to], m.Text)
		}
	}
	return out
}

// One directive to 93 agencies and another to the 30 ministries, one pass:
// one e-mail per person, listing what concerns them; a second pass sends
// nothing; each person's choice of mode is respected.
func TestNotificationMailIsOnePerPersonAndPass(t *testing.T) {
	w, focal := focalWorld(t)
	ctx := context.Background()
	// Choices: BTTTT's second focal point wants new tasks at once, Hà Nội's none by e-mail.
	now, none := map[notify.Kind]notify.Mode{notify.Assigned: notify.Now}, map[notify.Kind]notify.Mode{notify.Assigned: notify.None}
	if _, err := w.app.Store.SetNotificationPrefs(ctx, focal["BTTTT"].ID, now); err != nil {
		t.Fatal(err)
	}
	if _, err := w.app.Store.SetNotificationPrefs(ctx, focal["01"].ID, none); err != nil {
		t.Fatal(err)
	}
	if _, err := w.app.Store.SetNotificationPrefs(ctx, focal["02"].ID, map[notify.Kind]notify.Mode{notify.Assigned: "soon"}); err == nil {
		t.Fatal("an unknown mode was saved")
	}
	all := w.directive(t, "Rà soát dữ liệu dân cư", models.KindMinistry, models.KindProvince)
	w.directive(t, "Công bố danh mục dữ liệu mở", models.KindMinistry)
	if len(all) != 93 {
		t.Fatalf("%d assignments, want 93", len(all))
	}

	// The sender's round (at once only): the one who asked for new tasks at once.
	n, err := w.app.MailNotifications(ctx, false)
	if err != nil || n != 1 {
		t.Fatalf("at-once round: %d messages, %v; want 1", n, err)
	}
	deliver(t, w.app)
	got := w.byRecipient()
	if mails := got[focal["BTTTT"].Email]; len(mails) != 1 || !strings.Contains(mails[0], "Rà soát dữ liệu dân cư") ||
		!strings.Contains(mails[0], "Công bố danh mục dữ liệu mở") {
		t.Fatalf("at once: %d e-mails to the BTTTT focal point: %q", len(mails), mails)
	}

	// The daily digest: everyone else with e-mail, one each, both tasks for ministries.
	n, err = w.app.MailNotifications(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	deliver(t, w.app)
	got = w.byRecipient()
	// 95 focal points (93 new, the world's in BTTTT and Hà Nội), less the new one of
	// BTTTT (mailed at once) and of Hà Nội (no e-mail): 93 digests, 94 people reached.
	if n != 93 || len(got) != 94 {
		t.Fatalf("digest: %d messages queued, %d people reached; want 93 and 94", n, len(got))
	}
	for to, mails := range got {
		if len(mails) != 1 {
			t.Errorf("%s got %d e-mails, want 1", to, len(mails))
		}
	}
	if _, ok := got[focal["01"].Email]; ok {
		t.Error("Hà Nội's focal point chose no e-mail for new tasks, and got one")
	}
	if m := got[focal["BCA"].Email]; len(m) != 1 || !strings.Contains(m[0], "Công bố danh mục dữ liệu mở") ||
		!strings.Contains(m[0], "Chưa bắt đầu") || !strings.Contains(m[0], "https://roviec.example.vn/assignments/") {
		t.Errorf("a ministry's digest: %q", m)
	}
	if m := got["focal@mic.gov.vn"]; len(m) != 1 || !strings.Contains(m[0], "since the last digest") || !strings.Contains(m[0], "Update the task") {
		t.Errorf("the English focal point's digest: %q", m)
	}
	// Nothing twice; yet the app lists them all, unread.
	if n, err := w.app.MailNotifications(ctx, true); err != nil || n != 0 {
		t.Fatalf("a second pass queued %d, %v", n, err)
	}
	if c, err := w.app.Store.UnreadCount(ctx, focal["01"].ID); err != nil || c != 1 {
		t.Errorf("Hà Nội's unread count: %d, %v; want 1", c, err)
	}
}

// A submission returned with a reason reaches the focal point's inbox in
// the next round, with the reason, the task's status and progress and the
// button to its update form.
func TestReturnWithReasonReachesTheInbox(t *testing.T) {
	w := newReminderWorld(t)
	ctx := context.Background()
	list := w.directive(t, "Ban hành kế hoạch dữ liệu", models.KindProvince)
	var a models.Assignment
	for _, x := range list {
		if x.AgencyID == agencyID(t, w.app, "01") {
			a = x
		}
	}
	users, err := w.app.Store.ListUsers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byEmail := map[string]*models.User{}
	for i := range users {
		byEmail[users[i].Email] = &users[i]
	}
	focal, coord := byEmail["daumoi@hanoi.gov.vn"], byEmail["dieuphoi@mic.gov.vn"]
	submitted, done, returned := models.StatusSubmitted, 100, models.StatusInProgress
	ref, date := "12/KH-UBND", "01/04/2023"
	if _, err := w.app.Store.UpdateAssignment(models.WithActor(ctx, models.UserActor(focal, "test")), focal, &models.Assignment{ID: a.ID},
		models.AssignmentChange{Status: &submitted, Progress: &done, EvidenceRef: &ref, EvidenceDate: &date}, w.clock.Now()); err != nil {
		t.Fatal(err)
	}
	reason := "Thiếu quyết định ban hành kèm theo"
	if _, err := w.app.Store.UpdateAssignment(models.WithActor(ctx, models.UserActor(coord, "test")), coord, &models.Assignment{ID: a.ID},
		models.AssignmentChange{Status: &returned, Note: reason}, w.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := w.app.MailNotifications(ctx, false); err != nil {
		t.Fatal(err)
	}
	deliver(t, w.app)
	var mails []string
	for _, m := range w.smtp.Messages() {
		if m.To[0] == focal.Email {
			mails = append(mails, m.Subject+"\n"+m.Text+"\n"+m.HTML)
		}
	}
	link := fmt.Sprintf("https://roviec.example.vn/assignments/%d#update", a.ID)
	if len(mails) != 1 || !strings.Contains(mails[0], "Bị trả lại: Ban hành kế hoạch dữ liệu") ||
		!strings.Contains(mails[0], "Trần Điều Phối: "+reason) || !strings.Contains(mails[0], "Đang thực hiện") ||
		!strings.Contains(mails[0], "100%") || !strings.Contains(mails[0], link) {
		t.Fatalf("the focal point's inbox: %q", mails)
	}
}

func agencyID(t *testing.T, a *App, code string) uint {
	t.Helper()
	ag, err := a.Store.AgencyByCode(context.Background(), code)
	if err != nil {
		t.Fatal(err)
	}
	return ag.ID
}

// The month's kick-off to Hà Nội's focal point lists the province's
// overdue work and its returned submission with the reason, read from the
// database on the first working day of May (04/05/2023, after the holidays).
func TestKickoffListsOverdueAndReturnedWork(t *testing.T) {
	w := newReminderWorld(t)
	ctx := context.Background()
	list := w.directive(t, "Số hóa hồ sơ đất đai", models.KindProvince)
	var a models.Assignment
	for _, x := range list {
		if x.AgencyID == agencyID(t, w.app, "01") {
			a = x
		}
	}
	users, err := w.app.Store.ListUsers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byEmail := map[string]*models.User{}
	for i := range users {
		byEmail[users[i].Email] = &users[i]
	}
	focal, coord := byEmail["daumoi@hanoi.gov.vn"], byEmail["dieuphoi@mic.gov.vn"]
	submitted, done, returned := models.StatusSubmitted, 100, models.StatusInProgress
	ref, date := "12/KH-UBND", "01/04/2023"
	if _, err := w.app.Store.UpdateAssignment(ctx, focal, &models.Assignment{ID: a.ID},
		models.AssignmentChange{Status: &submitted, Progress: &done, EvidenceRef: &ref, EvidenceDate: &date}, w.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := w.app.Store.UpdateAssignment(ctx, coord, &models.Assignment{ID: a.ID}, models.AssignmentChange{Status: &returned, Note: "Thiếu danh mục hồ sơ"}, w.clock.Now()); err != nil {
		t.Fatal(err)
	}
	w.clock.Set(hanoi(t, 2023, 5, 4, 8))
	w.passAndDeliver(t, w.app)
	var text string
	for _, m := range w.smtp.Messages() {
		if m.To[0] == focal.Email && strings.Contains(m.Subject, "Chủ đề tháng 05/2023") {
			text = m.Text
		}
	}
	for _, want := range []string{"Bị trả lại, cần bổ sung", "Số hóa hồ sơ đất đai", "Lý do trả lại: Thiếu danh mục hồ sơ",
		"Việc quá hạn của cơ quan", "Hạn: 31/03/2023 (quá hạn 34 ngày)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the kick-off lacks %q:\n%s", want, text)
		}
	}
}

// An explanation request is told the day it is opened: the scheduled pass
// on 14/04/2023 (10 working days after the Q1 deadline) opens them and, in
// the same run, e-mails each focal point of the agencies concerned one
// message listing their requests (beside the reminder, which goes to the
// person named on each task, not necessarily to them).
func TestExplanationRequestToldTheDayItOpens(t *testing.T) {
	w := newReminderWorld(t)
	w.clock.Set(hanoi(t, 2023, 4, 14, 8))
	w.app.remindAndDeliver(context.Background())
	var found []string
	for _, m := range w.smtp.Messages() {
		if m.To[0] == "daumoi@hanoi.gov.vn" && strings.Contains(m.Text, "* Yêu cầu giải trình: ") {
			found = append(found, m.Text)
		}
	}
	if len(found) != 1 || strings.Count(found[0], "* Yêu cầu giải trình: ") != 3 || !strings.Contains(found[0], "#update") {
		t.Fatalf("Hà Nội's focal point was told of the explanation requests in %d e-mails: %q", len(found), found)
	}
}

// A submission tells each coordinator, not viewers, admins or other
// agencies' focal points; by default in the daily digest, which lists it.
func TestSubmissionToldToCoordinatorsInTheDigest(t *testing.T) {
	w := newReminderWorld(t)
	ctx := context.Background()
	extra := map[string]*models.User{}
	for _, u := range []models.NewUser{
		{Email: "dieuphoi2@mic.gov.vn", Name: "Vũ Điều Phối", Role: models.RoleCoordinator},
		{Email: "xem@mic.gov.vn", Name: "Đỗ Người Xem", Role: models.RoleViewer},
	} {
		u.Password = "mat-khau-thu"
		created, err := w.app.Store.CreateUser(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		extra[u.Email] = created
	}
	users, err := w.app.Store.ListUsers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byEmail := map[string]*models.User{}
	for i := range users {
		byEmail[users[i].Email] = &users[i]
	}
	focal := byEmail["daumoi@hanoi.gov.vn"]
	var a models.Assignment
	for _, x := range w.directive(t, "Kết nối cổng dịch vụ công", models.KindProvince) {
		if x.AgencyID == agencyID(t, w.app, "01") {
			a = x
		}
	}
	submitted, done := models.StatusSubmitted, 100
	ref, date := "15/BC-UBND", "01/04/2023"
	if _, err := w.app.Store.UpdateAssignment(ctx, focal, &models.Assignment{ID: a.ID},
		models.AssignmentChange{Status: &submitted, Progress: &done, EvidenceRef: &ref, EvidenceDate: &date}, w.clock.Now()); err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		items, _, err := w.app.Store.Notifications(ctx, u.ID, store.Page{})
		if err != nil {
			t.Fatal(err)
		}
		var got []notify.Kind
		for _, it := range items {
			if it.Kind == notify.Submitted {
				got = append(got, it.Kind)
				if it.AssignmentID != a.ID {
					t.Errorf("%s told of assignment %d, want %d", u.Email, it.AssignmentID, a.ID)
				}
			}
		}
		if want := map[bool]int{true: 1, false: 0}[u.Role == models.RoleCoordinator]; len(got) != want {
			t.Errorf("%s (%s) has %d submission notifications, want %d", u.Email, u.Role, len(got), want)
		}
	}

	// Not at once by default; the digest lists it, to each coordinator once.
	if _, err := w.app.MailNotifications(ctx, false); err != nil {
		t.Fatal(err)
	}
	deliver(t, w.app)
	if got := w.byRecipient(); len(got["dieuphoi@mic.gov.vn"]) != 0 {
		t.Fatalf("a submission was mailed at once: %q", got["dieuphoi@mic.gov.vn"])
	}
	if _, err := w.app.MailNotifications(ctx, true); err != nil {
		t.Fatal(err)
	}
	deliver(t, w.app)
	got := w.byRecipient()
	for _, to := range []string{"dieuphoi@mic.gov.vn", "dieuphoi2@mic.gov.vn"} {
		if m := got[to]; len(m) != 1 || !strings.Contains(m[0], "Chờ nghiệm thu: Kết nối cổng dịch vụ công") ||
			!strings.Contains(m[0], "Hà Nội") {
			t.Errorf("%s's digest: %q", to, m)
		}
	}
	if m := got["xem@mic.gov.vn"]; len(m) != 0 {
		t.Errorf("the viewer was mailed: %q", m)
	}
}
