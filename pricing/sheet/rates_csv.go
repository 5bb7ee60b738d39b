package sheet

import (
	"encoding/csv"
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
// reported at once as [rule.Problems]: a field that does not parse wraps
// [ErrBadRate]; malformed CSV, a wrong header or input over the limits
// (200,000 rows, 16 MiB, enforced while reading) wraps [ErrCSV] or
// [ErrLimit]. The first [MaxProblems] problems are listed, then one that
// counts the rest, so that memory stays within a small multiple of the
// byte limit. A UTF-8 byte-order mark and blank lines are tolerated.
// Reading allocates a constant number of times per row.
func ReadRatesCSV(r io.Reader, name string) ([]DatedRate, error) {
	lim := csvx.Limits{MaxRows: ratesMaxRows, MaxBytes: ratesMaxBytes}
	rd := csvx.NewReader(r, name, lim)
	var ps problemList
	problem := func(path string, err error, msg rule.Message, args ...any) {
		ps.add(rule.Problem{Rule: rule.PRC03, Path: path, Message: msg, Args: args, Err: err})
	}
	if err := rd.Header(ratesColumns[:]...); err != nil {
		ps.add(sheetCSVProblem(name, err))
		return nil, ps.err()
	}
	rates := make([]DatedRate, 0, estimateRows(r, lim, 24))
	for {
		rec, line, err := rd.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			ps.add(sheetCSVProblem(name, err))
			break
		}
		asOf, err0 := parseAsOf(strings.TrimSpace(rec[0]))
		from, err1 := currency.ParseCode(strings.TrimSpace(rec[1]))
		to, err2 := currency.ParseCode(strings.TrimSpace(rec[2]))
		rate, err3 := currency.ParseRate(strings.TrimSpace(rec[3]))
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

func parseAsOf(s string) (time.Time, error) {
	if t, ok := parseDate(s); ok {
		return t, nil
	}
	return time.Parse(time.RFC3339Nano, s)
}

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
	if !ok1 || !ok2 || !ok3 || y < 1 || m < 1 || m > 12 || d < 1 || d > time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), true
}
