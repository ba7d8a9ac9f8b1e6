package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"roviec/app/mailer"
)

const metricsToken = "metrics-token-for-tests-0123"

// scrape reads /metrics with the token and returns each series (name with
// labels, as written) and its value.
func (e *env) scrape(t *testing.T) map[string]float64 {
	t.Helper()
	rec := e.doAuth("GET", "/metrics", "Bearer "+metricsToken)
	expectStatus(t, rec, http.StatusOK)
	out := map[string]float64{}
	for _, line := range strings.Split(rec.Body.String(), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil {
			t.Fatalf("metrics line %q: %v", line, err)
		}
		out[line[:i]] = v
	}
	return out
}

// TestMetrics: /metrics answers only with the token (401 without or with a
// wrong one, 404 when no token is configured), and after some requests, a
// reminder pass, a failed delivery and a failed statement it shows each of
// them: requests by route pattern (never the raw path) and status with their
// durations, the pass and what it queued, the outbox's size and the age of
// its oldest message, the send failures and the database error.
func TestMetrics(t *testing.T) {
	e := newEnv(t)
	expectStatus(t, e.doAuth("GET", "/metrics", "Bearer "+metricsToken), http.StatusNotFound)
	e.app.Handler.Opt.MetricsToken = metricsToken
	for _, auth := range []string{"", "Bearer wrong-token", "Bearer " + metricsToken + "x", "Basic " + metricsToken, metricsToken} {
		rec := e.doAuth("GET", "/metrics", auth)
		expectStatus(t, rec, http.StatusUnauthorized)
		if strings.Contains(rec.Body.String(), "roviec_") {
			t.Fatalf("metrics shown to %q: %s", auth, rec.Body.String())
		}
	}

	tok := e.token("focal")
	id := e.assignmentFor("BTTTT", "2023-03-31")
	expectStatus(t, e.patchAssignment(tok, id, map[string]any{"progress": 30}), http.StatusOK)
	expectStatus(t, e.patchAssignment(tok, id, map[string]any{"progress": 130}), http.StatusUnprocessableEntity)
	expectStatus(t, e.do("GET", fmt.Sprintf("/api/v1/assignments/%d", id), tok, nil), http.StatusOK)
	expectStatus(t, e.do("GET", "/api/v1/assignments/999999", tok, nil), http.StatusNotFound)

	// Monday 3 April 2023: the month's kick-off goes to every focal point.
	pass := at(t, 2023, 4, 3, 8, 0)
	e.clock.Set(pass)
	res, err := e.app.RunPass(context.Background(), pass, false)
	if err != nil || len(res.Messages) == 0 {
		t.Fatalf("pass: %d messages, %v", len(res.Messages), err)
	}
	// A real SMTP attempt to a port nobody listens on fails.
	sender, err := mailer.NewSMTP("smtp://127.0.0.1:1")
	if err != nil {
		t.Fatal(err)
	}
	e.app.Sender = sender
	if _, failed, err := e.app.DeliverOutbox(context.Background()); err != nil || failed != len(res.Messages) {
		t.Fatalf("delivery: %d failed, %v", failed, err)
	}
	if err := e.app.DB.Exec("SELECT * FROM no_such_table").Error; err == nil {
		t.Fatal("a statement on a missing table succeeded")
	}
	e.clock.Set(pass.Add(90 * time.Minute))

	m := e.scrape(t)
	want := map[string]float64{
		`roviec_http_requests_total{method="PATCH",route="/api/v1/assignments/:id",status="200"}`:    1,
		`roviec_http_requests_total{method="PATCH",route="/api/v1/assignments/:id",status="422"}`:    1,
		`roviec_http_requests_total{method="GET",route="/api/v1/assignments/:id",status="200"}`:      1,
		`roviec_http_requests_total{method="GET",route="/api/v1/assignments/:id",status="404"}`:      1,
		`roviec_http_requests_total{method="GET",route="/metrics",status="401"}`:                     5,
		`roviec_http_requests_total{method="GET",route="/metrics",status="404"}`:                     1,
		`roviec_http_request_duration_seconds_count{method="PATCH",route="/api/v1/assignments/:id"}`: 2,
		`roviec_reminder_passes_total{result="ok"}`:                                                  1,
		`roviec_reminder_messages_queued_total`:                                                      float64(len(res.Messages)),
		`roviec_reminder_items_total`:                                                                float64(res.Items()),
		`roviec_explanation_requests_opened_total`:                                                   0,
		`roviec_outbox_queued`:                    float64(len(res.Messages)),
		`roviec_outbox_oldest_queued_age_seconds`: 90 * 60,
		`roviec_outbox_send_failures_total`:       float64(len(res.Messages)),
		`roviec_outbox_sent_total`:                0,
		`roviec_database_errors_total`:            1,
	}
	for series, v := range want {
		if got, ok := m[series]; !ok || got != v {
			t.Errorf("%s = %v (present %v), want %v", series, got, ok, v)
		}
	}
	for series := range m {
		if strings.Contains(series, fmt.Sprint(id)) || strings.Contains(series, "999999") {
			t.Errorf("a raw path in the metrics: %s", series)
		}
	}
}
