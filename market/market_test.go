package market_test

import (
	"bufio"
	"encoding/csv"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/rule"
)

// EXT-15: the market list has 142 markets (141 plus China), in strictly
// increasing code order, each a valid code that maps back to its market.
func TestEXT15_MarketList(t *testing.T) {
	n := 0
	var prev market.Code
	for m := range market.All() {
		n++
		if m.Code <= prev {
			t.Errorf("market %d: code %s (%d) not after %s (%d)", n, m.Code, m.Code, prev, prev)
		}
		prev = m.Code
		if !m.Code.Valid() {
			t.Errorf("%s: not Valid", m.Code)
		}
		if diff := cmp.Diff(m, m.Code.Market()); diff != "" {
			t.Errorf("%s: Code.Market() mismatch (-want +got):\n%s", m.Code, diff)
		}
		s := m.Code.String()
		if len(s) != 2 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z' {
			t.Errorf("%d: String() = %q, want two upper-case letters", m.Code, s)
		}
		if m.Name == "" {
			t.Errorf("%s: empty Name", m.Code)
		}
	}
	if n != 142 {
		t.Errorf("All() yields %d markets, want 142", n)
	}
}

// EXT-15: the generated table says what data/markets.csv says, row for
// row (the generated file is not stale).
func TestEXT15_TableMatchesData(t *testing.T) {
	f, err := os.Open("data/markets.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var body strings.Builder
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); !strings.HasPrefix(line, "#") {
			body.WriteString(line + "\n")
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(body.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	taxes := map[string]market.TaxHandling{
		"microsoft": market.MicrosoftManaged, "publisher": market.PublisherManaged,
		"reseller": market.Reseller, "not-enabled": market.NotEnabled,
	}
	if len(rows) != 143 {
		t.Fatalf("data/markets.csv has %d rows, want a header and 142 markets", len(rows))
	}
	for _, r := range rows[1:] {
		c, err := market.Parse(r[0])
		if err != nil {
			t.Errorf("Parse(%q): %v", r[0], err)
			continue
		}
		var cur currency.Code
		if r[3] != "" {
			cur = currency.MustParseCode(r[3])
		}
		want := market.Market{
			Code: c, Name: r[1], SwedishName: r[2], Currency: cur, Tax: taxes[r[4]],
			Transacts: r[5] == "yes", Reservations: r[6] == "yes", Notes: r[7],
		}
		if diff := cmp.Diff(want, c.Market()); diff != "" {
			t.Errorf("%s (-csv +table):\n%s", r[0], diff)
		}
	}
}

// PRC-09: customers can buy in 141 markets; China is the only market that
// does not transact (EXT-15).
func TestPRC09_TransactingMarkets(t *testing.T) {
	ts := market.TransactingSet()
	if got := ts.Len(); got != 141 {
		t.Errorf("TransactingSet().Len() = %d, want 141", got)
	}
	var all market.Set
	var filtered []market.Code
	for m := range market.All() {
		all.Add(m.Code)
	}
	for m := range market.Filter(market.Market.IsTransacting) {
		filtered = append(filtered, m.Code)
	}
	if len(filtered) != 141 {
		t.Errorf("Filter(IsTransacting) yields %d markets, want 141", len(filtered))
	}
	if got, want := all.Difference(ts), market.SetOf(market.CN); got != want {
		t.Errorf("non-transacting markets = %v, want %v", got, want)
	}
	for m := range market.All() {
		if m.Transacts != m.IsTransacting() || m.Transacts != ts.Has(m.Code) {
			t.Errorf("%s: Transacts %t, IsTransacting %t, in TransactingSet %t", m.Code, m.Transacts, m.IsTransacting(), ts.Has(m.Code))
		}
		// A market transacts exactly when it has a billing currency.
		if m.Transacts != m.Currency.Valid() {
			t.Errorf("%s: Transacts %t but billing currency %q", m.Code, m.Transacts, m.Currency)
		}
	}
	want := market.Market{
		Code: market.CN, Name: "China", SwedishName: "Kina", Tax: market.NotEnabled,
		Notes: market.CN.Market().Notes,
	}
	if diff := cmp.Diff(want, market.CN.Market()); diff != "" {
		t.Errorf("China (-want +got):\n%s", diff)
	}
}

// PRC-08: every billing currency is a marketplace transaction currency;
// the markets use 16 of them, with the counts of "Geographic availability
// and currency support for the commercial marketplace" (2023-05-31).
func TestPRC08_BillingCurrencies(t *testing.T) {
	want := map[currency.Code]int{
		currency.USD: 95, currency.EUR: 30, currency.AUD: 2, currency.DKK: 2,
		currency.BRL: 1, currency.CAD: 1, currency.CHF: 1, currency.GBP: 1,
		currency.INR: 1, currency.JPY: 1, currency.KRW: 1, currency.NOK: 1,
		currency.NZD: 1, currency.RUB: 1, currency.SEK: 1, currency.TWD: 1,
	}
	got := map[currency.Code]int{}
	for m := range market.Filter(market.Market.IsTransacting) {
		got[m.Currency]++
		if !m.Currency.IsMarketplace() {
			t.Errorf("%s: billing currency %s is not a marketplace currency", m.Code, m.Currency)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("markets per billing currency (-want +got):\n%s", diff)
	}
	if len(got) != 16 {
		t.Errorf("%d distinct billing currencies, want 16", len(got))
	}
	pairs := []struct {
		cur  currency.Code
		want market.Set
	}{
		{currency.AUD, market.SetOf(market.AU, market.FJ)},
		{currency.DKK, market.SetOf(market.DK, market.FO)},
		{currency.SEK, market.SetOf(market.SE)},
		{currency.BRL, market.SetOf(market.BR)},
	}
	for _, p := range pairs {
		var s market.Set
		for m := range market.Filter(func(m market.Market) bool { return m.Currency == p.cur }) {
			s.Add(m.Code)
		}
		if s != p.want {
			t.Errorf("markets billed in %s = %v, want %v", p.cur, s, p.want)
		}
	}
}

// PLN-06: 61 markets are tax-remitted (60 Microsoft-managed and Brazil,
// the reseller market).
func TestPLN06_TaxRemitted(t *testing.T) {
	trs := market.TaxRemittedSet()
	if got := trs.Len(); got != 61 {
		t.Errorf("TaxRemittedSet().Len() = %d, want 61", got)
	}
	var filtered market.Set
	for m := range market.Filter(market.Market.TaxRemitted) {
		filtered.Add(m.Code)
	}
	if filtered != trs {
		t.Errorf("Filter(TaxRemitted) = %v,\nTaxRemittedSet() = %v", filtered, trs)
	}
	tests := []struct {
		code        market.Code
		tax         market.TaxHandling
		taxRemitted bool
	}{
		{market.BR, market.Reseller, true},
		{market.CN, market.NotEnabled, false},
		{market.JP, market.PublisherManaged, false},
		{market.SE, market.MicrosoftManaged, true},
		{market.MX, market.MicrosoftManaged, true},
		{market.US, market.MicrosoftManaged, true},
		{market.AR, market.PublisherManaged, false},
	}
	for _, tt := range tests {
		m := tt.code.Market()
		if m.Tax != tt.tax || m.TaxRemitted() != tt.taxRemitted || trs.Has(tt.code) != tt.taxRemitted {
			t.Errorf("%s: Tax %v, TaxRemitted %t, in set %t; want %v, %t", tt.code, m.Tax, m.TaxRemitted(), trs.Has(tt.code), tt.tax, tt.taxRemitted)
		}
	}
	counts := map[market.TaxHandling]int{}
	for m := range market.All() {
		counts[m.Tax]++
	}
	wantCounts := map[market.TaxHandling]int{
		market.MicrosoftManaged: 60, market.Reseller: 1, market.PublisherManaged: 80, market.NotEnabled: 1,
	}
	if diff := cmp.Diff(wantCounts, counts); diff != "" {
		t.Errorf("markets per tax handling (-want +got):\n%s", diff)
	}
}

// CSP-04: Azure reservations are unavailable in the markets the CSP
// software subscriptions document lists, which among the marketplace's markets are AD, AZ, CN, VA and YE.
func TestCSP04_Reservations(t *testing.T) {
	var none market.Set
	for m := range market.Filter(func(m market.Market) bool { return !m.Reservations }) {
		none.Add(m.Code)
	}
	if want := market.SetOf(market.AD, market.AZ, market.CN, market.VA, market.YE); none != want {
		t.Errorf("markets without Azure reservations = %v, want %v", none, want)
	}
}

// EXT-15: Parse reads a market's ISO code in any case.
func TestEXT15_Parse(t *testing.T) {
	tests := []struct {
		in   string
		want market.Code
	}{
		{"SE", market.SE},
		{"se", market.SE},
		{"Se", market.SE},
		{"sE", market.SE},
		{"AD", market.AD},
		{"zw", market.ZW},
		{"us", market.US},
		{"CN", market.CN},
	}
	for _, tt := range tests {
		got, err := market.Parse(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Parse(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
		if got := market.MustParse(tt.in); got != tt.want {
			t.Errorf("MustParse(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// EXT-15: anything that is not a market's code is an error that names the
// input and wraps ErrUnknown.
func TestEXT15_ParseErrors(t *testing.T) {
	long := strings.Repeat("SE", 20)
	multibyte := strings.Repeat("a", 31) + "éé"
	tests := []struct {
		in      string
		wantErr string
	}{
		{"", `market: unknown market ""`},
		{"S", `market: unknown market "S"`},
		{"XX", `market: unknown market "XX"`},
		{"SEK", `market: unknown market "SEK"`},
		{" SE", `market: unknown market " SE"`},
		{"S1", `market: unknown market "S1"`},
		{"@A", `market: unknown market "@A"`},
		{"[A", `market: unknown market "[A"`},
		{"Å", `market: unknown market "Å"`},
		{"\x00\x00", `market: unknown market "\x00\x00"`},
		{"ZZ", `market: unknown market "ZZ"`},
		{"AA", `market: unknown market "AA"`},
		{long, `market: unknown market "` + long[:32] + `…"`},
		// Cut at a character boundary: 31 bytes, not half of "é".
		{multibyte, `market: unknown market "` + multibyte[:31] + `…"`},
	}
	for _, tt := range tests {
		got, err := market.Parse(tt.in)
		if err == nil {
			t.Errorf("Parse(%q) = %v, want an error", tt.in, got)
			continue
		}
		if got != 0 {
			t.Errorf("Parse(%q) = %v with error, want the zero Code", tt.in, got)
		}
		if err.Error() != tt.wantErr {
			t.Errorf("Parse(%q) error = %q, want %q", tt.in, err, tt.wantErr)
		}
		if !errors.Is(err, market.ErrUnknown) {
			t.Errorf("Parse(%q) error %v does not wrap ErrUnknown", tt.in, err)
		}
		var ue *market.UnknownError
		if !errors.As(err, &ue) {
			t.Errorf("Parse(%q) error %v is not an *UnknownError", tt.in, err)
		} else if diff := cmp.Diff(&market.UnknownError{Input: tt.in}, ue); diff != "" {
			t.Errorf("Parse(%q) error (-want +got):\n%s", tt.in, diff)
		}
	}
}

// EXT-15: MustParse panics, with the Parse error, on what is not a market.
func TestEXT15_MustParsePanics(t *testing.T) {
	defer func() {
		r := recover()
		err, ok := r.(error)
		if !ok || !errors.Is(err, market.ErrUnknown) {
			t.Errorf("MustParse(\"XX\") panicked with %v, want an error wrapping ErrUnknown", r)
		}
	}()
	market.MustParse("XX")
	t.Error("MustParse(\"XX\") did not panic")
}

// EXT-15: codes round-trip through their text form; the zero Code is "".
func TestEXT15_CodeText(t *testing.T) {
	for m := range market.All() {
		b, err := m.Code.MarshalText()
		if err != nil {
			t.Fatalf("%s: MarshalText: %v", m.Code, err)
		}
		var c market.Code
		if err := c.UnmarshalText(b); err != nil || c != m.Code {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", b, c, err, m.Code)
		}
		lower := []byte(strings.ToLower(string(b)))
		if err := c.UnmarshalText(lower); err != nil || c != m.Code {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", lower, c, err, m.Code)
		}
		app, err := m.Code.AppendText([]byte("x="))
		if err != nil || string(app) != "x="+m.Code.String() {
			t.Errorf("%s: AppendText = %q, %v", m.Code, app, err)
		}
	}
	zero := []struct {
		code market.Code
	}{{0}, {market.Code(143)}, {market.Code(255)}}
	for _, tt := range zero {
		wantString := ""
		if tt.code != 0 {
			wantString = "market.Code(" + strconv.Itoa(int(tt.code)) + ")"
		}
		if tt.code.Valid() || tt.code.String() != wantString {
			t.Errorf("Code(%d): Valid %t, String %q; want false, %q", tt.code, tt.code.Valid(), tt.code.String(), wantString)
		}
		b, err := tt.code.MarshalText()
		if tt.code == 0 && (err != nil || len(b) != 0) {
			t.Errorf("Code(0).MarshalText() = %q, %v; want \"\", nil", b, err)
		}
		if tt.code != 0 && !errors.Is(err, market.ErrUnknown) {
			t.Errorf("Code(%d).MarshalText() = %q, %v; want ErrUnknown", tt.code, b, err)
		}
		if diff := cmp.Diff(market.Market{}, tt.code.Market()); diff != "" {
			t.Errorf("Code(%d).Market() (-want +got):\n%s", tt.code, diff)
		}
	}
	c := market.SE
	if err := c.UnmarshalText(nil); err != nil || c != 0 {
		t.Errorf("UnmarshalText(\"\") = %v, %v; want the zero Code", c, err)
	}
}

// EXT-15: text that is not a code does not unmarshal and leaves the Code
// unchanged.
func TestEXT15_CodeTextErrors(t *testing.T) {
	for _, in := range []string{"XX", "sek", "1", " "} {
		c := market.SE
		err := c.UnmarshalText([]byte(in))
		if !errors.Is(err, market.ErrUnknown) {
			t.Errorf("UnmarshalText(%q) error = %v, want one wrapping ErrUnknown", in, err)
		}
		if c != market.SE {
			t.Errorf("UnmarshalText(%q) changed the Code to %v", in, c)
		}
	}
}

// EXT-15: a market's language and its money-formatting locale.
func TestEXT15_LanguageAndLocale(t *testing.T) {
	type result struct{ Language, Locale, Money string }
	tests := []struct {
		code  market.Code
		money string // an amount in the market's billing currency
		want  result
	}{
		{market.SE, "1234.50 SEK", result{"sv-SE", "sv-SE", "1\u00a0234,50\u00a0kr"}},
		{market.DE, "1234.50 EUR", result{"de-DE", "de-DE", "1.234,50\u00a0€"}},
		{market.US, "1234.50 USD", result{"en-US", "en-US", "$1,234.50"}},
		{market.JP, "1235 JPY", result{"ja-JP", "ja-JP", "￥1,235"}},
		{market.IN, "1234.50 INR", result{"hi-IN", "en-IN", "₹1,234.50"}},
		{market.BR, "1234.50 BRL", result{"pt-BR", "pt-BR", "R$\u00a01.234,50"}},
		{market.FO, "1234.50 DKK", result{"fo-FO", "da-DK", "1.234,50\u00a0kr."}},
		{0, "1234.50 USD", result{"und", "en-US", "$1,234.50"}},
	}
	for _, tt := range tests {
		m := tt.code.Market()
		got := result{m.Language().String(), m.Locale().String(), m.Locale().Format(currency.MustParse(tt.money))}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.code, diff)
		}
	}
	// Every market has a language with its own region.
	for m := range market.All() {
		r, conf := m.Language().Region()
		if conf == language.No || r.String() != m.Code.String() {
			t.Errorf("%s: Language() = %v, region %v", m.Code, m.Language(), r)
		}
	}
}

// PLN-06: tax handling has stable text names.
func TestPLN06_TaxHandlingText(t *testing.T) {
	tests := []struct {
		tax  market.TaxHandling
		want string
	}{
		{market.PublisherManaged, "publisher-managed"},
		{market.MicrosoftManaged, "microsoft-managed"},
		{market.Reseller, "reseller"},
		{market.NotEnabled, "not-enabled"},
	}
	for _, tt := range tests {
		if got := tt.tax.String(); got != tt.want {
			t.Errorf("%d.String() = %q, want %q", tt.tax, got, tt.want)
		}
		b, err := tt.tax.MarshalText()
		if err != nil || string(b) != tt.want {
			t.Errorf("%d.MarshalText() = %q, %v; want %q", tt.tax, b, err, tt.want)
		}
		var got market.TaxHandling
		if err := got.UnmarshalText(b); err != nil || got != tt.tax {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", b, got, err, tt.tax)
		}
	}
}

// PLN-06: the zero tax handling is unset and marshals to ""; values
// outside the enum have no text form and print as market.TaxHandling(N);
// unknown names do not unmarshal, and name any case.
func TestPLN06_TaxHandlingTextErrors(t *testing.T) {
	var zero market.TaxHandling
	if b, err := zero.MarshalText(); err != nil || len(b) != 0 || zero.String() != "" || zero.Valid() {
		t.Errorf("zero TaxHandling: %q, %v, %q", b, err, zero.String())
	}
	for _, tax := range []market.TaxHandling{5, 255} {
		want := "market.TaxHandling(" + strconv.Itoa(int(tax)) + ")"
		if got := tax.String(); got != want {
			t.Errorf("TaxHandling(%d).String() = %q, want %q", uint8(tax), got, want)
		}
		var e *rule.UnknownNameError
		if b, err := tax.MarshalText(); !errors.As(err, &e) || b != nil || e.Input != want {
			t.Errorf("TaxHandling(%d).MarshalText() = %q, %v", uint8(tax), b, err)
		}
	}
	for _, in := range []string{"microsoft", "TaxHandling(1)", "re seller"} {
		got := market.Reseller
		err := got.UnmarshalText([]byte(in))
		want := `unknown tax handling "` + in + `" (want publisher-managed, microsoft-managed, reseller or not-enabled)`
		if err == nil || err.Error() != want || !errors.Is(err, rule.ErrUnknownName) {
			t.Errorf("UnmarshalText(%q) error = %v, want %q", in, err, want)
		}
		if got != market.Reseller {
			t.Errorf("UnmarshalText(%q) changed the value to %v", in, got)
		}
	}
	for in, want := range map[string]market.TaxHandling{"": 0, "Reseller": market.Reseller, "reseller ": market.Reseller} {
		got := market.NotEnabled
		if err := got.UnmarshalText([]byte(in)); err != nil || got != want {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
}

// EXT-15: looking up a code and testing set membership do not allocate.
func TestEXT15_ZeroAllocations(t *testing.T) {
	s := market.TransactingSet()
	in := "se"
	tests := []struct {
		name string
		f    func()
	}{
		{"Parse", func() {
			if c, err := market.Parse(in); err != nil || c != market.SE {
				t.Fatal("Parse failed")
			}
		}},
		{"Set.Has", func() {
			if !s.Has(market.SE) {
				t.Fatal("Has failed")
			}
		}},
		{"Set.Add", func() { s.Add(market.DE) }},
		{"Set.Remove", func() { s.Remove(market.CN) }},
		{"Set.Len", func() {
			if s.Len() != 141 {
				t.Fatal("Len failed")
			}
		}},
		{"Set.Union", func() { s = s.Union(market.SetOf(market.SE)) }},
		{"Code.String", func() {
			if market.SE.String() != "SE" {
				t.Fatal("String failed")
			}
		}},
		{"Code.Market", func() {
			if market.SE.Market().Currency != currency.SEK {
				t.Fatal("Market failed")
			}
		}},
	}
	for _, tt := range tests {
		if n := testing.AllocsPerRun(100, tt.f); n != 0 {
			t.Errorf("%s: %v allocations per run, want 0", tt.name, n)
		}
	}
}

// Names in both languages: every market has a Swedish name from CLDR, and
// Label renders in the language of the message around it.
func TestEXT15_SwedishNames(t *testing.T) {
	for m := range market.All() {
		if m.SwedishName == "" {
			t.Errorf("%s has no Swedish name", m.Code)
		}
	}
	se := market.SE.Market()
	msg := rule.Message{English: "sold in %v", Swedish: "säljs i %v"}
	if got := msg.Render(rule.English, se.Label()); got != "sold in Sweden" {
		t.Errorf("English: %q", got)
	}
	if got := msg.Render(rule.Swedish, market.DE.Market().Label()); got != "säljs i Tyskland" {
		t.Errorf("Swedish: %q", got)
	}
}
