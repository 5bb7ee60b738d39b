package ingestion

import (
	"strconv"
	"unicode/utf8"
)

// node is a JSON value as the wire carries it: objects keep their members in
// order, numbers keep their literal text (so prices are read exactly, never
// through a float), strings are unescaped. The tree of a resource is kept so
// that members the library does not map survive re-encoding unchanged.
type node struct {
	kind byte     // 'o' object, 'a' array, 's' string, 'n' number, 'b' true/false, 'z' null
	str  string   // string value, number literal, "true"/"false"
	keys []string // object member names, parallel to kids
	kids []node   // object member values or array elements
	// idx indexes the members of a wide object, built on first lookup;
	// an entry is trusted only if it still names the member.
	idx  map[string]int
	idxn int // the number of members idx was built for
}

// wide is the number of members above which lookups use an index.
const wide = 16

// find returns the position of the member named key, or -1.
func (n *node) find(key string) int {
	if len(n.keys) > wide {
		if i, ok := n.idx[key]; ok && i < len(n.keys) && n.keys[i] == key {
			return i
		}
		if n.idx == nil || n.idxn != len(n.keys) {
			n.idxn = len(n.keys)
			n.idx = make(map[string]int, len(n.keys))
			for i := len(n.keys) - 1; i >= 0; i-- {
				n.idx[n.keys[i]] = i
			}
			if i, ok := n.idx[key]; ok {
				return i
			}
		}
		return -1
	}
	for i, k := range n.keys {
		if k == key {
			return i
		}
	}
	return -1
}

// get returns the member named key of an object node.
func (n *node) get(key string) (*node, bool) {
	if n == nil || n.kind != 'o' {
		return nil, false
	}
	if i := n.find(key); i >= 0 {
		return &n.kids[i], true
	}
	return nil, false
}

// set replaces the member named key, or appends it.
func (n *node) set(key string, v node) {
	if n.kind != 'o' {
		*n = node{kind: 'o'}
	}
	if i := n.find(key); i >= 0 {
		n.kids[i] = v
		return
	}
	n.keys = append(n.keys, key)
	n.kids = append(n.kids, v)
	if n.idx != nil && n.idxn == len(n.keys)-1 {
		n.idx[key] = len(n.keys) - 1
		n.idxn++
	}
}

// del removes the member named key.
func (n *node) del(key string) {
	if i := n.find(key); i >= 0 {
		n.keys = append(n.keys[:i:i], n.keys[i+1:]...)
		n.kids = append(n.kids[:i:i], n.kids[i+1:]...)
		n.idx = nil
	}
}

// clone returns a deep copy of n.
func (n node) clone() node {
	c := n
	c.idx = nil
	if n.keys != nil {
		c.keys = append([]string(nil), n.keys...)
	}
	if n.kids != nil {
		c.kids = make([]node, len(n.kids))
		for i := range n.kids {
			c.kids[i] = n.kids[i].clone()
		}
	}
	return c
}

func strNode(s string) node  { return node{kind: 's', str: s} }
func numNode(s string) node  { return node{kind: 'n', str: s} }
func intNode(i int64) node   { return node{kind: 'n', str: strconv.FormatInt(i, 10)} }
func objNode() node          { return node{kind: 'o', keys: []string{}, kids: []node{}} }
func arrNode(n ...node) node { return node{kind: 'a', kids: append([]node{}, n...)} }
func boolNode(b bool) node {
	if b {
		return node{kind: 'b', str: "true"}
	}
	return node{kind: 'b', str: "false"}
}

// parser reads JSON strictly (RFC 8259, as encoding/json accepts it),
// with objects and arrays nested at most maxDepth deep; on anything else it
// returns false, and the caller asks jsonx where the input went wrong.
type parser struct {
	maxDepth int
	data     []byte
	src      string // data as one string: strings without escapes are slices of it
	off      int
	keys     []string // stacks of the members of the objects and arrays being read
	kids     []node
	// Slabs the finished objects and arrays are carved from, so that a
	// document costs a few allocations rather than two per object.
	keySlab []string
	kidSlab []node
}

const slabSize = 1024

