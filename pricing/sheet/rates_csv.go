package sheet

import (
	"encoding/csv"
	"errors"
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
func RatesColumns() []string { return []string{"as_of", "from", "to", "rate"} }

// Limits of ReadRatesCSV: far more rates than the 17 marketplace
// currencies quoted daily for years.
const (
	ratesMaxRows  = 200_000
	ratesMaxBytes = 16 << 20
)

// ErrRatesCSV is wrapped by the problems of a rates CSV that cannot be
// read.
var ErrRatesCSV = errors.New("invalid exchange-rates CSV")

var msgRatesField = rule.Message{English: "%s: %s", Swedish: "%s: %s"}

// ReadRatesCSV reads dated exchange rates in the format of [RatesColumns]
// from r, named name in problems ("rates.csv line 3"). Every malformed row
// is reported, all at once, as [rule.Problems] wrapping [ErrRatesCSV]; the
// input is bounded (200,000 rows, 16 MiB) while it is read. A UTF-8
// byte-order mark and blank lines are tolerated.
func ReadRatesCSV(r io.Reader, name string) ([]DatedRate, error) {
	rd := csvx.NewReader(r, name, csvx.Limits{MaxRows: ratesMaxRows, MaxBytes: ratesMaxBytes})
	var ps rule.Problems
	problem := func(path string, msg rule.Message, args ...any) {
		ps = append(ps, rule.Problem{Rule: rule.PRC03, Path: path, Message: msg, Args: args, Err: ErrRatesCSV})
	}
	if err := rd.Header(RatesColumns()...); err != nil {
		problem(name, msgRatesField, "header", err.Error())
		return nil, ps
	}
	var rates []DatedRate
	for {
		rec, line, err := rd.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var ce *csvx.Error
			where := name
			if errors.As(err, &ce) {
				where = ce.Where()
			}
			problem(where, msgRatesField, "CSV", err.Error())
			break
		}
		at := name + " line " + strconv.Itoa(line)
		asOf, err0 := parseAsOf(strings.TrimSpace(rec[0]))
		from, err1 := currency.ParseCode(strings.TrimSpace(rec[1]))
		to, err2 := currency.ParseCode(strings.TrimSpace(rec[2]))
		rate, err3 := currency.ParseRate(strings.TrimSpace(rec[3]))
		if err0 == nil && err1 == nil && err2 == nil && err3 == nil && rate.IsZero() {
			err3 = currency.ErrZeroRate
		}
		for i, e := range [...]error{err0, err1, err2, err3} {
			if e != nil {
				problem(at, msgRatesField, RatesColumns()[i], e.Error())
			}
		}
		if err0 != nil || err1 != nil || err2 != nil || err3 != nil {
			continue
		}
		rates = append(rates, DatedRate{ExchangeRate: currency.ExchangeRate{From: from, To: to, Rate: rate}, AsOf: asOf})
	}
	if len(ps) > 0 {
		return rates, ps
	}
	return rates, nil
}

func parseAsOf(s string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	return time.Parse(time.RFC3339Nano, s)
}

// WriteRatesCSV writes rates in the format of [RatesColumns]: the date as
// "2006-01-02" when it is midnight UTC, else RFC 3339; the rate with the
// scale it was written with, so reading it back gives the same rates.
func WriteRatesCSV(w io.Writer, rates []DatedRate) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(RatesColumns()); err != nil {
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
