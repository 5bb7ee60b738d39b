// Package currency is exact multi-currency money for the commercial
// marketplace: ISO 4217 currency codes, amounts in minor units, exchange
// and fee rates, explicit rounding, loss-free splitting, and CLDR-correct
// formatting. Everything else in marketrules computes with it.
//
// # Representation
//
// A [Money] is an int64 number of minor units (cents, öre, yen) and a
// [Code]: 16 bytes, no pointers, comparable with == and usable as a map
// key. 19.99 USD is New(1999, USD), which refuses a code outside ISO
// 4217, or MustFromMinor(1999, USD) for a constant; the largest amount is
// 92,233,720,368,547,758.07 in a two-decimal currency. A [Code] is a small
// integer naming an ISO 4217 currency; [Code.Digits] gives its minor unit
// (2 for USD, 0 for JPY, 3 for BHD). Every active ISO 4217 currency with
// minor units is a constant ([USD], [SEK], [JPY] …), generated from
// data/iso4217.csv ([ISOVersion]).
//
// The zero Money is zero in no currency and the identity of [Money.Add] and
// [Money.Sub]; [Money.IsZero] reports it, so an `omitzero` JSON field
// drops the zero Money but keeps 0.00 SEK (test a zero amount with
// m.Sign() == 0). The zero Code is no currency. A code outside ISO 4217
// (Code(9999)) is refused wherever it enters: [New], [ParseAmount],
// [Money.Convert], text and JSON; it prints as "currency.Code(9999)".
//
// A [Rate] is an exact non-negative fixed-point number (coefficient and
// scale, up to 18 significant digits and [MaxRateScale] decimal places):
// an exchange rate (149.2345), a fee (0.03), a discount. It keeps the scale
// it was written with, so text round-trips exactly.
//
// # Marketplace currencies (PRC-08)
//
// The marketplace transacts in 17 currencies: AUD, BRL, CAD, CHF, DKK,
// EUR, GBP, INR, JPY, KRW, NOK, NZD, RMB, RUB, SEK, TWD, USD.
// [Code.IsMarketplace] and [Marketplace] identify them. Microsoft's
// documents write RMB; ISO 4217 says CNY, which is this package's code,
// and [ParseCode] accepts RMB as an alias.
//
// # Arithmetic and rounding
//
// [Money.Add], [Money.Sub], [Money.Neg], [Money.Abs], [Money.Cmp] and
// [Money.Mul] (by a whole quantity) are exact. Every operation that divides
// is one exactly rounded step with a named [RoundingMode]: [Money.MulDiv]
// computes x × num / den through a 128-bit intermediate (proration,
// shares), [Money.MulRate] multiplies by a Rate (fees, discounts), and
// [Money.Convert] converts at an exchange rate into another currency's
// minor unit. Nothing rounds twice, nothing rounds implicitly, and the
// RoundingMode values are the seven of IEEE 754 and Java's BigDecimal:
// [HalfEven] (the zero value), [HalfUp], [HalfDown], [Up], [Down],
// [Ceiling], [Floor].
//
// [ExchangeRate.Convert] returns a [Conversion] that records the rate and
// the rounding it used, so a price can say how it was obtained (PRC-03).
// A missing exchange rate is [ErrNoRate] everywhere in the module.
//
// # Sums
//
// [Sum] adds a list of amounts; a [Total] adds them one by one in a loop
// without an error check per addition: the first currency mismatch or
// overflow sticks and [Total.Result] reports it. Neither allocates unless
// it fails.
//
// # Splitting and allocation
//
// [Money.Split] divides an amount into n parts that differ by at most one
// minor unit, the extra units going to the first parts (100.00 / 3 is
// 33.34, 33.33, 33.33). [Money.Allocate] divides by weights with the
// largest-remainder method, ties to the earlier part. Parts always sum to
// the whole, exactly. [Money.SplitInto] and [Money.AllocateInto] fill a
// caller's slice and do not allocate.
//
// # Text, JSON and formatting
//
// [Money.String] and [Parse] use "1234.50 SEK": the amount with exactly the
// currency's decimal places, a space, the code. In JSON, Money is
// {"amount":"1234.50","currency":"SEK"}, the amount always a string, never
// a float; "1.50" stays "1.50". Parsing is exact: "12.345" is an error for
// USD unless the caller names a rounding mode ([ParseAmountRound]).
//
// [Locale] formats for people: [Locale.Format] writes 1234567.89 EUR as
// "1.234.567,89 €" in de-DE, "1 234 567,89 €" in sv-SE and "€1,234,567.89"
// in en-US, with CLDR's symbols, separators, minus signs, patterns and
// currency spacing. The table is generated from a CLDR subset
// (data/cldr-locales.json, [CLDRVersion]) and is checked against ICU's
// output for every locale and marketplace currency. Locales are matched
// with golang.org/x/text/language ([LocaleFor]).
//
// # Errors
//
// Every error wraps one of the exported sentinels ([ErrUnknownCode],
// [ErrSyntax], [ErrPrecision], [ErrOverflow], [ErrCurrencyMismatch],
// [ErrDivisionByZero], [ErrNegative], [ErrRoundingMode], [ErrZeroRate],
// [ErrNoRate], [ErrArgument]) for errors.Is. Parse failures are a [*ParseError] naming
// the input; arithmetic failures are an [*OpError] carrying the operands.
// Nothing in this package panics, except the Must functions on bad input.
//
// # Performance
//
// Add, Sub and Mul inline; arithmetic, conversion, splitting into a
// caller's slice, parsing and appending text or a formatted amount do not
// allocate; [Locale.Format] allocates only its result. See BENCHMARKS.md.
//
// # Examples
//
// The package's Example functions show every entry point; the program
// examples/quickstart tours conversion, locale formatting and allocation.
package currency