// carve returns copies of the top n entries of the stacks, carved from the
// slabs with their capacity capped, so that appending to one never
// overwrites another.
func (p *parser) carve(base int, withKeys bool) ([]string, []node) {
	n := len(p.kids) - base
	if cap(p.kidSlab)-len(p.kidSlab) < n {
		p.kidSlab = make([]node, 0, max(slabSize, n))
	}
	l := len(p.kidSlab)
	p.kidSlab = append(p.kidSlab, p.kids[base:]...)
	kids := p.kidSlab[l : l+n : l+n]
	if !withKeys {
		return nil, kids
	}
	if cap(p.keySlab)-len(p.keySlab) < n {
		p.keySlab = make([]string, 0, max(slabSize, n))
	}
	l = len(p.keySlab)
	p.keySlab = append(p.keySlab, p.keys[base:]...)
	return p.keySlab[l : l+n : l+n], kids
}

func (p *parser) ws() {
	for p.off < len(p.data) {
		switch p.data[p.off] {
		case ' ', '\t', '\n', '\r':
			p.off++
		default:
			return
		}
	}
}

func (p *parser) value(n *node, depth int) bool {
	v, ok := p.parse(depth)
	*n = v
	return ok
}

// parse reads one value; returning it (rather than filling a pointer) keeps
// it off the heap. The member stacks are restored whatever happens.
func (p *parser) parse(depth int) (node, bool) {
	base := len(p.kids)
	nd, ok := p.parse1(depth)
	p.keys, p.kids = p.keys[:base], p.kids[:base]
	return nd, ok
}

func (p *parser) parse1(depth int) (nd node, ok bool) {
	n := &nd
	if depth >= p.maxDepth || depth > 10000 {
		if p.off < len(p.data) && (p.data[p.off] == '{' || p.data[p.off] == '[') {
			return nd, false
		}
	}
	p.ws()
	if p.off >= len(p.data) {
		return nd, false
	}
	switch c := p.data[p.off]; c {
	case '{':
		p.off++
		n.kind = 'o'
		base := len(p.kids)
		p.ws()
		if p.off < len(p.data) && p.data[p.off] == '}' {
			p.off++
			n.keys, n.kids = []string{}, []node{}
			return nd, true
		}
		for {
			p.ws()
			if p.off >= len(p.data) || p.data[p.off] != '"' {
				return nd, false
			}
			k, ok := p.str()
			if !ok {
				return nd, false
			}
			p.ws()
			if p.off >= len(p.data) || p.data[p.off] != ':' {
				return nd, false
			}
			p.off++
			v, ok := p.parse(depth + 1)
			if !ok {
				return nd, false
			}
			p.keys = append(p.keys, k)
			p.kids = append(p.kids, v)
			p.ws()
			if p.off >= len(p.data) {
				return nd, false
			}
			switch p.data[p.off] {
			case ',':
				p.off++
			case '}':
				p.off++
				n.keys, n.kids = p.carve(base, true)
				return nd, true
			default:
				return nd, false
			}
		}
	case '[':
		p.off++
		n.kind = 'a'
		base := len(p.kids)
		p.ws()
		if p.off < len(p.data) && p.data[p.off] == ']' {
			p.off++
			n.kids = []node{}
			return nd, true
		}
		for {
			v, ok := p.parse(depth + 1)
			if !ok {
				return nd, false
			}
			p.keys = append(p.keys, "")
			p.kids = append(p.kids, v)
			p.ws()
			if p.off >= len(p.data) {
				return nd, false
			}
			switch p.data[p.off] {
			case ',':
				p.off++
			case ']':
				p.off++
				_, n.kids = p.carve(base, false)
				return nd, true
			default:
				return nd, false
			}
		}
	case '"':
		s, ok := p.str()
		n.kind, n.str = 's', s
		return nd, ok
	case 't', 'f', 'n':
		for _, lit := range [...]string{"true", "false", "null"} {
			if len(p.data)-p.off >= len(lit) && string(p.data[p.off:p.off+len(lit)]) == lit {
				p.off += len(lit)
				if lit == "null" {
					n.kind = 'z'
				} else {
					n.kind, n.str = 'b', lit
				}
				return nd, true
			}
		}
		return nd, false
	default:
		start := p.off
		if !p.number() {
			return nd, false
		}
		n.kind, n.str = 'n', p.src[start:p.off]
		return nd, true
	}
}

