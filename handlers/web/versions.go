package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"roviec/models"
	"roviec/views"
)

// ETag is the entity tag of a record at a version: the version in quotes.
// It names the record's state, not the bytes of one answer (which also hold
// figures of the day, such as timeliness), and it is what If-Match sends back.
func ETag(version int) string { return `"` + strconv.Itoa(version) + `"` }

// SetETag sends the record's version as the answer's ETag.
func SetETag(c echo.Context, version int) {
	c.Response().Header().Set("ETag", ETag(version))
}

// RequestVersion is the version an API change says it was made on: the
// If-Match header (an ETag of SetETag; W/ is accepted, "*" says nothing) or
// the body's "version" field (nil when absent); 0 when neither is given, and
// the change applies to whatever is current, as for clients older than
// versions. A malformed If-Match is a 400 (the request cannot be
// understood, rather than a precondition that failed: the issue asks 409 for
// a stale version, not 412); a version field below 1 a 422; the two
// disagreeing a 400.
func RequestVersion(c echo.Context, body *int) (int, error) {
	v := 0
	if body != nil {
		if *body < 1 {
			return 0, models.Invalid("version", "err.version_invalid")
		}
		v = *body
	}
	header := strings.TrimSpace(c.Request().Header.Get("If-Match"))
	if header == "" || header == "*" {
		return v, nil
	}
	tag := strings.TrimPrefix(header, "W/")
	n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(tag, `"`), `"`))
	if err != nil || n < 1 || len(tag) < 3 || tag[0] != '"' || tag[len(tag)-1] != '"' {
		return 0, HTTPError(http.StatusBadRequest, "err.if_match_malformed")
	}
	if v != 0 && v != n {
		return 0, HTTPError(http.StatusBadRequest, "err.version_disagrees")
	}
	return n, nil
}

// FormVersion is the version a form was read at (its hidden "version"
// field), or 0 when the form has none (a form of a page older than versions):
// a page without it saves as before.
func FormVersion(form url.Values) int {
	n, err := strconv.Atoi(strings.TrimSpace(form.Get("version")))
	if err != nil || n < 1 {
		return 0
	}
	return n
}

// staleMessage says why a stale change was refused: who changed which
// fields since the version it was made on, grouped by person in the order
// they changed them; for a record that keeps no history, that someone did.
func (h *Handler) staleMessage(c echo.Context, se *models.StaleError) string {
	if len(se.Changes) == 0 {
		if isAPI(c) {
			return h.T(c, "err.stale_version", "Version", se.Current)
		}
		return h.T(c, "err.stale_record")
	}
	var order []string
	fields := map[string][]string{}
	for _, ch := range se.Changes {
		by := h.changedBy(c, ch)
		if _, ok := fields[by]; !ok {
			order = append(order, by)
		}
		fields[by] = append(fields[by], h.T(c, "field."+ch.Field))
	}
	parts := make([]string, len(order))
	for i, by := range order {
		parts[i] = by + " (" + strings.Join(fields[by], ", ") + ")"
	}
	list := strings.Join(parts, "; ")
	if isAPI(c) {
		return h.T(c, "err.stale_changes_api", "List", list, "Version", se.Current)
	}
	return h.T(c, "err.stale_changes", "List", list)
}

func (h *Handler) changedBy(c echo.Context, ch models.FieldChange) string {
	if ch.By == "" {
		return h.T(c, "stale.by_app")
	}
	return ch.By
}

// staleFields is one message per field changed since: by whom and when.
func (h *Handler) staleFields(c echo.Context, se *models.StaleError) map[string]string {
	if len(se.Changes) == 0 {
		return nil
	}
	out := map[string]string{}
	for _, ch := range se.Changes {
		at := ch.At.In(h.Store.Location()).Format("02/01/2006 15:04")
		out[ch.Field] = h.T(c, "err.stale_field", "Name", h.changedBy(c, ch), "Date", at)
	}
	return out
}

// StaleForm re-renders a form refused because the record changed since it
// was read (409): the message says who changed what; a field changed since
// that the user did not change takes its value now, a field the user
// changed keeps the input, shown beside the value now where the two differ;
// and the form carries the current version, so saving again applies the
// user's edits knowingly and nobody else's change is undone by it. now holds
// the record's current values under the form's field names, fields their
// order, labels the prefix of their labels' message ids ("field."). Other
// refusals go to FormPage.
func (h *Handler) StaleForm(c echo.Context, err error, name string, p *views.Page, form, now url.Values, labels string, fields ...string) error {
	var se *models.StaleError
	if !errors.As(err, &se) {
		return h.FormPage(c, err, name, p, form)
	}
	p.Values = url.Values{}
	for k, v := range form {
		p.Values[k] = v
	}
	p.Values.Set("version", strconv.Itoa(se.Current))
	clash := map[string]bool{}
	for _, f := range se.Clash {
		clash[f] = true
	}
	for _, ch := range se.Changes {
		// Changed since and not clashing: the user left it as it was read.
		if !clash[ch.Field] && now.Has(ch.Field) {
			p.Values.Set(ch.Field, now.Get(ch.Field))
		}
	}
	p.Alert = h.staleMessage(c, se)
	p.Errors = h.staleFields(c, se)
	for _, f := range fields {
		if form.Has(f) && strings.TrimSpace(p.Values.Get(f)) != now.Get(f) {
			p.Stale = append(p.Stale, views.StaleField{Label: labels + f, Yours: p.Values.Get(f), Now: now.Get(f)})
		}
	}
	return h.Render(c, http.StatusConflict, name, p)
}
