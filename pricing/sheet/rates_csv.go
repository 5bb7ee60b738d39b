package sheet

import (
	"encoding/csv"
	"errors"
	"github.com/marketrules/marketrules/calendar"
	"github.com/marketrules/marketrules/market"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/internal/csvx"
	"github.com/marketrules/marketrules/rule"
)

// RatesColumns returns the header of the exchange-rates CSV that
// [ReadRatesCSV] reads and [WriteRatesCSV] writes:
//
//	as_of  the rate's date, "2026-01-02" (midnight UTC), or an RFC 3339 instant
//	from   the currency converted from, "USD"
//	to     the currency converted to, "SEK"
//	rate   units of to per unit of from, exact: "9.4215"
func RatesColumns() []string { return append([]string(nil), ratesColumns[:]...) }

var ratesColumns = [...]string{"as_of", "from", "to", "rate"}

// Limits of ReadRatesCSV: far more rates than the 17 marketplace
// currencies quoted daily for years.
const (
	ratesMaxRows  = 200_000
	ratesMaxBytes = 16 << 20
)

var msgRatesField = rule.Message{English: "%s: %s", Swedish: "%s: %s"}

// ReadRatesCSV reads dated exchange rates in the format of [RatesColumns]
// from r, named name in problems ("rates.csv line 3"). Malformed rows are
// reported at once as [rule.Problems]: a field that does not parse, or
// an instant that is the zero instant, wraps [ErrBadRate]; malformed CSV, a wrong header or input over the limits
// (200,000 rows, 16 MiB, enforced while reading) wraps [ErrCSV] or
// [ErrLimit]. The first [MaxProblems] problems are listed, then one that
// counts the rest, so that memory stays within a small multiple of the
// byte limit. A UTF-8 byte-order mark and blank lines are tolerated.
// Reading allocates a constant number of times per row.
func ReadRatesCSV(r io.Reader, name string) ([]DatedRate, error) {
	lim := csvx.Limits{MaxRows: ratesMaxRows, MaxBytes: ratesMaxBytes}
	rd := csvx.NewReader(r, name, lim)
	rd.ReuseText() // no field is kept: each is parsed, errors are rendered at once
	var ps problemList
	problem := func(path string, err error, msg rule.Message, args ...any) {
		ps.add(rule.Problem{Rule: rule.PRC03, Path: path, Message: msg, Args: args, Err: err})
	}
	if err := rd.Header(ratesColumns[:]...); err != nil {
		ps.add(sheetCSVProblem(name, err))
		return nil, ps.err()
	}
	rates := make([]DatedRate, 0, estimateRows(r, lim, 24))
	var codes codeCache
	for {
		rec, line, err := rd.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			ps.add(sheetCSVProblem(name, err))
			break
		}
		asOf, err0 := parseAsOf(trim(rec[0]))
		from, err1 := codes.parse(trim(rec[1]))
		to, err2 := codes.parse(trim(rec[2]))
		rate, err3 := parseRate(trim(rec[3]))
		if err0 == nil && err1 == nil && err2 == nil && err3 == nil && rate.IsZero() {
			err3 = currency.ErrZeroRate
		}
		if err0 != nil || err1 != nil || err2 != nil || err3 != nil {
			at := name + " line " + strconv.Itoa(line)
			for i, e := range [...]error{err0, err1, err2, err3} {
				if e != nil {
					problem(at, ErrBadRate, msgRatesField, ratesColumns[i], e.Error())
				}
			}
			continue
		}
		rates = append(rates, DatedRate{ExchangeRate: currency.ExchangeRate{From: from, To: to, Rate: rate}, AsOf: asOf})
	}
	if err := ps.err(); err != nil {
		return rates, err
	}
	return rates, nil
}

// trim is strings.TrimSpace with a fast path for a field without
// surrounding space.
func trim(s string) string {
	if len(s) > 0 && s[0] > ' ' && s[len(s)-1] > ' ' {
		return s
	}
	return strings.TrimSpace(s)
}

// codeCache remembers the currency codes a reader has parsed, keyed by
// their three bytes, so that a file of a few currencies parses each once.
type codeCache struct {
	key     [64]uint32
	code    [64]currency.Code
	markets [26 * 26]market.Code
}

// market parses a market code, remembering the two-letter codes it has
// parsed.
func (c *codeCache) market(s string) (market.Code, error) {
	if len(s) == 2 {
		a, b := s[0]|0x20, s[1]|0x20
		if a >= 'a' && a <= 'z' && b >= 'a' && b <= 'z' {
			i := int(a-'a')*26 + int(b-'a')
			if m := c.markets[i]; m != 0 {
				return m, nil
			}
			m, err := market.Parse(s)
			if err == nil {
				c.markets[i] = m
			}
			return m, err
		}
	}
	return market.Parse(s)
}

