package web

import (
	"bytes"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"roviec/models"
	"roviec/views"
)

const (
	flashCookie = "roviec_flash"
	CtxLang     = "lang"
)

// Lang is the language of the request: set by loadLanguage, or worked out
// here for requests that stopped before it (e.g. a refused CSRF check).
func (h *Handler) Lang(c echo.Context) string {
	if l, ok := c.Get(CtxLang).(string); ok && l != "" {
		return l
	}
	if isAPI(c) {
		return apiLang(c)
	}
	if u := CurrentUser(c); u != nil && views.IsLanguage(u.Language) {
		return u.Language
	}
	if ck, err := c.Cookie(LangCookie); err == nil && views.IsLanguage(ck.Value) {
		return ck.Value
	}
	return views.LangVI
}

// T translates a message id in the request's language.
func (h *Handler) T(c echo.Context, id string, args ...any) string {
	return h.Views.T(h.Lang(c), id, args...)
}

// Msg translates a message of the models in the request's language.
func (h *Handler) Msg(c echo.Context, m models.Msg) string {
	return h.Views.Msg(h.Lang(c), m)
}

// Pick is the English text for English readers when there is one, else the Vietnamese.
func (h *Handler) Pick(c echo.Context, vi, en string) string {
	if h.Lang(c) == views.LangEN && en != "" {
		return en
	}
	return vi
}

// Page builds the page struct shared by every page; it takes the pending
// flash message, if any.
func (h *Handler) Page(c echo.Context, title string, data any) *views.Page {
	csrf, _ := c.Get(CtxCSRF).(string)
	p := &views.Page{Title: title, User: CurrentUser(c), CSRF: csrf, Lang: h.Lang(c), Demo: h.Opt.Demo,
		Path: c.Request().URL.RequestURI(), Loc: h.Store.Location(), Data: data, Values: url.Values{}, Keep: h.keep(c),
		PrintedAt: h.Now()}
	if p.May().Review {
		// The menu counts each queue; a failed count shows none rather
		// than failing the page.
		q, err := h.Store.QueueCounts(c.Request().Context(), h.Now())
		if err != nil {
			h.Log.Warn("queue counts", "error", err)
		}
		p.Queues = q
	}
	if p.User != nil {
		// One indexed COUNT a page. A page is still worth showing without
		// its bell's number, so a failure is logged, not returned.
		n, err := h.Store.UnreadCount(c.Request().Context(), p.User.ID)
		if err != nil {
			h.Log.Warn("unread notifications not counted", "user_id", p.User.ID, "err", err)
		}
		p.Unread = n
	}
	if ck, err := c.Cookie(flashCookie); err == nil && ck.Value != "" {
		// Only our own flash messages are shown, whatever the cookie says.
		if id, arg, _ := strings.Cut(ck.Value, ":"); strings.HasPrefix(id, "flash.") {
			var count []any // the number, if any, is the message's count
			if n, err := strconv.Atoi(arg); err == nil {
				count = []any{"N", n}
			}
			if msg := h.T(c, id, count...); msg != id {
				p.Flash = msg
			}
		}
		h.SetCookie(c, flashCookie, "", -1)
	}
	return p
}

// Render writes page name with status code.
func (h *Handler) Render(c echo.Context, code int, name string, p *views.Page) error {
	var buf bytes.Buffer
	if err := h.Views.Render(&buf, name, p); err != nil {
		return err
	}
	return c.HTMLBlob(code, buf.Bytes())
}

// Fragment writes one named block of a page, for htmx swaps.
func (h *Handler) Fragment(c echo.Context, name, block string, p *views.Page) error {
	var buf bytes.Buffer
	if err := h.Views.Fragment(&buf, name, block, p); err != nil {
		return err
	}
	return c.HTMLBlob(http.StatusOK, buf.Bytes())
}

// RedirectFlash remembers a flash message (a message id, with an optional
// number) for the next page and answers 303 See Other.
func (h *Handler) RedirectFlash(c echo.Context, to, flashID string, n ...int) error {
	v := flashID
	if len(n) > 0 {
		v += ":" + strconv.Itoa(n[0])
	}
	h.SetCookie(c, flashCookie, v, 60)
	return c.Redirect(http.StatusSeeOther, to)
}

// RenderError shows an error page in the user's language. For 400, 403, 409,
// 413 and 422 the message says what went wrong; otherwise a generic text is
// shown.
func (h *Handler) RenderError(c echo.Context, code int, msg string) error {
	p := h.Page(c, h.T(c, "error.title"), nil)
	detail := h.T(c, "error.generic")
	switch code {
	case http.StatusNotFound:
		detail = h.T(c, "error.not_found")
	case http.StatusInternalServerError, http.StatusServiceUnavailable:
		detail = h.T(c, "error.internal")
	case http.StatusBadRequest, http.StatusForbidden, http.StatusConflict, http.StatusRequestEntityTooLarge,
		http.StatusUnprocessableEntity: // a 422 here is a request as a whole (a form with broken text)
		detail = msg
	}
	p.Data = struct {
		Code   int
		Detail string
	}{code, detail}
	return h.Render(c, code, "error", p)
}

