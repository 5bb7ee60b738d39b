// Package jsonx decodes JSON into the library's values in one pass over
// the input and reports every problem at once, each with its path
// ("plans[3].pricing.model").
//
// # Modes
//
// Strict mode ([Decode]) is for declarations a person writes (offers,
// plans, policies, stored decisions): an unknown member is a problem at the
// path of its object, a member that appears twice is a problem at its own
// path, and member names are matched exactly, not case-insensitively as
// encoding/json does.
//
// Lenient mode ([DecodeLenient]) is for Microsoft's wire formats, which
// Microsoft asks clients not to deserialize strictly: unknown members are
// ignored and member names match case-insensitively when no member matches
// exactly ("PlanId" sets the field tagged "planId"). A member that sets a
// field already set is still a problem, in both modes, so that two parsers
// never disagree about what a document says.
//
// In both modes a value of the wrong JSON type, and a value that a field's
// own UnmarshalJSON or UnmarshalText rejects (a bad enum name, a malformed
// amount), is a problem at the field's path; decoding goes on after it and
// the field keeps its zero value. Slices and pointers are always new,
// never shared with the value decoded into. A JSON null leaves a value unchanged,
// except that it sets a pointer, slice, map or interface to nil and is
// passed to a type's own UnmarshalJSON, as encoding/json does. A problem
// returned by a field's UnmarshalJSON as [rule.Problems] keeps its rule and
// sentinel and gets its path under the field's.
//
// Structs are decoded by their json tags, as encoding/json encodes them
// (embedded structs' fields promoted by the same rules), so a type's
// MarshalJSON can stay encoding/json's and round-trip.
//
// # Limits and malformed input
//
// Input longer than [DefaultMaxBytes] (or [Options.MaxBytes]) is refused
// before it is scanned, and [Options.DecodeReader] stops reading one byte
// past the limit. Objects and arrays nested deeper than [DefaultMaxDepth]
// (or [Options.MaxDepth]) are refused where the limit is passed. Memory
// besides the decoded value is bounded by the nesting depth: nothing is
// copied except strings with escapes or invalid UTF-8, and no intermediate
// value is built. A leading UTF-8 byte-order mark is skipped.
//
// Malformed JSON (nesting too deep included) is one problem, giving the
// line, column (in characters) and byte offset of the first offending
// byte, and replaces any problem found before it in the same document,
// since the structure around it is unknown. Oversized input is one
// problem, with the sentinel [ErrTooLarge].
//
// # Engine
//
// The scanner is this package's own: one pass over the input []byte,
// checking syntax as encoding/json does (FuzzDecode holds the two to the
// same verdict and, on what jsonx accepts, the same value), with the
// field table of each type computed once and paths rendered only for a
// problem. github.com/go-json-experiment/json (encoding/json/v2's
// prototype) was considered: its README asks not to depend on it from
// published modules (the API breaks regularly), its Unmarshal stops at the
// first error where the library reports all of them, so only its token
// reader would serve, and encoding/json/v2 itself needs
// GOEXPERIMENT=jsonv2 in the Go releases this module supports. When
// encoding/json/jsontext is in every supported release, it can replace
// the scanner behind the same API.
package jsonx

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/marketrules/marketrules/rule"
)

// DefaultMaxBytes is the input size a zero [Options] accepts: 64 MiB.
const DefaultMaxBytes = 64 << 20

// DefaultMaxDepth is the nesting of objects and arrays a zero [Options]
// accepts: 64 levels, far beyond any document the library reads.
const DefaultMaxDepth = 64

// ErrTooLarge is the sentinel (Problem.Err) of input longer than the byte
// limit. Other problems carry no sentinel, so that a package can set its
// own.
var ErrTooLarge = errors.New("JSON too large")

// syntaxError locates malformed JSON.
type syntaxError struct {
	off int    // 0-based byte offset of the offending byte
	msg string // what is wrong, in English
}

