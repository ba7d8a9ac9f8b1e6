package store

import (
	"context"
	"encoding/json"
	"fmt"
	"roviec/models"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// ListWebhooks returns every webhook, oldest first (an administrator's list
// of a few).
func (s *Store) ListWebhooks(ctx context.Context) ([]models.Webhook, error) {
	var list []models.Webhook
	err := s.db.WithContext(ctx).Order("id").Find(&list).Error
	return list, err
}

// WebhookByID loads one webhook.
func (s *Store) WebhookByID(ctx context.Context, id uint) (*models.Webhook, error) {
	var w models.Webhook
	if err := s.db.WithContext(ctx).First(&w, id).Error; err != nil {
		return nil, NotFound(err)
	}
	return &w, nil
}

// hookAudit is what the audit trail keeps of a webhook: never its secret.
func hookAudit(w *models.Webhook) map[string]any {
	return map[string]any{"URL": w.URL, "Events": w.EventList(), "Active": w.Active}
}

// CreateWebhook validates and stores a webhook.
func (s *Store) CreateWebhook(ctx context.Context, in models.WebhookInput, now time.Time) (*models.Webhook, error) {
	w, err := in.Validate(false)
	if err != nil {
		return nil, err
	}
	w.CreatedAt, w.UpdatedAt = now.UTC(), now.UTC()
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		s.forgetSubscribers()
		w.ID = 0
		if err := tx.Create(w).Error; err != nil {
			return err
		}
		return audit(tx, models.AuditWebhook, w.ID, models.AuditCreate, nil, hookAudit(w))
	})
	return w, err
}

// UpdateWebhook changes a webhook; an empty secret keeps the one stored.
func (s *Store) UpdateWebhook(ctx context.Context, id uint, in models.WebhookInput, now time.Time) (*models.Webhook, error) {
	w, err := in.Validate(true)
	if err != nil {
		return nil, err
	}
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		s.forgetSubscribers()
		var cur models.Webhook
		if err := forUpdate(tx).First(&cur, id).Error; err != nil {
			return NotFound(err)
		}
		before := hookAudit(&cur)
		if w.Secret == "" {
			w.Secret = cur.Secret
		}
		w.ID, w.CreatedAt, w.UpdatedAt = cur.ID, cur.CreatedAt, now.UTC()
		if err := tx.Select("*").Save(w).Error; err != nil {
			return err
		}
		return audit(tx, models.AuditWebhook, w.ID, models.AuditUpdate, before, hookAudit(w))
	})
	return w, err
}

// DeleteWebhook removes a webhook and its delivery log.
func (s *Store) DeleteWebhook(ctx context.Context, id uint) error {
	return s.transaction(ctx, func(tx *gorm.DB) error {
		s.forgetSubscribers()
		var cur models.Webhook
		if err := forUpdate(tx).First(&cur, id).Error; err != nil {
			return NotFound(err)
		}
		if err := tx.Where("webhook_id = ?", id).Delete(&models.WebhookDelivery{}).Error; err != nil {
			return err
		}
		if err := tx.Delete(&cur).Error; err != nil {
			return err
		}
		return audit(tx, models.AuditWebhook, id, models.AuditDelete, hookAudit(&cur), nil)
	})
}

// hookPayload is the JSON body every delivery carries.
type hookPayload struct {
	Event      models.HookEvent `json:"event"`
	OccurredAt time.Time        `json:"occurred_at"`
	Data       any              `json:"data"`
}

// subscribers are the ids of the active webhooks told of event.
func subscribers(tx *gorm.DB, event models.HookEvent) ([]uint, error) {
	if s, ok := tx.Statement.Context.Value(sqliteWriter{}).(*Store); ok {
		return s.subscribersKept(tx, event)
	}
	var ids []uint
	err := tx.Model(&models.Webhook{}).Where("active = ? AND events LIKE ?", true, "%,"+string(event)+",%").
		Order("id").Pluck("id", &ids).Error
	return ids, err
}

// hookSubscribers is the active webhooks subscribed to each event, by id.
type hookSubscribers map[models.HookEvent][]uint

