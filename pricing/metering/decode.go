package metering

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"time"

	"github.com/marketrules/marketrules/internal/jsonx"
	"github.com/marketrules/marketrules/rule"
)

// This file is the package's one door to a JSON engine: readBody bounds
// the input, decodeDepth refuses deep nesting before decoding and decodes
// leniently with internal/jsonx (unknown members ignored, names matched
// without regard to case when none matches exactly), reporting what it
// cannot read as problems with JSON paths under the package's rules and
// sentinels.

var (
	msgTooLarge  = rule.Message{English: "the body is longer than %d bytes", Swedish: "innehållet är längre än %d byte"}
	msgTooDeep   = rule.Message{English: "the body is nested deeper than %d levels", Swedish: "innehållet är nästlat djupare än %d nivåer"}
	msgMalformed = rule.Message{English: "not well-formed JSON: %s", Swedish: "inte välformad JSON: %s"}
	msgBadValue  = rule.Message{English: "%q is not a valid %s", Swedish: "%q är inte ett giltigt värde för %s"}
	msgReadFail  = rule.Message{English: "reading failed: %v", Swedish: "läsningen misslyckades: %v"}
)

// readBody reads at most max bytes of r; a longer body is refused as soon
// as its max+1st byte arrives, without reading on.
func readBody(r io.Reader, max int64, ps *rule.Problems) []byte {
	if r == nil {
		problem(ps, ruleMTR04, "", ErrMalformed, msgMalformed, "no body")
		return nil
	}
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	switch {
	case err != nil:
		problem(ps, ruleMTR04, "", ErrMalformed, msgReadFail, err)
		return nil
	case int64(len(b)) > max:
		problem(ps, ruleMTR04, "", ErrTooLarge, msgTooLarge, max)
		return nil
	}
	return b
}

// depthOK reports whether b nests at most max arrays and objects deep,
// without decoding it.
func depthOK(b []byte, max int) bool {
	depth, inString, escaped := 0, false, false
	for _, c := range b {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
			if depth > max {
				return false
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return true
}

// decodeBytes decodes b into v leniently, with the default depth limit,
// adding problems for malformed input and values of the wrong type.
func decodeBytes(b []byte, v any, ps *rule.Problems) error {
	return decodeDepth(b, DefaultPolicy().MaxDepth, v, ps)
}

// decodeAt decodes b into v as decodeDepth does, with problem paths
// under path.
func decodeAt(b []byte, path string, v any, ps *rule.Problems) bool {
	var own rule.Problems
	if decodeDepth(b, 1<<30, v, &own) == nil {
		return true
	}
	for _, p := range own {
		p.Path = join(path, p.Path)
		if p.Path == "" {
			p.Path = path
		}
		ps.Append(p)
	}
	return false
}

func decodeDepth(b []byte, maxDepth int, v any, ps *rule.Problems) error {
	if !depthOK(b, maxDepth) {
		problem(ps, ruleMTR04, "", ErrTooLarge, msgTooDeep, maxDepth)
		return ps.Err()
	}
	var own rule.Problems
	jsonx.Options{Lenient: true, MaxBytes: int64(len(b)) + 1, MaxDepth: maxDepth}.Decode(b, v, "", &own)
	if len(own) == 0 {
		return nil
	}
	for _, p := range own {
		if p.Rule == "" {
			p.Rule = ruleMTR04
		}
		switch {
		case errors.Is(p, jsonx.ErrTooLarge):
			p.Err = ErrTooLarge
		case p.Err == nil:
			p.Err = ErrMalformed
		}
		ps.Append(p)
	}
	return ps.Err()
}

// join returns the path of member name under path.
func join(path, name string) string {
	if path == "" {
		return name
	}
	if name == "" {
		return path
	}
	return path + "." + name
}

// index returns the path of element i under path.
func index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// wireTime reads a metering API instant: RFC 3339, or without an offset
// (UTC). An absent or null member is the zero time.
func wireTime(raw json.RawMessage, path string, ps *rule.Problems) time.Time {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return time.Time{}
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		problem(ps, ruleMTR01, path, ErrMalformed, msgBadValue, string(raw), "instant")
		return time.Time{}
	}
	t, ok := parseInstant(s)
	if !ok {
		problem(ps, ruleMTR01, path, ErrMalformed, msgBadValue, s, "instant")
	}
	return t
}

// parseInstant parses RFC 3339 or the same without an offset, as UTC;
// the instant is returned in UTC, exactly.
func parseInstant(s string) (time.Time, bool) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), true
	}
	t, err := time.Parse("2006-01-02T15:04:05.999999999", s)
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

// wireQuantity reads a quantity: a JSON number or a string holding one.
func wireQuantity(raw json.RawMessage, path string, ps *rule.Problems) Quantity {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return Quantity{}
	}
	var q Quantity
	if err := q.UnmarshalJSON(raw); err != nil {
		problem(ps, ruleMTR01, path, ErrQuantity, msgBadValue, string(raw), "quantity")
	}
	return q
}

// wireStatus reads a status name; an unknown name is a problem.
func wireStatus(s, path string, ps *rule.Problems) EventStatus {
	var st EventStatus
	if err := st.UnmarshalText([]byte(s)); err != nil {
		problem(ps, ruleMTR04, path, ErrMalformed, msgBadValue, s, "status")
	}
	return st
}

// wireEvent is an event as it arrives, read field by field.
type wireEvent struct {
	ResourceID         string          `json:"resourceId"`
	ResourceURI        string          `json:"resourceUri"`
	Quantity           json.RawMessage `json:"quantity"`
	Dimension          string          `json:"dimension"`
	EffectiveStartTime json.RawMessage `json:"effectiveStartTime"`
	PlanID             string          `json:"planId"`
}

func (w *wireEvent) event(path string, ps *rule.Problems) Event {
	return Event{ResourceID: w.ResourceID, ResourceURI: w.ResourceURI,
		Quantity: wireQuantity(w.Quantity, join(path, "quantity"), ps), Dimension: w.Dimension,
		EffectiveStartTime: wireTime(w.EffectiveStartTime, join(path, "effectiveStartTime"), ps), PlanID: w.PlanID}
}
