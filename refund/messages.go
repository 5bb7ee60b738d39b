package refund

import "github.com/marketrules/marketrules/rule"

// Problem messages: English and Swedish, rendered by rule.Message.
var (
	msgKind                 = rule.Message{English: "unknown charge type %s", Swedish: "okänd typ av avgift %s"}
	msgChargeMissing        = rule.Message{English: "missing: the charge type", Swedish: "saknas: typen av avgift"}
	msgEvent                = rule.Message{English: "a %s cannot happen to a %s charge", Swedish: "händelsen %s kan inte inträffa för en avgift av typen %s"}
	msgMissingStart         = rule.Message{English: "missing: the instant of the purchase, renewal or addition of seats that opens the window", Swedish: "saknas: tidpunkten för köpet, förnyelsen eller tillägget av licenser som öppnar fönstret"}
	msgMissingAt            = rule.Message{English: "missing: the instant of the request", Swedish: "saknas: tidpunkten för begäran"}
	msgMissingHistoryAt     = rule.Message{English: "missing: the instant of the cancellation", Swedish: "saknas: tidpunkten för uppsägningen"}
	msgBeforeStart          = rule.Message{English: "the request at %v is before the start of the window at %v", Swedish: "begäran %v ligger före fönstrets början %v"}
	msgNoCurrency           = rule.Message{English: "an amount of %d minor units without a valid currency", Swedish: "ett belopp på %d minsta enheter utan giltig valuta"}
	msgNegative             = rule.Message{English: "negative amount %v", Swedish: "negativt belopp %v"}
	msgTermInvalid          = rule.Message{English: "billing term %s is not a term of 1 month to 3 years", Swedish: "faktureringsperioden %s är inte en period på 1 månad till 3 år"}
	msgTermMissing          = rule.Message{English: "missing: the billing term, which decides the window of a %s charge", Swedish: "saknas: faktureringsperioden, som avgör fönstret för en avgift av typen %s"}
	msgTermPeriod           = rule.Message{English: "missing: the billing term or paid_until, which give the paid period to prorate", Swedish: "saknas: faktureringsperioden eller paid_until, som ger den betalda perioden att fördela"}
	msgVendor               = rule.Message{English: "unknown vendor %s", Swedish: "okänd leverantör %s"}
	msgZone                 = rule.Message{English: "missing: the buyer's time zone, in which the calendar days of a %s charge are counted", Swedish: "saknas: köparens tidszon, där kalenderdagarna för en avgift av typen %s räknas"}
	msgPaidUntilSeats       = rule.Message{English: "missing: the end of the period paid for the added seats", Swedish: "saknas: slutet av den period som de tillagda licenserna är betalda för"}
	msgPeriod               = rule.Message{English: "the paid period must end at least one calendar day after it starts: it ends %v and starts %v", Swedish: "den betalda perioden måste sluta minst en kalenderdag efter att den börjar: den slutar %v och börjar %v"}
	msgLimitCurrency        = rule.Message{English: "%v is not in %s, the currency of the reservation cancellation limit", Swedish: "%v är inte i %s, valutan för gränsen för uppsägning av reservationer"}
	msgHistoryOverflow      = rule.Message{English: "the cancelled amounts add up to more than an amount can hold", Swedish: "de uppsagda beloppen blir tillsammans större än ett belopp kan rymma"}
	msgArithmetic           = rule.Message{English: "cannot compute the refund: %s", Swedish: "kan inte beräkna återbetalningen: %s"}
	msgSaaSEmpty            = rule.Message{English: "the SaaS schedule has no entries", Swedish: "SaaS-schemat saknar poster"}
	msgSaaSOrder            = rule.Message{English: "the SaaS schedule must be sorted by strictly increasing from", Swedish: "SaaS-schemat måste vara sorterat efter strängt stigande from"}
	msgSaaSRule             = rule.Message{English: "unknown rule %q", Swedish: "okänd regel %q"}
	msgRounding             = rule.Message{English: "unknown rounding mode %s", Swedish: "okänt avrundningsläge %s"}
	msgLimitAmount          = rule.Message{English: "the reservation cancellation limit %v must be a non-negative amount in a valid currency", Swedish: "gränsen för uppsägning av reservationer %v måste vara ett icke-negativt belopp i en giltig valuta"}
	msgLimitPeriod          = rule.Message{English: "the reservation cancellation limit needs a positive rolling period, not %s", Swedish: "gränsen för uppsägning av reservationer behöver en positiv rullande period, inte %s"}
	msgTermRange            = rule.Message{English: "a %s term from %v ends after the year 9999", Swedish: "en period på %s från %v slutar efter år 9999"}
	msgTooLarge             = rule.Message{English: "%s bytes of JSON, more than the limit of %s", Swedish: "%s byte JSON, mer än gränsen %s"}
	msgRemaining            = rule.Message{English: "%q is not a duration", Swedish: "%q är ingen varaktighet"}
	msgDecisionRule         = rule.Message{English: "unknown rule %q", Swedish: "okänd regel %q"}
	msgDecisionCurrency     = rule.Message{English: "%v is not in the currency of the amount paid, %v", Swedish: "%v är inte i det betalda beloppets valuta, %v"}
	msgDecisionOverRefund   = rule.Message{English: "a refund of %v is more than the %v paid", Swedish: "en återbetalning på %v är mer än de betalda %v"}
	msgDecisionSum          = rule.Message{English: "refund %v and retained %v do not add up to the %v paid", Swedish: "återbetalningen %v och det behållna %v blir inte de betalda %v"}
	msgDecisionNoSettlement = rule.Message{English: "an allowed decision needs a settlement other than none", Swedish: "ett tillåtet beslut behöver en annan reglering än ingen"}
	msgDecisionRefused      = rule.Message{English: "a decision that is not allowed refunds nothing, not %v", Swedish: "ett beslut som inte tillåts återbetalar inget, inte %v"}
	msgDecisionFull         = rule.Message{English: "a %s settlement refunds everything paid: %v, not %v", Swedish: "en reglering av typen %s återbetalar allt betalt: %v, inte %v"}
	msgDecisionNegative     = rule.Message{English: "negative: %d", Swedish: "negativt: %d"}
	msgDecisionWindow       = rule.Message{English: "the window ends at %v, before it starts at %v", Swedish: "fönstret slutar %v, innan det börjar %v"}
)