// subscribersKept answers subscribers on SQLite from the store's copy of
// the active webhooks, read in tx when there is none. Every change on
// SQLite runs in the writers' queue, webhooks' own too, which drop the copy
// in their transaction (forgetSubscribers): no writer can read the copy
// between a change of the webhooks and its commit, so the copy is exact (one
// process serves a SQLite file). It spares every change of an assignment
// a query.
func (s *Store) subscribersKept(tx *gorm.DB, event models.HookEvent) ([]uint, error) {
	if kept := s.hooks.Load(); kept != nil {
		return (*kept)[event], nil
	}
	var active []models.Webhook
	if err := tx.Select("id", "events").Where("active = ?", true).Order("id").Find(&active).Error; err != nil {
		return nil, err
	}
	kept := hookSubscribers{}
	for i := range active {
		for _, e := range active[i].EventList() {
			kept[e] = append(kept[e], active[i].ID)
		}
	}
	s.hooks.Store(&kept)
	return kept[event], nil
}

// forgetSubscribers drops the store's copy of the active webhooks, in the
// transaction that changes them.
func (s *Store) forgetSubscribers() { s.hooks.Store(nil) }

// queueHook writes, in tx (the transaction of the change it tells of, so
// that a change rolled back tells nobody), one delivery of event to each
// active webhook subscribed to it. data is built only when someone listens.
// A non-empty key makes the event once per webhook and key.
func queueHook(tx *gorm.DB, event models.HookEvent, key string, now time.Time, data func() (any, error)) error {
	ids, err := subscribers(tx, event)
	if err != nil || len(ids) == 0 {
		return err
	}
	d, err := data()
	if err != nil {
		return err
	}
	_, err = insertDeliveries(tx, ids, event, key, now, d)
	return err
}

// insertDeliveries writes one delivery of event with data to each webhook
// of ids, skipping a webhook told of key before, and returns how many it wrote.
func insertDeliveries(tx *gorm.DB, ids []uint, event models.HookEvent, key string, now time.Time, data any) (int, error) {
	body, err := json.Marshal(hookPayload{Event: event, OccurredAt: now.UTC(), Data: data})
	if err != nil {
		return 0, err
	}
	rows := make([]models.WebhookDelivery, len(ids))
	for i, id := range ids {
		rows[i] = models.WebhookDelivery{WebhookID: id, Event: event, Payload: string(body), Status: models.OutboxQueued,
			NextAttemptAt: now.UTC(), CreatedAt: now.UTC()}
		if key != "" {
			rows[i].Key = &key
		}
	}
	res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&rows)
	return int(res.RowsAffected), res.Error
}

// hookAssignment is what a delivery tells of an assignment: agency-level
// facts, no person's name or address (a receiver looks them up if it may).
type hookAssignment struct {
	ID          uint          `json:"id"`
	DirectiveID uint          `json:"directive_id"`
	Directive   string        `json:"directive"`
	AgencyCode  string        `json:"agency_code"`
	AgencyName  string        `json:"agency_name"`
	Status      models.Status `json:"status"`
	Progress    int           `json:"progress"`
	DueOn       string        `json:"due_on,omitempty"`
	Version     int           `json:"version"`
}

// assignmentHookData loads what a delivery tells of assignment a.
func assignmentHookData(tx *gorm.DB, a *models.Assignment) func() (any, error) {
	return func() (any, error) {
		var ag models.Agency
		var d models.Directive
		if err := tx.Select("code, name").First(&ag, a.AgencyID).Error; err != nil {
			return nil, err
		}
		if err := tx.Select("id, title").First(&d, a.DirectiveID).Error; err != nil {
			return nil, err
		}
		return map[string]any{"assignment": hookAssignment{ID: a.ID, DirectiveID: a.DirectiveID, Directive: d.Title,
			AgencyCode: ag.Code, AgencyName: ag.Name, Status: a.Status, Progress: a.Progress, DueOn: string(a.DueOn),
			Version: a.Version}}, nil
	}
}

// queueAssignmentHooks tells of a change of a: assignment.updated, and
// assignment.submitted when it moved to submitted.
func queueAssignmentHooks(tx *gorm.DB, from models.Status, a *models.Assignment, now time.Time) error {
	if err := queueHook(tx, models.HookAssignmentUpdated, "", now, assignmentHookData(tx, a)); err != nil {
		return err
	}
	if from != models.StatusSubmitted && a.Status == models.StatusSubmitted {
		return queueHook(tx, models.HookAssignmentSubmitted, "", now, assignmentHookData(tx, a))
	}
	return nil
}

