package store

import (
	"context"
	"time"

	"roviec/models"
	"roviec/models/notify"

	"gorm.io/gorm"
)

// notifyMode is the SQL for the e-mail mode of kind for the user u: their
// choice, else the default (the args are the kind and the default, in order).
const notifyMode = "COALESCE((SELECT p.mode FROM notification_prefs p WHERE p.user_id = u.id AND p.kind = ?), ?)"

// notifyInsert is the head of every notification INSERT ... SELECT: one
// statement however many people are told, so that a directive to 3,393
// agencies adds its notifications within its transaction without holding
// them in memory.
const notifyInsert = "INSERT INTO notifications (user_id, kind, assignment_id, actor_id, note, event, event_day, created_at, mail) "

// actorIDOf is who causes an event: the user the store method was given,
// else the actor of the transaction's context; nil for the system.
func actorIDOf(tx *gorm.DB, by *models.User) *uint {
	if by != nil {
		return &by.ID
	}
	if a := models.ActorOf(tx.Statement.Context); a.UserID != 0 {
		return &a.UserID
	}
	return nil
}

// notifyAgency tells the active focal points of an assignment's agency
// (but not the actor, who knows) of an event on it, inside tx.
func notifyAgency(tx *gorm.DB, by *models.User, what notify.Told, a *models.Assignment, now time.Time) error {
	actor, kind := actorIDOf(tx, by), what.Kind
	return tx.Exec(notifyInsert+"SELECT u.id, ?, ?, ?, ?, ?, ?, ?, "+notifyMode+
		" FROM users u WHERE u.agency_id = ? AND u.role = ? AND u.active = ? AND u.id <> ?",
		kind, a.ID, actor, what.Note, what.Event, what.Day, now.UTC(), kind, notify.DefaultMode(kind),
		a.AgencyID, models.RoleFocal, true, orZero(actor)).Error
}

// notifyCoordinators tells the active coordinators (not the actor) of an
// event on an assignment, inside tx: the committee's reviewers. Admins are
// left out: they run the application, and a ministry's every submission
// would bury what they are told.
func notifyCoordinators(tx *gorm.DB, by *models.User, kind notify.Kind, a *models.Assignment, note string, now time.Time) error {
	actor := actorIDOf(tx, by)
	return tx.Exec(notifyInsert+"SELECT u.id, ?, ?, ?, ?, '', NULL, ?, "+notifyMode+
		" FROM users u WHERE u.role = ? AND u.active = ? AND u.id <> ?",
		kind, a.ID, actor, note, now.UTC(), kind, notify.DefaultMode(kind),
		models.RoleCoordinator, true, orZero(actor)).Error
}

// notifyDirective tells the focal points of every agency a new directive
// went to, one notification per person and assignment, inside tx.
func notifyDirective(tx *gorm.DB, by *models.User, directiveID uint, now time.Time) error {
	actor := actorIDOf(tx, by)
	kind := notify.Assigned
	return tx.Exec(notifyInsert+"SELECT u.id, ?, a.id, ?, '', '', NULL, ?, "+notifyMode+
		" FROM assignments a JOIN users u ON u.agency_id = a.agency_id"+
		" WHERE a.directive_id = ? AND u.role = ? AND u.active = ? AND u.id <> ?",
		kind, actor, now.UTC(), kind, notify.DefaultMode(kind),
		directiveID, models.RoleFocal, true, orZero(actor)).Error
}

// notifyUsers tells the given active users (not the actor) of an event on an assignment, inside tx.
func notifyUsers(tx *gorm.DB, by *models.User, kind notify.Kind, assignmentID uint, userIDs []uint, note string, now time.Time) error {
	if len(userIDs) == 0 {
		return nil
	}
	actor := actorIDOf(tx, by)
	return tx.Exec(notifyInsert+"SELECT u.id, ?, ?, ?, ?, '', NULL, ?, "+notifyMode+
		" FROM users u WHERE u.id IN ? AND u.active = ? AND u.id <> ?",
		kind, assignmentID, actor, note, now.UTC(), kind, notify.DefaultMode(kind),
		userIDs, true, orZero(actor)).Error
}

func orZero(id *uint) uint {
	if id == nil {
		return 0
	}
	return *id
}

// itemQuery selects notifications with what a list or an e-mail shows of
// each: the task's title, agency and state now, and who caused it.
func itemQuery(tx *gorm.DB) *gorm.DB {
	return tx.Table("notifications n").
		Select("n.*, d.title AS title, g.code AS agency_code, g.name AS agency_name, COALESCE(u.name, '') AS actor_name, " +
			"a.status AS status, a.progress AS progress, a.due_on AS due_on").
		Joins("JOIN assignments a ON a.id = n.assignment_id").
		Joins("JOIN directives d ON d.id = a.directive_id").
		Joins("JOIN agencies g ON g.id = a.agency_id").
		Joins("LEFT JOIN users u ON u.id = n.actor_id")
}

