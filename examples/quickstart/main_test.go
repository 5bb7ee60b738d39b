package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

// visible makes the no-break spaces of CLDR money formats visible in the
// golden text, so that a change from U+00A0 to U+202F (or to a plain space)
// shows up in a diff and survives copy and paste: U+00A0 is written "·" and
// U+202F "˙" (neither occurs in the output otherwise).
var visible = strings.NewReplacer("\u00a0", "·", "\u202f", "˙")

// golden is the whole output of the quickstart, with visible no-break spaces.
const golden = `marketrules quickstart: exact money for the Microsoft commercial marketplace

1. Parsing: text becomes an exact number of minor units

  Call                        Money        Minor units
  --------------------------  -----------  -----------
  Parse("49.99 USD")          49.99 USD           4999
  Parse("1250 JPY")           1250 JPY            1250
  Parse("-0.05 SEK")          -0.05 SEK             -5
  ParseAmount("1234.5", EUR)  1234.50 EUR       123450
  ParseAmount("0.5", BHD)     0.500 BHD            500

ParseAmount("12.345", USD) is an error, not a guess:
  currency: parsing amount "12.345": more decimal places than allowed (USD has 2 decimal places)

2. A list price of 49.99 USD per month, in the billing currency of 8 markets

Exchange rates: illustrative only (not market data), as of 2026-11-20.
Rounding: half-even, once, from the exact product to the currency's minor unit.

  Market             Locale      1 USD =  Exact product  Rounding        Billed  Formatted
  -----------------  ------  -----------  -------------  ---------  -----------  ---------
  SE Sweden          sv-SE    9.4215 SEK     470.980785  half-even   470.98 SEK  470,98·kr
  DE Germany         de-DE    0.8612 EUR      43.051388  half-even    43.05 EUR    43,05·€
  JP Japan           ja-JP   154.337 JPY     7715.30663  half-even     7715 JPY    ￥7,715
  GB United Kingdom  en-GB    0.7563 GBP      37.807437  half-even    37.81 GBP     £37.81
  BR Brazil          pt-BR    5.3318 BRL     266.536682  half-even   266.54 BRL  R$·266,54
  IN India           en-IN    88.654 INR     4431.81346  half-even  4431.81 INR  ₹4,431.81
  CH Switzerland     de-CH    0.8021 CHF      40.096979  half-even    40.10 CHF  CHF·40.10
  NO Norway          nb-NO   10.1459 NOK     507.193541  half-even   507.19 NOK  507,19·kr

PRC-03: USD prices are converted to each selected market's local currency at the current exchange rate when saved; the publisher may export, edit and re-import the per-market price sheet and owns the result.
PRC-03 (sv): Priser som anges i USD räknas om till varje vald marknads lokala valuta till aktuell växelkurs när de sparas, och utgivaren kan exportera, ändra och importera priskalkylbladet per marknad och ansvarar själv för resultatet.

3. Splitting and allocating: the parts always sum to the whole

100.00 USD split 3 ways (the leftover cent goes to the first part):

  Part      Amount  Formatted (en-US)
  ----  ----------  -----------------
  1      33.34 USD             $33.34
  2      33.33 USD             $33.33
  3      33.33 USD             $33.33
  Sum   100.00 USD            $100.00

99.99 EUR allocated by weights 50/30/20 (largest remainders get the leftover cents):

  Weight  Exact share  Each share rounded alone  Allocated  Formatted (de-DE)
  ------  -----------  ------------------------  ---------  -----------------
      50       49.995                 50.00 EUR  49.99 EUR            49,99·€
      30       29.997                 30.00 EUR  30.00 EUR            30,00·€
      20       19.998                 20.00 EUR  20.00 EUR            20,00·€
     Sum        99.99                100.00 EUR  99.99 EUR            99,99·€

Rounding each share on its own (half-even) gives 100.00 EUR, off by 0.01 EUR; Allocate gives back exactly 99.99 EUR.

4. An offer (offer): Partner Center's checks, every problem at once

  PLN-01  plans[0].id: "Gold Plan" may contain only lowercase letters, digits, hyphens and
          underscores (PLN-01)
  PLN-03  plans[0].summary: plans of this offer type have no summary (PLN-03)
  With the ID "gold" and no summary, offer contoso-notes is valid.

5. A quote (pricing): the plan's price for a customer in Sweden

  PRC-04  Plan "gold" in Sweden, 1 month: 1 × SEK·470.98 = SEK·470.98 (PRC-04). Paid upfront, at the
          start of the term (PRC-07). Converted from $49.99 at 9.4215 SEK per USD, rounded half-even
          (PRC-03).

6. A free trial (trial): started on January 31, it converts at its end

  TRL-02  Start the free trial of plan gold at 2026-01-31 10:00:00 UTC; it lasts 1 month and ends at
          2026-02-28 10:00:00 UTC. (TRL-02)
  TRL-05  Start billing plan gold at 2026-02-28 10:00:00 UTC, the plan under evaluation when the
          trial ended; the contract term starts at the same instant. (TRL-05)

7. A refund (refund): a SaaS charge within 72 hours of the purchase, and at 72 hours

  RFD-01  SaaS subscription fee: refund due (RFD-01). The request at 2026-03-05 09:59:59 UTC is
          within the window of 72 hours after the purchase at 2026-03-02 10:00:00 UTC, which closes
          at 2026-03-05 10:00:00 UTC (0 h 00 min 01 s left). The charge is judged by the SaaS policy
          in force from 2022-06-03. Full refund of SEK·470.98. Metered and other usage charges are
          not refunded (RFD-02). It can be cancelled now.
  RFD-01  SaaS subscription fee: no refund (RFD-01). The window of 72 hours after the purchase at
          2026-03-02 10:00:00 UTC closed at 2026-03-05 10:00:00 UTC, before the request at
          2026-03-05 10:00:00 UTC. The charge is judged by the SaaS policy in force from 2022-06-03.
          The SEK·470.98 paid is not refunded. It can still be cancelled, without a refund; it stays
          active until the paid period ends.

8. The store service fee (payout): what the publisher is paid

  PAY-05  Store service fee: 3% of the license fee SEK·470.98 is SEK·14.13 (rounded half-even); the
          publisher's share is SEK·456.85. (PAY-05)
`

