package api

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
)

// unmarshalerType is json.Unmarshaler: a type that reads its own JSON (such
// as json.RawMessage) takes any keys.
var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// unknownField finds, depth first in document order, the first key of data
// that a value of type t has no field for, and returns its path from the
// body's root ("agencies[1].nmae"). Keys are matched as encoding/json
// matches them: by the field's json name (or Go name), ignoring case. Maps
// take any key and interfaces any value. A value of the wrong JSON type is
// not looked into: decoding reports it.
func unknownField(data json.RawMessage, t reflect.Type, path string) (string, bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		return "", false
	}
	switch t.Kind() {
	case reflect.Struct:
		return unknownMember(data, path, func(key string) (reflect.Type, bool) { return jsonField(t, key) })
	case reflect.Map:
		return unknownMember(data, path, func(string) (reflect.Type, bool) { return t.Elem(), true })
	case reflect.Slice, reflect.Array:
		return unknownItem(data, t.Elem(), path)
	}
	return "", false
}

// unknownMember checks the members of the JSON object data: fieldOf gives
// the type that takes a key, or false when none does.
func unknownMember(data json.RawMessage, path string, fieldOf func(key string) (reflect.Type, bool)) (string, bool) {
	keys, values := objectMembers(data)
	for i, key := range keys {
		at := key
		if path != "" {
			at = path + "." + key
		}
		ft, ok := fieldOf(key)
		if !ok {
			return at, true
		}
		if found, ok := unknownField(values[i], ft, at); ok {
			return found, true
		}
	}
	return "", false
}

// unknownItem checks each item of the JSON array data.
func unknownItem(data json.RawMessage, elem reflect.Type, path string) (string, bool) {
	var items []json.RawMessage
	if json.Unmarshal(data, &items) != nil {
		return "", false
	}
	for i, item := range items {
		if found, ok := unknownField(item, elem, path+"["+strconv.Itoa(i)+"]"); ok {
			return found, true
		}
	}
	return "", false
}

// objectMembers lists the keys and values of the JSON object data in
// document order; nothing when data is not an object.
func objectMembers(data json.RawMessage) (keys []string, values []json.RawMessage) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, nil
	}
	for dec.More() {
		tok, err := dec.Token()
		key, isKey := tok.(string)
		var value json.RawMessage
		if err != nil || !isKey || dec.Decode(&value) != nil {
			return nil, nil
		}
		keys, values = append(keys, key), append(values, value)
	}
	return keys, values
}

// jsonField is the type of the field of struct t that encoding/json fills
// from key: the field with that json name, or else one whose name differs
// only in case.
func jsonField(t reflect.Type, key string) (reflect.Type, bool) {
	var folded reflect.Type
	for _, f := range reflect.VisibleFields(t) {
		name, ok := jsonName(f)
		switch {
		case !ok:
		case name == key:
			return f.Type, true
		case folded == nil && strings.EqualFold(name, key):
			folded = f.Type
		}
	}
	return folded, folded != nil
}

// jsonName is the JSON name of a struct field, or false for a field that
// encoding/json leaves out (unexported, `json:"-"`) or whose fields it
// promotes (an embedded struct without a name in its tag).
func jsonName(f reflect.StructField) (string, bool) {
	tag := f.Tag.Get("json")
	if tag == "-" {
		return "", false
	}
	name, _, _ := strings.Cut(tag, ",")
	if f.Anonymous && name == "" {
		t := f.Type
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() == reflect.Struct {
			return "", false
		}
	}
	if !f.IsExported() {
		return "", false
	}
	if name == "" {
		name = f.Name
	}
	return name, true
}