func (c *codeCache) parse(s string) (currency.Code, error) {
	if len(s) != 3 {
		return currency.ParseCode(s)
	}
	k := 1<<24 | uint32(s[0])<<16 | uint32(s[1])<<8 | uint32(s[2]) // never 0, the empty slot
	i := k * 2654435761 >> 26
	if c.key[i] == k {
		return c.code[i], nil
	}
	code, err := currency.ParseCode(s)
	if err == nil {
		c.key[i], c.code[i] = k, code
	}
	return code, err
}

// parseRate parses a rate, with a fast path for plain "digits.digits"
// that gives what currency.ParseRate gives.
func parseRate(s string) (currency.Rate, error) {
	if n := len(s); n == 0 || n > 18 {
		return currency.ParseRate(s)
	}
	var coef int64
	scale, dot := 0, -1
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			coef = coef*10 + int64(c-'0')
		case c == '.' && dot < 0 && i > 0 && i < len(s)-1:
			dot = i
		default:
			return currency.ParseRate(s)
		}
	}
	if dot >= 0 {
		scale = len(s) - dot - 1
	}
	if scale > currency.MaxRateScale {
		return currency.ParseRate(s)
	}
	return currency.NewRate(coef, scale)
}

// parseAmount parses an amount in c, with a fast path for plain
// "digits.digits" within c's decimal places that gives what
// currency.ParseAmount gives.
func parseAmount(s string, c currency.Code) (currency.Money, error) {
	digits := c.Digits()
	if n := len(s); n == 0 || n > 17 || !c.Valid() {
		return currency.ParseAmount(s, c)
	}
	var v int64
	dot := -1
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; {
		case ch >= '0' && ch <= '9':
			v = v*10 + int64(ch-'0')
		case ch == '.' && dot < 0 && i > 0 && i < len(s)-1:
			dot = i
		default:
			return currency.ParseAmount(s, c)
		}
	}
	frac := 0
	if dot >= 0 {
		frac = len(s) - dot - 1
	}
	nd := len(s)
	if dot >= 0 {
		nd--
	}
	if frac > digits || nd+digits-frac > 18 {
		return currency.ParseAmount(s, c)
	}
	for ; frac < digits; frac++ {
		v *= 10
	}
	return currency.New(v, c)
}

// parseAsOf parses a rate's instant: a date or RFC 3339. The zero
// instant, which a DatedRate's zero AsOf stands for as "none", is
// refused here, at its line, rather than by Save as a missing instant.
func parseAsOf(s string) (time.Time, error) {
	t, ok := parseDate(s)
	if !ok {
		var err error
		if t, err = time.Parse(time.RFC3339Nano, s); err != nil {
			return t, err
		}
	}
	if t.IsZero() {
		return t, errZeroAsOf
	}
	return t, nil
}

var errZeroAsOf = errors.New("0001-01-01T00:00:00Z is the zero instant, which stands for no instant")

// WriteRatesCSV writes rates in the format of [RatesColumns]: the date as
// "2006-01-02" when it is midnight UTC, else RFC 3339; the rate with the
// scale it was written with, so reading it back gives the same rates.
func WriteRatesCSV(w io.Writer, rates []DatedRate) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(ratesColumns[:]); err != nil {
		return err
	}
	for _, r := range rates {
		asOf := r.AsOf.UTC().Format(time.RFC3339Nano)
		if u := r.AsOf.UTC(); u.Hour() == 0 && u.Minute() == 0 && u.Second() == 0 && u.Nanosecond() == 0 {
			asOf = u.Format(time.DateOnly)
		}
		if err := cw.Write([]string{asOf, r.From.String(), r.To.String(), r.Rate.String()}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// parseDate parses "2006-01-02" as midnight UTC without time.Parse's
// generality; false for any other form or an invalid date.
func parseDate(s string) (time.Time, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return time.Time{}, false
	}
	num := func(b string) (int, bool) {
		n := 0
		for i := 0; i < len(b); i++ {
			c := b[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	y, ok1 := num(s[:4])
	m, ok2 := num(s[5:7])
	d, ok3 := num(s[8:])
	if !ok1 || !ok2 || !ok3 {
		return time.Time{}, false
	}
	n, err := calendar.DayNumber(y, time.Month(m), d)
	if err != nil {
		return time.Time{}, false
	}
	return time.Unix(n*86400, 0).UTC(), true
}