func TestRunGolden(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out, rule.English); err != nil {
		t.Fatalf("run: %v", err)
	}
	got := visible.Replace(out.String())
	if got == golden {
		return
	}
	gotLines, wantLines := strings.Split(got, "\n"), strings.Split(golden, "\n")
	for i := range max(len(gotLines), len(wantLines)) {
		var g, w string
		if i < len(gotLines) {
			g = gotLines[i]
		}
		if i < len(wantLines) {
			w = wantLines[i]
		}
		if g != w {
			t.Errorf("line %d:\n got: %q\nwant: %q", i+1, g, w)
		}
	}
	t.Logf("whole output (U+00A0 as ·, U+202F as ˙), to update golden if the change is intended:\n%s", got)
}

// failingWriter fails every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, io.ErrClosedPipe }

// The decisions explain themselves in Swedish with -lang sv; the rest of
// the tour stays as it is.
func TestRunSwedish(t *testing.T) {
	var en, sv bytes.Buffer
	if err := run(&en, rule.English); err != nil {
		t.Fatal(err)
	}
	if err := run(&sv, rule.Swedish); err != nil {
		t.Fatal(err)
	}
	got := visible.Replace(sv.String())
	for _, want := range []string{
		"PLN-01  plans[0].id: \"Gold Plan\" får bara innehålla gemener",
		"TRL-05  Börja fakturera planen gold 2026-02-28 10:00:00 UTC",
		"RFD-01  SaaS-prenumerationsavgift: återbetalning medges (RFD-01).",
		"PAY-05  Butikstjänstavgift: 3·% av licensavgiften 470,98·kr är 14,13·kr",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Swedish tour lacks %q", want)
		}
	}
	first, _, _ := strings.Cut(en.String(), "\n4. ")
	if !strings.HasPrefix(sv.String(), first) {
		t.Errorf("sections 1 to 3 differ between the languages")
	}
}

