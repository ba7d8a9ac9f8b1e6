package store_test

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"roviec/models"
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
