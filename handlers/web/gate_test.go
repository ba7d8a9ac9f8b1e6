package web_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
)

// TestGateQueuesThenRefuses lets one heavy request run, makes a second wait
// and, past the gate's patience, refuses it with 429 and a Retry-After; once
// the first is done, the next one runs.
func TestGateQueuesThenRefuses(t *testing.T) {
	e := echo.New()
	gate := web.NewGate(1, 50*time.Millisecond)
	release, started := make(chan struct{}), make(chan struct{})
	slow := gate.Middleware(func(c echo.Context) error {
		close(started)
		<-release
		return c.NoContent(http.StatusOK)
	})
	quick := gate.Middleware(func(c echo.Context) error { return c.NoContent(http.StatusOK) })
	call := func(h echo.HandlerFunc) (*httptest.ResponseRecorder, error) {
		rec := httptest.NewRecorder()
		return rec, h(e.NewContext(httptest.NewRequest(http.MethodGet, "/league", nil), rec))
	}
	done := make(chan error)
	go func() {
		_, err := call(slow)
		done <- err
	}()
	<-started
	rec, err := call(quick)
	var he *echo.HTTPError
	if !errors.As(err, &he) || he.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") == "" {
		t.Fatalf("a request past the gate's patience: %v, Retry-After %q", err, rec.Header().Get("Retry-After"))
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if rec, err := call(quick); err != nil || rec.Code != http.StatusOK {
		t.Fatalf("after the slot was freed: %v, %d", err, rec.Code)
	}
}
