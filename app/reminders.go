package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"roviec/app/mailer"
	"roviec/models"
	"roviec/models/notify"
	"roviec/models/store"
)

const (
	outboxBatch = 50
	outboxLease = 2 * time.Minute
)

// RunPass runs one reminder pass that decides as if it were at, queueing
// what is due for delivery at the app's clock.
func (a *App) RunPass(ctx context.Context, at time.Time, dryRun bool) (store.PassResult, error) {
	res, err := a.Store.RunReminderPass(ctx, store.PassTime{At: at, Now: a.Now()}, a.Mail.Render, dryRun)
	if err == nil && res.WorkingDay && !dryRun {
		n, herr := a.Store.QueueOverdueHooks(ctx, at)
		if n > 0 {
			a.Log.Info("webhooks: assignments found overdue", "deliveries", n)
		}
		err = herr
	}
	if !dryRun {
		a.Metrics.Pass(res.WorkingDay, len(res.Messages), res.Items(), res.Explanations, err)
	}
	if !res.WorkingDay {
		a.Log.Info("reminder pass: not a working day, nothing to do", "day", res.Day)
		return res, err
	}
	a.Log.Info("reminder pass", "day", res.Day, "dry_run", dryRun, "messages", len(res.Messages),
		"items", res.Items(), "explanation_requests", res.Explanations)
	return res, err
}

// DeliverOutbox takes back the messages of a sender that stopped under its
// lease (store.ReclaimOutbox), then tries every message that is due now,
// until none is left. It claims, leases and retries on the app's clock, the wall clock every sender
// shares, never on a pass's decision time. A message is marked sent only
// after the SMTP server accepted it. Without an SMTP server configured,
// messages stay queued and are counted in the log.
func (a *App) DeliverOutbox(ctx context.Context) (sent, failed int, err error) {
	defer func() { a.Metrics.Delivered(sent, failed) }()
	if n, err := a.Store.ReclaimOutbox(ctx, a.Now()); err != nil {
		return 0, 0, err
	} else if n > 0 {
		a.Log.Warn("outbox: took back messages whose sender stopped mid-delivery", "messages", n)
	}
	if a.Sender == nil {
		counts, err := a.Store.OutboxCounts(ctx)
		if err == nil && counts[models.OutboxQueued] > 0 {
			a.Log.Warn("no SMTP server configured (ROVIEC_SMTP_URL): messages wait in the outbox", "queued", counts[models.OutboxQueued])
		}
		return 0, 0, err
	}
	for {
		batch, err := a.Store.ClaimOutbox(ctx, a.Now(), outboxLease, outboxBatch)
		if err != nil || len(batch) == 0 {
			return sent, failed, err
		}
		for _, m := range batch {
			env := mailer.Envelope{From: a.Cfg.MailFrom, To: strings.Split(m.Recipients, ","), ToName: m.RecipientName,
				Subject: m.Subject, Text: m.BodyText, HTML: m.BodyHTML, MessageID: fmt.Sprintf("<outbox-%d@roviec>", m.ID)}
			if serr := a.Sender.Send(ctx, env); serr != nil {
				failed++
				a.Log.Warn("e-mail not delivered; will retry", "outbox_id", m.ID, "to", m.Recipients, "err", serr)
				if err := a.Store.MarkOutboxFailed(ctx, m.ID, a.Now(), serr); err != nil {
					return sent, failed, err
				}
				continue
			}
			sent++
			if err := a.Store.MarkOutboxSent(ctx, m.ID, a.Now()); err != nil {
				return sent, failed, err
			}
		}
	}
}

// MailNotifications queues one e-mail per person for their notifications
// waiting to go "at once" and, with digest, those waiting for the daily
// digest (store.QueueNotificationMail), on the app's clock, and returns how
// many messages it queued.
func (a *App) MailNotifications(ctx context.Context, digest bool) (int, error) {
	n, err := a.Store.QueueNotificationMail(ctx, notify.Now, a.Now(), a.Mail.RenderNotifications)
	if digest {
		d, derr := a.Store.QueueNotificationMail(ctx, notify.Digest, a.Now(), a.Mail.RenderNotifications)
		n, err = n+d, errors.Join(err, derr)
	}
	if n > 0 {
		a.Log.Info("notification e-mails queued", "messages", n, "digest", digest)
	}
	return n, err
}

