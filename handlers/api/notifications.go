package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/models/notify"
)

// notificationJSON is a notification as the API shows it: the event, the
// task as it stands now, and where it happened.
type notificationJSON struct {
	ID           uint    `json:"id"`
	Kind         string  `json:"kind"`
	AssignmentID uint    `json:"assignment_id"`
	Title        string  `json:"title"`
	AgencyCode   string  `json:"agency_code"`
	Actor        string  `json:"actor,omitempty"`
	Note         string  `json:"note"`
	Event        string  `json:"event,omitempty"`      // extension_approved, extension_rejected, explanation_due
	EventDate    *string `json:"event_date,omitempty"` // the date the event names
	Status       string  `json:"status"`
	Progress     int     `json:"progress"`
	DueDate      *string `json:"due_date"`
	CreatedAt    string  `json:"created_at"`
	ReadAt       *string `json:"read_at"`
	Link         string  `json:"link"`
}

func (h *Handler) toNotificationJSON(n *notify.Item) notificationJSON {
	out := notificationJSON{ID: n.ID, Kind: string(n.Kind), AssignmentID: n.AssignmentID, Title: n.Title,
		AgencyCode: n.AgencyCode, Actor: n.ActorName, Note: n.Note, Event: string(n.Event), EventDate: dayJSON(n.EventDay),
		Status: string(n.Status), Progress: n.Progress,
		DueDate: dayJSON(n.DueOn), CreatedAt: h.timeJSON(n.CreatedAt), Link: web.NotificationLink(n.AssignmentID)}
	if n.ReadAt != nil {
		s := h.timeJSON(*n.ReadAt)
		out.ReadAt = &s
	}
	return out
}

// notificationsJSON is a page of notifications and the caller's unread count.
type notificationsJSON struct {
	listJSON[notificationJSON]
	Unread int64 `json:"unread"`
}

// ListNotifications is the caller's notifications, newest first, paged
// (50 by default, at most 200), with their unread count.
func (h *Handler) ListNotifications(c echo.Context) error {
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	q := &web.Query{C: c}
	p := q.Page(50)
	if err := q.Err(); err != nil {
		return err
	}
	p.PerPage = min(p.PerPage, 200)
	ctx, u := c.Request().Context(), web.CurrentUser(c)
	list, total, err := h.Store.Notifications(ctx, u.ID, p)
	if err != nil {
		return err
	}
	unread, err := h.Store.UnreadCount(ctx, u.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, notificationsJSON{pageOf(list, h.toNotificationJSON, total, p), unread})
}

// readRequest is the body of POST /api/v1/notifications/read: some ids, or all.
type readRequest struct {
	IDs []uint `json:"ids"`
	All bool   `json:"all"`
}

// MarkNotificationsRead marks the caller's given notifications (or all)
// read: 200 with how many were unread and the unread count now; 422 with
// neither ids nor all, or both.
func (h *Handler) MarkNotificationsRead(c echo.Context) error {
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	var in readRequest
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if (len(in.IDs) == 0) == !in.All {
		v := &models.ValidationError{}
		v.Add("ids", "err.notify_read_which")
		return v
	}
	ctx, u := c.Request().Context(), web.CurrentUser(c)
	n, err := h.Store.MarkRead(ctx, u.ID, in.IDs, in.All, h.Now())
	if err != nil {
		return err
	}
	unread, err := h.Store.UnreadCount(ctx, u.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]int64{"marked": n, "unread": unread})
}

// NotificationPrefs is the caller's e-mail mode per kind of event.
func (h *Handler) NotificationPrefs(c echo.Context) error {
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	prefs, err := h.Store.NotificationPrefs(c.Request().Context(), web.CurrentUser(c).ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, prefs)
}

// SetNotificationPrefs saves the caller's modes for the kinds named
// ({"returned": "now", "assigned": "none"}), others kept: 200 with every
// kind's mode; 422 naming an unknown kind or mode.
func (h *Handler) SetNotificationPrefs(c echo.Context) error {
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	var in map[notify.Kind]notify.Mode
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	prefs, err := h.Store.SetNotificationPrefs(c.Request().Context(), web.CurrentUser(c).ID, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, prefs)
}
