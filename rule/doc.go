// Package rule is the shared vocabulary of the library: the numbered rules
// of the Microsoft commercial marketplace that the other packages encode,
// the problems that validation reports, the reason codes of decisions, and
// the messages that explain both in English and Swedish.
//
// # Rule IDs
//
// Every rule of the rulebook has an [ID] of three capital
// letters, a hyphen and two digits, "PLN-01", and a constant named after it
// without the hyphen, [PLN01]. The prefix names the area:
//
//   - OFR: offers (package offer)
//   - ACC: Partner Center roles (offer)
//   - PLN: plans (plan)
//   - PRC: pricing (pricing; the market and currency facts in market and
//     currency)
//   - TRL: free trials (trial)
//   - RFD: refunds and cancellation (refund)
//   - PAY: payouts (payout)
//   - RWD: Marketplace Rewards (payout)
//   - CSP: CSP subscriptions (refund, pricing, market)
//   - BUY: buying (offer)
//   - EXT: rules from further Microsoft documents (listing options,
//     metering, price changes, private offers, store fee, payout schedule,
//     refund windows, new commerce, markets)
//
// An ID never changes meaning and is never reused. [Lookup] returns a
// [Rule]: the package that encodes it, its source and its statement in
// both languages; [All] lists the rulebook in order. Tests name the rule
// they prove (// PLN-01), so searching for an ID finds its code and its
// proof.
//
// # Problems
//
// Validation reports every problem at once, not the first: a [Problem]
// says which rule is broken, where (a path such as "plans[3].id" or
// "audience.csv line 12") and what, as a [Message] with its arguments.
// A validator collects them in [Problems] with [Problems.Add] and ends with
// `return problems.Err()`, which is nil when nothing is wrong.
//
// Problems is an error. [errors.As] gets the list from a wrapped error, and
// [errors.Is] sees each problem and the sentinel error it carries
// ([Problem.Err]), so a caller can both show every problem and test for
// one kind:
//
//	var ps rule.Problems
//	if errors.As(err, &ps) {
//		for _, p := range ps {
//			fmt.Println(p.Text(rule.Swedish))
//		}
//	}
//
// # Decisions and reasons
//
// A business decision ("may this subscription be refunded?") is not an
// error. The packages that make decisions return a value with the outcome,
// the rule ID that decided it, a stable [Reason] code ("window-open") that
// hosts may switch on and store, and the figures used (the window's end,
// the days used, the amount). Its Explain(lang) method renders the
// decision in English or Swedish with this package's messages. Errors are
// only for invalid input: a malformed ID, an unknown currency, a time
// before a subscription's start.
//
// # Languages
//
// The library explains itself in English and Swedish ([Language];
// [LanguageFor] picks one from a user's preferred language tags). A
// [Message] holds one format string per language; [Message.Render] formats
// it as the printers of [golang.org/x/text/message] do, so numbers are
// localized ("10,000" and "10 000"), and renders [currency.Money] in the
// language's CLDR currency format ("$1,234.50", "1 234,50 kr").
// [Message.Append] builds a longer text in one buffer. Rule statements are
// in both languages too ([ID.Statement]).
//
// # Data
//
// The rulebook (the ID constants and the table behind [Lookup] and [All])
// is generated from data/rulebook.csv by internal/tools/genrules, with
// go generate ./rule, into rulebook_gen.go. Each rule carries its
// Microsoft sources ([Rule.Sources]: document title, version date and
// section). The generator rejects a malformed or repeated ID, an empty
// field, a malformed date and a statement that cites anything outside the
// module. Nothing is read at run time.
//
// # Errors
//
// [Problems] is the error type of validation across the library: a list of
// [Problem] values, each with its rule, path, bilingual message and
// optional sentinel, holding at most [MaxProblems] and counting the rest.
// A validator returns it with [Problems.Err], a comparable *Problems;
// errors.As extracts the list; errors.Is finds a sentinel in any of its
// problems. Its JSON form ([Problems.JSON], [Localized]) gives each
// problem's rule, path, stable code ([Problem.Code]) and message in a
// chosen language. Every enum of the module reports an unknown name as an
// [UnknownNameError].
//
// # Examples
//
// The package's Example functions show the rulebook, messages in both
// languages and the errors.As pattern; examples/validate-offer prints a
// whole list of problems with the statements of the rules they cite.
package rule