// remindAndDeliver is one scheduled pass: queue the reminders, the
// notifications waiting to go at once (an explanation request the pass
// opened is told the same day) and, on working days, the daily digest of
// notifications; then deliver; then keep yesterday's figures for the
// committee, and any other day of the year not kept yet (see keepThisYear).
func (a *App) remindAndDeliver(ctx context.Context) {
	now := a.Now()
	res, err := a.RunPass(ctx, now, false)
	if ctx.Err() != nil {
		// Stopping: the pass ended at a batch boundary; the next start's
		// catch-up pass writes the rest.
		a.Log.Warn("reminder pass stopped by shutdown after a whole batch; the next pass completes it", "err", err)
		return
	} else if err != nil {
		a.Log.Error("reminder pass failed", "err", err)
	}
	if _, err := a.MailNotifications(ctx, res.WorkingDay); err != nil {
		a.Log.Error("notification e-mails failed", "err", err)
	}
	a.deliver(ctx)
	a.keepThisYear(ctx)
}

// notifyAndDeliver is the sender's round every minute: notifications
// waiting to go at once become one e-mail per person, then the outbox is
// delivered.
func (a *App) notifyAndDeliver(ctx context.Context) {
	if _, err := a.MailNotifications(ctx, false); err != nil {
		a.Log.Error("notification e-mails failed", "err", err)
	}
	a.deliver(ctx)
}

func (a *App) deliver(ctx context.Context) {
	if sent, failed, err := a.DeliverOutbox(ctx); err != nil && ctx.Err() == nil {
		a.Log.Error("outbox delivery failed", "err", err)
	} else if sent+failed > 0 {
		a.Log.Info("outbox delivery", "sent", sent, "failed", failed)
	}
	if sent, failed, err := a.DeliverHooks(ctx); err != nil && ctx.Err() == nil {
		a.Log.Error("webhook delivery failed", "err", err)
	} else if sent+failed > 0 {
		a.Log.Info("webhook delivery", "sent", sent, "failed", failed)
	}
}

// purgeExpired deletes expired sessions and API tokens, and password links
// expired for longer than models.PasswordLinkKept.
func (a *App) purgeExpired(ctx context.Context) {
	if n, err := a.Store.PurgeExpiredTokens(ctx, a.Now()); err != nil {
		a.Log.Error("purging expired sessions and tokens failed", "err", err)
	} else if n > 0 {
		a.Log.Info("purged expired sessions and tokens", "count", n)
	}
	if n, err := a.Store.PurgePasswordLinks(ctx, a.Now().Add(-models.PasswordLinkKept)); err != nil {
		a.Log.Error("purging expired password links failed", "err", err)
	} else if n > 0 {
		a.Log.Info("purged expired password links", "count", n)
	}
}

// cronLogger adapts slog to cron's logger.
type cronLogger struct{ a *App }

func (l cronLogger) Info(msg string, kv ...any) { l.a.Log.Debug("cron: "+msg, kv...) }
func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.a.Log.Error("cron: "+msg, append(kv, "err", err)...)
}

// StartScheduler starts the reminder schedule (unless it is "off"), the
// outbox sender and the hourly purge of expired sessions and tokens, in the configured time zone, with panic recovery and no
// overlapping runs. When today's scheduled pass time has already passed (the
// server was down), the pass runs at once: a missed pass is caught up the same
// day, and the reminder log makes sure nothing goes out twice. stop waits for
// running jobs, the catch-up pass included.
func (a *App) StartScheduler(ctx context.Context) (stop func(), err error) {
	ctx = models.WithActor(ctx, models.System("schedule")) // what the passes change, the audit trail says the schedule did
	logger := cronLogger{a}
	var catchUp sync.WaitGroup
	c := cron.New(cron.WithLocation(a.Cfg.Location), cron.WithLogger(logger),
		cron.WithChain(cron.Recover(logger), cron.SkipIfStillRunning(logger)))
	if a.Cfg.RemindSchedule != "off" {
		sched, err := cron.ParseStandard(a.Cfg.RemindSchedule)
		if err != nil {
			return nil, fmt.Errorf("ROVIEC_REMIND_SCHEDULE: %w", err)
		}
		c.Schedule(sched, cron.FuncJob(func() { a.remindAndDeliver(ctx) }))
		if passTimeReached(sched, a.Now(), a.Cfg.Location) {
			catchUp.Add(1)
			go func() {
				defer catchUp.Done()
				a.remindAndDeliver(ctx)
			}()
		}
	}
	if _, err := c.AddFunc("@every 1m", func() { a.notifyAndDeliver(ctx) }); err != nil {
		return nil, err
	}
	if _, err := c.AddFunc("@every 1h", func() { a.purgeExpired(ctx) }); err != nil {
		return nil, err
	}
	c.Start()
	return func() {
		<-c.Stop().Done()
		catchUp.Wait()
	}, nil
}

// passTimeReached reports whether the schedule's first run of today (local
// time) is already past at now: a server started then catches the pass up.
func passTimeReached(sched cron.Schedule, now time.Time, loc *time.Location) bool {
	local := now.In(loc)
	midnight := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, loc)
	next := sched.Next(midnight.Add(-time.Nanosecond))
	return !next.After(local) && next.Day() == local.Day()
}
