// Package market knows the markets of the Microsoft commercial
// marketplace: the 141 countries and regions where customers can buy, plus
// China, which lists only free and BYOL virtual machine images. For each it
// gives the ISO 3166-1 alpha-2 code, the English name, the billing
// currency, who handles customer tax, and whether Azure reservations are
// sold there.
//
// # What it answers
//
//   - Is this a market, and which one? [Parse] reads a code in any case;
//     [Code.Valid] and [Code.Market] answer for a code in hand.
//   - Can customers buy here, and in which currency? [Market.Transacts],
//     [Market.Currency], [TransactingSet].
//   - Does Microsoft remit customer tax here? [Market.Tax],
//     [Market.TaxRemitted], [TaxRemittedSet].
//   - Are Azure reservations available? [Market.Reservations].
//   - How does the market write money? [Market.Language], [Market.Locale].
//   - Which markets are chosen? [Set] holds any selection of markets, such
//     as the markets of a plan, with set operations and JSON.
//
// # Rules
//
// The package encodes these rules of the rulebook (package
// github.com/marketrules/marketrules/rule):
//
//   - PRC-08: the 17 transaction currencies. Every billing currency of a
//     market is one of them ([currency.Code.IsMarketplace]); the list
//     itself lives in package currency. The markets use 16 of them; no
//     market is billed in RMB (CNY).
//   - PRC-09: customers can buy in 141 markets. [All] has 142 markets;
//     China is the one with Transacts false, and [TransactingSet] has 141.
//   - PRC-10: CSP prices exclude tax except in Australia and Brazil. It is
//     not encoded here but in package pricing, which prices for a channel;
//     this package only records who handles tax.
//   - PLN-06: a publisher may restrict a plan to the markets where
//     Microsoft remits tax: [Market.TaxRemitted], [TaxRemittedSet] (61
//     markets: the Microsoft-managed ones and Brazil, the reseller market).
//   - CSP-04: Azure reservations are not available in the markets that
//     "Sell software subscriptions through the Cloud Solution Provider
//     program" (2023-06-30) lists; of the marketplace's markets those are Andorra, Azerbaijan,
//     China, Vatican City and Yemen ([Market.Reservations] is false).
//   - EXT-15: the market list, with ISO code, billing currency and tax
//     handling; a plan selects 1 to 141 markets.
//
// # Data
//
// The table is generated from data/markets.csv by
// internal/tools/genmarket (run go generate ./market) into
// markets_gen.go; [DataSource] names the published documents the CSV was
// taken from and their dates. Nothing is read at run time.
//
// The source's remarks are kept in [Market.Notes]. Those that qualify a
// market's row:
//
//   - Mexico is Microsoft-managed, but Microsoft is the reseller for
//     Enterprise Agreement purchases.
//   - Brazil is the reseller market, billed in BRL; CSP purchases in Brazil
//     use USD.
//   - China does not transact: free and BYOL VM images only, no billing
//     currency (the zero [currency.Code]), tax [NotEnabled].
//   - Korea (South) transacts only for customers outside the Enterprise
//     Agreement and not through the CSP channel.
//
// # Representation
//
// A [Code] is a one-byte index into the table: a small comparable value,
// with a constant for every market ([SE], [DE], …). The zero Code is no
// market. The numeric value may change between versions, so persist codes
// as text ([Code.MarshalText]). [Code.String], [Code.Valid], [Code.Market]
// and [Parse] of a valid code do not allocate.
//
// A [Set] is a bit set over the codes: comparable with ==, usable as a map
// key, with no allocation for [Set.Add], [Set.Remove], [Set.Has],
// [Set.Len] and the set operations. The zero Set is empty. Its String is
// "DE SE" and its JSON ["DE","SE"], codes in code order.
//
// [TaxHandling] is an append-only enum with stable text names
// ("microsoft-managed", …).
//
// # Errors
//
// [Parse] fails with an [*UnknownError] naming the input and wrapping
// [ErrUnknown], for any text that is not a market's code (empty, too long,
// not letters, or not a marketplace market). Decoding a [Set] from JSON
// fails for anything but an array of codes, naming the bad element's index
// (`market: markets[3]: unknown market "XX"`); a repeated market wraps
// [ErrDuplicate]. Test errors with [errors.Is] and [errors.As].
//
// # Examples
//
// Look up a market and format a price for it:
//
//	se := market.MustParse("se").Market()
//	fmt.Println(se.Name, se.Currency, se.Tax)            // Sweden SEK microsoft-managed
//	fmt.Println(se.Locale().Format(currency.MustParse("1234.50 SEK"))) // 1 234,50 kr
//
// Restrict a plan's markets to those where Microsoft remits tax (PLN-06):
//
//	markets := market.SetOf(market.SE, market.AR, market.JP)
//	fmt.Println(markets.Intersect(market.TaxRemittedSet())) // SE
package market
