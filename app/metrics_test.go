package app

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"roviec/models/store/storetest"
)

// TestMetricsListener: the listener of ROVIEC_METRICS_ADDR serves /metrics
// alone, openly when no token is set (the address is the protection), and
// with ROVIEC_METRICS_TOKEN set only to a request that carries it.
func TestMetricsListener(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Database = storetest.Database(t)
	cfg.MetricsAddr = "127.0.0.1:0"
	a, err := New(cfg, time.Now, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = a.Close() })
	get := func(path, auth string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("GET", path, nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		rec := httptest.NewRecorder()
		a.metricsOnly().ServeHTTP(rec, req)
		return rec
	}
	if rec := get("/metrics", ""); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "roviec_outbox_queued 0") {
		t.Fatalf("open listener: %d %s", rec.Code, rec.Body.String())
	}
	if rec := get("/healthz", ""); rec.Code != http.StatusNotFound {
		t.Fatalf("the metrics listener serves /healthz: %d", rec.Code)
	}
	a.Cfg.MetricsToken = "a-token-of-16-chars-or-more"
	if rec := get("/metrics", "Bearer wrong"); rec.Code != http.StatusUnauthorized || strings.Contains(rec.Body.String(), "roviec_") {
		t.Fatalf("wrong token: %d %s", rec.Code, rec.Body.String())
	}
	if rec := get("/metrics", "Bearer a-token-of-16-chars-or-more"); rec.Code != http.StatusOK {
		t.Fatalf("right token: %d", rec.Code)
	}
}