func TestRunReportsWriteError(t *testing.T) {
	if err := run(failingWriter{}, rule.English); err != io.ErrClosedPipe {
		t.Fatalf("run to a failing writer: got %v, want %v", err, io.ErrClosedPipe)
	}
}

// readmeExample is the example of README.md: TestREADME checks that the
// README shows exactly the lines between the markers and exactly their output.
func readmeExample() error {
	// README:begin
	price, err := currency.Parse("49.99 USD") // exact: 4999 cents, never a float
	if err != nil {
		return err
	}
	toSEK := currency.ExchangeRate{From: currency.USD, To: currency.SEK, Rate: currency.MustParseRate("9.4215")}
	c, err := toSEK.Convert(price, currency.HalfEven) // one rounding step, recorded
	if err != nil {
		return err
	}
	fmt.Println(c)

	sv := currency.MustParseLocale("sv-SE")
	fmt.Println(sv.Format(c.To))

	thirds, err := c.To.Split(3) // no öre lost: the parts sum to 470.98 SEK
	if err != nil {
		return err
	}
	for _, part := range thirds {
		fmt.Println(sv.Format(part))
	}
	// README:end
	return nil
}

func TestREADME(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	self, err := os.ReadFile("main_test.go")
	if err != nil {
		t.Fatal(err)
	}

	// The code: the README's block is the marked lines above, one tab less.
	code := between(t, string(self), "\t// README:begin\n", "\t// README:end\n")
	var want strings.Builder
	for _, l := range strings.SplitAfter(code, "\n") {
		want.WriteString(strings.TrimPrefix(l, "\t"))
	}
	gotCode := fenced(t, between(t, string(readme), "<!-- quickstart:code -->\n", "<!-- /quickstart:code -->\n"), "go")
	if gotCode != want.String() {
		t.Errorf("README example differs from readmeExample in main_test.go:\nREADME:\n%s\nmain_test.go:\n%s", gotCode, want.String())
	}

	// The output: what readmeExample prints.
	out := captureStdout(t, readmeExample)
	gotOut := fenced(t, between(t, string(readme), "<!-- quickstart:output -->\n", "<!-- /quickstart:output -->\n"), "text")
	if gotOut != out {
		t.Errorf("README output differs from readmeExample's:\nREADME:\n%q\nactual:\n%q", gotOut, out)
	}
}

// between returns the text of s between the markers begin and end.
func between(t *testing.T, s, begin, end string) string {
	t.Helper()
	_, after, ok := strings.Cut(s, begin)
	if !ok {
		t.Fatalf("marker %q not found", begin)
	}
	inner, _, ok := strings.Cut(after, end)
	if !ok {
		t.Fatalf("marker %q not found", end)
	}
	return inner
}

// fenced returns the content of the single fenced code block s, whose
// info string must be lang.
func fenced(t *testing.T, s, lang string) string {
	t.Helper()
	s = strings.TrimSpace(s) + "\n"
	open := "```" + lang + "\n"
	if !strings.HasPrefix(s, open) || !strings.HasSuffix(s, "\n```\n") {
		t.Fatalf("not a fenced %s block:\n%s", lang, s)
	}
	return strings.TrimSuffix(strings.TrimPrefix(s, open), "```\n")
}

// captureStdout runs f and returns what it printed to os.Stdout.
func captureStdout(t *testing.T, f func() error) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan []byte)
	go func() {
		b, _ := io.ReadAll(r)
		done <- b
	}()
	stdout := os.Stdout
	os.Stdout = w
	ferr := func() error {
		defer func() { os.Stdout = stdout }()
		return f()
	}()
	w.Close()
	out := <-done
	r.Close()
	if ferr != nil {
		t.Fatal(ferr)
	}
	return string(out)
}