var (
	msgUnknown   = rule.Message{English: "unknown field %q", Swedish: "okänt fält %q"}
	msgRepeated  = rule.Message{English: "field %q appears twice", Swedish: "fältet %q förekommer två gånger"}
	msgWantType  = rule.Message{English: "want %s, got %s", Swedish: "ska vara %s, är %s"}
	msgBadValue  = rule.Message{English: "%s", Swedish: "%s"}
	msgMalformed = rule.Message{English: "malformed JSON at line %d, column %d (offset %d): %s",
		Swedish: "felaktig JSON på rad %d, kolumn %d (byte %d): %s"}
	msgTooLarge = rule.Message{English: "JSON larger than %d bytes", Swedish: "JSON större än %d byte"}
	msgReceiver = rule.Message{English: "jsonx: decoding needs a non-nil pointer", Swedish: "jsonx: avkodning kräver en pekare som inte är nil"}
)

// Plain is implemented by a type whose JSON form is a plain copy of it (a
// named type with the same fields and none of its methods) decoded by
// jsonx, as its own UnmarshalJSON does:
//
//	type planJSON Plan
//	func (p *Plan) JSONPlain() any { return (*planJSON)(p) }
//	func (p *Plan) UnmarshalJSON(b []byte) error { … jsonx.Decode(b, (*planJSON)(&v), "", &ps) … }
//
// jsonx decodes a member of such a type in the same pass as the document
// around it, into the value JSONPlain returns, instead of scanning the
// member's bytes again in UnmarshalJSON; problems get paths under the
// member's. JSONPlain must return a non-nil pointer to the receiver's
// memory as a type of its own, or jsonx falls back to UnmarshalJSON.
// encoding/json ignores the method.
type Plain interface {
	JSONPlain() any
}

// Options select the mode and limits of decoding. The zero value decodes
// strictly with the default limits.
type Options struct {
	// Lenient ignores unknown members and matches member names
	// case-insensitively when none matches exactly (Microsoft's wire formats).
	Lenient bool
	// MaxBytes bounds the input; ≤ 0 means DefaultMaxBytes.
	MaxBytes int64
	// MaxDepth bounds the nesting of objects and arrays; ≤ 0 means
	// DefaultMaxDepth.
	MaxDepth int
}

// Decode decodes data strictly into v, a non-nil pointer, appending
// problems to ps with paths under root (which may be "").
func Decode(data []byte, v any, root string, ps *rule.Problems) {
	Options{}.Decode(data, v, root, ps)
}

// DecodeLenient decodes data leniently (unknown members ignored, names
// matched case-insensitively) into v, a non-nil pointer, appending
// problems to ps with paths under root.
func DecodeLenient(data []byte, v any, root string, ps *rule.Problems) {
	Options{Lenient: true}.Decode(data, v, root, ps)
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

// DecodeReader reads at most the byte limit (plus one byte, to detect
// more) from r and decodes it as [Options.Decode] does. Input known or
// found to be longer than the limit is refused as an [ErrTooLarge] problem
// without reading further. The error is a read failure of r; everything
// wrong with the input is in ps.
func (o Options) DecodeReader(r io.Reader, v any, root string, ps *rule.Problems) error {
	limit := o.maxBytes()
	switch s := r.(type) {
	case interface{ Len() int }:
		if int64(s.Len()) > limit {
			o.tooLarge(root, ps)
			return nil
		}
	case interface{ Size() int64 }:
		if s.Size() > limit {
			o.tooLarge(root, ps)
			return nil
		}
	}
	var buf bytes.Buffer
	n, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	if err != nil {
		return err
	}
	if n > limit {
		o.tooLarge(root, ps)
		return nil
	}
	o.Decode(buf.Bytes(), v, root, ps)
	return nil
}

func (o Options) tooLarge(root string, ps *rule.Problems) {
	addErr(ps, root, ErrTooLarge, msgTooLarge, o.maxBytes())
}

// addErr adds a problem carrying a sentinel.
func addErr(ps *rule.Problems, path string, err error, msg rule.Message, args ...any) {
	ps.Append(rule.Problem{Path: path, Message: msg, Args: args, Err: err})
}

// Decode decodes data into v, a non-nil pointer, appending problems to ps
// with paths under root (which may be ""). Decoding goes on after a
// problem, so that all of them are reported; fields with problems keep
// their zero values.
func (o Options) Decode(data []byte, v any, root string, ps *rule.Problems) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		ps.Add("", root, msgReceiver)
		return
	}
	if int64(len(data)) > o.maxBytes() {
		o.tooLarge(root, ps)
		return
	}
	d := decoder{data: data, lenient: o.Lenient, maxDepth: o.MaxDepth, root: root, ps: ps}
	if d.maxDepth <= 0 {
		d.maxDepth = DefaultMaxDepth
	}
	if bytes.HasPrefix(data, bom) {
		d.off = len(bom)
	}
	start := len(*ps)
	if d.value(rv.Elem(), infoOf(rv.Type().Elem())) {
		d.skipWS()
		if d.off < len(d.data) {
			d.syntax(d.off, "invalid character %s after top-level value", quoteByte(d.data[d.off]))
		}
	}
	if d.err != nil {
		*ps = (*ps)[:start]
		line, col := position(data, d.err.off)
		ps.Add("", root, msgMalformed, line, col, d.err.off, d.err.msg)
	}
}

