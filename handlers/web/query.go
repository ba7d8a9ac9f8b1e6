package web

import (
	"roviec/models"
	"roviec/models/store"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
)

// maxPerPage is the largest page an API list returns. A larger per_page is
// clamped to it (not refused): the response's "per_page" tells the client
// what it got.
const maxPerPage = 500

// maxPage bounds the page number so that the offset cannot overflow; a larger
// page is a 422.
const maxPage = 1 << 20

// Query reads query parameters, collecting one 422 message per bad parameter.
type Query struct {
	C echo.Context
	v models.ValidationError
}

// Positive reads an optional positive integer; absent is 0.
func (q *Query) Positive(name string) int {
	s := strings.TrimSpace(q.C.QueryParam(name))
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		q.v.Add(name, "err.positive_integer")
		return 0
	}
	return n
}

// ID reads an optional id filter; absent is 0.
func (q *Query) ID(name string) uint { return uint(q.Positive(name)) }

// OneOf reads an optional parameter of q that must be one of allowed (a
// closed set of domain words such as statuses or agency kinds).
func OneOf[T ~string](q *Query, name string, allowed ...T) T {
	s := T(strings.TrimSpace(q.C.QueryParam(name)))
	if s == "" || slices.Contains(allowed, s) {
		return s
	}
	words := make([]string, len(allowed))
	for i, a := range allowed {
		words[i] = string(a)
	}
	q.v.Add(name, "err.one_of", "Values", strings.Join(words, ", "))
	return ""
}

// Page reads page and per_page (default def, clamped to maxPerPage).
func (q *Query) Page(def int) store.Page {
	p := store.Page{Page: q.Positive("page"), PerPage: q.Positive("per_page")}
	if p.Page == 0 {
		p.Page = 1
	}
	if p.Page > maxPage {
		q.v.Add("page", "err.max_page", "Max", maxPage)
	}
	if p.PerPage == 0 {
		p.PerPage = def
	}
	p.PerPage = min(p.PerPage, maxPerPage)
	return p
}

// Err is the collected validation error, or nil.
func (q *Query) Err() error { return q.v.OrNil() }

// Add records a message about a parameter, as a validation error does.
func (q *Query) Add(field, id string, kv ...any) { q.v.Add(field, id, kv...) }
