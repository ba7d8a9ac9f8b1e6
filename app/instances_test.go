package app

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"roviec/app/mailer/smtptest"
	"roviec/models"
	"roviec/models/store"
	"roviec/models/store/storetest"
)

// instance is one running copy of the application with its own HTTP
// server, as a second machine behind a reverse proxy is.
type instance struct {
	app *App
	url string
}

// startInstances starts n instances on one database at the same moment:
// each opens, migrates and bootstraps it while the others do the same.
func startInstances(t *testing.T, cfg Config, clock *testClock, n int) []*instance {
	t.Helper()
	apps, errs := make([]*App, n), make([]error, n)
	var wg sync.WaitGroup
	for i := range apps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if apps[i], errs[i] = New(cfg, clock.Now, slog.New(slog.NewTextHandler(io.Discard, nil))); errs[i] == nil {
				errs[i] = apps[i].Bootstrap(context.Background())
			}
		}()
	}
	wg.Wait()
	out := make([]*instance, n)
	for i, a := range apps {
		if a != nil {
			t.Cleanup(func() { _ = a.Close() })
		}
		if errs[i] != nil {
			t.Fatalf("instance %d: %v", i, errs[i])
		}
		a.Store.PasswordCost = bcrypt.MinCost
		srv := httptest.NewServer(a.Echo)
		t.Cleanup(srv.Close)
		out[i] = &instance{app: a, url: srv.URL}
	}
	return out
}

// TestTwoInstancesShareOnePostgres runs two instances of the application on
// one PostgreSQL database, started at the same moment, each with its own
// HTTP server, and checks what scaling out relies on: one bootstrap between
// them, sessions and tokens that work on either, reminder passes and outbox
// senders running on both at once that queue and deliver each message once,
// and concurrent changes of assignments through both that all succeed with
// a consistent history.
func TestTwoInstancesShareOnePostgres(t *testing.T) {
	storetest.RequirePostgres(t)
	smtp := smtptest.Start(t)
	clock := &testClock{t: hanoi(t, 2023, 4, 6, 8)} // Thursday: four working days after the Q1 deadline
	cfg := DefaultConfig()
	cfg.Database, cfg.SMTPURL, cfg.AdminPassword = storetest.Database(t), smtp.URL(), "mat-khau-quan-tri"
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	both := startInstances(t, cfg, clock, 2)
	checkBootstrappedOnce(t, both[0].app)
	t.Run("sessions and tokens work on either", func(t *testing.T) { checkSharedLogins(t, both, cfg) })
	addFocalPoints(t, both[0].app, 40)
	t.Run("passes at once queue each message once", func(t *testing.T) { checkConcurrentPasses(t, both, clock) })
	t.Run("senders at once deliver each message once", func(t *testing.T) { checkConcurrentSenders(t, both, smtp) })
	t.Run("changes through both keep one history", func(t *testing.T) { checkConcurrentPatches(t, both, cfg) })
}

// checkBootstrappedOnce checks that the instances started together loaded
// one programme and created one administrator.
func checkBootstrappedOnce(t *testing.T, a *App) {
	t.Helper()
	ctx := context.Background()
	plans, err := a.Store.ListPlans(ctx)
	if err != nil {
		t.Fatal(err)
	}
	users, err := a.Store.CountUsers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(plans) != 1 || users != 1 {
		t.Fatalf("after two instances started: %d plans, %d users; want 1 and 1", len(plans), users)
	}
}

