// Package jsonx decodes JSON strictly into the library's values and reports
// every problem at once, each with its path ("plans[3].pricing.model"):
// unknown or repeated members, values of the wrong JSON type, and values
// that a field's own UnmarshalJSON or UnmarshalText rejects (bad enum
// names, malformed amounts). Member names are matched exactly, not
// case-insensitively as encoding/json does.
//
// Structs are decoded by their json tags, as encoding/json encodes them,
// so a type's MarshalJSON can stay encoding/json's and round-trip.
package jsonx

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/marketrules/marketrules/rule"
)

var (
	msgUnknown   = rule.Message{English: "unknown field %q", Swedish: "okänt fält %q"}
	msgRepeated  = rule.Message{English: "field %q appears twice", Swedish: "fältet %q förekommer två gånger"}
	msgWantType  = rule.Message{English: "want %s, got %s", Swedish: "ska vara %s, är %s"}
	msgBadValue  = rule.Message{English: "%s", Swedish: "%s"}
	msgMalformed = rule.Message{English: "malformed JSON: %s", Swedish: "felaktig JSON: %s"}
)

// Decode decodes data into v, a non-nil pointer, appending problems to ps
// with paths under root (which may be ""). Decoding goes on after a
// problem, so that all of them are reported; fields with problems keep
// their zero values.
func Decode(data []byte, v any, root string, ps *rule.Problems) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		ps.Add("", root, msgBadValue, "jsonx: Decode needs a non-nil pointer")
		return
	}
	if !json.Valid(data) {
		var x any
		err := json.Unmarshal(data, &x)
		ps.Add("", root, msgMalformed, cleanErr(err))
		return
	}
	decode(data, rv.Elem(), root, ps)
}

var (
	unmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

func decode(data []byte, v reflect.Value, path string, ps *rule.Problems) {
	data = bytes.TrimSpace(data)
	if v.CanAddr() {
		pt := v.Addr().Type()
		if pt.Implements(unmarshalerType) {
			err := v.Addr().Interface().(json.Unmarshaler).UnmarshalJSON(data)
			var nested rule.Problems
			switch {
			case err == nil:
			case errors.As(err, &nested):
				for _, p := range nested {
					p.Path = joinPath(path, p.Path)
					*ps = append(*ps, p)
				}
			default:
				ps.Add("", path, msgBadValue, cleanErr(err))
			}
			return
		}
		if pt.Implements(textUnmarshalerType) {
			if string(data) == "null" {
				return
			}
			var s string
			if err := json.Unmarshal(data, &s); err != nil {
				ps.Add("", path, msgWantType, "a string", kind(data))
				return
			}
			if err := v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
				ps.Add("", path, msgBadValue, cleanErr(err))
			}
			return
		}
	}
	switch v.Kind() {
	case reflect.Struct:
		decodeStruct(data, v, path, ps)
	case reflect.Slice:
		if string(data) == "null" {
			v.SetZero()
			return
		}
		if data[0] != '[' {
			ps.Add("", path, msgWantType, "an array", kind(data))
			return
		}
		var elems []json.RawMessage
		_ = json.Unmarshal(data, &elems) // valid JSON, checked above
		out := reflect.MakeSlice(v.Type(), len(elems), len(elems))
		for i, e := range elems {
			decode(e, out.Index(i), fmt.Sprintf("%s[%d]", path, i), ps)
		}
		v.Set(out)
	case reflect.Pointer:
		if string(data) == "null" {
			v.SetZero()
			return
		}
		p := reflect.New(v.Type().Elem())
		decode(data, p.Elem(), path, ps)
		v.Set(p)
	default:
		if err := json.Unmarshal(data, v.Addr().Interface()); err != nil {
			ps.Add("", path, msgWantType, want(v.Kind()), kind(data))
		}
	}
}

func decodeStruct(data []byte, v reflect.Value, path string, ps *rule.Problems) {
	if string(data) == "null" {
		return
	}
	if data[0] != '{' {
		ps.Add("", path, msgWantType, "an object", kind(data))
		return
	}
	fields := fieldsOf(v.Type())
	dec := json.NewDecoder(bytes.NewReader(data))
	_, _ = dec.Token() // {
	seen := make(map[string]bool, len(fields))
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return // cannot happen: data is valid JSON
		}
		key := t.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil && !errors.Is(err, io.EOF) {
			return
		}
		at := joinPath(path, key)
		idx, ok := fields[key]
		switch {
		case !ok:
			ps.Add("", path, msgUnknown, key)
		case seen[key]:
			ps.Add("", at, msgRepeated, key)
		default:
			seen[key] = true
			decode(raw, v.FieldByIndex(idx), at, ps)
		}
	}
}

// fieldsOf maps a struct's JSON member names to field indexes, following
// encoding/json's tag rules for the cases the library uses: a tag name, or
// the field name; "-" skips; unexported fields are skipped.
func fieldsOf(t reflect.Type) map[string][]int {
	m := make(map[string][]int, t.NumField())
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch name {
		case "-":
			continue
		case "":
			name = f.Name
		}
		m[name] = f.Index
	}
	return m
}

func joinPath(prefix, p string) string {
	switch {
	case prefix == "":
		return p
	case p == "":
		return prefix
	case p[0] == '[':
		return prefix + p
	}
	return prefix + "." + p
}

func kind(data []byte) string {
	if len(data) == 0 {
		return "nothing"
	}
	switch data[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

func want(k reflect.Kind) string {
	switch k {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number in range"
	}
	return "a " + k.String()
}

// cleanErr strips package prefixes that mean nothing to the reader of a
// JSON document ("json: ", "currency: ").
func cleanErr(err error) string {
	s := err.Error()
	for _, p := range []string{"json: ", "jsonx: ", "currency: ", "market: ", "plan: ", "offer: "} {
		s = strings.TrimPrefix(s, p)
	}
	return s
}