var bom = []byte("\xEF\xBB\xBF")

// position returns the 1-based line and column (in characters) of off.
func position(data []byte, off int) (line, col int) {
	off = min(off, len(data))
	line = 1 + bytes.Count(data[:off], []byte{'\n'})
	lineStart := bytes.LastIndexByte(data[:off], '\n') + 1
	if lineStart == 0 && bytes.HasPrefix(data, bom) {
		lineStart = len(bom)
	}
	return line, 1 + utf8.RuneCount(data[lineStart:max(off, lineStart)])
}

// seg is one step of a path: a member name, or an array index when name
// is "" and index ≥ 0.
type seg struct {
	name  string
	index int
}

type decoder struct {
	data     []byte
	off      int
	depth    int
	maxDepth int
	lenient  bool
	root     string
	segs     []seg
	ps       *rule.Problems
	err      *syntaxError
}

// path renders the current path, with extra appended when not "".
func (d *decoder) path(extra string) string {
	var b strings.Builder
	b.WriteString(d.root)
	for _, s := range d.segs {
		writeSeg(&b, s)
	}
	if extra != "" {
		writeSeg(&b, seg{name: extra})
	}
	return b.String()
}

func writeSeg(b *strings.Builder, s seg) {
	if s.name == "" && s.index >= 0 {
		b.WriteByte('[')
		b.WriteString(strconv.Itoa(s.index))
		b.WriteByte(']')
		return
	}
	if b.Len() > 0 {
		b.WriteByte('.')
	}
	b.WriteString(s.name)
}

// full reports whether the problem list keeps no more problems, only
// counts them, so that a problem need not be rendered.
func (d *decoder) full() bool { return len(*d.ps) >= rule.MaxProblems }

func (d *decoder) problem(msg rule.Message, args ...any) {
	if d.full() {
		d.ps.Add("", "", msg) // counted only: nothing to render
		return
	}
	d.ps.Add("", d.path(""), msg, args...)
}

// repeated reports a member that appears twice.
func (d *decoder) repeated(name string) {
	if d.full() {
		d.ps.Add("", "", msgRepeated)
		return
	}
	d.ps.Add("", d.path(name), msgRepeated, name)
}

// syntax records the first syntax error and returns false.
func (d *decoder) syntax(off int, format string, args ...any) bool {
	if d.err == nil {
		d.err = &syntaxError{off: off, msg: fmt.Sprintf(format, args...)}
	}
	return false
}

func (d *decoder) eof() bool { return d.syntax(len(d.data), "unexpected end of JSON input") }

func quoteByte(c byte) string {
	switch {
	case c == '\'':
		return `'\''`
	case c == '"':
		return `'"'`
	case c < utf8.RuneSelf:
		s := strconv.Quote(string(rune(c)))
		return "'" + s[1:len(s)-1] + "'"
	}
	return fmt.Sprintf("byte 0x%02x", c)
}

func (d *decoder) skipWS() {
	data, i := d.data, d.off
	for i < len(data) {
		c := data[i]
		if c > ' ' || c != ' ' && c != '\n' && c != '\t' && c != '\r' {
			break
		}
		i++
	}
	d.off = i
}

func (d *decoder) enter() bool {
	d.depth++
	if d.depth > d.maxDepth {
		return d.syntax(d.off, "nested deeper than %d levels", d.maxDepth)
	}
	return true
}