// queueDirectiveHook tells of a new directive with how many agencies it went to.
func queueDirectiveHook(tx *gorm.DB, d *models.Directive, agencies int, now time.Time) error {
	return queueHook(tx, models.HookDirectiveCreated, "", now, func() (any, error) {
		return map[string]any{"directive": map[string]any{"id": d.ID, "title": d.Title, "plan_id": d.PlanID,
			"theme_id": d.ThemeID, "due_on": string(d.DueOn), "assignments": agencies}}, nil
	})
}

// queueExplanationHook tells of an explanation request opened for a.
func queueExplanationHook(tx *gorm.DB, e *models.ExplanationRequest, a *models.Assignment, now time.Time) error {
	return queueHook(tx, models.HookExplanationRequested, "", now, func() (any, error) {
		data, err := assignmentHookData(tx, a)()
		if err != nil {
			return nil, err
		}
		data.(map[string]any)["explanation"] = map[string]any{"id": e.ID, "due_on": string(e.DueOn)}
		return data, nil
	})
}

// overdueLookBack bounds how far back a pass looks for assignments that fell
// overdue: a pass runs every working day, so a deadline passed over a long
// holiday is still within it, and the pass reads a window of the
// (status, due_on) index rather than every overdue assignment of the year.
const overdueLookBack = 31

// QueueOverdueHooks tells the webhooks subscribed to assignment.overdue of
// every open assignment found overdue for its deadline in force, once per
// webhook, assignment and deadline (a moved deadline missed again is told
// again): the reminder pass calls it. Deadlines before a webhook was created
// are not told to it, so a new webhook does not receive the backlog of the
// year. It reads the assignments in batches of 500 and returns how many
// deliveries it queued.
func (s *Store) QueueOverdueHooks(ctx context.Context, now time.Time) (int, error) {
	var hooks []models.Webhook
	err := s.db.WithContext(ctx).Where("active = ? AND events LIKE ?", true, "%,"+string(models.HookAssignmentOverdue)+",%").
		Order("id").Find(&hooks).Error
	if err != nil || len(hooks) == 0 {
		return 0, err
	}
	today := models.DayOf(now, s.loc)
	from := today.AddDays(-overdueLookBack)
	queued := 0
	for _, w := range hooks {
		n, err := s.queueOverdueFor(ctx, &w, max(from, models.DayOf(w.CreatedAt, s.loc)), today, now)
		queued += n
		if err != nil {
			return queued, err
		}
	}
	return queued, nil
}

// queueOverdueFor queues assignment.overdue to webhook w for the open
// assignments overdue today whose deadline is since or later and not yet
// told to it, 500 a transaction.
func (s *Store) queueOverdueFor(ctx context.Context, w *models.Webhook, since, today models.Day, now time.Time) (int, error) {
	queued := 0
	var after uint
	for {
		var batch []models.Assignment
		q := timelinessWhere(s.db.WithContext(ctx).Model(&models.Assignment{}), models.OpenOverdue, today).
			Where("assignments.due_on >= ? AND assignments.id > ?", string(since), after).Order("assignments.id").Limit(500)
		if err := q.Find(&batch).Error; err != nil || len(batch) == 0 {
			return queued, err
		}
		after = batch[len(batch)-1].ID
		keys := make([]string, len(batch))
		for i, a := range batch {
			keys[i] = fmt.Sprintf("overdue:%d:%s", a.ID, a.DueOn)
		}
		var told []string
		if err := s.db.WithContext(ctx).Model(&models.WebhookDelivery{}).Where("webhook_id = ? AND dedup_key IN ?", w.ID, keys).
			Pluck("dedup_key", &told).Error; err != nil {
			return queued, err
		}
		known := make(map[string]bool, len(told))
		for _, k := range told {
			known[k] = true
		}
		n := 0
		err := s.transaction(ctx, func(tx *gorm.DB) error {
			n = 0
			for i := range batch {
				if known[keys[i]] {
					continue
				}
				data, err := assignmentHookData(tx, &batch[i])()
				if err != nil {
					return err
				}
				added, err := insertDeliveries(tx, []uint{w.ID}, models.HookAssignmentOverdue, keys[i], now, data)
				if err != nil {
					return err
				}
				n += added
			}
			return nil
		})
		queued += n
		if err != nil {
			return queued, err
		}
	}
}

// ClaimHookDeliveries takes up to limit deliveries due at now under a lease
// until now+lease, as ClaimOutbox takes e-mails.
func (s *Store) ClaimHookDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]models.WebhookDelivery, error) {
	return claimQueued[models.WebhookDelivery](ctx, s, now, lease, limit)
}

