package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"gorm.io/gorm/clause"

	"roviec/models"
	"roviec/models/store"
	"roviec/models/store/storetest"
)

func TestMarkOutboxFailedCutsTheErrorOnACharacter(t *testing.T) {
	s := newStore(t)
	m := models.OutboxMessage{Recipients: "hang@mic.gov.vn", Subject: "Nhắc việc", Status: models.OutboxQueued,
		CreatedAt: seedTime, NextAttemptAt: seedTime}
	must(t, s.DB().Create(&m).Error)
	for _, cause := range []string{
		"452 Hộp thư đầy",
		"550 " + strings.Repeat("Hộp thư của người nhận đã đầy. ", 50), // longer than MaxErrorLen
	} {
		must(t, s.MarkOutboxFailed(ctx, m.ID, seedTime, errors.New(cause)))
		got, err := s.OutboxByID(ctx, m.ID)
		must(t, err)
		n := utf8.RuneCountInString(got.LastError)
		if !utf8.ValidString(got.LastError) || !strings.HasPrefix(cause, got.LastError) ||
			n != min(utf8.RuneCountInString(cause), models.MaxErrorLen) {
			t.Errorf("last error of %d characters kept as %d: %q", utf8.RuneCountInString(cause), n, got.LastError)
		}
	}
}

// queueMessages puts n messages in the outbox, due at seedTime.
func queueMessages(t *testing.T, s *store.Store, n int) {
	t.Helper()
	list := make([]models.OutboxMessage, n)
	for i := range list {
		list[i] = models.OutboxMessage{Recipients: fmt.Sprintf("nguoi%d@mic.gov.vn", i), Subject: "Nhắc việc",
			Status: models.OutboxQueued, CreatedAt: seedTime, NextAttemptAt: seedTime}
	}
	must(t, s.DB().Create(&list).Error)
}

// TestConcurrentClaimsTakeEachMessageOnce lets four senders claim small
// batches at once until the outbox is empty: every message is taken by
// exactly one of them.
func TestConcurrentClaimsTakeEachMessageOnce(t *testing.T) {
	s := newStore(t)
	queueMessages(t, s, 120)
	taken := make([][]uint, 4)
	var wg sync.WaitGroup
	for i := range taken {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				batch, err := s.ClaimOutbox(ctx, seedTime, time.Minute, 7)
				if err != nil {
					t.Error(err)
					return
				}
				if len(batch) == 0 {
					return
				}
				for _, m := range batch {
					taken[i] = append(taken[i], m.ID)
				}
			}
		}()
	}
	wg.Wait()
	seen := map[uint]int{}
	for _, ids := range taken {
		for _, id := range ids {
			seen[id]++
		}
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("message %d claimed %d times", id, n)
		}
	}
	if len(seen) != 120 {
		t.Fatalf("%d of 120 messages claimed", len(seen))
	}
}

// TestClaimOutboxSkipsLockedMessages holds a lock on the oldest message, as
// a sender in the middle of its claim does: another claim passes over it at
// once (FOR UPDATE SKIP LOCKED) instead of waiting or taking it.
func TestClaimOutboxSkipsLockedMessages(t *testing.T) {
	storetest.RequirePostgres(t)
	s := newStore(t)
	queueMessages(t, s, 3)
	tx := s.DB().Begin()
	defer tx.Rollback()
	var first models.OutboxMessage
	must(t, tx.Clauses(clause.Locking{Strength: clause.LockingStrengthUpdate}).Order("id").First(&first).Error)
	quick, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	claimed, err := s.ClaimOutbox(quick, seedTime, time.Minute, 10)
	must(t, err)
	if len(claimed) != 2 || claimed[0].ID == first.ID || claimed[1].ID == first.ID {
		t.Fatalf("claimed %v beside the locked message %d; want the other two", claimed, first.ID)
	}
}

// TestReclaimOutboxTakesBackExpiredLeases: a message whose sender stopped
// under its lease stays with it until the lease runs out, then is queued
// again, due at once, with the interrupted attempt counted and said; one
// that has used its attempts ends failed.
func TestReclaimOutboxTakesBackExpiredLeases(t *testing.T) {
	s := newStore(t)
	queueMessages(t, s, 2)
	lease := 2 * time.Minute
	claimed, err := s.ClaimOutbox(ctx, seedTime, lease, 10)
	must(t, err)
	if len(claimed) != 2 {
		t.Fatalf("claimed %d, want 2", len(claimed))
	}
	// The second has been tried before: this was its last attempt.
	must(t, s.DB().Model(&models.OutboxMessage{}).Where("id = ?", claimed[1].ID).Update("attempts", models.OutboxMaxAttempts-1).Error)

	n, err := s.ReclaimOutbox(ctx, seedTime.Add(lease-time.Second))
	must(t, err)
	if n != 0 {
		t.Fatalf("took back %d messages whose lease still ran", n)
	}
	at := seedTime.Add(lease + time.Second)
	n, err = s.ReclaimOutbox(ctx, at)
	must(t, err)
	if n != 2 {
		t.Fatalf("took back %d messages, want 2", n)
	}
	first, err := s.OutboxByID(ctx, claimed[0].ID)
	must(t, err)
	if first.Status != models.OutboxQueued || first.Attempts != 1 || first.LockedUntil != nil ||
		!first.NextAttemptAt.Equal(at) || !strings.Contains(first.LastError, "lease expired") {
		t.Errorf("taken back as %+v", first)
	}
	last, err := s.OutboxByID(ctx, claimed[1].ID)
	must(t, err)
	if last.Status != models.OutboxFailed || last.Attempts != models.OutboxMaxAttempts {
		t.Errorf("the message out of attempts: %s after %d attempts, want failed", last.Status, last.Attempts)
	}
	again, err := s.ClaimOutbox(ctx, at, lease, 10)
	must(t, err)
	if len(again) != 1 || again[0].ID != first.ID {
		t.Errorf("after taking back, claimed %v, want only message %d", again, first.ID)
	}
}
