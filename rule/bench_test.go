package rule_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/rule"
)

var sinkString string

// BenchmarkRender renders a typical explanation sentence (money, a count,
// an instant and a quoted name) side by side with fmt.Sprintf producing
// the same English text from the same values (the money and the count as
// the strings Render would make of them, since fmt cannot localize), and
// with fmt.Sprintf of the raw values (other text, as much work).
func BenchmarkRender(b *testing.B) {
	at := time.Date(2024, 1, 31, 23, 59, 0, 0, time.UTC)
	price := currency.MustParse("1234.50 USD")
	m := rule.Message{English: "%v for %d seats, due %v (plan %q)", Swedish: "%v för %d platser, förfaller %v (plan %q)"}
	b.Run("Render/en", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkString = m.Render(rule.English, price, 12000, at, "gold")
		}
	})
	b.Run("Render/sv", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkString = m.Render(rule.Swedish, price, 12000, at, "gold")
		}
	})
	b.Run("Sprintf/same-text", func(b *testing.B) {
		b.ReportAllocs()
		loc := currency.MustParseLocale("en-US")
		for b.Loop() {
			sinkString = fmt.Sprintf("%s for %s seats, due %s (plan %q)", loc.Format(price), "12,000", at.Format("2006-01-02 15:04:05 MST"), "gold")
		}
	})
	b.Run("Sprintf/raw", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkString = fmt.Sprintf("%v for %d seats, due %v (plan %q)", price, 12000, at, "gold")
		}
	})
	if got, want := m.Render(rule.English, price, 12000, at, "gold"), "$1,234.50 for 12,000 seats, due 2024-01-31 23:59:00 UTC (plan \"gold\")"; got != want {
		b.Fatalf("Render = %q, want %q", got, want)
	}
}