// wrongType reports a value of the wrong JSON type and skips it.
func (d *decoder) wrongType(want string) bool {
	d.problem(msgWantType, want, kindOf(d.data[d.off]))
	return d.skip()
}

// value decodes the value at d.off into v; false after a syntax error.
func (d *decoder) value(v reflect.Value, ti *typeInfo) bool {
	d.skipWS()
	if d.off >= len(d.data) {
		return d.eof()
	}
	c := d.data[d.off]
	switch ti.kind {
	case kUnmarshaler:
		start := d.off
		if !d.skip() {
			return false
		}
		u := v.Addr().Interface().(json.Unmarshaler)
		err := u.UnmarshalJSON(d.data[start:d.off])
		if t, ok := u.(*time.Time); ok && err == nil {
			err = writableOffset(*t)
		}
		d.unmarshalerErr(err)
		return true
	case kPlain:
		target := reflect.ValueOf(v.Addr().Interface().(Plain).JSONPlain())
		if target.Kind() == reflect.Pointer && !target.IsNil() && target.Type().Elem() == ti.elem.t {
			return d.value(target.Elem(), ti.elem)
		}
		if u, ok := v.Addr().Interface().(json.Unmarshaler); ok {
			start := d.off
			if !d.skip() {
				return false
			}
			d.unmarshalerErr(u.UnmarshalJSON(d.data[start:d.off]))
			return true
		}
		return d.wrongType("a value")
	case kText:
		if c == 'n' {
			return d.literal("null")
		}
		if c != '"' {
			return d.wrongType("a string")
		}
		s, ok := d.str()
		if !ok {
			return false
		}
		if err := v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText(s); err != nil {
			d.problem(msgBadValue, cleanErr(err))
		}
		return true
	}
	if c == 'n' {
		if !d.literal("null") {
			return false
		}
		switch ti.kind {
		case kPtr, kSlice, kMap, kIface:
			v.SetZero()
		}
		return true
	}
	switch ti.kind {
	case kStruct:
		if c != '{' {
			return d.wrongType("an object")
		}
		return d.object(v, ti)
	case kSlice, kArray:
		if c != '[' {
			return d.wrongType("an array")
		}
		return d.array(v, ti)
	case kMap:
		if c != '{' {
			return d.wrongType("an object")
		}
		return d.mapObject(v, ti)
	case kPtr:
		// A new value, never the one pointed to: it may be shared.
		p := reflect.New(ti.t.Elem())
		v.Set(p)
		return d.value(p.Elem(), ti.elem)
	case kString:
		if c != '"' {
			return d.wrongType("a string")
		}
		s, ok := d.str()
		if ok {
			v.SetString(string(s))
		}
		return ok
	case kBool:
		switch c {
		case 't':
			if d.literal("true") {
				v.SetBool(true)
				return true
			}
			return false
		case 'f':
			if d.literal("false") {
				v.SetBool(false)
				return true
			}
			return false
		}
		return d.wrongType("a boolean")
	case kInt, kUint:
		if c != '-' && (c < '0' || c > '9') {
			return d.wrongType("a whole number in range")
		}
		start := d.off
		whole, ok := d.number()
		if !ok {
			return false
		}
		if !whole || !setInt(v, ti.kind, d.data[start:d.off]) {
			d.problem(msgWantType, "a whole number in range", "a number")
		}
		return true
	}
	// Anything else (interfaces, floats, complex kinds): encoding/json on the
	// value's own bytes.
	start := d.off
	if !d.skip() {
		return false
	}
	if err := json.Unmarshal(d.data[start:d.off], v.Addr().Interface()); err != nil {
		d.problem(msgWantType, want(ti.t.Kind()), kindOf(c))
	}
	return true
}

// unmarshalerErr reports what a type's UnmarshalJSON returned.
// writableOffset refuses an instant whose offset encoding/json reads but
// cannot write back ("-24:00" to "±99:59": time.Time.MarshalJSON wants a
// zone hour of 0 to 23), so that every value a decoder accepts encodes.
func writableOffset(t time.Time) error {
	if _, off := t.Zone(); off <= -24*60*60 || off >= 24*60*60 {
		return errors.New("timezone hour outside of range [0,23]")
	}
	return nil
}