// checkSharedLogins logs in on one instance and is known on the other: a
// page session (cookie), its logout, and an API token.
func checkSharedLogins(t *testing.T, both []*instance, cfg Config) {
	jar, err := cookiejar.New(nil) // cookies are per host, not per port: one jar for both, as behind one proxy
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	csrf := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)
	post := func(base, page, action string, form url.Values) int {
		m := csrf.FindStringSubmatch(body(t, client, base+page))
		if m == nil {
			t.Fatalf("no CSRF token on %s%s", base, page)
		}
		form.Set("csrf_token", m[1])
		resp, err := client.PostForm(base+action, form)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
		return resp.StatusCode
	}
	if code := post(both[0].url, "/login", "/login", url.Values{"email": {cfg.AdminEmail}, "password": {cfg.AdminPassword}}); code != http.StatusSeeOther {
		t.Fatalf("login on the first instance: %d", code)
	}
	if code := status(t, client, both[1].url+"/plans"); code != http.StatusOK {
		t.Fatalf("the second instance does not know the session: %d", code)
	}
	if code := post(both[1].url, "/plans", "/logout", url.Values{}); code != http.StatusSeeOther {
		t.Fatalf("logout on the second instance: %d", code)
	}
	if code := status(t, client, both[0].url+"/plans"); code != http.StatusSeeOther {
		t.Fatalf("the first instance still knows a session ended on the second: %d", code)
	}
	token := apiToken(t, both[1].url, cfg)
	req, err := http.NewRequest(http.MethodGet, both[0].url+"/api/v1/plans", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("a token from the second instance on the first: %d", resp.StatusCode)
	}
}

// body fetches a page and returns its text.
func body(t *testing.T, client *http.Client, u string) string {
	t.Helper()
	resp, err := client.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	buf, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(buf)
}

// status fetches a page and returns its status code.
func status(t *testing.T, client *http.Client, u string) int {
	t.Helper()
	resp, err := client.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	return resp.StatusCode
}

// apiToken asks an instance for the administrator's API token.
func apiToken(t *testing.T, base string, cfg Config) string {
	t.Helper()
	in, err := json.Marshal(map[string]string{"email": cfg.AdminEmail, "password": cfg.AdminPassword})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Post(base+"/api/v1/auth/token", "application/json", strings.NewReader(string(in)))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct{ Token string }
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.Token == "" {
		t.Fatalf("token: %d %v", resp.StatusCode, err)
	}
	return out.Token
}

// atOnce runs f for each instance k times, all released at the same moment.
func atOnce(both []*instance, k int, f func(*instance)) {
	start := make(chan struct{})
	var wg sync.WaitGroup
	for range k {
		for _, in := range both {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				f(in)
			}()
		}
	}
	close(start)
	wg.Wait()
}

// checkConcurrentPasses runs two reminder passes on each instance at the
// same moment: together they queue what one pass would, each message once.
func checkConcurrentPasses(t *testing.T, both []*instance, clock *testClock) {
	ctx := context.Background()
	want, err := both[0].app.RunPass(ctx, clock.Now(), true)
	if err != nil || len(want.Messages) < 40 {
		t.Fatalf("dry run: %d messages, %v; want at least 40", len(want.Messages), err)
	}
	var mu sync.Mutex
	messages, items := 0, 0
	atOnce(both, 2, func(in *instance) {
		res, err := in.app.RunPass(ctx, clock.Now(), false)
		if err != nil {
			t.Error(err)
		}
		mu.Lock()
		defer mu.Unlock()
		messages, items = messages+len(res.Messages), items+res.Items()
	})
	db := both[1].app.DB
	var queued, logged int64
	if err := db.Model(&models.OutboxMessage{}).Count(&queued).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Model(&models.ReminderLog{}).Count(&logged).Error; err != nil {
		t.Fatal(err)
	}
	if messages != len(want.Messages) || queued != int64(messages) || items != want.Items() || logged != int64(items) {
		t.Fatalf("four passes queued %d messages (%d in the outbox) with %d items (%d logged); one pass would queue %d with %d",
			messages, queued, items, logged, len(want.Messages), want.Items())
	}
}

