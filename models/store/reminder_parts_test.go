package store_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"

	"roviec/models"
	"roviec/models/bulk"
	"roviec/models/store"
	"roviec/models/synth"
)

// generatedStore is a synthetic national programme as roviec gen makes it:
// 60 agencies and 90 directives over three yearly plans, about three
// thousand assignments, the same every time.
func generatedStore(t *testing.T) *store.Store {
	t.Helper()
	s := newStore(t)
	cal, err := s.Calendar(ctx)
	must(t, err)
	w, err := bulk.NewWriter(ctx, s.DB())
	must(t, err)
	_, err = synth.Generate(synth.Config{Agencies: 60, Directives: 90, Updates: 3, Plans: 3, Seed: 8,
		Password: "roviec-load-123", Location: hcm(t), Calendar: cal}, w)
	must(t, errors.Join(err, w.Close()))
	return s
}

// jsonRender renders a message as its whole content, so that two outboxes
// are equal only when every message carries the same things.
func jsonRender(m models.ReminderMessage) (models.RenderedMail, error) {
	b, err := json.Marshal(m)
	return models.RenderedMail{Subject: "to " + m.Recipient.Email, Text: string(b), HTML: "<p>x</p>"}, err
}

// passRecord is what a pass leaves in the database, without the ids.
type passRecord struct {
	Outbox       []string // recipient, subject, body
	Logs         []string // key, rule, level, assignment, recipient, the message's recipient
	Explanations []string // assignment, missed deadline, time
	Notes        int64    // history rows of the explanation requests
}

func recordOf(t *testing.T, s *store.Store) passRecord {
	t.Helper()
	var r passRecord
	must(t, s.DB().Raw("SELECT recipients || ' ' || subject || ' ' || body_text FROM outbox ORDER BY id").Scan(&r.Outbox).Error)
	must(t, s.DB().Raw(`SELECT l."key" || ' ' || l.rule || ' ' || l.level || ' ' || COALESCE(l.assignment_id, 0) || ' ' || l.recipient || ' ' || o.recipients
		FROM reminder_logs l LEFT JOIN outbox o ON o.id = l.outbox_id ORDER BY l."key"`).Scan(&r.Logs).Error)
	must(t, s.DB().Raw("SELECT assignment_id || ' ' || due_on FROM explanation_requests ORDER BY id").Scan(&r.Explanations).Error)
	must(t, s.DB().Model(&models.Update{}).Where("note LIKE ?", "Yêu cầu giải trình%").Count(&r.Notes).Error)
	return r
}

// TestReminderPassInPartsIsThePassOfTheWhole: a pass that reads the country
// seven agencies at a time queues the same messages, log rows and explanation
// requests as one that reads it whole, on a Monday (digest, escalations,
// requests opened) and on the first working day of a month (kick-offs).
func TestReminderPassInPartsIsThePassOfTheWhole(t *testing.T) {
	whole, parts := generatedStore(t), generatedStore(t)
	whole.ReminderPartSize, parts.ReminderPartSize = 1000, 7
	for _, at := range []time.Time{
		time.Date(2025, 3, 31, 1, 0, 0, 0, time.UTC), // Monday
		time.Date(2025, 4, 1, 1, 0, 0, 0, time.UTC),  // first working day of April
	} {
		want, err := whole.RunReminderPass(ctx, passAt(at), jsonRender, false)
		must(t, err)
		got, err := parts.RunReminderPass(ctx, passAt(at), jsonRender, false)
		must(t, err)
		if want.Items() < 100 {
			t.Fatalf("%s: the whole pass queued %d items; the test wants a national day", at, want.Items())
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: a pass in parts queued %d messages (%d items), %d requests; the whole %d (%d), %d",
				at, len(got.Messages), got.Items(), got.Explanations, len(want.Messages), want.Items(), want.Explanations)
		}
		if g, w := recordOf(t, parts), recordOf(t, whole); !reflect.DeepEqual(g, w) {
			t.Errorf("%s: a pass in parts left %d messages, %d log rows, %d requests (%d notes); the whole %d, %d, %d (%d)",
				at, len(g.Outbox), len(g.Logs), len(g.Explanations), g.Notes, len(w.Outbox), len(w.Logs), len(w.Explanations), w.Notes)
		}
	}
	var digests, kickoffs, escalations int64
	must(t, parts.DB().Model(&models.ReminderLog{}).Where("rule = ?", models.RuleDigest).Count(&digests).Error)
	must(t, parts.DB().Model(&models.ReminderLog{}).Where("rule = ?", models.RuleKickoff).Count(&kickoffs).Error)
	must(t, parts.DB().Model(&models.ReminderLog{}).Where("level = 2 AND pass_at >= ?", time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC)).Count(&escalations).Error)
	if digests == 0 || kickoffs == 0 || escalations == 0 || len(recordOf(t, parts).Explanations) == 0 {
		t.Errorf("%d digests, %d kick-offs, %d escalations to the committee: the days do not test them all", digests, kickoffs, escalations)
	}
}

// TestReminderPassAfterAFailureSendsTheRest: when a message failed to render,
// the next pass of the day finds every other key used and the failed
// recipient's new: it queues that one message, however many come before it
// (the e-mails rendered ahead for the others are dropped, not waited for).
func TestReminderPassAfterAFailureSendsTheRest(t *testing.T) {
	s := generatedStore(t)
	at := time.Date(2025, 3, 31, 1, 0, 0, 0, time.UTC)
	plan, err := s.PlanReminders(ctx, at)
	must(t, err)
	last := plan.Messages[len(plan.Messages)-1].Recipient.Email
	failing := func(m models.ReminderMessage) (models.RenderedMail, error) {
		if m.Recipient.Email == last {
			return models.RenderedMail{}, errors.New("template broke")
		}
		return plainRender(m)
	}
	first, err := s.RunReminderPass(ctx, passAt(at), failing, false)
	if err == nil || len(first.Messages) != len(plan.Messages)-1 || len(plan.Messages) < 100 {
		t.Fatalf("first pass: %d of %d messages, error %v; want all but %s's", len(first.Messages), len(plan.Messages), err, last)
	}
	done := make(chan store.PassResult)
	go func() {
		again, err := s.RunReminderPass(ctx, passAt(at), plainRender, false)
		if err != nil {
			t.Error(err)
		}
		done <- again
	}()
	select {
	case again := <-done:
		if len(again.Messages) != 1 || again.Messages[0].Recipient.Email != last {
			t.Errorf("second pass queued %d messages, want %s's alone", len(again.Messages), last)
		}
	case <-time.After(time.Minute):
		t.Fatal("second pass did not finish: the writer waits for the renderer")
	}
}