func (d *decoder) unmarshalerErr(err error) {
	if err == nil {
		return
	}
	var nested rule.Problems
	if !errors.As(err, &nested) {
		d.problem(msgBadValue, cleanErr(err))
		return
	}
	base := d.path("")
	for _, p := range nested {
		if !errors.Is(p.Err, rule.ErrTooManyProblems) {
			p.Path = joinPath(base, p.Path)
		}
		d.ps.Append(p)
	}
}

func setInt(v reflect.Value, k kind, b []byte) bool {
	neg := b[0] == '-'
	if neg {
		b = b[1:]
	}
	var u uint64
	for _, c := range b {
		if u > (1<<64-1)/10 {
			return false
		}
		u2 := u*10 + uint64(c-'0')
		if u2 < u*10 {
			return false
		}
		u = u2
	}
	if k == kUint {
		if neg || v.OverflowUint(u) { // "-0" too, as encoding/json refuses it
			return false
		}
		v.SetUint(u)
		return true
	}
	if neg {
		if u > 1<<63 {
			return false
		}
		i := -int64(u) //nolint:gosec // u ≤ 1<<63, checked
		if v.OverflowInt(i) {
			return false
		}
		v.SetInt(i)
		return true
	}
	if u > 1<<63-1 || v.OverflowInt(int64(u)) {
		return false
	}
	v.SetInt(int64(u))
	return true
}

// object decodes an object at d.off into the struct v.
func (d *decoder) object(v reflect.Value, ti *typeInfo) bool {
	if !d.enter() {
		return false
	}
	d.off++ // {
	var small [2]uint64
	seen := small[:]
	if n := len(ti.fields); n > 128 {
		seen = make([]uint64, (n+63)/64)
	}
	for first := true; ; first = false {
		d.skipWS()
		if d.off >= len(d.data) {
			return d.eof()
		}
		if first && d.data[d.off] == '}' {
			d.off++
			break
		}
		key, ok := d.key()
		if !ok {
			return false
		}
		i := ti.lookup(key, d.lenient)
		switch {
		case i < 0:
			if !d.lenient && d.full() {
				d.problem(msgUnknown)
			} else if !d.lenient {
				d.problem(msgUnknown, string(key))
			}
			if !d.skip() {
				return false
			}
		case seen[i/64]&(1<<(i%64)) != 0:
			f := &ti.fields[i]
			d.repeated(f.name)
			if !d.skip() {
				return false
			}
		default:
			seen[i/64] |= 1 << (i % 64)
			f := &ti.fields[i]
			fv, settable := fieldOf(v, f.index)
			d.segs = append(d.segs, seg{name: f.name})
			if settable {
				ok = d.value(fv, f.info)
			} else {
				d.problem(msgBadValue, "cannot set a field of an embedded pointer to an unexported struct")
				ok = d.skip()
			}
			d.segs = d.segs[:len(d.segs)-1]
			if !ok {
				return false
			}
		}
		if !d.afterMember('}') {
			return false
		}
		if d.data[d.off-1] == '}' {
			break
		}
	}
	d.depth--
	return true
}

// key reads a member name and the colon after it.
func (d *decoder) key() ([]byte, bool) {
	if d.data[d.off] != '"' {
		return nil, d.syntax(d.off, "invalid character %s looking for beginning of object key string", quoteByte(d.data[d.off]))
	}
	key, ok := d.str()
	if !ok {
		return nil, false
	}
	d.skipWS()
	if d.off >= len(d.data) {
		return nil, d.eof()
	}
	if d.data[d.off] != ':' {
		return nil, d.syntax(d.off, "invalid character %s after object key", quoteByte(d.data[d.off]))
	}
	d.off++
	return key, true
}

// afterMember consumes the ',' or the closing byte after a member or
// element; a closing byte is left as d.data[d.off-1].
func (d *decoder) afterMember(closing byte) bool {
	d.skipWS()
	if d.off >= len(d.data) {
		return d.eof()
	}
	switch d.data[d.off] {
	case ',':
		d.off++
		return true
	case closing:
		d.off++
		return true
	}
	what := "object key:value pair"
	if closing == ']' {
		what = "array element"
	}
	return d.syntax(d.off, "invalid character %s after %s", quoteByte(d.data[d.off]), what)
}

