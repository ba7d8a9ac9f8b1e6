package store_test

import (
	"errors"
	"roviec/models/store"
	"strings"
	"sync"
	"testing"
	"time"

	"roviec/models"
)

// plainRender is a minimal renderer for store-level tests: the subject names
// the recipient and the body lists the keys, so tests can see what was queued.
func plainRender(m models.ReminderMessage) (models.RenderedMail, error) {
	return models.RenderedMail{Subject: "to " + m.Recipient.Email, Text: strings.Join(m.Keys(), "\n"), HTML: "<p>x</p>"}, nil
}

// firstOverdueDay is Monday 03/04/2023 08:00 in Hà Nội: the Q1 deadline
// (31/03) is 1 working day past, and it is the first working day of a week
// and of a month, so every rule has something to say.
var firstOverdueDay = time.Date(2023, 4, 3, 1, 0, 0, 0, time.UTC)

// passAt is a scheduled pass at t: it decides and queues at the same moment.
func passAt(t time.Time) store.PassTime { return store.PassTime{At: t, Now: t} }

func TestManualPassDecidesAtItsMomentAndQueuesOnTheWallClock(t *testing.T) {
	s := reminderStore(t)
	// Replayed on Wednesday 12/04/2023 for Monday 03/04: Monday's reminders,
	// queued to go out on Wednesday.
	wall := time.Date(2023, 4, 12, 3, 30, 0, 0, time.UTC)
	res, err := s.RunReminderPass(ctx, store.PassTime{At: firstOverdueDay, Now: wall}, plainRender, false)
	must(t, err)
	if res.Day != "2023-04-03" || len(res.Messages) == 0 {
		t.Fatalf("the pass decided for %s with %d messages, want Monday 03/04 with some", res.Day, len(res.Messages))
	}
	var logs []models.ReminderLog
	must(t, s.DB().Find(&logs).Error)
	for _, l := range logs {
		if !l.PassAt.Equal(firstOverdueDay) {
			t.Fatalf("log row %s records the pass at %s, want %s", l.Key, l.PassAt, firstOverdueDay)
		}
	}
	var out []models.OutboxMessage
	must(t, s.DB().Find(&out).Error)
	for _, m := range out {
		if !m.CreatedAt.Equal(wall) || !m.NextAttemptAt.Equal(wall) {
			t.Fatalf("message %d created %s, first attempt %s; want both at the wall clock %s", m.ID, m.CreatedAt, m.NextAttemptAt, wall)
		}
	}
	if len(logs) < len(out) || len(out) != len(res.Messages) {
		t.Fatalf("%d log rows, %d outbox messages, %d reported", len(logs), len(out), len(res.Messages))
	}
}

func TestReminderPassQueuesOnceAndSecondPassNothing(t *testing.T) {
	s := reminderStore(t)
	res, err := s.RunReminderPass(ctx, passAt(firstOverdueDay), plainRender, false)
	must(t, err)
	if !res.WorkingDay || len(res.Messages) == 0 || res.Items() == 0 {
		t.Fatalf("first pass queued nothing: %+v", res)
	}
	if got := count(t, s, "outbox"); got != int64(len(res.Messages)) {
		t.Fatalf("outbox holds %d messages, pass reported %d", got, len(res.Messages))
	}
	var unlinked int64
	must(t, s.DB().Model(&models.ReminderLog{}).Where("outbox_id IS NULL").Count(&unlinked).Error)
	if unlinked != 0 {
		t.Fatalf("%d reminder-log rows have no outbox message", unlinked)
	}
	// One message per recipient per pass, carrying items, digest and kick-off together.
	seen := map[string]bool{}
	digests, kickoffs := 0, 0
	for _, m := range res.Messages {
		if seen[m.Recipient.Email] {
			t.Fatalf("two messages to %s in one pass", m.Recipient.Email)
		}
		seen[m.Recipient.Email] = true
		if m.Digest != nil {
			digests++
		}
		if m.Kickoff != nil {
			kickoffs++
		}
	}
	if digests == 0 || kickoffs == 0 {
		t.Fatalf("03/04/2023 starts a week and a month: %d digests, %d kick-offs", digests, kickoffs)
	}
	logs := count(t, s, "reminder_logs")

	again, err := s.RunReminderPass(ctx, passAt(firstOverdueDay.Add(2*time.Hour)), plainRender, false)
	must(t, err)
	if len(again.Messages) != 0 || count(t, s, "outbox") != int64(len(res.Messages)) || count(t, s, "reminder_logs") != logs {
		t.Fatalf("second pass queued %d messages", len(again.Messages))
	}
}

