package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"roviec/models"
)

// TestReminderPassStopsBetweenBatches: a pass whose context ends while it
// writes (the server is stopping) finishes the batch it is in, one whole
// transaction, and writes no further batch; the next pass writes the rest,
// nothing twice.
func TestReminderPassStopsBetweenBatches(t *testing.T) {
	s := seededStore(t)
	var agencies []models.Agency
	must(t, s.DB().Order("id").Find(&agencies).Error)
	for i := 0; i < 250; i++ { // more recipients than one batch holds: each gets the month's kick-off
		_, err := s.CreateUser(ctx, models.NewUser{Email: fmt.Sprintf("focal%03d@test.vn", i), Name: "Đầu mối",
			Role: models.RoleFocal, AgencyCode: agencies[i%len(agencies)].Code, Password: "mat-khau-thu"})
		must(t, err)
	}
	dry, err := s.RunReminderPass(ctx, passAt(firstOverdueDay), plainRender, true)
	must(t, err)
	if len(dry.Messages) <= 200 {
		t.Fatalf("%d messages: not enough for two batches", len(dry.Messages))
	}

	stopping, stop := context.WithCancel(ctx)
	render := func(m models.ReminderMessage) (models.RenderedMail, error) {
		stop() // the signal comes while the first batch is being written
		return plainRender(m)
	}
	res, err := s.RunReminderPass(stopping, passAt(firstOverdueDay), render, false)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("a stopped pass returned %v", err)
	}
	if n := count(t, s, "outbox"); n != 200 || len(res.Messages) != 200 {
		t.Fatalf("the stopped pass queued %d messages (reported %d), want its first batch of 200", n, len(res.Messages))
	}
	rest, err := s.RunReminderPass(ctx, passAt(firstOverdueDay), plainRender, false)
	must(t, err)
	if n := count(t, s, "outbox"); n != int64(len(dry.Messages)) || len(rest.Messages) != len(dry.Messages)-200 {
		t.Fatalf("after the next pass the outbox holds %d messages (that pass %d), want %d in all", n, len(rest.Messages), len(dry.Messages))
	}
}
