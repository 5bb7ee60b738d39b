package main

import (
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/marketrules/marketrules/examples/internal/textout"
	"github.com/marketrules/marketrules/internal/golden"
)

// visible shows CLDR's no-break spaces: U+00A0 as "·", U+202F as "˙".
var visible = strings.NewReplacer("\u00a0", "·", "\u202f", "˙")

var update = flag.Bool("update", false, "rewrite the golden files")

// TestGolden tells the year in each language and compares the output
// with testdata/golden.<lang>.txt (go test -update rewrites them).
func TestGolden(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		code, out, errOut := runArgs("-lang", lang)
		if code != 0 || errOut != "" {
			t.Fatalf("-lang %s: exit %d, stderr %q", lang, code, errOut)
		}
		golden.Check(t, filepath.Join("testdata", "golden."+lang+".txt"), visible.Replace(out), *update)
		if w := textout.MaxWidth(out); w >= 100 {
			t.Errorf("-lang %s: a line of %d columns", lang, w)
		}
		// One zone in each sentence: no UTC next to CET or CEST.
		for l := range strings.Lines(unwrapped(out)) {
			if strings.Contains(l, "UTC") && (strings.Contains(l, "CEST") || strings.Contains(l, "CET")) {
				t.Errorf("-lang %s: zones mixed: %s", lang, l)
			}
		}
	}
}

func runArgs(args ...string) (int, string, string) {
	var out, errOut strings.Builder
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// unwrapped joins the wrapped lines of the output, so that checks do not
// depend on where an explanation breaks.
func unwrapped(out string) string {
	var b strings.Builder
	for l := range strings.Lines(visible.Replace(out)) {
		if strings.HasPrefix(l, "          ") {
			b.WriteString(" " + strings.TrimSpace(l))
			continue
		}
		b.WriteString("\n" + strings.TrimRight(l, "\n"))
	}
	return b.String()
}

func TestYear(t *testing.T) {
	code, raw, errOut := runArgs()
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q\n%s", code, errOut, raw)
	}
	out := unwrapped(raw)
	for _, want := range []string{
		// Eligibility and the start of the trial (TRL-01, TRL-02, TRL-03).
		"Mon 12 Jan 09:00  Fabrikam starts a free trial of Workspace Team",
		"TRL-01  plan team may start a free trial of 1 month (TRL-01)",
		"TRL-03  Collect the customer's billing details and charge SEK·0.00 at 2026-01-12 09:00:00 CET",
		// A switch after 15 days keeps the clock (TRL-06).
		"TRL-06  Switch the free trial from plan team to plan business at 2026-01-27 09:00:00 CET without restarting it: 15 days already used; it ends at 2026-02-12 09:00:00 CET. (TRL-06)",
		// TRL-08: no early conversion to a trial plan.
		"TRL-08  plan business is in its free trial and cannot convert to a paid subscription before the trial ends",
		// TRL-04, -05, -07: the plan under evaluation converts at the end.
		"TRL-05  Start billing plan business at 2026-02-12 09:00:00 CET",
		"PRC-04  Plan \"business\" in Sweden, 1 month: 25 × SEK·149.00 = SEK·3,725.00 (PRC-04).",
		// Proration of a seat change and a plan change (PRC-06, PRC-05).
		"PRC-06  Change from 25 to 40 users of plan \"business\" at 2026-04-20 10:30:00 CEST: an upgrade (PRC-06).",
		"22 remain, the day of the change included. Credit -SEK·2,731.67",
		"Net SEK·1,639.00.",
		"PRC-05  Plan change from \"business\" to \"enterprise\" at 2026-07-15 11:00:00 CEST",
		"Net SEK·3,612.90.",
		// TRL-10: no second trial of an offer paid for.
		"TRL-10  the customer has paid for a plan of this offer, so never gets a free trial of it again (TRL-10)",
		// Refunds inside and outside the 72-hour window (RFD-01).
		"RFD-01  SaaS subscription fee: refund due (RFD-01).",
		"Full refund of SEK·395.00.",
		"RFD-01  SaaS subscription fee: no refund (RFD-01). The window of 72 hours after the purchase at 2026-11-12 09:00:00 CET closed at 2026-11-15 09:00:00 CET",
		"It can still be cancelled, without a refund",
		// A metered plan has no trial; the usage batch (EXT-03).
		"TRL-01  plan basic has no free trial (TRL-01)",
		"3 of 8 accepted. Why the others were not:",
		"EXT-03  #3 Duplicate: usage of dimension \"emails\"",
		"EXT-03  #6 Expired: usage at 2026-09-13 09:30:00 UTC may be emitted only until 2026-09-14 09:30:00 UTC, and it is 2026-09-14 10:00:00 UTC",
		"34 over × SEK·9.54 = SEK·324.36, billed in arrears at 2026-10-01 10:00:00 CEST (EXT-03).",
		// The year's charges and the payouts.
		"2026-06-09  Workspace (2nd)  refund, cancelled                RFD-01    −395,00·kr",
		"2026-04-20  Workspace        proration 25 → 40 users          PRC-06   1·639,00·kr",
		"Total                                    84·713,66·kr",
		"PAY-05  Store service fee: 3% of the license fee SEK·3,725.00 is SEK·111.75 (rounded half-even); the publisher's share is SEK·3,613.25. (PAY-05)",
		"EXT-11  MCA order in 2026-02: eligible once Microsoft has collected; on the usual schedule it is paid out in 2026-05 (M+3)",
		"2026-05  15 May 2026  paid      $378.67   3·613,25·kr  PAY-04",
		"In SEK: 84·713,66·kr billed, of which 2·541,41·kr store service fee and 82·172,25·kr paid to",
		"Contoso; 0,00·kr still to come.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	// Every month of the year has its heading, and nothing is wider
	// than the wrapping width.
	for _, month := range []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"} {
		if !strings.Contains(out, "\n"+month+" 2026\n") {
			t.Errorf("no heading for %s", month)
		}
	}
	for l := range strings.Lines(raw) {
		if w := textout.Width(strings.TrimRight(l, "\n")); w > width {
			t.Errorf("line of %d columns: %q", w, l)
		}
	}
}