// fieldOf returns the field at index, allocating embedded pointers.
func fieldOf(v reflect.Value, index []int) (reflect.Value, bool) {
	if len(index) == 1 {
		return v.Field(index[0]), true
	}
	for n, i := range index {
		if n > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				if !v.CanSet() {
					return v, false
				}
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		v = v.Field(i)
	}
	return v, true
}

// array decodes an array at d.off into the slice or array v.
func (d *decoder) array(v reflect.Value, ti *typeInfo) bool {
	if !d.enter() {
		return false
	}
	d.off++ // [
	isSlice := ti.kind == kSlice
	if isSlice && !v.IsNil() {
		v.SetZero() // a new array, never the old one: it may be shared
	}
	d.segs = append(d.segs, seg{index: 0})
	top := len(d.segs) - 1
	n := 0
	for first := true; ; first = false {
		d.skipWS()
		if d.off >= len(d.data) {
			return d.eof()
		}
		if first && d.data[d.off] == ']' {
			d.off++
			if isSlice && v.IsNil() {
				v.Set(reflect.MakeSlice(ti.t, 0, 0)) // [] is empty, not nil
			}
			break
		}
		d.segs[top].index = n
		var ok bool
		switch {
		case isSlice:
			if n == v.Cap() {
				v.Grow(1)
			}
			v.SetLen(n + 1)
			ok = d.value(v.Index(n), ti.elem)
		case n < v.Len():
			ok = d.value(v.Index(n), ti.elem)
		default:
			ok = d.skip()
		}
		if !ok {
			return false
		}
		n++
		if !d.afterMember(']') {
			return false
		}
		if d.data[d.off-1] == ']' {
			break
		}
	}
	for i := n; !isSlice && i < v.Len(); i++ {
		v.Index(i).SetZero()
	}
	d.segs = d.segs[:top]
	d.depth--
	return true
}

// mapObject decodes an object into a map with string keys.
func (d *decoder) mapObject(v reflect.Value, ti *typeInfo) bool {
	if !d.enter() {
		return false
	}
	d.off++ // {
	fresh := v.IsNil()
	if fresh {
		v.Set(reflect.MakeMap(ti.t))
	}
	kt := ti.t.Key()
	for first := true; ; first = false {
		d.skipWS()
		if d.off >= len(d.data) {
			return d.eof()
		}
		if first && d.data[d.off] == '}' {
			d.off++
			break
		}
		key, ok := d.key()
		if !ok {
			return false
		}
		k := reflect.ValueOf(string(key)).Convert(kt)
		if fresh && v.MapIndex(k).IsValid() {
			d.repeated(string(key))
			ok = d.skip()
		} else {
			e := reflect.New(ti.elem.t).Elem()
			d.segs = append(d.segs, seg{name: string(key)})
			ok = d.value(e, ti.elem)
			d.segs = d.segs[:len(d.segs)-1]
			v.SetMapIndex(k, e)
		}
		if !ok || !d.afterMember('}') {
			return false
		}
		if d.data[d.off-1] == '}' {
			break
		}
	}
	d.depth--
	return true
}

// literal consumes the literal lit (true, false, null).
func (d *decoder) literal(lit string) bool {
	for i := 0; i < len(lit); i++ {
		if d.off+i >= len(d.data) {
			return d.eof()
		}
		if d.data[d.off+i] != lit[i] {
			return d.syntax(d.off+i, "invalid character %s in literal %s", quoteByte(d.data[d.off+i]), lit)
		}
	}
	d.off += len(lit)
	return true
}

// number consumes a number; whole reports that it has no fraction or
// exponent.
func (d *decoder) number() (whole, ok bool) {
	i := d.off
	data := d.data
	if i < len(data) && data[i] == '-' {
		i++
	}
	digits := func() bool {
		if i >= len(data) {
			d.off = i
			return d.eof()
		}
		if data[i] < '0' || data[i] > '9' {
			return d.syntax(i, "invalid character %s in numeric literal", quoteByte(data[i]))
		}
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			i++
		}
		return true
	}
	switch {
	case i >= len(data):
		return false, d.eof()
	case data[i] == '0':
		i++
	case !digits():
		return false, false
	}
	whole = true
	if i < len(data) && data[i] == '.' {
		i++
		whole = false
		if !digits() {
			return false, false
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		whole = false
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if !digits() {
			return false, false
		}
	}
	d.off = i
	return whole, true
}

