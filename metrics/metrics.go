// Package metrics holds the application's Prometheus metrics: one registry
// owned by each App (never the process-wide default, so tests running side by
// side each count their own), the counters and histograms the HTTP server,
// the reminder pass, the outbox sender and the database update, and the
// outbox gauges read from the database when someone scrapes.
package metrics

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics is the application's set of metrics and the registry they are
// served from.
type Metrics struct {
	registry *prometheus.Registry

	requests         *prometheus.CounterVec
	duration         *prometheus.HistogramVec
	passes           *prometheus.CounterVec
	passMessages     prometheus.Counter
	passItems        prometheus.Counter
	passExplanations prometheus.Counter
	sent             prometheus.Counter
	sendFailures     prometheus.Counter
	dbErrors         prometheus.Counter
}

// OutboxState is what the outbox gauges show: the number of messages waiting
// to be sent and when the oldest of them was queued (zero when none waits).
type OutboxState func(ctx context.Context) (queued int64, oldest time.Time, err error)

// New builds the metrics on a registry of their own, with the Go runtime's
// and the process's collectors, and the outbox gauges read through outbox on
// every scrape at the clock now.
func New(outbox OutboxState, now func() time.Time) *Metrics {
	m := &Metrics{registry: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "roviec_http_requests_total",
		Help: "HTTP requests answered, by method, route pattern and status.",
	}, []string{"method", "route", "status"})
	m.duration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "roviec_http_request_duration_seconds",
		Help: "Time to answer an HTTP request, by method and route pattern.",
		// From a cached page to a national view rebuilt from its history.
		Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
	}, []string{"method", "route"})
	m.passes = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "roviec_reminder_passes_total",
		Help: "Reminder passes run (dry runs not counted), by result: ok, not_working_day or error.",
	}, []string{"result"})
	m.passMessages = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "roviec_reminder_messages_queued_total",
		Help: "Reminder e-mails queued in the outbox by reminder passes.",
	})
	m.passItems = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "roviec_reminder_items_total",
		Help: "Reminder items (one assignment, rule and level each) in the queued e-mails.",
	})
	m.passExplanations = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "roviec_explanation_requests_opened_total",
		Help: "Explanation requests opened by reminder passes.",
	})
	m.sent = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "roviec_outbox_sent_total",
		Help: "E-mails the SMTP server accepted.",
	})
	m.sendFailures = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "roviec_outbox_send_failures_total",
		Help: "Attempts to deliver an e-mail that failed (each is retried later).",
	})
	m.dbErrors = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "roviec_database_errors_total",
		Help: "Database statements that failed (not counting a row not found, a taken key or a cancelled request).",
	})
	m.registry.MustRegister(m.requests, m.duration, m.passes, m.passMessages, m.passItems, m.passExplanations,
		m.sent, m.sendFailures, m.dbErrors, &outboxCollector{state: outbox, now: now},
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the registry in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// Request counts one answered request. route is the pattern (never the raw
// path, which would make a series per assignment).
func (m *Metrics) Request(method, route string, status int, took time.Duration) {
	m.requests.WithLabelValues(method, route, strconv.Itoa(status)).Inc()
	m.duration.WithLabelValues(method, route).Observe(took.Seconds())
}

// Pass counts one reminder pass and what it queued.
func (m *Metrics) Pass(workingDay bool, messages, items, explanations int, err error) {
	switch {
	case err != nil:
		m.passes.WithLabelValues("error").Inc()
	case !workingDay:
		m.passes.WithLabelValues("not_working_day").Inc()
	default:
		m.passes.WithLabelValues("ok").Inc()
	}
	m.passMessages.Add(float64(messages))
	m.passItems.Add(float64(items))
	m.passExplanations.Add(float64(explanations))
}

// Delivered counts e-mails accepted by the SMTP server and failed attempts.
func (m *Metrics) Delivered(sent, failed int) {
	m.sent.Add(float64(sent))
	m.sendFailures.Add(float64(failed))
}

// DatabaseError counts one failed database statement.
func (m *Metrics) DatabaseError() { m.dbErrors.Inc() }

// outboxCollector reads the outbox when scraped, so the gauges are as fresh
// as the scrape and nothing has to keep them up to date.
type outboxCollector struct {
	state OutboxState
	now   func() time.Time
}

var (
	outboxQueuedDesc = prometheus.NewDesc("roviec_outbox_queued",
		"E-mails waiting in the outbox (queued or being retried).", nil, nil)
	outboxOldestDesc = prometheus.NewDesc("roviec_outbox_oldest_queued_age_seconds",
		"Age of the oldest e-mail waiting in the outbox (0 when none waits).", nil, nil)
)

// Describe sends the outbox gauges' descriptions.
func (o *outboxCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- outboxQueuedDesc
	ch <- outboxOldestDesc
}

// Collect reads the outbox; when the database does not answer the gauges are
// left out (the scrape reports the error) rather than shown as zero.
func (o *outboxCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	queued, oldest, err := o.state(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(outboxQueuedDesc, err)
		return
	}
	age := 0.0
	if !oldest.IsZero() {
		age = max(0, o.now().Sub(oldest).Seconds())
	}
	ch <- prometheus.MustNewConstMetric(outboxQueuedDesc, prometheus.GaugeValue, float64(queued))
	ch <- prometheus.MustNewConstMetric(outboxOldestDesc, prometheus.GaugeValue, age)
}
