package plan

import (
	"cmp"
	"encoding/binary"
	"errors"
	"io"
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"github.com/marketrules/marketrules/internal/csvx"
	"github.com/marketrules/marketrules/internal/enum"
	"github.com/marketrules/marketrules/rule"
)

// IDKind says what a private audience lists: Azure tenant IDs or Azure
// subscription IDs, depending on the offer type (PLN-08). The zero value
// is unset.
type IDKind uint8

// The audience ID kinds.
const (
	TenantIDs IDKind = iota + 1
	SubscriptionIDs
)

var idKindNames = enum.Names[IDKind]{Type: "audience ID kind", Names: []string{"", "tenant", "subscription"}}

// String returns "tenant" or "subscription".
func (k IDKind) String() string { return idKindNames.String(k) }

// MarshalText implements [encoding.TextMarshaler].
func (k IDKind) MarshalText() ([]byte, error) { return idKindNames.Marshal(k) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (k *IDKind) UnmarshalText(b []byte) error { return idKindNames.Unmarshal(b, k) }

// Source says how a private audience was entered (PLN-08): by hand in
// Partner Center (at most 10 IDs) or imported from a CSV file (up to
// 10,000 subscription IDs or 20,000 tenant IDs). The zero value is Manual.
type Source uint8

// The audience sources.
const (
	Manual Source = iota
	CSV
)

var sourceNames = enum.Names[Source]{Type: "audience source", Names: []string{"manual", "csv"}}

// String returns "manual" or "csv".
func (s Source) String() string { return sourceNames.String(s) }

// MarshalText implements [encoding.TextMarshaler].
func (s Source) MarshalText() ([]byte, error) { return sourceNames.Marshal(s) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (s *Source) UnmarshalText(b []byte) error { return sourceNames.Unmarshal(b, s) }

// Audience is the private audience of a plan (PLN-08): tenant or
// subscription IDs, entered by hand or imported from CSV. [NewAudience]
// and [Policy.ReadAudience] keep IDs sorted and unique, which lets validation
// check a 20,000-entry audience in one pass without allocating; an
// audience built by hand or decoded from JSON keeps its order (so JSON
// round-trips exactly), and validation sorts a copy when it is unsorted.
type Audience struct {
	Kind   IDKind `json:"kind,omitempty"`
	Source Source `json:"source"`
	IDs    []GUID `json:"ids,omitempty"`
}

// IsZero reports whether a is the empty audience: no kind, entered by
// hand, no IDs (nil or empty). JSON omits it, so an audience decoded from
// `"ids":[]` encodes as one decoded from nothing.
func (a Audience) IsZero() bool { return a.Kind == 0 && a.Source == Manual && len(a.IDs) == 0 }

// Has reports whether the audience lists id.
func (a Audience) Has(id GUID) bool {
	if slices.IsSortedFunc(a.IDs, GUID.compare) {
		_, ok := slices.BinarySearchFunc(a.IDs, id, GUID.compare)
		return ok
	}
	return slices.Contains(a.IDs, id)
}

// NewAudience returns an audience of the given IDs, sorted, with
// duplicates removed.
func NewAudience(kind IDKind, src Source, ids ...GUID) Audience {
	ids = slices.Clone(ids)
	slices.SortFunc(ids, GUID.compare)
	return Audience{Kind: kind, Source: src, IDs: slices.Compact(ids)}
}

// Messages of audience problems.
var (
	msgAudienceGUID = rule.Message{
		English: "%q is not a GUID (want xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)",
		Swedish: "%q är inte ett GUID (ska vara xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)",
	}
	msgAudienceNil = rule.Message{
		English: "the nil GUID names no tenant or subscription",
		Swedish: "noll-GUID:t anger ingen klient eller prenumeration",
	}
	msgAudienceDup = rule.Message{
		English: "%s is listed again (first on line %d)",
		Swedish: "%s finns redan (första gången på rad %d)",
	}
	msgAudienceTooMany = rule.Message{
		English: "more than %d %v IDs: a CSV import holds at most %d",
		Swedish: "fler än %d %v-ID:n: en CSV-import rymmer högst %d",
	}
	msgAudienceEmpty = rule.Message{
		English: "the file holds no IDs: one tenant or subscription ID a line, after an optional header row",
		Swedish: "filen innehåller inga ID:n: ett klient- eller prenumerations-ID per rad, efter en valfri rubrikrad",
	}
	msgAudienceCR = rule.Message{
		English: "lines end in a lone carriage return; save the file with Windows (CRLF) or Unix (LF) line endings",
		Swedish: "raderna slutar med ensamma vagnreturer; spara filen med Windows- (CRLF) eller Unix-radslut (LF)",
	}
	msgAudienceKind = rule.Message{
		English: "audience ID kind %s is not tenant or subscription",
		Swedish: "målgruppens ID-typ %s är varken tenant eller subscription",
	}
	msgAudienceCSV = rule.Message{
		English: "%s",
		Swedish: "%s",
	}
)

// ReadAudience reads a private audience of the given kind from a CSV file
// named name (used in problem paths: "audience.csv line 12, column
// TenantId" for an ID, by its header's name or "column 1" without a
// header; "audience.csv line 12" for a line that is not CSV), as Partner
// Center imports it (PLN-08): one ID per row in the first column (further
// columns, such as a description, are ignored), an optional header row
// whose first field is not a GUID, a UTF-8 byte-order mark and blank lines
// tolerated.
//
// The policy's limit for the kind (10,000 subscription IDs or 20,000
// tenant IDs by default) is enforced while reading: reading stops at the
// first row over the limit, so a file of a million lines is refused after
// the limit, in bounded memory (at most 128 bytes a row of the limit).
// Malformed GUIDs and duplicates are all reported, each with its line, as
// [rule.Problems]; the audience returned holds the valid, unique IDs,
// sorted, even when there are problems. A file without a single ID row
// (empty, one byte, a header only) is a problem wrapping [ErrAudience], and
// so is one whose lines end in lone carriage returns, which Partner Center
// does not read as line ends. An invalid policy or kind is reported as
// problems before anything is read.
func (pol Policy) ReadAudience(r io.Reader, name string, kind IDKind) (Audience, error) {
	if err := pol.Validate(); err != nil {
		return Audience{}, err
	}
	if err := checkKind(kind); err != nil {
		return Audience{}, err
	}
	if r == nil {
		return Audience{}, rule.Problems{{Rule: rule.PLN08, Path: name, Message: msgAudienceEmpty, Err: ErrAudience}}.Err()
	}
	limit := pol.orDefault().audienceCSVMax(kind)
	// 128 bytes a row is far more than a GUID and a short description.
	rd := csvx.NewReader(r, name, csvx.Limits{MaxBytes: int64(limit+1) * 128, MaxRows: limit + 1})
	rd.ReuseText() // a field kept (the header's name, a bad ID in a problem) is cloned
	var ps rule.Problems
	var psLines []int // the line of each problem in ps
	problem := func(line int, p rule.Problem) {
		ps.Append(p)
		psLines = append(psLines, line)
	}
	// The valid IDs in the file's order, with their lines.
	read := make([]GUID, 0, estimateIDs(r, limit))
	lines := make([]int32, 0, cap(read))
	tooMany := func() (Audience, error) {
		return Audience{}, rule.Problems{{Rule: rule.PLN08, Path: name, Message: msgAudienceTooMany,
			Args: []any{limit, kind.words(), limit}, Err: ErrAudienceTooLarge}}.Err()
	}
	first := true
	column := "1" // the ID column: its header's name, or its number
	rows := 0     // ID rows, the header excluded
	for {
		rec, line, err := rd.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var ce *csvx.Error
			if errors.As(err, &ce) && (errors.Is(err, csvx.ErrTooManyRows) || errors.Is(err, csvx.ErrTooLarge)) {
				return tooMany()
			}
			msg := err.Error()
			if errors.As(err, &ce) {
				msg = ce.Msg
			}
			problem(line, rule.Problem{Path: lineRef(name, line), Message: msgAudienceCSV, Args: []any{msg}, Err: err})
			break
		}
		if len(rec) == 0 {
			continue
		}
		if rd.CarriageReturn() {
			problem(line, rule.Problem{Path: lineRef(name, line), Message: msgAudienceCR, Err: ErrAudience})
			break
		}
		field := strings.TrimSpace(rec[0])
		g, ok := parseGUID(field)
		if first && !ok && !strings.Contains(field, "-") {
			first = false
			if field != "" {
				column = strings.Clone(truncate(field, 40))
			}
			continue // a header row ("Id", "TenantId", …)
		}
		first = false
		// The reader allows one row more than the limit, for a header;
		// without one, that row is one ID too many.
		if rows++; rows > limit {
			return tooMany()
		}
		switch {
		case !ok:
			problem(line, rule.Problem{Rule: rule.PLN08, Path: cellRef(name, line, column), Message: msgAudienceGUID, Args: []any{strings.Clone(truncate(field, 60))}, Err: ErrGUID})
		case g == (GUID{}):
			problem(line, rule.Problem{Rule: rule.PLN08, Path: cellRef(name, line, column), Message: msgAudienceNil, Err: ErrGUID})
		default:
			read = append(read, g)
			lines = append(lines, int32(min(line, 1<<31-1)))
		}
	}
	if rows == 0 && len(ps) == 0 {
		return Audience{}, rule.Problems{{Rule: rule.PLN08, Path: name, Message: msgAudienceEmpty, Err: ErrAudience}}.Err()
	}
	ids, repeats := sortedUnique(read)
	if !repeats {
		return Audience{Kind: kind, Source: CSV, IDs: ids}, ps.Err()
	}
	// Report each repeat, with the line of the ID's first occurrence,
	// among the other problems, all in line order.
	firstLine := make(map[GUID]int32)
	all := make(rule.Problems, 0, len(ps)+8)
	for i, g := range read {
		f, ok := firstLine[g]
		if !ok {
			firstLine[g] = lines[i]
			continue
		}
		for len(psLines) > 0 && psLines[0] < int(lines[i]) {
			all, ps, psLines = append(all, ps[0]), ps[1:], psLines[1:]
		}
		all = append(all, rule.Problem{Rule: rule.PLN08, Path: cellRef(name, int(lines[i]), column), Message: msgAudienceDup,
			Args: []any{g.String(), int(f)}, Err: ErrDuplicateID})
	}
	all = append(all, ps...)
	return Audience{Kind: kind, Source: CSV, IDs: ids}, all.Err()
}

// estimateIDs guesses the ID rows of an input that reports its length (a
// bytes.Reader, strings.Reader or bytes.Buffer), at 37 bytes a row (a
// GUID and a line end), within limit; 1,024 otherwise.
func estimateIDs(r io.Reader, limit int) int {
	n := 1024
	if l, ok := r.(interface{ Len() int }); ok {
		n = l.Len()/37 + 1
	}
	return max(min(n, limit), 0)
}

// compareGUIDs orders GUIDs as GUID.compare does, comparing each as
// two big-endian 64-bit halves.
func compareGUIDs(a, b *GUID) int {
	if c := cmp.Compare(binary.BigEndian.Uint64(a[:8]), binary.BigEndian.Uint64(b[:8])); c != 0 {
		return c
	}
	return cmp.Compare(binary.BigEndian.Uint64(a[8:]), binary.BigEndian.Uint64(b[8:]))
}

// sortedUnique returns ids sorted, each once, in a new slice, and
// whether some ID was repeated: a counting sort on the IDs' leading
// bits (about one bucket per ID) followed by a sort of each bucket,
// linear for IDs spread as random GUIDs are, and O(n log n) however they
// cluster.
func sortedUnique(ids []GUID) ([]GUID, bool) {
	sorted := make([]GUID, len(ids))
	width := min(max(bits.Len(uint(len(ids))), 1), 16)
	shift := 16 - width
	ends := make([]int32, 1<<width+1)
	bucket := func(g *GUID) int { return int(binary.BigEndian.Uint16(g[:2]) >> shift) }
	for i := range ids {
		ends[bucket(&ids[i])+1]++
	}
	for b := 1; b < len(ends); b++ {
		ends[b] += ends[b-1]
	}
	next := ends[:len(ends)-1] // the start of each bucket, then its end
	for i := range ids {
		b := bucket(&ids[i])
		sorted[next[b]] = ids[i]
		next[b]++
	}
	start := int32(0)
	for _, end := range next {
		if b := sorted[start:end]; len(b) > 12 {
			slices.SortFunc(b, func(x, y GUID) int { return compareGUIDs(&x, &y) })
		} else {
			for i := 1; i < len(b); i++ {
				for j := i; j > 0 && compareGUIDs(&b[j-1], &b[j]) > 0; j-- {
					b[j-1], b[j] = b[j], b[j-1]
				}
			}
		}
		start = end
	}
	unique := slices.Compact(sorted)
	return unique, len(unique) < len(sorted)
}

func lineRef(name string, line int) string { return name + " line " + strconv.Itoa(line) }

// cellRef names the ID cell of a line: "audience.csv line 12, column
// TenantId" ("column 1" without a header row).
func cellRef(name string, line int, column string) string {
	return lineRef(name, line) + ", column " + column
}