// ReclaimHookDeliveries puts back the deliveries whose sender stopped under
// its lease, as ReclaimOutbox does for e-mails.
func (s *Store) ReclaimHookDeliveries(ctx context.Context, now time.Time) (int64, error) {
	return reclaimQueued[models.WebhookDelivery](ctx, s, now)
}

// MarkHookDelivered records that the receiver answered a delivery with a
// 2xx code.
func (s *Store) MarkHookDelivered(ctx context.Context, id uint, code int, now time.Time) error {
	t := now.UTC()
	return s.db.WithContext(ctx).Model(&models.WebhookDelivery{}).Where("id = ?", id).
		Updates(map[string]any{"status": models.OutboxSent, "sent_at": &t, "locked_until": nil,
			"attempts": gorm.Expr("attempts + 1"), "last_error": "", "response_code": code}).Error
}

// MarkHookFailed records a failed attempt (code 0: no answer): the delivery
// is tried again after OutboxBackoff, or marked failed after
// OutboxMaxAttempts.
func (s *Store) MarkHookFailed(ctx context.Context, id uint, code int, now time.Time, cause error) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		var d models.WebhookDelivery
		if err := tx.First(&d, id).Error; err != nil {
			return NotFound(err)
		}
		attempts := d.Attempts + 1
		status := models.OutboxQueued
		if attempts >= models.OutboxMaxAttempts {
			status = models.OutboxFailed
		}
		return tx.Model(&d).Updates(map[string]any{"status": status, "attempts": attempts,
			"last_error": models.ClipText(cause.Error(), models.MaxErrorLen), "response_code": code,
			"next_attempt_at": now.UTC().Add(models.OutboxBackoff(attempts)), "locked_until": nil}).Error
	})
}

// ResendHookDelivery puts a failed delivery of webhook webhookID back in the
// queue, due at now with its attempts counted afresh, as ResendOutbox does
// for an e-mail (an administrator's action, through models.Can): the
// sender then posts it again, with the same id and body. A delivery of
// another webhook is unknown (404); one not failed, or of a webhook switched
// off (it would only fail again), is a conflict. The audit row is the
// webhook's, naming the delivery.
func (s *Store) ResendHookDelivery(ctx context.Context, actor *models.User, webhookID, id uint, now time.Time) (*models.WebhookDelivery, error) {
	if !models.Can(actor, models.ActManageReminders, 0) {
		return nil, models.Forbidden("err.forbidden")
	}
	var d models.WebhookDelivery
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		var w models.Webhook
		if err := tx.First(&w, webhookID).Error; err != nil {
			return NotFound(err)
		}
		if err := tx.Where("webhook_id = ?", webhookID).First(&d, id).Error; err != nil {
			return NotFound(err)
		}
		if d.Status != models.OutboxFailed {
			return models.Conflict("err.hook_delivery_not_failed", "Status", models.NewMsg("outbox.status_"+d.Status))
		}
		if !w.Active {
			return models.Conflict("err.hook_delivery_hook_off")
		}
		res := tx.Model(&models.WebhookDelivery{}).Where("id = ? AND status = ?", id, models.OutboxFailed).
			Updates(map[string]any{"status": models.OutboxQueued, "attempts": 0, "next_attempt_at": now.UTC(), "locked_until": nil})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return models.Conflict("err.hook_delivery_taken")
		}
		err := audit(tx, models.AuditWebhook, webhookID, models.AuditResend, map[string]any{"Status": d.Status, "Attempts": d.Attempts},
			map[string]any{"Delivery": id, "Status": models.OutboxQueued, "Attempts": 0})
		if err != nil {
			return err
		}
		return tx.First(&d, id).Error
	})
	if err != nil {
		return nil, err
	}
	return &d, nil
}

// ListHookDeliveries returns a page of a webhook's deliveries (all
// webhooks' with id 0), newest first.
func (s *Store) ListHookDeliveries(ctx context.Context, webhookID uint, p Page) ([]models.WebhookDelivery, int64, error) {
	q := s.db.WithContext(ctx).Model(&models.WebhookDelivery{})
	if webhookID != 0 {
		q = q.Where("webhook_id = ?", webhookID)
	}
	return newestPage[models.WebhookDelivery](q, p.normalise(50, 500))
}
