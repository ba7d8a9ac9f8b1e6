package handlers

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"roviec/models"
)

// maxJSONBody bounds the size of an API request body.
const maxJSONBody = 1 << 20

// maxPerPage is the largest page an API list returns. A larger per_page is
// clamped to it (not refused): the response's "per_page" tells the client
// what it got.
const maxPerPage = 500

// maxPage bounds the page number so that the offset cannot overflow; a larger
// page is a 422.
const maxPage = 1 << 20

// bindJSON decodes the request body into v. Anything a client can get wrong
// (no body, broken JSON, a value of the wrong type, an unknown field, two
// documents) is a 400 with a Vietnamese message naming the problem. Unknown
// fields are refused so that a misspelt field ("progres") is not silently
// ignored by a PATCH that then reports success.
func bindJSON(c echo.Context, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(c.Response(), c.Request().Body, maxJSONBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return badJSON(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return echo.NewHTTPError(http.StatusBadRequest, "Nội dung yêu cầu chỉ được chứa một đối tượng JSON.")
	}
	return nil
}

// badJSON explains a decoding error in Vietnamese.
func badJSON(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var big *http.MaxBytesError
	msg := "Nội dung JSON không hợp lệ."
	switch {
	case errors.As(err, &big):
		return echo.NewHTTPError(http.StatusRequestEntityTooLarge, "Nội dung yêu cầu quá lớn.")
	case errors.Is(err, io.EOF):
		msg = "Thiếu nội dung JSON trong yêu cầu."
	case errors.Is(err, io.ErrUnexpectedEOF):
		msg = "Nội dung JSON bị cắt ngang, chưa kết thúc."
	case errors.As(err, &syn):
		msg = fmt.Sprintf("Nội dung JSON không hợp lệ (lỗi cú pháp ở ký tự thứ %d).", syn.Offset)
	case errors.As(err, &typ) && typ.Field == "":
		msg = "Nội dung yêu cầu phải là một đối tượng JSON."
	case errors.As(err, &typ):
		msg = fmt.Sprintf("Trường %q phải là %s.", typ.Field, jsonKind(typ.Type))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		msg = fmt.Sprintf("Trường %s không được hỗ trợ.", strings.TrimPrefix(err.Error(), "json: unknown field "))
	}
	return echo.NewHTTPError(http.StatusBadRequest, msg)
}

// jsonKind names the JSON type a Go type expects, in Vietnamese.
func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "số nguyên"
	case reflect.String:
		return "chuỗi ký tự"
	case reflect.Bool:
		return "true hoặc false"
	case reflect.Slice, reflect.Array:
		return "một mảng"
	}
	return "một đối tượng"
}

// listJSON is the envelope of every API list. Paginated lists also carry the
// page and the page size actually used.
type listJSON[T any] struct {
	Items   []T   `json:"items"`
	Total   int64 `json:"total"`
	Page    int   `json:"page,omitempty"`
	PerPage int   `json:"per_page,omitempty"`
}

// query reads query parameters, collecting one 422 message per bad parameter.
type query struct {
	c echo.Context
	v models.ValidationError
}

// positive reads an optional positive integer; absent is 0.
func (q *query) positive(name string) int {
	s := strings.TrimSpace(q.c.QueryParam(name))
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		q.v.Add(name, "Phải là số nguyên dương.")
		return 0
	}
	return n
}

// id reads an optional id filter; absent is 0.
func (q *query) id(name string) uint { return uint(q.positive(name)) }

// oneOf reads an optional value that must be one of allowed.
func (q *query) oneOf(name string, allowed ...string) string {
	s := strings.TrimSpace(q.c.QueryParam(name))
	if s == "" {
		return s
	}
	for _, a := range allowed {
		if s == a {
			return s
		}
	}
	q.v.Add(name, "Phải là một trong: "+strings.Join(allowed, ", ")+".")
	return ""
}

// page reads page and per_page (default def, clamped to maxPerPage).
func (q *query) page(def int) models.Page {
	p := models.Page{Page: q.positive("page"), PerPage: q.positive("per_page")}
	if p.Page == 0 {
		p.Page = 1
	}
	if p.Page > maxPage {
		q.v.Add("page", fmt.Sprintf("Số trang tối đa là %d.", maxPage))
	}
	if p.PerPage == 0 {
		p.PerPage = def
	}
	p.PerPage = min(p.PerPage, maxPerPage)
	return p
}

// err is the collected validation error, or nil.
func (q *query) err() error { return q.v.OrNil() }

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