// Notifications returns a page of a person's notifications, newest first, and the total.
func (s *Store) Notifications(ctx context.Context, userID uint, p Page) ([]notify.Item, int64, error) {
	var total int64
	if err := s.db.WithContext(ctx).Model(&notify.Notification{}).Where("user_id = ?", userID).Count(&total).Error; err != nil {
		return nil, 0, err
	}
	p = p.normalise(50, 200)
	var list []notify.Item
	err := itemQuery(s.db.WithContext(ctx)).Where("n.user_id = ?", userID).Order("n.id DESC").
		Limit(p.PerPage).Offset(p.offset()).Scan(&list).Error
	return list, total, err
}

// UnreadCount counts a person's unread notifications (the bell's number):
// one index range (user_id, read_at).
func (s *Store) UnreadCount(ctx context.Context, userID uint) (int64, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&notify.Notification{}).Where("user_id = ? AND read_at IS NULL", userID).Count(&n).Error
	return n, err
}

// MarkRead marks the person's given notifications (all of them when all)
// read at now, and returns how many were unread; others' ids change nothing.
func (s *Store) MarkRead(ctx context.Context, userID uint, ids []uint, all bool, now time.Time) (int64, error) {
	q := s.db.WithContext(ctx).Model(&notify.Notification{}).Where("user_id = ? AND read_at IS NULL", userID)
	if !all {
		if len(ids) == 0 {
			return 0, nil
		}
		q = q.Where("id IN ?", ids)
	}
	at := now.UTC()
	res := q.Update("read_at", &at)
	return res.RowsAffected, res.Error
}

// MarkAssignmentRead marks the person's unread notifications of one
// assignment read: they opened its page (from an e-mail's button, say), so
// the bell stops counting what they have seen.
func (s *Store) MarkAssignmentRead(ctx context.Context, userID, assignmentID uint, now time.Time) error {
	at := now.UTC()
	return s.db.WithContext(ctx).Model(&notify.Notification{}).
		Where("user_id = ? AND read_at IS NULL AND assignment_id = ?", userID, assignmentID).Update("read_at", &at).Error
}

// OpenNotification marks one of the person's notifications read and returns
// it, so that its link can be followed; another person's is not found.
func (s *Store) OpenNotification(ctx context.Context, userID, id uint, now time.Time) (*notify.Notification, error) {
	var n notify.Notification
	if err := s.db.WithContext(ctx).Where("id = ? AND user_id = ?", id, userID).First(&n).Error; err != nil {
		return nil, NotFound(err)
	}
	if _, err := s.MarkRead(ctx, userID, []uint{id}, false, now); err != nil {
		return nil, err
	}
	return &n, nil
}

// NotificationPrefs returns a person's e-mail mode for every kind.
func (s *Store) NotificationPrefs(ctx context.Context, userID uint) (map[notify.Kind]notify.Mode, error) {
	var chosen []notify.Pref
	if err := s.db.WithContext(ctx).Where("user_id = ?", userID).Find(&chosen).Error; err != nil {
		return nil, err
	}
	return notify.Prefs(chosen), nil
}

// SetNotificationPrefs saves a person's choices (kinds not named keep
// theirs) and applies them to the notifications still waiting for an
// e-mail, so that "not by e-mail" also stops what is queued (and what was
// left out of e-mails stays out: choosing "at once" mails no backlog). Unknown kinds or
// modes are a 422 naming the kind.
func (s *Store) SetNotificationPrefs(ctx context.Context, userID uint, modes map[notify.Kind]notify.Mode) (map[notify.Kind]notify.Mode, error) {
	v := &models.ValidationError{}
	for k, m := range modes {
		if !k.Valid() {
			v.Add(string(k), "err.notify_kind_unknown")
		} else if !m.Valid() {
			v.Add(string(k), "err.notify_mode_invalid")
		}
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	before, err := s.NotificationPrefs(ctx, userID)
	if err != nil {
		return nil, err
	}
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		for _, k := range notify.Kinds {
			m, ok := modes[k]
			if !ok {
				continue
			}
			if err := tx.Where("user_id = ? AND kind = ?", userID, k).Delete(&notify.Pref{}).Error; err != nil {
				return err
			}
			if err := tx.Create(&notify.Pref{UserID: userID, Kind: k, Mode: m}).Error; err != nil {
				return err
			}
			if err := tx.Model(&notify.Notification{}).Where("user_id = ? AND kind = ? AND mail IN ?", userID, k,
				[]notify.Mode{notify.Now, notify.Digest}).Update("mail", m).Error; err != nil {
				return err
			}
		}
		return audit(tx, models.AuditUser, userID, models.AuditUpdate, auditPrefs(before), auditPrefs(mergedPrefs(before, modes)))
	})
	if err != nil {
		return nil, err
	}
	return s.NotificationPrefs(ctx, userID)
}

func mergedPrefs(before, modes map[notify.Kind]notify.Mode) map[notify.Kind]notify.Mode {
	out := make(map[notify.Kind]notify.Mode, len(before))
	for k, m := range before {
		out[k] = m
	}
	for k, m := range modes {
		out[k] = m
	}
	return out
}

// auditPrefs is the audit trail's view of preferences: one field per kind
// ("Notify.returned": "now"), as the trail keeps plain values, not objects.
func auditPrefs(m map[notify.Kind]notify.Mode) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out["Notify."+string(k)] = v
	}
	return out
}
