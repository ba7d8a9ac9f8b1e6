package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"roviec/models/store"
	"roviec/models/store/storetest"
)

// freeAddr is a local address nobody listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return addr
}

// TestServeShutsDownGracefully: serve runs; a focal point's save waits on a
// row another connection holds locked; the stop signal comes (ctx ends); the
// server takes no new connection, yet the save in flight completes with 200
// once the lock goes, its change is in the database, and serve returns nil.
func TestServeShutsDownGracefully(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Database = storetest.Database(t)
	cfg.Addr = freeAddr(t)
	cfg.BaseURL = "http://" + cfg.Addr
	cfg.RemindSchedule = "off"
	cfg.AdminEmail, cfg.AdminPassword = "admin@test.vn", "mat-khau-quan-tri"
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	var logs lockedBuffer
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	served := make(chan error, 1)
	go func() { served <- serve(ctx, cfg, time.Now, NewLogger("text", &logs)) }()

	base := "http://" + cfg.Addr
	client := &http.Client{Timeout: 30 * time.Second}
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := client.Get(base + "/healthz")
		if err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server did not come up: %v\n%s", err, logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	var tok struct{ Token string }
	post(t, client, base+"/api/v1/auth/token", "", map[string]string{"email": cfg.AdminEmail, "password": cfg.AdminPassword}, &tok)

	// Another process, as far as the database can tell, holds the assignment's row.
	other, err := store.Open(cfg.Database, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if sqlDB, err := other.DB(); err == nil {
			_ = sqlDB.Close()
		}
	})
	var id uint
	if err := other.Raw("SELECT MIN(id) FROM assignments").Scan(&id).Error; err != nil || id == 0 {
		t.Fatalf("an assignment: %d %v", id, err)
	}
	tx := other.Begin()
	if err := tx.Exec("UPDATE assignments SET progress = progress WHERE id = ?", id).Error; err != nil {
		t.Fatal(err)
	}
	saved := make(chan int, 1)
	go func() {
		req, _ := http.NewRequest("PATCH", fmt.Sprintf("%s/api/v1/assignments/%d", base, id), bytes.NewReader([]byte(`{"progress": 45, "note": "saved during shutdown"}`)))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+tok.Token)
		resp, err := client.Do(req)
		if err != nil {
			t.Errorf("the save in flight failed: %v", err)
			saved <- 0
			return
		}
		_ = resp.Body.Close()
		saved <- resp.StatusCode
	}()
	time.Sleep(500 * time.Millisecond) // the save waits on the lock
	stop()
	time.Sleep(300 * time.Millisecond) // the server stops listening
	if resp, err := (&http.Client{Timeout: 2 * time.Second}).Get(base + "/healthz"); err == nil {
		_ = resp.Body.Close()
		t.Fatalf("a new request was taken during shutdown: %s", resp.Status)
	}
	select {
	case code := <-saved:
		t.Fatalf("the save ended (%d) while the row was still locked", code)
	case err := <-served:
		t.Fatalf("serve returned (%v) with a request in flight", err)
	default:
	}
	if err := tx.Commit().Error; err != nil {
		t.Fatal(err)
	}
	if code := <-saved; code != http.StatusOK {
		t.Fatalf("the save in flight answered %d, want 200\n%s", code, logs.String())
	}
	select {
	case err := <-served:
		if err != nil {
			t.Fatalf("serve: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not return")
	}
	var progress int
	if err := other.Raw("SELECT progress FROM assignments WHERE id = ?", id).Scan(&progress).Error; err != nil || progress != 45 {
		t.Fatalf("progress %d (%v), want the save's 45", progress, err)
	}
}

// post sends a JSON body and decodes the 200 answer into out.
func post(t *testing.T, client *http.Client, url, token string, body, out any) {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest("POST", url, bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusCreated {
		t.Fatalf("POST %s: %s %s", url, resp.Status, data)
	}
	if err := json.Unmarshal(data, out); err != nil {
		t.Fatal(err)
	}
}

// lockedBuffer is a log destination shared by the server's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
