package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/robfig/cron/v3"
	"golang.org/x/crypto/bcrypt"

	"roviec/app/mailer/smtptest"
	"roviec/models"
	"roviec/models/store"
	"roviec/models/store/storetest"
)

// testClock is a settable clock shared by the apps of a test.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

// reminderWorld is the real app on a fresh database, talking to a real SMTP
// server, with the 2023 programme loaded on 03/04/2023 and three people to
// remind: a coordinator, an English-speaking focal point of BTTTT (whose
// leader has an e-mail) and a focal point of Hà Nội.
type reminderWorld struct {
	cfg   Config
	clock *testClock
	smtp  *smtptest.Server
	app   *App
}

func hanoi(t *testing.T, y int, m time.Month, d, h int) time.Time {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	return time.Date(y, m, d, h, 0, 0, 0, loc)
}

func newReminderWorld(t *testing.T) *reminderWorld {
	t.Helper()
	w := &reminderWorld{smtp: smtptest.Start(t), clock: &testClock{t: hanoi(t, 2023, 4, 3, 8)}}
	w.cfg = DefaultConfig()
	w.cfg.Database = storetest.Database(t)
	w.cfg.BaseURL = "https://roviec.example.vn"
	w.cfg.SMTPURL = w.smtp.URL()
	w.cfg.AdminPassword = "mat-khau-quan-tri"
	if err := w.cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	w.app = w.newApp(t)
	ctx := context.Background()
	if err := w.app.Bootstrap(ctx); err != nil {
		t.Fatal(err)
	}
	for _, u := range []models.NewUser{
		{Email: "dieuphoi@mic.gov.vn", Name: "Trần Điều Phối", Role: models.RoleCoordinator},
		{Email: "focal@mic.gov.vn", Name: "Lê Đầu Mối", Role: models.RoleFocal, AgencyCode: "BTTTT", Language: "en"},
		{Email: "daumoi@hanoi.gov.vn", Name: "Phạm Hà Nội", Role: models.RoleFocal, AgencyCode: "01"},
	} {
		u.Password = "mat-khau-thu"
		if _, err := w.app.Store.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	leader, email := "Nguyễn Lãnh Đạo", "lanhdao@mic.gov.vn"
	if _, err := w.app.Store.UpdateAgency(ctx, "BTTTT", store.AgencyPatch{LeaderName: &leader, LeaderEmail: &email}); err != nil {
		t.Fatal(err)
	}
	return w
}

// newApp builds another app on the same database and SMTP server: a second
// process, as far as the database can tell (its own connection pool).
func (w *reminderWorld) newApp(t *testing.T) *App {
	t.Helper()
	a, err := New(w.cfg, w.clock.Now, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	a.Store.PasswordCost = bcrypt.MinCost
	t.Cleanup(func() { _ = a.Close() })
	return a
}

// passAndDeliver runs a pass at the clock's time and delivers the outbox.
func (w *reminderWorld) passAndDeliver(t *testing.T, a *App) store.PassResult {
	t.Helper()
	res, err := a.RunPass(context.Background(), w.clock.Now(), false)
	if err != nil {
		t.Fatal(err)
	}
	deliver(t, a)
	return res
}

// deliver delivers the outbox once.
func deliver(t *testing.T, a *App) {
	t.Helper()
	if _, _, err := a.DeliverOutbox(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// inbox groups the received messages' subjects by recipient.
func (w *reminderWorld) inbox() map[string][]string {
	out := map[string][]string{}
	for _, m := range w.smtp.Messages() {
		for _, to := range m.To {
			out[to] = append(out[to], m.Subject)
		}
	}
	for _, s := range out {
		sort.Strings(s)
	}
	return out
}

// openQ1 lists the open assignments of an agency due 31/03/2023.
func openQ1(t *testing.T, a *App, code string) []models.Assignment {
	t.Helper()
	ag, err := a.Store.AgencyByCode(context.Background(), code)
	if err != nil {
		t.Fatal(err)
	}
	list, _, err := a.Store.ListAssignments(context.Background(), store.AssignmentFilter{AgencyID: ag.ID, Timeliness: models.OpenOverdue, Page: store.Page{PerPage: 500}}, hanoi(t, 2023, 4, 3, 8))
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func TestReminderPassDeliversOverRealSMTPExactlyOnce(t *testing.T) {
	w := newReminderWorld(t)
	w.passAndDeliver(t, w.app)

	// Monday 03/04/2023: the Q1 deadline (Friday 31/03) is one working day past,
	// it is the first working day of the week (digest) and of April (kick-off):
	// one message each, carrying everything.
	btttt := openQ1(t, w.app, "BTTTT")
	hn := openQ1(t, w.app, "01")
	want := map[string][]string{
		"dieuphoi@mic.gov.vn": {"[Rõ Việc] Tổng hợp tuần 2023-W14"},
		"focal@mic.gov.vn": {
			fmt.Sprintf("[Rõ Việc] Reminder 03/04/2023: %d overdue · Theme of the month 04/2023: Open data", len(btttt)),
		},
		"daumoi@hanoi.gov.vn": {
			fmt.Sprintf("[Rõ Việc] Nhắc việc 03/04/2023: %d nhiệm vụ quá hạn · Chủ đề tháng 04/2023: Dữ liệu mở", len(hn)),
		},
	}
	got := w.inbox()
	for to, subjects := range want {
		sort.Strings(subjects)
		if strings.Join(got[to], "|") != strings.Join(subjects, "|") {
			t.Errorf("%s received %q, want %q", to, got[to], subjects)
		}
	}
	if len(got) != len(want) {
		t.Errorf("messages went to %d people, want %d: %v", len(got), len(want), got)
	}
	// The focal point's reminder lists every overdue assignment with its link.
	for _, m := range w.smtp.Messages() {
		if m.To[0] != "focal@mic.gov.vn" || !strings.Contains(m.Subject, "Reminder") {
			continue
		}
		for _, a := range btttt {
			link := fmt.Sprintf("https://roviec.example.vn/assignments/%d", a.ID)
			if !strings.Contains(m.Text, link) || !strings.Contains(m.HTML, link) {
				t.Errorf("reminder does not link assignment %d", a.ID)
			}
			if !strings.Contains(m.Text, a.Directive.Title) {
				t.Errorf("reminder does not name %q", a.Directive.Title)
			}
		}
		if !strings.Contains(m.Text, "Dear Lê Đầu Mối") || !strings.Contains(m.Text, "Launch of the National Digital Data Year") {
			t.Errorf("English reminder lacks greeting or theme:\n%s", m.Text)
		}
	}

	// A second pass the same day sends nothing.
	before := len(w.smtp.Messages())
	w.clock.Set(hanoi(t, 2023, 4, 3, 15))
	w.passAndDeliver(t, w.app)
	if after := len(w.smtp.Messages()); after != before {
		t.Fatalf("second pass sent %d more messages", after-before)
	}
}

func TestConcurrentPassesInTwoProcessesSendNothingTwice(t *testing.T) {
	w := newReminderWorld(t)
	other := w.newApp(t)
	// Thursday 06/04/2023 is 4 working days overdue: the next overdue reminder.
	w.clock.Set(hanoi(t, 2023, 4, 6, 8))
	var wg sync.WaitGroup
	for _, a := range []*App{w.app, other, w.app, other} {
		wg.Add(1)
		go func(a *App) {
			defer wg.Done()
			if _, err := a.RunPass(context.Background(), w.clock.Now(), false); err != nil {
				t.Error(err)
			}
			if _, _, err := a.DeliverOutbox(context.Background()); err != nil {
				t.Error(err)
			}
		}(a)
	}
	wg.Wait()
	msgs := w.smtp.Messages()
	ids := map[string]int{}
	for _, m := range msgs {
		ids[m.MessageID]++
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("message %s delivered %d times", id, n)
		}
	}
	inbox := w.inbox()
	if len(inbox["focal@mic.gov.vn"]) != 1 || len(inbox["daumoi@hanoi.gov.vn"]) != 1 {
		t.Fatalf("each focal point must get exactly one reminder: %v", inbox)
	}
	var queued int64
	if err := w.app.DB.Model(&models.OutboxMessage{}).Where("status <> ?", models.OutboxSent).Count(&queued).Error; err != nil {
		t.Fatal(err)
	}
	if queued != 0 {
		t.Fatalf("%d messages left undelivered", queued)
	}
}

// TestManualPastPassAndServerSenderDeliverEachMessageOnce runs `roviec
// remind --at` for a past Monday while a server's outbox sender (as `roviec
// serve` runs it) works on the same database, both on the same wall clock.
// The pass decides for the past day but queues and leases on the wall clock,
// so the server never takes a message the manual run holds: each of some
// fifty messages reaches the SMTP server exactly once.
func TestManualPastPassAndServerSenderDeliverEachMessageOnce(t *testing.T) {
	w := newReminderWorld(t)
	addFocalPoints(t, w.app, 47)
	w.clock.Set(hanoi(t, 2023, 4, 12, 10)) // the wall clock: Wednesday 12/04, 10:00
	server := w.newApp(t)
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
				server.deliver(context.Background())
			}
		}
	}()
	env := map[string]string{"ROVIEC_DATABASE": w.cfg.Database, "ROVIEC_SMTP_URL": w.cfg.SMTPURL, "ROVIEC_BASE_URL": w.cfg.BaseURL}
	code, out, errs := runCLIOn(t, w.clock.Now, env, "remind", "--at", "2023-04-03T08:00:00+07:00")
	close(stop)
	<-done
	if code != 0 || !strings.HasPrefix(out, "03/04/2023: queued ") {
		t.Fatalf("remind: %d\n%s\n%s", code, out, errs)
	}
	var queued, unsent int64
	w.app.DB.Model(&models.OutboxMessage{}).Count(&queued)
	w.app.DB.Model(&models.OutboxMessage{}).Where("status <> ?", models.OutboxSent).Count(&unsent)
	if queued < 50 || unsent != 0 {
		t.Fatalf("%d messages queued, %d not sent; want at least 50, all sent", queued, unsent)
	}
	// The pass queues one message per recipient: each must arrive once.
	received := map[string]int{}
	for _, m := range w.smtp.Messages() {
		for _, to := range m.To {
			received[to]++
		}
	}
	for to, n := range received {
		if n != 1 {
			t.Errorf("%s received %d messages, want 1", to, n)
		}
	}
	if len(received) != int(queued) {
		t.Fatalf("%d recipients received a message, %d messages queued", len(received), queued)
	}
}

// addFocalPoints gives n more active agencies a focal point each, so that a
// pass has many messages to queue.
func addFocalPoints(t *testing.T, a *App, n int) {
	t.Helper()
	ctx := context.Background()
	agencies, err := a.Store.ListAgencies(ctx, store.AgencyFilter{ActiveOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, ag := range agencies {
		if n == 0 {
			return
		}
		if ag.Code == "BTTTT" || ag.Code == "01" {
			continue // they have theirs
		}
		_, err := a.Store.CreateUser(ctx, models.NewUser{Email: "daumoi." + strings.ToLower(ag.Code) + "@example.gov.vn",
			Name: "Đầu mối " + ag.Name, Role: models.RoleFocal, AgencyCode: ag.Code, Password: "mat-khau-thu"})
		if err != nil {
			t.Fatal(err)
		}
		n--
	}
	t.Fatalf("%d focal points short: not enough agencies", n)
}

func TestRefusingSMTPLosesNothingAndDeliversOnceAfterRecovery(t *testing.T) {
	w := newReminderWorld(t)
	// Friday 07/04/2023: 5 working days overdue, the leader is told too.
	w.clock.Set(hanoi(t, 2023, 4, 7, 8))
	w.smtp.SetFailing(451)
	res := w.passAndDeliver(t, w.app)
	if len(res.Messages) == 0 || len(w.smtp.Messages()) != 0 || w.smtp.Refused() == 0 {
		t.Fatalf("expected refused deliveries: queued %d, received %d, refused %d", len(res.Messages), len(w.smtp.Messages()), w.smtp.Refused())
	}
	var waiting []models.OutboxMessage
	if err := w.app.DB.Where("status = ?", models.OutboxQueued).Find(&waiting).Error; err != nil {
		t.Fatal(err)
	}
	if len(waiting) != len(res.Messages) {
		t.Fatalf("%d of %d messages wait for a retry", len(waiting), len(res.Messages))
	}
	for _, m := range waiting {
		if m.Attempts != 1 || !strings.Contains(m.LastError, "451") || !m.NextAttemptAt.After(w.clock.Now()) {
			t.Fatalf("retry not scheduled: %+v", m)
		}
	}
	// Before the backoff ends nothing is tried; after it, everything goes once.
	w.smtp.SetAccepting()
	deliver(t, w.app)
	if len(w.smtp.Messages()) != 0 {
		t.Fatal("a message was retried before its backoff ended")
	}
	w.clock.Set(w.clock.Now().Add(2 * time.Minute))
	deliver(t, w.app)
	deliver(t, w.app)
	if got := len(w.smtp.Messages()); got != len(res.Messages) {
		t.Fatalf("received %d messages after recovery, want %d", got, len(res.Messages))
	}
	if n := len(w.inbox()["lanhdao@mic.gov.vn"]); n != 1 {
		t.Fatalf("the leader received %d messages, want 1 (level 1 escalation)", n)
	}
}

func TestSenderCrashAfterClaimLosesNothing(t *testing.T) {
	w := newReminderWorld(t)
	w.cfg.SMTPURL = ""
	quiet := w.newApp(t) // no SMTP: queues only
	if _, err := quiet.RunPass(context.Background(), w.clock.Now(), false); err != nil {
		t.Fatal(err)
	}
	// A sender claims everything and dies before sending.
	claimed, err := w.app.Store.ClaimOutbox(context.Background(), w.clock.Now(), outboxLease, 1000)
	if err != nil || len(claimed) == 0 {
		t.Fatalf("claim: %d, %v", len(claimed), err)
	}
	deliver(t, w.app)
	if len(w.smtp.Messages()) != 0 {
		t.Fatal("a claimed message was sent by another sender while its lease ran")
	}
	w.clock.Set(w.clock.Now().Add(outboxLease + time.Second))
	deliver(t, w.app)
	if got := len(w.smtp.Messages()); got != len(claimed) {
		t.Fatalf("after the lease %d of %d messages were delivered", got, len(claimed))
	}
}

// TestRunningSenderTakesBackAKilledSendersMessages: a sender killed
// mid-delivery leaves its messages "sending"; once their lease has run out,
// the running server's next delivery round puts them back in the queue, even
// on an instance without an SMTP server (the outbox page shows them waiting,
// not being sent by nobody), and an instance with one delivers them.
func TestRunningSenderTakesBackAKilledSendersMessages(t *testing.T) {
	w := newReminderWorld(t)
	w.cfg.SMTPURL = ""
	quiet := w.newApp(t) // no SMTP: queues only
	ctx := context.Background()
	if _, err := quiet.RunPass(ctx, w.clock.Now(), false); err != nil {
		t.Fatal(err)
	}
	claimed, err := quiet.Store.ClaimOutbox(ctx, w.clock.Now(), outboxLease, 1000)
	if err != nil || len(claimed) == 0 {
		t.Fatalf("claim: %d, %v", len(claimed), err)
	}
	w.clock.Set(w.clock.Now().Add(outboxLease + time.Second))
	deliver(t, quiet)
	counts, err := quiet.Store.OutboxCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if counts[models.OutboxSending] != 0 || counts[models.OutboxQueued] != int64(len(claimed)) {
		t.Fatalf("after the lease ran out: %v, want all %d queued", counts, len(claimed))
	}
	deliver(t, w.app)
	if got := len(w.smtp.Messages()); got != len(claimed) {
		t.Fatalf("delivered %d of %d messages", got, len(claimed))
	}
}

func TestPassTimeReachedCatchesUpTheSameDay(t *testing.T) {
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	schedule := func(spec string) cron.Schedule {
		s, err := cron.ParseStandard(spec)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	daily, weekdays, midnight := schedule("0 8 * * *"), schedule("30 7 * * 1-5"), schedule("0 0 * * *")
	cases := []struct {
		sched cron.Schedule
		now   time.Time
		want  bool
	}{
		{daily, time.Date(2023, 4, 3, 22, 59, 0, 0, time.UTC), false},  // 05:59 on 04/04 local: before 08:00
		{daily, time.Date(2023, 4, 4, 0, 59, 0, 0, time.UTC), false},   // 07:59 local
		{daily, time.Date(2023, 4, 4, 1, 0, 0, 0, time.UTC), true},     // 08:00 local
		{daily, time.Date(2023, 4, 4, 16, 59, 0, 0, time.UTC), true},   // 23:59 local
		{daily, time.Date(2023, 4, 4, 17, 0, 0, 0, time.UTC), false},   // 00:00 on 05/04 local
		{weekdays, time.Date(2023, 4, 8, 3, 0, 0, 0, time.UTC), false}, // Saturday: no pass today
		{weekdays, time.Date(2023, 4, 7, 3, 0, 0, 0, time.UTC), true},  // Friday 10:00
		{midnight, time.Date(2023, 4, 4, 17, 0, 0, 0, time.UTC), true}, // exactly 00:00 local
	}
	for _, c := range cases {
		if got := passTimeReached(c.sched, c.now, loc); got != c.want {
			t.Errorf("at %s: %v, want %v", c.now.In(loc), got, c.want)
		}
	}
}

func TestSchedulerCatchesUpAMissedPassAtStart(t *testing.T) {
	w := newReminderWorld(t)
	w.clock.Set(hanoi(t, 2023, 4, 3, 10)) // started at 10:00, after the 08:00 pass time
	stop, err := w.app.StartScheduler(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	stop() // waits for the catch-up pass
	if got := len(w.smtp.Messages()); got != 3 {
		t.Fatalf("the catch-up pass delivered %d messages, want 3 (coordinator, two focal points)", got)
	}
	// The morning's run also kept the figures of every day of the year so far
	// (none was kept before): the plan's month split, counts per theme and
	// league standings, and the standings of all plans, from 01/01 to
	// yesterday, 02/04.
	for day, want := range map[string]string{"2023-04-02": "[months:2023 standings standings themes]",
		"2023-01-01": "[months:2023 standings standings themes]", "2023-04-03": "[]"} {
		var kept []string
		if err := w.app.DB.Table("asof_snapshots").Where("day = ?", day).Order("figure").Pluck("figure", &kept).Error; err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(kept) != want {
			t.Errorf("figures kept for %s: %v, want %s", day, kept, want)
		}
	}
}

func TestSchedulerOffRunsNoPass(t *testing.T) {
	w := newReminderWorld(t)
	w.app.Cfg.RemindSchedule = "off"
	w.clock.Set(hanoi(t, 2023, 4, 3, 10))
	stop, err := w.app.StartScheduler(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	stop()
	var n int64
	if err := w.app.DB.Model(&models.OutboxMessage{}).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Fatalf("a pass ran with ROVIEC_REMIND_SCHEDULE=off: %d messages queued", n)
	}
}