func TestSwedish(t *testing.T) {
	code, raw, _ := runArgs("-lang", "sv")
	out := unwrapped(raw)
	for _, want := range []string{
		"15 dagar har redan använts",
		"TRL-08  planen business är i sin kostnadsfria utvärderingsversion",
		"Butikstjänstavgift: 3·% av licensavgiften 3·725,00·kr är 111,75·kr",
		"mån 12 januari 09:00  Fabrikam startar en kostnadsfri provperiod av Workspace Team",
		"\njanuari 2026\n", "Årets debiteringar till Fabrikam AB", "Contosos utbetalningar för året",
		"2026-05  15 maj 2026     utbetald", "5  emails     14 sep 09:00           0  ogiltigt antal",
		"proportionering 25 → 40 användare", "Summa", "(avrundat halvt till jämnt)",
	} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("exit %d, output lacks %q", code, want)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	code, out, errOut := runArgs("-h")
	if code != 0 || errOut != "" || !strings.HasPrefix(out, "saas-lifecycle: tells one customer's year") ||
		!strings.Contains(out, "usage: saas-lifecycle [-lang en|sv]") {
		t.Errorf("-h: exit %d, stderr %q\n%s", code, errOut, out)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-lang", "de"}, "saas-lifecycle: -lang: "},
		{[]string{"extra"}, "saas-lifecycle: no arguments expected, not \"extra\"\n"},
		{[]string{"-nope"}, "saas-lifecycle: flag provided but not defined: -nope\n"},
	} {
		if code, out, errOut := runArgs(tc.args...); code != 2 || out != "" || !strings.HasPrefix(errOut, tc.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2 and %q", tc.args, code, out, errOut, tc.want)
		}
	}
	_, sv, _ := runArgs("-lang", "sv")
	for _, lang := range []string{"sv-SE", "SV", "sv_FI"} {
		if code, out, _ := runArgs("-lang", lang); code != 0 || out != sv {
			t.Errorf("-lang %s: exit %d, not the Swedish output", lang, code)
		}
	}
	if code, _, _ := runArgs("-lang", "EN"); code != 0 {
		t.Errorf("-lang EN: exit %d", code)
	}
}
