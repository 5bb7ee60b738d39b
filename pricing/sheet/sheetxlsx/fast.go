package sheetxlsx

import (
	"archive/zip"
	"bufio"
	"bytes"
	"io"
)

// fastRows reads the worksheet part f as [streamRows] does, with the
// same rows and cells, without the allocations of encoding/xml's
// tokens, for the XML Excel and excelize write: ASCII element and
// attribute names, quoted attribute values, text and values of
// printable ASCII with the five predefined entities, an XML declaration
// of version 1.0 in UTF-8. It gives up (false) at anything else,
// including every damage, so that the caller reads the part again with
// streamRows, which reads any XML and reports the damage; rows emitted
// before giving up are then to be discarded.
func fastRows(f *zip.File, strs []string, emit func(n int, cells []cell, width int) bool) bool {
	rc, err := f.Open()
	if err != nil {
		return false
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, 64<<10)
	b := rowBuilder{strs: strs, emit: emit}
	var (
		open  [][]byte // the names of the open elements
		names [8][]byte
		text  []byte
		first = true
	)
	for {
		// Text up to the next tag.
		seg, err := br.ReadSlice('<')
		if err == io.EOF && len(bytes.TrimLeft(seg, " \t\n")) == 0 {
			return len(open) == 0
		}
		if err != nil {
			return false // text at the end, or longer than the buffer
		}
		seg = seg[:len(seg)-1]
		if len(seg) > 0 {
			var ok bool
			if text, ok = unescape(text[:0], seg); !ok {
				return false
			}
			b.text(text)
			first = false
		}
		tag, err := br.ReadSlice('>')
		if err != nil || bytes.Count(tag, []byte{'"'})%2 != 0 || bytes.Count(tag, []byte{'\''})%2 != 0 {
			return false
		}
		tag = tag[:len(tag)-1]
		switch {
		case len(tag) > 0 && tag[0] == '?':
			if !first || !xmlDecl(tag) {
				return false
			}
			first = false
			continue
		case len(tag) > 0 && tag[0] == '/':
			name := bytes.TrimRight(tag[1:], " \t\n")
			if len(open) == 0 || !bytes.Equal(open[len(open)-1], name) {
				return false
			}
			open = open[:len(open)-1]
			more, err := b.end(string(local(name)))
			if err != nil {
				return false
			}
			if !more {
				return true
			}
			continue
		}
		first = false
		selfClosing := len(tag) > 0 && tag[len(tag)-1] == '/'
		if selfClosing {
			tag = tag[:len(tag)-1]
		}
		name, rest, ok := cutName(tag)
		if !ok {
			return false
		}
		var r, typ []byte
		hasR := false
		for {
			rest = bytes.TrimLeft(rest, " \t\n")
			if len(rest) == 0 {
				break
			}
			var an []byte
			if an, rest, ok = cutName(rest); !ok {
				return false
			}
			rest = bytes.TrimLeft(rest, " \t\n")
			if len(rest) < 2 || rest[0] != '=' {
				return false
			}
			rest = bytes.TrimLeft(rest[1:], " \t\n")
			if len(rest) < 2 || rest[0] != '"' && rest[0] != '\'' {
				return false
			}
			end := bytes.IndexByte(rest[1:], rest[0])
			if end < 0 {
				return false
			}
			val := rest[1 : 1+end]
			rest = rest[2+end:]
			if len(rest) > 0 && rest[0] != ' ' && rest[0] != '\t' && rest[0] != '\n' {
				return false
			}
			if bytes.ContainsAny(val, "<&\r") || !printable(val) {
				return false
			}
			switch string(local(an)) {
			case "r":
				r, hasR = val, true
			case "t":
				typ = val
			}
		}
		ln := string(local(name))
		if err := b.start(ln, string(r), hasR, string(typ)); err != nil {
			return false
		}
		if selfClosing {
			more, err := b.end(ln)
			if err != nil {
				return false
			}
			if !more {
				return true
			}
			continue
		}
		// Keep the name: the reader's buffer moves on.
		k := len(open)
		if k < len(names) {
			names[k] = append(names[k][:0], name...)
			open = append(open, names[k])
		} else {
			open = append(open, bytes.Clone(name))
		}
	}
}

// cutName cuts an XML name of ASCII letters, digits, "_", "-", "." and
// at most one ":" (not first or last) from the start of b.
func cutName(b []byte) (name, rest []byte, ok bool) {
	i, colons := 0, 0
	for ; i < len(b); i++ {
		c := b[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', c == '_':
		case i > 0 && ('0' <= c && c <= '9' || c == '-' || c == '.'):
		case c == ':' && i > 0:
			colons++
		default:
			goto done
		}
	}
done:
	if i == 0 || colons > 1 || b[i-1] == ':' {
		return nil, nil, false
	}
	return b[:i], b[i:], true
}

// local returns the name without its prefix.
func local(name []byte) []byte {
	if i := bytes.IndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// printable reports whether b is printable ASCII, tabs and line feeds.
func printable(b []byte) bool {
	for _, c := range b {
		if (c < 0x20 || c >= 0x7f) && c != '\t' && c != '\n' {
			return false
		}
	}
	return true
}

// unescape appends text s to dst with the five predefined entities
// replaced; false for anything else (another reference, a carriage
// return, a character that is not printable ASCII).
func unescape(dst, s []byte) ([]byte, bool) {
	if !printable(s) || bytes.Contains(s, []byte("]]>")) {
		return dst, false
	}
	for len(s) > 0 {
		i := bytes.IndexByte(s, '&')
		if i < 0 {
			return append(dst, s...), true
		}
		dst = append(dst, s[:i]...)
		s = s[i:]
		var c byte
		switch {
		case bytes.HasPrefix(s, []byte("&amp;")):
			c, s = '&', s[5:]
		case bytes.HasPrefix(s, []byte("&lt;")):
			c, s = '<', s[4:]
		case bytes.HasPrefix(s, []byte("&gt;")):
			c, s = '>', s[4:]
		case bytes.HasPrefix(s, []byte("&quot;")):
			c, s = '"', s[6:]
		case bytes.HasPrefix(s, []byte("&apos;")):
			c, s = '\'', s[6:]
		default:
			return dst, false
		}
		dst = append(dst, c)
	}
	return dst, true
}

// xmlDecl reports whether the processing instruction tag ("?xml …?") is
// an XML declaration of version 1.0 in UTF-8, as Excel and excelize
// write it.
func xmlDecl(tag []byte) bool {
	switch string(tag) {
	case `?xml version="1.0" encoding="UTF-8" standalone="yes"?`,
		`?xml version="1.0" encoding="UTF-8"?`,
		`?xml version="1.0"?`:
		return true
	}
	return false
}
