package web

import (
	"strings"

	"github.com/labstack/echo/v4"

	"roviec/models"
	"roviec/models/store"
)

// RecordActor puts the request's actor in its context: the current user (or
// nobody yet, on the login page) and the client's address as Echo's RealIP
// sees it (the proxy's X-Forwarded-For or X-Real-IP, else the peer). The
// store reads it to write the audit trail in the transaction of each change;
// it runs after the session or the bearer token is resolved.
func RecordActor(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		c.SetRequest(r.WithContext(models.WithActor(r.Context(), models.UserActor(CurrentUser(c), c.RealIP()))))
		return next(c)
	}
}

// AuditFilterParam reads the audit trail's filters, the same for the page,
// its CSV export and the API: actor (an e-mail or "system"), entity,
// entity_id, action, from and to (YYYY-MM-DD or dd/mm/yyyy, both included),
// page and per_page (defPerPage by default, at most store.MaxAuditPage). A
// bad value is a 422 naming its field; the filter read so far is returned.
func AuditFilterParam(c echo.Context, defPerPage int) (store.AuditFilter, error) {
	q := &Query{C: c}
	f := store.AuditFilter{Actor: strings.TrimSpace(c.QueryParam("actor")),
		Entity:   OneOf(q, "entity", models.AuditEntities()...),
		EntityID: strings.TrimSpace(c.QueryParam("entity_id")),
		Action:   OneOf(q, "action", models.AuditActions()...),
		Page:     q.Page(defPerPage)}
	f.PerPage = min(f.PerPage, store.MaxAuditPage)
	if models.TooLong(f.Actor, models.MaxAuditActorLen) {
		q.Add("actor", "err.audit_actor_long", "Max", models.MaxAuditActorLen)
		f.Actor = ""
	}
	if len(f.EntityID) > 64 {
		q.Add("entity_id", "err.audit_entity_id_long", "Max", 64)
		f.EntityID = ""
	}
	day := func(name string) models.Day {
		d, err := models.ParseDay(strings.TrimSpace(c.QueryParam(name)))
		if err != nil {
			q.Add(name, "err.date_invalid")
		}
		return d
	}
	f.From, f.To = day("from"), day("to")
	if !f.From.IsZero() && !f.To.IsZero() && f.To < f.From {
		q.Add("to", "err.audit_to_before_from")
	}
	return f, q.Err()
}