// FormPage re-renders a form page after a refused change: 422 with the
// field messages, 409 with the conflict explained; the input is kept.
// Other errors are returned for the central handler.
func (h *Handler) FormPage(c echo.Context, err error, name string, p *views.Page, form url.Values) error {
	var ve *models.ValidationError
	var ce *models.ConflictError
	p.Values = form
	switch {
	case errors.As(err, &ve):
		p.Errors, p.ErrorOrder = h.FieldsOf(c, err), ve.Ordered()
		return h.Render(c, http.StatusUnprocessableEntity, name, p)
	case errors.As(err, &ce):
		p.Alert = h.Msg(c, ce.Msg)
		return h.Render(c, http.StatusConflict, name, p)
	}
	return err
}

// MoveFieldMessage moves a validation message from one field to another,
// keeping the other fields' messages, where a page names a field apart from
// the store (the target page's value date, a decision's note); other errors
// pass unchanged.
func MoveFieldMessage(err error, from, to string) error {
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		if m, ok := ve.Fields[from]; ok {
			delete(ve.Fields, from)
			ve.Fields[to] = m
		}
	}
	return err
}

// FormParams returns the submitted form (a malformed body is a 400).
//
// A value that is not valid UTF-8 or holds a NUL or another control
// character (line breaks and tabs allowed) is refused at once with a 422: a
// browser never sends one, and PostgreSQL would refuse it with an error in
// whatever look-up came before the field's own check.
func FormParams(c echo.Context) (url.Values, error) {
	form, err := c.FormParams()
	if err != nil {
		return nil, HTTPError(http.StatusBadRequest, "err.form_unreadable")
	}
	for _, values := range form {
		for _, v := range values {
			if models.BadText(v, true) {
				return nil, HTTPError(http.StatusUnprocessableEntity, "err.text_invalid")
			}
		}
	}
	return form, nil
}

// IdAndForm reads what a form posted about one row carries: the "id" path
// parameter (404 when malformed) and the submitted form (400 when unreadable).
func IdAndForm(c echo.Context) (uint, url.Values, error) {
	id, err := IdParam(c, "id")
	if err != nil {
		return 0, nil, err
	}
	form, err := FormParams(c)
	return id, form, err
}

// Pager is the position in a paginated list, with links to the neighbours.
type Pager struct {
	Page, Pages      int
	Total            int64
	PrevURL, NextURL string
}

// NewPager builds the pager for a list of total items, perPage at a time,
// keeping the other query parameters of the request.
func NewPager(c echo.Context, page, perPage int, total int64) Pager {
	return PagerAt(c.Request().URL.Path, c.QueryParams(), page, perPage, total)
}

// PagerAt builds the pager of the list at path with the query query.
func PagerAt(path string, query url.Values, page, perPage int, total int64) Pager {
	return PagerOn(path, query, "page", page, perPage, total)
}

// PagerOn builds the pager of a list whose page number is the query
// parameter param (a matrix pages its columns with ?cols=, its rows with
// ?page=), keeping the other parameters of query.
func PagerOn(path string, query url.Values, param string, page, perPage int, total int64) Pager {
	p := Pager{Page: page, Total: total, Pages: int((total + int64(perPage) - 1) / int64(perPage))}
	link := func(n int) string {
		q := url.Values{}
		for k, v := range query {
			q[k] = v
		}
		q.Set(param, strconv.Itoa(n))
		return path + "?" + q.Encode()
	}
	if page > 1 {
		p.PrevURL = link(page - 1)
	}
	if page < p.Pages {
		p.NextURL = link(page + 1)
	}
	return p
}

// PageOf is page n (from 1) of a list computed whole (a ranking), size
// items a page; past the end it is empty.
func PageOf[T any](list []T, n, size int) []T {
	start := min(max(n-1, 0)*size, len(list))
	return list[start:min(start+size, len(list))]
}

// PageParam is the ?page= number, 1 when absent or invalid.
func PageParam(c echo.Context) int { return PageNumber(c.QueryParam("page")) }

// PageNumber reads a page number, 1 when absent or invalid, at most maxPage
// (so that no offset can overflow).
func PageNumber(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 1
	}
	return min(n, maxPage)
}

// IsHTMX reports whether the request comes from htmx (a fragment is wanted).
func IsHTMX(c echo.Context) bool { return c.Request().Header.Get("HX-Request") == "true" }

// keep is the as-of day (?as_of=, as yyyy-mm-dd) and kind of agency (?kind=)
// of the request that links carry to the next page; a value that does not
// parse is dropped, so that it is reported once, on the page it was typed on.
func (h *Handler) keep(c echo.Context) url.Values {
	keep := url.Values{}
	if s := strings.TrimSpace(c.QueryParam("as_of")); s != "" {
		if d, err := h.AsOfParam(c); err == nil {
			keep.Set("as_of", d.String())
		}
	}
	if k := models.AgencyKind(c.QueryParam("kind")); k.Valid() {
		keep.Set("kind", string(k))
	}
	return keep
}
