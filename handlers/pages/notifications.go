package pages

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/models/notify"
)

// notificationsView is a page of the person's notifications.
type notificationsView struct {
	Items []notify.Item
	Pager web.Pager
}

// ListNotifications is what happened to the person's or their agency's
// work, newest first, 50 a page; each opens its place.
func (h *Handler) ListNotifications(c echo.Context) error {
	if err := web.Authorize(c, models.ActRead, 0); err != nil {
		return err
	}
	q := &web.Query{C: c}
	p := q.Page(50)
	if err := q.Err(); err != nil {
		return err
	}
	p.PerPage = 50
	list, total, err := h.Store.Notifications(c.Request().Context(), web.CurrentUser(c).ID, p)
	if err != nil {
		return err
	}
	v := notificationsView{Items: list, Pager: web.NewPager(c, p.Page, p.PerPage, total)}
	page := h.Page(c, h.T(c, "notify.title"), v)
	page.Nav = "notifications"
	return h.Render(c, http.StatusOK, "notifications", page)
}

// OpenNotification marks a notification read and goes to its place (303).
func (h *Handler) OpenNotification(c echo.Context) error {
	id, err := web.IdParam(c, "id")
	if err != nil {
		return err
	}
	n, err := h.Store.OpenNotification(c.Request().Context(), web.CurrentUser(c).ID, id, h.Now())
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, web.NotificationLink(n.AssignmentID))
}

// MarkAllRead marks every notification of the person read.
func (h *Handler) MarkAllRead(c echo.Context) error {
	if _, err := h.Store.MarkRead(c.Request().Context(), web.CurrentUser(c).ID, nil, true, h.Now()); err != nil {
		return err
	}
	return h.RedirectFlash(c, "/notifications", "flash.notifications_read")
}

// prefRow is one kind of event and the person's mode for it.
type prefRow struct {
	Kind notify.Kind
	Mode notify.Mode
}

// prefsView is the preferences form: every kind, and the modes offered.
type prefsView struct {
	Rows  []prefRow
	Modes []notify.Mode
}

func (h *Handler) prefsPage(c echo.Context, prefs map[notify.Kind]notify.Mode) error {
	v := prefsView{Modes: notify.Modes}
	for _, k := range notify.Kinds {
		v.Rows = append(v.Rows, prefRow{k, prefs[k]})
	}
	page := h.Page(c, h.T(c, "notify.prefs_title"), v)
	page.Nav = "notifications"
	return h.Render(c, http.StatusOK, "notification_prefs", page)
}

// ShowNotificationPrefs is the person's choice, per kind of event, of an
// e-mail at once, in the daily digest or none.
func (h *Handler) ShowNotificationPrefs(c echo.Context) error {
	prefs, err := h.Store.NotificationPrefs(c.Request().Context(), web.CurrentUser(c).ID)
	if err != nil {
		return err
	}
	return h.prefsPage(c, prefs)
}

// SaveNotificationPrefs saves the form: a mode per kind (field "mode_<kind>").
func (h *Handler) SaveNotificationPrefs(c echo.Context) error {
	form, err := web.FormParams(c)
	if err != nil {
		return err
	}
	modes := map[notify.Kind]notify.Mode{}
	for _, k := range notify.Kinds {
		if m := form.Get("mode_" + string(k)); m != "" {
			modes[k] = notify.Mode(m)
		}
	}
	if _, err := h.Store.SetNotificationPrefs(c.Request().Context(), web.CurrentUser(c).ID, modes); err != nil {
		return err
	}
	return h.RedirectFlash(c, "/account/notifications", "flash.notification_prefs_saved")
}

// AddComment is the comment form of the assignment page.
func (h *Handler) AddComment(c echo.Context) error {
	id, err := web.IdParam(c, "id")
	if err != nil {
		return err
	}
	form, err := web.FormParams(c)
	if err != nil {
		return err
	}
	if _, err := h.Store.AddComment(c.Request().Context(), web.CurrentUser(c), id, form.Get("body"), h.Now()); err != nil {
		return h.assignmentFormError(c, err, form)
	}
	return h.RedirectFlash(c, "/assignments/"+strconv.Itoa(int(id))+"#discussion", "flash.comment_added")
}

// EditComment is the edit form of the author's own comment, within its window.
func (h *Handler) EditComment(c echo.Context) error {
	id, err := web.IdParam(c, "id")
	if err != nil {
		return err
	}
	cid, err := web.IdParam(c, "comment")
	if err != nil {
		return err
	}
	form, err := web.FormParams(c)
	if err != nil {
		return err
	}
	if _, err := h.Store.EditComment(c.Request().Context(), web.CurrentUser(c), id, cid, form.Get("body"), h.Now()); err != nil {
		form.Set("comment_id", strconv.Itoa(int(cid)))
		return h.assignmentFormError(c, err, form)
	}
	return h.RedirectFlash(c, "/assignments/"+strconv.Itoa(int(id))+"#comment-"+strconv.Itoa(int(cid)), "flash.comment_edited")
}