// str consumes a string and returns its contents, unescaped, with invalid
// UTF-8 replaced by U+FFFD as encoding/json does. Without escapes or
// invalid UTF-8 the result is a slice of the input.
func (d *decoder) str() ([]byte, bool) {
	data := d.data
	start := d.off + 1
	i := start
	for i < len(data) {
		c := data[i]
		switch {
		case c == '"':
			d.off = i + 1
			return data[start:i], true
		case c == '\\':
		case c < 0x20:
			return nil, d.syntax(i, "invalid character %s in string literal", quoteByte(c))
		case c < utf8.RuneSelf:
			i++
			continue
		default:
			r, size := utf8.DecodeRune(data[i:])
			if r != utf8.RuneError || size != 1 {
				i += size
				continue
			}
		}
		break
	}
	if i >= len(data) {
		return nil, d.eof()
	}
	buf := make([]byte, i-start, i-start+16)
	copy(buf, data[start:i])
	for i < len(data) {
		c := data[i]
		switch {
		case c == '"':
			d.off = i + 1
			return buf, true
		case c == '\\':
			i++
			if i >= len(data) {
				return nil, d.eof()
			}
			switch e := data[i]; e {
			case '"', '\\', '/':
				buf = append(buf, e)
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				r := hex4(data[i+1:])
				if r < 0 {
					for j := i + 1; j < i+5; j++ {
						if j >= len(data) {
							return nil, d.eof()
						}
						if !isHex(data[j]) {
							return nil, d.syntax(j, "invalid character %s in \\u hexadecimal character escape", quoteByte(data[j]))
						}
					}
				}
				i += 4
				if utf16.IsSurrogate(r) {
					r2 := rune(-1)
					if i+2 < len(data) && data[i+1] == '\\' && data[i+2] == 'u' {
						r2 = hex4(data[i+3:])
					}
					if dec := utf16.DecodeRune(r, r2); dec != unicode.ReplacementChar {
						i += 6
						r = dec
					} else {
						r = unicode.ReplacementChar
					}
				}
				buf = utf8.AppendRune(buf, r)
			default:
				return nil, d.syntax(i, "invalid character %s in string escape code", quoteByte(e))
			}
			i++
		case c < 0x20:
			return nil, d.syntax(i, "invalid character %s in string literal", quoteByte(c))
		case c < utf8.RuneSelf:
			buf = append(buf, c)
			i++
		default:
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				buf = utf8.AppendRune(buf, unicode.ReplacementChar)
			} else {
				buf = append(buf, data[i:i+size]...)
			}
			i += size
		}
	}
	return nil, d.eof()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// hex4 decodes four hex digits at the start of b, or returns -1.
func hex4(b []byte) rune {
	if len(b) < 4 {
		return -1
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}

// skip consumes one value, checking its syntax.
func (d *decoder) skip() bool {
	d.skipWS()
	if d.off >= len(d.data) {
		return d.eof()
	}
	switch c := d.data[d.off]; {
	case c == '{' || c == '[':
		if !d.enter() {
			return false
		}
		closing := byte('}')
		if c == '[' {
			closing = ']'
		}
		d.off++
		for first := true; ; first = false {
			d.skipWS()
			if d.off >= len(d.data) {
				return d.eof()
			}
			if first && d.data[d.off] == closing {
				d.off++
				break
			}
			if closing == '}' {
				if _, ok := d.key(); !ok {
					return false
				}
			}
			if !d.skip() || !d.afterMember(closing) {
				return false
			}
			if d.data[d.off-1] == closing {
				break
			}
		}
		d.depth--
		return true
	case c == '"':
		_, ok := d.str()
		return ok
	case c == 't':
		return d.literal("true")
	case c == 'f':
		return d.literal("false")
	case c == 'n':
		return d.literal("null")
	case c == '-' || '0' <= c && c <= '9':
		_, ok := d.number()
		return ok
	}
	return d.syntax(d.off, "invalid character %s looking for beginning of value", quoteByte(d.data[d.off]))
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

func kindOf(c byte) string {
	switch c {
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
	case reflect.Interface:
		return "a value"
	case reflect.Float32, reflect.Float64:
		return "a number"
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
