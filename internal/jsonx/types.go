package jsonx

import (
	"bytes"
	"encoding"
	"encoding/json"
	"reflect"
	"strings"
	"sync"
)

type kind uint8

const (
	kOther kind = iota // decoded by encoding/json on the value's bytes
	kUnmarshaler
	kPlain
	kText
	kStruct
	kSlice
	kArray
	kMap
	kPtr
	kIface
	kString
	kBool
	kInt
	kUint
)

// typeInfo is what decoding needs to know about a type, computed once.
type typeInfo struct {
	t      reflect.Type
	kind   kind
	elem   *typeInfo      // slices, arrays, pointers, map values
	fields []field        // structs
	byName map[string]int // structs: member name → index in fields
}

type field struct {
	name  string
	index []int
	info  *typeInfo
}

// lookup returns the index of the field named key, or -1. Lenient lookup
// falls back to a case-insensitive match.
func (ti *typeInfo) lookup(key []byte, lenient bool) int {
	if i, ok := ti.byName[string(key)]; ok {
		return i
	}
	if lenient {
		for i := range ti.fields {
			if bytes.EqualFold([]byte(ti.fields[i].name), key) {
				return i
			}
		}
	}
	return -1
}

var (
	plainType           = reflect.TypeFor[Plain]()
	unmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	infoCache           sync.Map // reflect.Type → *typeInfo
	infoMu              sync.Mutex
)

// infoOf returns the cached typeInfo of t, building it (and those of the
// types it contains) on first use.
func infoOf(t reflect.Type) *typeInfo {
	if ti, ok := infoCache.Load(t); ok {
		return ti.(*typeInfo)
	}
	infoMu.Lock()
	defer infoMu.Unlock()
	building := map[reflect.Type]*typeInfo{}
	ti := build(t, building)
	for bt, bi := range building {
		infoCache.LoadOrStore(bt, bi)
	}
	return ti
}

func build(t reflect.Type, building map[reflect.Type]*typeInfo) *typeInfo {
	if ti, ok := infoCache.Load(t); ok {
		return ti.(*typeInfo)
	}
	if ti, ok := building[t]; ok {
		return ti
	}
	ti := &typeInfo{t: t}
	building[t] = ti
	pt := reflect.PointerTo(t)
	if t.Kind() != reflect.Pointer && pt.Implements(plainType) {
		target := reflect.TypeOf(reflect.New(t).Interface().(Plain).JSONPlain())
		if target != nil && target.Kind() == reflect.Pointer && target.Elem() != t &&
			target.Elem().Kind() != reflect.Pointer && !reflect.PointerTo(target.Elem()).Implements(plainType) {
			ti.kind = kPlain
			ti.elem = build(target.Elem(), building)
			return ti
		}
	}
	switch {
	case t.Kind() != reflect.Pointer && pt.Implements(unmarshalerType):
		ti.kind = kUnmarshaler
		return ti
	case t.Kind() != reflect.Pointer && pt.Implements(textUnmarshalerType):
		ti.kind = kText
		return ti
	}
	switch t.Kind() {
	case reflect.Struct:
		ti.kind = kStruct
		ti.fields = structFields(t, building)
		ti.byName = make(map[string]int, len(ti.fields))
		for i, f := range ti.fields {
			ti.byName[f.name] = i
		}
	case reflect.Slice:
		ti.kind = kSlice
		ti.elem = build(t.Elem(), building)
	case reflect.Array:
		ti.kind = kArray
		ti.elem = build(t.Elem(), building)
	case reflect.Map:
		if t.Key().Kind() == reflect.String && !reflect.PointerTo(t.Key()).Implements(textUnmarshalerType) {
			ti.kind = kMap
			ti.elem = build(t.Elem(), building)
		}
	case reflect.Pointer:
		ti.kind = kPtr
		ti.elem = build(t.Elem(), building)
	case reflect.Interface:
		ti.kind = kIface
	case reflect.String:
		ti.kind = kString
	case reflect.Bool:
		ti.kind = kBool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		ti.kind = kInt
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		ti.kind = kUint
	}
	return ti
}

// candidate is a field found while walking a struct and its embedded
// structs.
type candidate struct {
	field
	depth  int
	tagged bool
}

// structFields lists the members of a struct as encoding/json sees them:
// tag names or field names, "-" skipped, unexported fields skipped, the
// fields of untagged embedded structs promoted, and among fields of one
// name the shallowest wins (then the only tagged one; otherwise none).
func structFields(t reflect.Type, building map[reflect.Type]*typeInfo) []field {
	var all []candidate
	var walk func(t reflect.Type, index []int, depth int, visited map[reflect.Type]bool)
	walk = func(t reflect.Type, index []int, depth int, visited map[reflect.Type]bool) {
		if visited[t] {
			return
		}
		visited[t] = true
		defer delete(visited, t)
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, _, _ := strings.Cut(tag, ",")
			ft := f.Type
			if f.Anonymous {
				if ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if !f.IsExported() && ft.Kind() != reflect.Struct {
					continue
				}
			} else if !f.IsExported() {
				continue
			}
			idx := append(append([]int(nil), index...), i)
			if name == "" && f.Anonymous && ft.Kind() == reflect.Struct {
				walk(ft, idx, depth+1, visited)
				continue
			}
			tagged := name != ""
			if !tagged {
				name = f.Name
			}
			all = append(all, candidate{field: field{name: name, index: idx}, depth: depth, tagged: tagged})
		}
	}
	walk(t, nil, 0, map[reflect.Type]bool{})
	byName := map[string][]candidate{}
	var order []string
	for _, c := range all {
		if _, ok := byName[c.name]; !ok {
			order = append(order, c.name)
		}
		byName[c.name] = append(byName[c.name], c)
	}
	var out []field
	for _, name := range order {
		if c, ok := dominant(byName[name]); ok {
			c.info = build(fieldType(t, c.index), building)
			out = append(out, c.field)
		}
	}
	return out
}

func fieldType(t reflect.Type, index []int) reflect.Type {
	for _, i := range index {
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		t = t.Field(i).Type
	}
	return t
}

func dominant(cs []candidate) (candidate, bool) {
	best := cs[0].depth
	for _, c := range cs {
		best = min(best, c.depth)
	}
	var at []candidate
	for _, c := range cs {
		if c.depth == best {
			at = append(at, c)
		}
	}
	if len(at) == 1 {
		return at[0], true
	}
	var tagged []candidate
	for _, c := range at {
		if c.tagged {
			tagged = append(tagged, c)
		}
	}
	if len(tagged) == 1 {
		return tagged[0], true
	}
	return candidate{}, false
}