func TestReminderPassesRunConcurrentlySendNothingTwice(t *testing.T) {
	s := reminderStore(t)
	var wg sync.WaitGroup
	results := make([]store.PassResult, 4)
	errs := make([]error, 4)
	for i := range results {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results[i], errs[i] = s.RunReminderPass(ctx, passAt(firstOverdueDay), plainRender, false)
		}(i)
	}
	wg.Wait()
	total := 0
	for i := range results {
		must(t, errs[i])
		total += len(results[i].Messages)
	}
	if total == 0 || int64(total) != count(t, s, "outbox") {
		t.Fatalf("passes reported %d messages, outbox holds %d", total, count(t, s, "outbox"))
	}
	var dup int64
	must(t, s.DB().Raw("SELECT COUNT(*) FROM (SELECT recipients FROM outbox GROUP BY recipients HAVING COUNT(*) > 1) d").Scan(&dup).Error)
	if dup != 0 {
		t.Fatalf("%d messages were queued twice", dup)
	}
}

func TestReminderPassDryRunWritesNothing(t *testing.T) {
	s := reminderStore(t)
	dry, err := s.RunReminderPass(ctx, passAt(firstOverdueDay), plainRender, true)
	must(t, err)
	if len(dry.Messages) == 0 {
		t.Fatal("dry run found nothing to send")
	}
	for _, table := range []string{"outbox", "reminder_logs", "explanation_requests"} {
		if n := count(t, s, table); n != 0 {
			t.Fatalf("dry run wrote %d rows to %s", n, table)
		}
	}
	real, err := s.RunReminderPass(ctx, passAt(firstOverdueDay), plainRender, false)
	must(t, err)
	if len(real.Messages) != len(dry.Messages) || real.Items() != dry.Items() {
		t.Fatalf("dry run said %d messages/%d items, real pass queued %d/%d", len(dry.Messages), dry.Items(), len(real.Messages), real.Items())
	}
	after, err := s.RunReminderPass(ctx, passAt(firstOverdueDay), plainRender, true)
	must(t, err)
	if len(after.Messages) != 0 {
		t.Fatalf("dry run after the pass still lists %d messages", len(after.Messages))
	}
}

func TestReminderPassWeekendDoesNothing(t *testing.T) {
	s := reminderStore(t)
	sunday := time.Date(2023, 4, 2, 1, 0, 0, 0, time.UTC)
	res, err := s.RunReminderPass(ctx, passAt(sunday), plainRender, false)
	must(t, err)
	if res.WorkingDay || len(res.Messages) != 0 || count(t, s, "outbox") != 0 {
		t.Fatalf("a Sunday pass did something: %+v", res)
	}
}

func TestReminderPassRenderFailureLeavesNoLogRow(t *testing.T) {
	s := reminderStore(t)
	failing := func(m models.ReminderMessage) (models.RenderedMail, error) {
		if m.Recipient.Email == "focal@test.vn" {
			return models.RenderedMail{}, errors.New("template broke")
		}
		return plainRender(m)
	}
	res, err := s.RunReminderPass(ctx, passAt(firstOverdueDay), failing, false)
	if err == nil || !strings.Contains(err.Error(), "focal@test.vn") {
		t.Fatalf("error %v does not name the recipient", err)
	}
	if len(res.Messages) == 0 {
		t.Fatal("other recipients must still get their messages")
	}
	var n int64
	must(t, s.DB().Model(&models.ReminderLog{}).Where("recipient = ?", "focal@test.vn").Count(&n).Error)
	if n != 0 {
		t.Fatalf("%d log rows for a message that was never queued: it would be lost", n)
	}
	// The next pass delivers what failed.
	res, err = s.RunReminderPass(ctx, passAt(firstOverdueDay), plainRender, false)
	must(t, err)
	got := false
	for _, m := range res.Messages {
		got = got || m.Recipient.Email == "focal@test.vn"
	}
	if !got {
		t.Fatal("the failed recipient's reminders were lost")
	}
}

func TestReminderPassOpensExplanationRequestOnce(t *testing.T) {
	s := reminderStore(t)
	// 14/04/2023 is 10 working days after the Q1 deadline of 31/03.
	day10 := time.Date(2023, 4, 14, 1, 0, 0, 0, time.UTC)
	res, err := s.RunReminderPass(ctx, passAt(day10), plainRender, false)
	must(t, err)
	open := countAssignments(t, s, "assignments.due_on = ? AND assignments.status IN ?", "2023-03-31",
		[]models.Status{models.StatusNotStarted, models.StatusInProgress})
	if res.Explanations != open || count(t, s, "explanation_requests") != int64(open) {
		t.Fatalf("opened %d explanation requests, want %d (one per open Q1 assignment)", res.Explanations, open)
	}
	var notes int64
	must(t, s.DB().Model(&models.Update{}).Where("note LIKE ?", "Yêu cầu giải trình%").Count(&notes).Error)
	if notes != int64(open) {
		t.Fatalf("%d history rows for %d requests", notes, open)
	}
	res, err = s.RunReminderPass(ctx, passAt(day10.Add(time.Hour)), plainRender, false)
	must(t, err)
	if res.Explanations != 0 || count(t, s, "explanation_requests") != int64(open) {
		t.Fatalf("second pass opened %d more requests", res.Explanations)
	}
}
