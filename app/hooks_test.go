package app

import (
	"context"
	"crypto/hmac"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"roviec/models"
	"roviec/models/store"
	"roviec/models/store/storetest"
)

// hookReceiver is a webhook's receiving end: it records what it was posted
// and answers with the next code of its script (200 once the script is
// spent).
type hookReceiver struct {
	mu     sync.Mutex
	script []int
	got    []receivedHook
	srv    *httptest.Server
}

type receivedHook struct {
	Event, Delivery, Signature string
	Body                       []byte
}

func newHookReceiver(t *testing.T, script ...int) *hookReceiver {
	r := &hookReceiver{script: script}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		defer r.mu.Unlock()
		r.got = append(r.got, receivedHook{req.Header.Get("X-Roviec-Event"), req.Header.Get("X-Roviec-Delivery"),
			req.Header.Get("X-Roviec-Signature"), body})
		code := http.StatusOK
		if len(r.script) > 0 {
			code, r.script = r.script[0], r.script[1:]
		}
		w.WriteHeader(code)
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *hookReceiver) received() []receivedHook {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]receivedHook(nil), r.got...)
}

const hookSecret = "bi-mat-cua-tinh-ha-noi"

// hookWorld is the reminder world with a webhook to r subscribed to events,
// created on 01/03/2023.
func hookWorld(t *testing.T, r *hookReceiver, events ...models.HookEvent) (*reminderWorld, *models.Webhook) {
	t.Helper()
	w := newReminderWorld(t)
	back := w.clock.Now()
	w.clock.Set(hanoi(t, 2023, 3, 1, 8))
	names := make([]string, len(events))
	for i, e := range events {
		names[i] = string(e)
	}
	hook, err := w.app.Store.CreateWebhook(context.Background(), models.WebhookInput{URL: r.srv.URL + "/hook", Secret: hookSecret,
		Events: names, Active: true}, w.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	w.clock.Set(back)
	return w, hook
}

// checkSigned fails unless h carries a valid signature of its body.
// focalOf is the world's user with email.
func focalOf(t *testing.T, w *reminderWorld, email string) *models.User {
	t.Helper()
	var u models.User
	if err := w.app.DB.Where("email = ?", email).First(&u).Error; err != nil {
		t.Fatal(err)
	}
	return &u
}

func checkSigned(t *testing.T, h receivedHook) {
	t.Helper()
	if want := models.SignHook(hookSecret, h.Body); !hmac.Equal([]byte(h.Signature), []byte(want)) || !strings.HasPrefix(h.Signature, "sha256=") {
		t.Fatalf("delivery %s signed %q, want %q", h.Delivery, h.Signature, want)
	}
	if h.Delivery == "" {
		t.Fatalf("delivery without X-Roviec-Delivery: %s", h.Body)
	}
}

func TestWebhookDeliveriesAreSignedAndToldOfSubmissions(t *testing.T) {
	r := newHookReceiver(t)
	w, _ := hookWorld(t, r, models.HookAssignmentUpdated, models.HookAssignmentSubmitted)
	ctx := context.Background()
	a := openQ1(t, w.app, "BTTTT")[0]
	submitted, ref := models.StatusSubmitted, "123/BTTTT"
	if _, err := w.app.Store.UpdateAssignment(ctx, focalOf(t, w, "focal@mic.gov.vn"), &models.Assignment{ID: a.ID}, models.AssignmentChange{Status: &submitted, EvidenceRef: &ref}, w.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if sent, failed, err := w.app.DeliverHooks(ctx); err != nil || sent != 2 || failed != 0 {
		t.Fatalf("delivered %d, failed %d, %v; want 2 delivered", sent, failed, err)
	}
	got := r.received()
	if len(got) != 2 || got[0].Event != "assignment.updated" || got[1].Event != "assignment.submitted" {
		t.Fatalf("received %+v", got)
	}
	for _, h := range got {
		checkSigned(t, h)
		var body struct {
			Event string
			Data  struct {
				Assignment struct {
					ID         uint
					AgencyCode string `json:"agency_code"`
					Status     string
				}
			}
		}
		if err := json.Unmarshal(h.Body, &body); err != nil || body.Event != h.Event || body.Data.Assignment.ID != a.ID ||
			body.Data.Assignment.AgencyCode != "BTTTT" || body.Data.Assignment.Status != "submitted" {
			t.Fatalf("body %s (%v)", h.Body, err)
		}
	}
	if sent, _, err := w.app.DeliverHooks(ctx); err != nil || sent != 0 || len(r.received()) != 2 {
		t.Fatalf("a second round delivered %d (%v): each delivery goes once", sent, err)
	}
}

func TestWebhookFailingReceiverIsRetriedWithBackoff(t *testing.T) {
	r := newHookReceiver(t, http.StatusInternalServerError)
	w, hook := hookWorld(t, r, models.HookDirectiveCreated)
	ctx := context.Background()
	themes, err := w.app.Store.ListThemes(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = w.app.Store.CreateDirective(ctx, models.DirectiveInput{ThemeID: themes[0].ID, Title: "Báo cáo chuyển đổi số",
		DueDate: "30/06/2023", AgencyCodes: []string{"BTTTT", "01"}}, nil, w.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if sent, failed, err := w.app.DeliverHooks(ctx); err != nil || sent != 0 || failed != 1 {
		t.Fatalf("first round: delivered %d, failed %d, %v; want one failure", sent, failed, err)
	}
	log, _, err := w.app.Store.ListHookDeliveries(ctx, hook.ID, store.Page{})
	if err != nil || len(log) != 1 || log[0].Status != models.OutboxQueued || log[0].Attempts != 1 ||
		log[0].ResponseCode != 500 || !strings.Contains(log[0].LastError, "500") {
		t.Fatalf("after a 500 the log holds %+v (%v)", log, err)
	}
	if sent, failed, _ := w.app.DeliverHooks(ctx); sent+failed != 0 {
		t.Fatalf("retried before its backoff: %d, %d", sent, failed)
	}
	w.clock.Set(w.clock.Now().Add(models.OutboxBackoff(1)))
	if sent, failed, err := w.app.DeliverHooks(ctx); err != nil || sent != 1 || failed != 0 {
		t.Fatalf("retry: delivered %d, failed %d, %v", sent, failed, err)
	}
	got := r.received()
	if len(got) != 2 || got[0].Delivery != got[1].Delivery || string(got[0].Body) != string(got[1].Body) {
		t.Fatalf("the retry is not the same delivery: %+v", got)
	}
	checkSigned(t, got[1])
	log, _, err = w.app.Store.ListHookDeliveries(ctx, hook.ID, store.Page{})
	if err != nil || log[0].Status != models.OutboxSent || log[0].Attempts != 2 || log[0].ResponseCode != 200 || log[0].LastError != "" {
		t.Fatalf("after the retry the log holds %+v (%v)", log, err)
	}
}

func TestWebhookTimeoutIsAFailure(t *testing.T) {
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		time.Sleep(300 * time.Millisecond)
	}))
	t.Cleanup(slow.Close)
	r := newHookReceiver(t)
	w, hook := hookWorld(t, r, models.HookAssignmentUpdated)
	ctx := context.Background()
	if _, err := w.app.Store.UpdateWebhook(ctx, hook.ID, models.WebhookInput{URL: slow.URL, Events: []string{"assignment.updated"}, Active: true}, w.clock.Now()); err != nil {
		t.Fatal(err)
	}
	a := openQ1(t, w.app, "01")[0]
	progress := 40
	if _, err := w.app.Store.UpdateAssignment(ctx, focalOf(t, w, "daumoi@hanoi.gov.vn"), &models.Assignment{ID: a.ID}, models.AssignmentChange{Progress: &progress}, w.clock.Now()); err != nil {
		t.Fatal(err)
	}
	w.app.Hooks.Timeout = 50 * time.Millisecond // models.HookTimeout in production
	if sent, failed, err := w.app.DeliverHooks(ctx); err != nil || sent != 0 || failed != 1 {
		t.Fatalf("a receiver that does not answer in time: delivered %d, failed %d, %v", sent, failed, err)
	}
}

// TestWebhookEventsOfAFailedTransactionAreNotDelivered makes the audit row
// of a new directive fail, after its directive.created was queued in the
// same transaction: nothing is delivered.
func TestWebhookEventsOfAFailedTransactionAreNotDelivered(t *testing.T) {
	r := newHookReceiver(t)
	w, _ := hookWorld(t, r, models.HookDirectiveCreated)
	ctx := context.Background()
	refuse := []string{"CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"}
	if storetest.Postgres() {
		refuse = []string{"CREATE FUNCTION refuse_audit() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql",
			"CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit()"}
	}
	for _, stmt := range refuse {
		if err := w.app.DB.Exec(stmt).Error; err != nil {
			t.Fatal(err)
		}
	}
	themes, err := w.app.Store.ListThemes(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = w.app.Store.CreateDirective(ctx, models.DirectiveInput{ThemeID: themes[0].ID, Title: "Nhiệm vụ không thành",
		DueDate: "30/06/2023", AgencyCodes: []string{"BTTTT"}}, nil, w.clock.Now())
	if err == nil || !strings.Contains(err.Error(), "refused by the test") {
		t.Fatalf("the directive was created despite its refused audit row: %v", err)
	}
	if sent, failed, err := w.app.DeliverHooks(ctx); err != nil || sent+failed != 0 || len(r.received()) != 0 {
		t.Fatalf("a rolled-back directive was told: delivered %d, failed %d, %v", sent, failed, err)
	}
	var n int64
	if err := w.app.DB.Model(&models.WebhookDelivery{}).Count(&n).Error; err != nil || n != 0 {
		t.Fatalf("%d deliveries queued by a rolled-back transaction (%v)", n, err)
	}
}

// TestWebhookOverdueOncePerDeadline: the reminder pass of 03/04/2023 finds
// the first quarter's open work overdue (due 31/03) and tells the webhook
// once; the next pass tells nothing again.
func TestWebhookOverdueOncePerDeadline(t *testing.T) {
	r := newHookReceiver(t)
	w, _ := hookWorld(t, r, models.HookAssignmentOverdue)
	ctx := context.Background()
	open := len(openQ1(t, w.app, "BTTTT"))
	w.passAndDeliver(t, w.app)
	if _, _, err := w.app.DeliverHooks(ctx); err != nil {
		t.Fatal(err)
	}
	first := r.received()
	btttt := 0
	for _, h := range first {
		checkSigned(t, h)
		if h.Event != "assignment.overdue" {
			t.Fatalf("event %s", h.Event)
		}
		if strings.Contains(string(h.Body), `"agency_code":"BTTTT"`) {
			btttt++
		}
	}
	if open == 0 || btttt != open {
		t.Fatalf("BTTTT has %d open overdue assignments; the webhook was told of %d", open, btttt)
	}
	w.clock.Set(hanoi(t, 2023, 4, 4, 8))
	w.passAndDeliver(t, w.app)
	if _, _, err := w.app.DeliverHooks(ctx); err != nil {
		t.Fatal(err)
	}
	if again := r.received(); len(again) != len(first) {
		t.Fatalf("the next day's pass told %d more", len(again)-len(first))
	}
}