// number reads -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?.
func (p *parser) number() bool {
	d := p.data
	if p.off < len(d) && d[p.off] == '-' {
		p.off++
	}
	digits := func() int {
		n := 0
		for p.off < len(d) && d[p.off] >= '0' && d[p.off] <= '9' {
			p.off++
			n++
		}
		return n
	}
	switch {
	case p.off < len(d) && d[p.off] == '0':
		p.off++
	case digits() == 0:
		return false
	}
	if p.off < len(d) && d[p.off] == '.' {
		p.off++
		if digits() == 0 {
			return false
		}
	}
	if p.off < len(d) && (d[p.off] == 'e' || d[p.off] == 'E') {
		p.off++
		if p.off < len(d) && (d[p.off] == '+' || d[p.off] == '-') {
			p.off++
		}
		if digits() == 0 {
			return false
		}
	}
	return true
}

// str reads a string starting at the opening quote: control characters
// are refused, escapes must be JSON's.
func (p *parser) str() (string, bool) {
	p.off++
	start := p.off
	d := p.data
	for p.off < len(d) {
		c := d[p.off]
		switch {
		case c == '"':
			s := p.src[start:p.off]
			p.off++
			return s, true
		case c == '\\':
			return p.escaped(start)
		case c < 0x20:
			return "", false
		}
		p.off++
	}
	return "", false
}

// escaped finishes a string with escapes: the slow path.
func (p *parser) escaped(start int) (string, bool) {
	d := p.data
	for p.off < len(d) {
		c := d[p.off]
		switch {
		case c == '"':
			s := unquoteJSON(d[start:p.off])
			p.off++
			return s, true
		case c < 0x20:
			return "", false
		case c == '\\':
			if p.off+1 >= len(d) {
				return "", false
			}
			switch d[p.off+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				p.off += 2
				continue
			case 'u':
				if p.off+6 > len(d) {
					return "", false
				}
				for _, h := range d[p.off+2 : p.off+6] {
					if !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
						return "", false
					}
				}
				p.off += 6
				continue
			}
			return "", false
		}
		p.off++
	}
	return "", false
}

// unquoteJSON decodes the escapes of a string the parser has checked.
func unquoteJSON(b []byte) string {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c != '\\' || i+1 >= len(b) {
			out = append(out, c)
			continue
		}
		i++
		switch b[i] {
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			if i+4 >= len(b) {
				return string(out)
			}
			r, err := strconv.ParseUint(string(b[i+1:i+5]), 16, 32)
			if err != nil {
				return string(out)
			}
			i += 4
			ru := rune(r)
			if ru >= 0xD800 && ru < 0xDC00 && i+6 < len(b) && b[i+1] == '\\' && b[i+2] == 'u' {
				if r2, err := strconv.ParseUint(string(b[i+3:i+7]), 16, 32); err == nil && r2 >= 0xDC00 && r2 < 0xE000 {
					ru = (ru-0xD800)<<10 + (rune(r2) - 0xDC00) + 0x10000
					i += 6
				}
			}
			if ru >= 0xD800 && ru < 0xE000 {
				ru = utf8.RuneError
			}
			out = utf8.AppendRune(out, ru)
		default:
			out = append(out, b[i])
		}
	}
	return string(out)
}

// appendNode writes n as JSON; indent > 0 pretty-prints with that many
// spaces a level.
func appendNode(b []byte, n *node, indent, level int) []byte {
	nl := func(b []byte, lvl int) []byte {
		if indent <= 0 {
			return b
		}
		b = append(b, '\n')
		for i := 0; i < indent*lvl; i++ {
			b = append(b, ' ')
		}
		return b
	}
	switch n.kind {
	case 'o':
		if len(n.keys) == 0 {
			return append(b, "{}"...)
		}
		b = append(b, '{')
		for i := range n.keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = nl(b, level+1)
			b = appendString(b, n.keys[i])
			b = append(b, ':')
			if indent > 0 {
				b = append(b, ' ')
			}
			b = appendNode(b, &n.kids[i], indent, level+1)
		}
		b = nl(b, level)
		return append(b, '}')
	case 'a':
		if len(n.kids) == 0 {
			return append(b, "[]"...)
		}
		b = append(b, '[')
		for i := range n.kids {
			if i > 0 {
				b = append(b, ',')
			}
			b = nl(b, level+1)
			b = appendNode(b, &n.kids[i], indent, level+1)
		}
		b = nl(b, level)
		return append(b, ']')
	case 's':
		return appendString(b, n.str)
	case 'n', 'b':
		if n.str == "" {
			return append(b, '0')
		}
		return append(b, n.str...)
	default:
		return append(b, "null"...)
	}
}

const hexDigits = "0123456789abcdef"

// appendString writes s as a JSON string, replacing invalid UTF-8.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, "\uFFFD"...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
