package api

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"roviec/handlers/web"
	"roviec/models"
	"roviec/models/store"
)

// maxJSONBody bounds the size of an API request body.
const maxJSONBody = 1 << 20

// bindJSON decodes the request body into v. Anything a client can get wrong
// (no body, broken JSON, a value of the wrong type, an unknown field, two
// documents) is a 400 with a message naming the problem. Unknown
// fields are refused so that a misspelt field ("progres") is not silently
// ignored by a PATCH that then reports success: the body is read as raw
// JSON first and its keys compared with the json names of v's fields, at
// any depth (unknownField), before it is decoded into v.
func bindJSON(c echo.Context, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(c.Response(), c.Request().Body, maxJSONBody))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return badJSON(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return web.HTTPError(http.StatusBadRequest, "err.json_one_object")
	}
	// Decoding would quietly turn broken UTF-8 into U+FFFD: refuse it as the
	// core refuses broken text that comes through a form.
	if !utf8.Valid(raw) {
		return web.HTTPError(http.StatusUnprocessableEntity, "err.text_invalid")
	}
	if path, ok := unknownField(raw, reflect.TypeOf(v), ""); ok {
		return web.HTTPError(http.StatusBadRequest, "err.json_unknown_field", "Field", strconv.Quote(path))
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return badJSON(err)
	}
	return nil
}

// badJSON explains a decoding error.
func badJSON(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var big *http.MaxBytesError
	switch {
	case errors.As(err, &big):
		return web.HTTPError(http.StatusRequestEntityTooLarge, "err.body_too_large")
	case errors.Is(err, io.EOF):
		return web.HTTPError(http.StatusBadRequest, "err.json_missing")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return web.HTTPError(http.StatusBadRequest, "err.json_truncated")
	case errors.As(err, &syn):
		return web.HTTPError(http.StatusBadRequest, "err.json_syntax", "Offset", syn.Offset)
	case errors.As(err, &typ) && typ.Field == "":
		return web.HTTPError(http.StatusBadRequest, "err.json_not_object")
	case errors.As(err, &typ):
		return web.HTTPError(http.StatusBadRequest, "err.json_field_type", "Field", typ.Field, "Kind", jsonKind(typ.Type))
	}
	return web.HTTPError(http.StatusBadRequest, "err.json_invalid")
}

// jsonKind names the JSON type a Go type expects, as a message.
func jsonKind(t reflect.Type) models.Msg {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return models.NewMsg("err.json_kind_integer")
	case reflect.String:
		return models.NewMsg("err.json_kind_string")
	case reflect.Bool:
		return models.NewMsg("err.json_kind_bool")
	case reflect.Slice, reflect.Array:
		return models.NewMsg("err.json_kind_array")
	}
	return models.NewMsg("err.json_kind_object")
}

// listJSON is the envelope of every API list. Paginated lists also carry the
// page and the page size actually used.
type listJSON[T any] struct {
	Items   []T   `json:"items"`
	Total   int64 `json:"total"`
	Page    int   `json:"page,omitempty"`
	PerPage int   `json:"per_page,omitempty"`
}

// listOf is the envelope of a whole list, each row written by toJSON.
func listOf[M, J any](rows []M, toJSON func(*M) J) listJSON[J] {
	out := listJSON[J]{Items: make([]J, len(rows)), Total: int64(len(rows))}
	for i := range rows {
		out.Items[i] = toJSON(&rows[i])
	}
	return out
}

// pageOf is the envelope of page p of a list of total rows.
func pageOf[M, J any](rows []M, toJSON func(*M) J, total int64, p store.Page) listJSON[J] {
	out := listOf(rows, toJSON)
	out.Total, out.Page, out.PerPage = total, p.Page, p.PerPage
	return out
}

// dayJSON is a date as "YYYY-MM-DD", or null when there is none.
func dayJSON(d models.Day) *string {
	if d.IsZero() {
		return nil
	}
	s := d.String()
	return &s
}

// timeJSON is an instant as RFC 3339 in the deadlines' time zone.
func (h *Handler) timeJSON(t time.Time) string {
	return t.In(h.Store.Location()).Format(time.RFC3339)
}
