package models

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Sentinel errors returned by the store; handlers map them to HTTP statuses.
var (
	ErrNotFound  = errors.New("not found")
	ErrConflict  = errors.New("conflict")
	ErrForbidden = errors.New("forbidden")
)

// Msg is a user-facing message: a translation ID (an "err.*" entry of
// views/locales) and the values it mentions. The views translate it in the
// reader's language; a value that is itself a Msg (a status label, say) is
// translated too.
type Msg struct {
	ID   string
	Data map[string]any
}

// NewMsg builds a message from its ID and name/value pairs:
// NewMsg("err.too_long", "Max", 200).
func NewMsg(id string, kv ...any) Msg {
	m := Msg{ID: id}
	for i := 0; i+1 < len(kv); i += 2 {
		if m.Data == nil {
			m.Data = map[string]any{}
		}
		m.Data[fmt.Sprint(kv[i])] = kv[i+1]
	}
	return m
}

// String is the ID and its values, for logs: err.too_long{Max=200}.
func (m Msg) String() string {
	if len(m.Data) == 0 {
		return m.ID
	}
	keys := make([]string, 0, len(m.Data))
	for k := range m.Data {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%v", k, m.Data[k])
	}
	return m.ID + "{" + strings.Join(parts, ", ") + "}"
}

// ValidationError carries one message per invalid field (a 422), and the
// order the fields were found invalid in, which follows the forms' order, so
// a page can list them all at once and bring the first into view.
type ValidationError struct {
	Fields map[string]Msg
	Order  []string
}

// Invalid is a validation error on one field.
func Invalid(field, id string, kv ...any) *ValidationError {
	v := &ValidationError{}
	v.Add(field, id, kv...)
	return v
}

func (e *ValidationError) Error() string {
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+": "+e.Fields[k].String())
	}
	return "invalid input: " + strings.Join(parts, "; ")
}

// Add records message id, with its name/value pairs, for field (the first
// message for a field wins).
func (e *ValidationError) Add(field, id string, kv ...any) {
	if e.Fields == nil {
		e.Fields = map[string]Msg{}
	}
	if _, ok := e.Fields[field]; !ok {
		e.Fields[field] = NewMsg(id, kv...)
		e.Order = append(e.Order, field)
	}
}

// Merge adds the messages of other for fields e has no message for yet, so
// checks made at different stages are reported together.
func (e *ValidationError) Merge(other *ValidationError) {
	if other == nil {
		return
	}
	for _, f := range other.Ordered() {
		if _, ok := e.Fields[f]; !ok {
			e.Add(f, "")
			e.Fields[f] = other.Fields[f]
		}
	}
}

// Ordered is the invalid fields in the order they were found (sorted by
// name for a ValidationError built without Add).
func (e *ValidationError) Ordered() []string {
	if len(e.Order) == len(e.Fields) {
		return e.Order
	}
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// OrNil returns e when it holds at least one message, nil otherwise.
func (e *ValidationError) OrNil() error {
	if len(e.Fields) == 0 {
		return nil
	}
	return e
}

// ConflictError explains why a change conflicts with the current state (a 409).
type ConflictError struct{ Msg }

// Conflict is a conflict explained by message id.
func Conflict(id string, kv ...any) error { return &ConflictError{NewMsg(id, kv...)} }

func (e *ConflictError) Error() string { return "conflict: " + e.Msg.String() }

// Unwrap lets errors.Is(err, ErrConflict) match.
func (e *ConflictError) Unwrap() error { return ErrConflict }

// ForbiddenError explains a refused action (a 403).
type ForbiddenError struct{ Msg }

// Forbidden is a refusal explained by message id.
func Forbidden(id string, kv ...any) error { return &ForbiddenError{NewMsg(id, kv...)} }

func (e *ForbiddenError) Error() string { return "forbidden: " + e.Msg.String() }

// Unwrap lets errors.Is(err, ErrForbidden) match.
func (e *ForbiddenError) Unwrap() error { return ErrForbidden }