// checkConcurrentSenders delivers the outbox from two senders on each
// instance at once: the SMTP server receives every message exactly once.
func checkConcurrentSenders(t *testing.T, both []*instance, smtp *smtptest.Server) {
	ctx := context.Background()
	var queued int64
	if err := both[0].app.DB.Model(&models.OutboxMessage{}).Where("status = ?", models.OutboxQueued).Count(&queued).Error; err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	sent := 0
	atOnce(both, 2, func(in *instance) {
		n, failed, err := in.app.DeliverOutbox(ctx)
		if err != nil || failed > 0 {
			t.Errorf("sender: %d failed, %v", failed, err)
		}
		mu.Lock()
		defer mu.Unlock()
		sent += n
	})
	received := map[string]int{}
	for _, m := range smtp.Messages() {
		received[m.MessageID]++
	}
	for id, n := range received {
		if n != 1 {
			t.Errorf("message %s delivered %d times", id, n)
		}
	}
	var unsent int64
	if err := both[0].app.DB.Model(&models.OutboxMessage{}).Where("status <> ?", models.OutboxSent).Count(&unsent).Error; err != nil {
		t.Fatal(err)
	}
	if queued == 0 || int64(sent) != queued || int64(len(received)) != queued || unsent != 0 {
		t.Fatalf("%d queued, %d sent, %d received, %d not marked sent", queued, sent, len(received), unsent)
	}
}

// checkConcurrentPatches changes three assignments through both instances
// at once, eight changes each: every request succeeds, and each
// assignment's history has one row per change, each starting where the
// one before ended, the last one matching the row.
func checkConcurrentPatches(t *testing.T, both []*instance, cfg Config) {
	ctx := context.Background()
	a := both[0].app
	ag, err := a.Store.AgencyByCode(ctx, "BTTTT")
	if err != nil {
		t.Fatal(err)
	}
	list, _, err := a.Store.ListAssignments(ctx, store.AssignmentFilter{AgencyID: ag.ID, Status: models.StatusNotStarted,
		Page: store.Page{PerPage: 3}}, a.Now())
	if err != nil || len(list) != 3 {
		t.Fatalf("%d assignments of BTTTT not started, %v", len(list), err)
	}
	tokens := []string{apiToken(t, both[0].url, cfg), apiToken(t, both[1].url, cfg)}
	var requests []func() int
	for _, as := range list {
		for k := range 8 {
			in := k % 2
			requests = append(requests, func() int {
				return patch(t, both[in].url, tokens[in], as.ID, fmt.Sprintf(`{"progress": %d, "note": "lần %d"}`, 10+k, k))
			})
		}
	}
	codes := make([]int, len(requests))
	var wg sync.WaitGroup
	for i, r := range requests {
		wg.Add(1)
		go func() { defer wg.Done(); codes[i] = r() }()
	}
	wg.Wait()
	for i, c := range codes {
		if c != http.StatusOK {
			t.Errorf("change %d answered %d", i, c)
		}
	}
	for _, as := range list {
		checkHistoryChain(t, a, as.ID, 8)
	}
}

// patch sends one change of an assignment and returns the status code.
func patch(t *testing.T, base, token string, id uint, change string) int {
	req, err := http.NewRequest(http.MethodPatch, fmt.Sprintf("%s/api/v1/assignments/%d", base, id), strings.NewReader(change))
	if err != nil {
		t.Error(err)
		return 0
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Error(err)
		return 0
	}
	_ = resp.Body.Close()
	return resp.StatusCode
}

// checkHistoryChain checks that an assignment has n history rows, each
// starting in the status the one before ended in, the last one holding the
// row's progress.
func checkHistoryChain(t *testing.T, a *App, id uint, n int) {
	t.Helper()
	history, err := a.Store.History(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	row, err := a.Store.AssignmentByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if len(history) != n || history[n-1].Progress != row.Progress {
		t.Fatalf("assignment %d: %d history rows (want %d), progress %d", id, len(history), n, row.Progress)
	}
	for i := 1; i < n; i++ {
		if history[i].FromStatus != history[i-1].ToStatus {
			t.Errorf("assignment %d: history row %d starts in %s, the one before ended in %s",
				id, i, history[i].FromStatus, history[i-1].ToStatus)
		}
	}
}
