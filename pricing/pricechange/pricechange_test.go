package pricechange

import (
	"encoding/json"
	"errors"
	"github.com/marketrules/marketrules/calendar"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

func pbChange(old, nw string) offer.PriceChange {
	return offer.PriceChange{Plan: "gold", Term: plan.OneMonth, Old: currency.MustParse(old), New: currency.MustParse(nw)}
}

var (
	pbDown = pbChange("10.00 USD", "8.00 USD")
	pbUp   = pbChange("10.00 USD", "12.00 USD")
)

func TestEXT08_W17Schedule(t *testing.T) {
	// EXT-08: a decrease takes effect on the 1st of the next month if
	// published before the cut-off (4 days before month end for SaaS, 6
	// for VMs, 14 for Azure applications), else the month after; an
	// increase on the 1st of a month at least 90 days later.
	tests := []struct {
		name      string
		offer     offer.Type
		change    offer.PriceChange
		published string
		effective string
		countsAt  string
	}{
		{"SaaS decrease early in January", offer.SaaS, pbDown, "2024-01-10T09:00:00Z", "2024-02-01T00:00:00Z", "2024-01-10T09:00:00Z"},
		{"SaaS decrease, last second before the cut-off", offer.SaaS, pbDown, "2024-01-27T23:59:59Z", "2024-02-01T00:00:00Z", "2024-01-27T23:59:59Z"},
		{"SaaS decrease at the cut-off", offer.SaaS, pbDown, "2024-01-28T00:00:00Z", "2024-03-01T00:00:00Z", "2024-02-01T00:00:00Z"},
		{"SaaS decrease on the last day", offer.SaaS, pbDown, "2024-01-31T23:59:59Z", "2024-03-01T00:00:00Z", "2024-02-01T00:00:00Z"},
		{"SaaS decrease in a leap February", offer.SaaS, pbDown, "2024-02-25T23:59:59Z", "2024-03-01T00:00:00Z", "2024-02-25T23:59:59Z"},
		{"SaaS decrease in a leap February, cut-off", offer.SaaS, pbDown, "2024-02-26T00:00:00Z", "2024-04-01T00:00:00Z", "2024-03-01T00:00:00Z"},
		{"SaaS decrease in February 2023, cut-off", offer.SaaS, pbDown, "2023-02-25T00:00:00Z", "2023-04-01T00:00:00Z", "2023-03-01T00:00:00Z"},
		{"SaaS decrease in December", offer.SaaS, pbDown, "2024-12-27T23:59:59Z", "2025-01-01T00:00:00Z", "2024-12-27T23:59:59Z"},
		{"SaaS decrease in December, late", offer.SaaS, pbDown, "2024-12-28T00:00:00Z", "2025-02-01T00:00:00Z", "2025-01-01T00:00:00Z"},
		{"VM decrease before its cut-off", offer.VirtualMachine, pbDown, "2024-01-25T23:59:59Z", "2024-02-01T00:00:00Z", "2024-01-25T23:59:59Z"},
		{"VM decrease at its cut-off", offer.VirtualMachine, pbDown, "2024-01-26T00:00:00Z", "2024-03-01T00:00:00Z", "2024-02-01T00:00:00Z"},
		{"Azure app decrease before its cut-off", offer.ManagedApplication, pbDown, "2024-01-17T23:59:59Z", "2024-02-01T00:00:00Z", "2024-01-17T23:59:59Z"},
		{"Azure app decrease at its cut-off", offer.ManagedApplication, pbDown, "2024-01-18T00:00:00Z", "2024-03-01T00:00:00Z", "2024-02-01T00:00:00Z"},
		{"Azure app in April (30 days)", offer.ManagedApplication, pbDown, "2024-04-17T00:00:00Z", "2024-06-01T00:00:00Z", "2024-05-01T00:00:00Z"},
		{"SaaS increase early in January", offer.SaaS, pbUp, "2024-01-10T09:00:00Z", "2024-05-01T00:00:00Z", "2024-01-10T09:00:00Z"},
		{"SaaS increase on January 2: exactly 90 days", offer.SaaS, pbUp, "2024-01-02T00:00:00Z", "2024-04-01T00:00:00Z", "2024-01-02T00:00:00Z"},
		{"SaaS increase one second later", offer.SaaS, pbUp, "2024-01-02T00:00:01Z", "2024-05-01T00:00:00Z", "2024-01-02T00:00:01Z"},
		{"SaaS increase after the cut-off, leap year", offer.SaaS, pbUp, "2024-01-31T15:00:00Z", "2024-05-01T00:00:00Z", "2024-02-01T00:00:00Z"},
		{"SaaS increase after the cut-off, 2023", offer.SaaS, pbUp, "2023-01-31T15:00:00Z", "2023-06-01T00:00:00Z", "2023-02-01T00:00:00Z"},
		{"SaaS increase before the cut-off, 2023", offer.SaaS, pbUp, "2023-01-27T15:00:00Z", "2023-05-01T00:00:00Z", "2023-01-27T15:00:00Z"},
		{"meter price decrease", offer.SaaS, offer.PriceChange{Plan: "gold", Dimension: "emails",
			Old: currency.MustParse("0.05 USD"), New: currency.MustParse("0.04 USD")}, "2024-01-10T09:00:00Z", "2024-02-01T00:00:00Z", "2024-01-10T09:00:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Policy2023().Decide(Request{Offer: tt.offer, Plan: "gold", Published: pbTime(tt.published),
				Changes: []offer.PriceChange{tt.change}})
			if err != nil {
				t.Fatal(err)
			}
			if !d.Allowed || d.Rule != rule.EXT08 {
				t.Fatalf("not allowed: %s %s", d.Rule, d.Reason)
			}
			if !d.Effective.Equal(pbTime(tt.effective)) || !d.CountsFrom.Equal(pbTime(tt.countsAt)) {
				t.Errorf("effective %v counting from %v; want %s from %s", d.Effective, d.CountsFrom, tt.effective, tt.countsAt)
			}
			if d.Effective.Day() != 1 || d.Effective.Hour() != 0 {
				t.Errorf("effective %v is not 00:00 on the 1st", d.Effective)
			}
			if d.Direction == PriceIncrease && d.Effective.Sub(pbTime(tt.published)) < 90*24*time.Hour-time.Hour {
				t.Errorf("increase only %v after publishing", d.Effective.Sub(pbTime(tt.published)))
			}
		})
	}
}

func TestEXT08_ZoneOfCalendarDays(t *testing.T) {
	// EXT-08: calendar days count in the policy's Zone (UTC by default).
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	pol := Policy2023()
	pol.Zone = la
	req := Request{Offer: offer.SaaS, Plan: "gold", Changes: []offer.PriceChange{pbDown}}
	// 2024-01-28 05:00 UTC is January 27, 21:00 in Los Angeles: in time
	// there, late in UTC.
	req.Published = pbTime("2024-01-28T05:00:00Z")
	d, err := pol.Decide(req)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2024, 2, 1, 0, 0, 0, 0, la); !d.Effective.Equal(want) || d.Zone != "America/Los_Angeles" {
		t.Errorf("Los Angeles: %v in %s, want %v", d.Effective, d.Zone, want)
	}
	if d, _ := Policy2023().Decide(req); !d.Effective.Equal(pbTime("2024-03-01T00:00:00Z")) || d.Zone != "UTC" {
		t.Errorf("UTC: %v in %s", d.Effective, d.Zone)
	}
	// Across a daylight-saving change, 90 calendar days keep the clock.
	req.Changes = []offer.PriceChange{pbUp}
	req.Published = time.Date(2024, 1, 1, 0, 0, 0, 0, la)
	d, _ = pol.Decide(req)
	if want := time.Date(2024, 4, 1, 0, 0, 0, 0, la); !d.Effective.Equal(want) {
		t.Errorf("increase across DST: %v, want %v", d.Effective, want)
	}
}

func TestEXT08_Refusals(t *testing.T) {
	// EXT-08, PLN-11: what a price change cannot do.
	at := pbTime("2024-01-10T09:00:00Z")
	base := Request{Offer: offer.SaaS, Plan: "gold", Published: at, Changes: []offer.PriceChange{pbDown}}
	with := func(f func(*Request)) Request { r := base; f(&r); return r }
	tests := []struct {
		name      string
		pol       Policy
		req       Request
		rule      rule.ID
		reason    rule.Reason
		direction Direction
		change    int
	}{
		{"default policy: a published price cannot change", DefaultPolicy(), base, rule.PLN11, ReasonPriceFixed, PriceDecrease, -1},
		{"offer type without price changes", Policy2023(), with(func(r *Request) { r.Offer = offer.Container }), rule.EXT08, ReasonPriceOfferType, PriceDecrease, -1},
		{"Dynamics 365", Policy2023(), with(func(r *Request) { r.Offer = offer.BusinessCentral }), rule.EXT08, ReasonPriceOfferType, PriceDecrease, -1},
		{"hidden plan", Policy2023(), with(func(r *Request) { r.Visibility = plan.Hidden }), rule.EXT08, ReasonPriceHiddenPlan, PriceDecrease, -1},
		{"Azure Government", Policy2023(), with(func(r *Request) { r.AzureGovernment = true }), rule.EXT08, ReasonPriceAzureGovernment, PriceDecrease, -1},
		{"a change already scheduled", Policy2023(), with(func(r *Request) { r.Pending = pbTime("2024-02-01T00:00:00Z") }), rule.EXT08, ReasonPricePending, PriceDecrease, -1},
		{"free to paid", Policy2023(), with(func(r *Request) {
			r.Changes = []offer.PriceChange{pbChange("5.00 USD", "6.00 USD"), pbChange("0.00 USD", "1.00 USD")}
		}), rule.EXT08, ReasonPriceFreeToPaid, PriceIncrease, 1},
		{"free to paid from the zero Money", Policy2023(), with(func(r *Request) {
			r.Changes = []offer.PriceChange{{Plan: "gold", New: currency.MustParse("1.00 USD")}}
		}), rule.EXT08, ReasonPriceFreeToPaid, PriceIncrease, 0},
		{"increase and decrease", Policy2023(), with(func(r *Request) {
			r.Changes = []offer.PriceChange{pbDown, pbUp}
		}), rule.EXT08, ReasonPriceMixed, PriceMixed, 1},
		{"no change", Policy2023(), with(func(r *Request) {
			r.Changes = []offer.PriceChange{pbChange("10.00 USD", "10.00 USD")}
		}), rule.EXT08, ReasonPriceUnchanged, PriceUnchanged, -1},
		{"no change under the default policy", DefaultPolicy(), with(func(r *Request) { r.Changes = nil }), rule.PLN11, ReasonPriceUnchanged, PriceUnchanged, -1},
		{"offer policy without price changes", PolicyFor(offer.DefaultPolicy()), base, rule.PLN11, ReasonPriceFixed, PriceDecrease, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := tt.pol.Decide(tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if d.Allowed || d.Rule != tt.rule || d.Reason != tt.reason || d.Direction != tt.direction || d.Change != tt.change || !d.Effective.IsZero() {
				t.Errorf("got allowed %v %s %s %v change %d; want %s %s %v change %d", d.Allowed, d.Rule, d.Reason, d.Direction, d.Change,
					tt.rule, tt.reason, tt.direction, tt.change)
			}
		})
	}
	// A pending change that has taken effect no longer blocks.
	d, err := Policy2023().Decide(with(func(r *Request) { r.Pending = pbTime("2024-01-01T00:00:00Z") }))
	if err != nil || !d.Allowed {
		t.Errorf("past pending change: %+v %v", d, err)
	}
	// Private plans are scheduled like public ones.
	d, err = Policy2023().Decide(with(func(r *Request) { r.Visibility = plan.Private }))
	if err != nil || !d.Allowed {
		t.Errorf("private plan: %+v %v", d, err)
	}
	if !PolicyFor(offer.Policy2023()).Allowed || PolicyFor(offer.DefaultPolicy()).Allowed {
		t.Error("PolicyFor does not mirror offer.Policy.PriceChanges")
	}
}

func TestEXT08_DecideErrors(t *testing.T) {
	// EXT-08: invalid input is reported at once with paths.
	req := Request{Plan: "gold", Changes: []offer.PriceChange{
		{Plan: "silver", Old: currency.MustParse("1.00 USD"), New: currency.MustParse("2.00 USD")},
		{Plan: "gold", Old: currency.MustParse("1.00 USD"), New: currency.MustParse("2.00 EUR")},
		{Plan: "gold", Old: currency.MustParse("-1.00 USD"), New: currency.MustParse("2.00 USD")},
		{Plan: "gold", Old: currency.MustParse("1.00 USD"), New: currency.MustParse("-2.00 USD")},
	}}
	_, err := Policy2023().Decide(req)
	want := []string{"published", "offer", "changes[0].plan", "changes[1]", "changes[2].old", "changes[3].new"}
	if diff := cmp.Diff(want, pbPaths(err)); diff != "" {
		t.Errorf("paths (-want +got):\n%s", diff)
	}
	if !errors.Is(err, ErrChange) {
		t.Errorf("%v does not wrap ErrChange", err)
	}
}

func TestEXT08_DecideOffer(t *testing.T) {
	// EXT-08: the changes Policy.CheckRepublish returns are decided plan by
	// plan.
	gold := plan.Plan{ID: "gold", Name: "Gold", Status: plan.Live, Markets: market.SetOf(market.US, market.SE),
		Pricing: plan.Pricing{Model: plan.FlatRate, Terms: []plan.TermPrice{{Term: plan.OneMonth, Price: currency.MustParse("10.00 USD")}}}}
	silver := gold
	silver.ID, silver.Name, silver.Visibility = "silver", "Silver", plan.Hidden
	published := offer.Offer{ID: "contoso", Type: offer.SaaS, SellThroughMicrosoft: true, Listing: offer.GetItNow, Plans: []plan.Plan{gold, silver}}
	draft := published
	draft.Plans = []plan.Plan{gold, silver}
	draft.Plans[0].Pricing.Terms = []plan.TermPrice{{Term: plan.OneMonth, Price: currency.MustParse("12.00 USD")}}
	draft.Plans[1].Pricing.Terms = []plan.TermPrice{{Term: plan.OneMonth, Price: currency.MustParse("9.00 USD")}}
	ch, err := offer.Policy2023().CheckRepublish(&published, &draft)
	if err != nil || !ch.Allowed {
		t.Fatal(err, ch)
	}
	at := pbTime("2024-01-10T09:00:00Z")
	ds, err := Policy2023().DecideOffer(&published, ch.Prices, nil, at)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range ds {
		got = append(got, d.Plan+" "+string(d.Reason)+" "+d.Effective.Format(time.DateOnly))
	}
	want := []string{"gold price-increase-scheduled 2024-05-01", "silver hidden-plan-price-fixed 0001-01-01"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	ds, err = Policy2023().DecideOffer(&published, ch.Prices, map[string]time.Time{"gold": pbTime("2024-03-01T00:00:00Z")}, at)
	if err != nil || ds[0].Reason != ReasonPricePending {
		t.Errorf("pending: %+v %v", ds, err)
	}
	bad := append(ch.Prices, offer.PriceChange{Plan: "gold", Old: currency.MustParse("1.00 USD"), New: currency.MustParse("1.00 EUR")})
	_, err = Policy2023().DecideOffer(&published, bad, nil, at)
	if diff := cmp.Diff([]string{"plans[gold].changes[1]"}, pbPaths(err)); diff != "" {
		t.Errorf("paths (-want +got):\n%s", diff)
	}
}

func TestEXT08_ContractPrice(t *testing.T) {
	// EXT-08: existing customers keep their contract price for the length
	// of the term; a renewal takes the price then in effect.
	s := ScheduledPrice{Old: currency.MustParse("10.00 USD"), New: currency.MustParse("12.00 USD"), Effective: pbTime("2024-05-01T00:00:00Z")}
	tests := []struct {
		name   string
		anchor string
		term   plan.Term
		at     string
		want   string
		reason rule.Reason
		start  string
	}{
		{"monthly, before the change", "2024-01-15T00:00:00Z", plan.OneMonth, "2024-04-20T00:00:00Z", "10.00 USD", ReasonPriceBeforeChange, "2024-04-15T00:00:00Z"},
		{"monthly, term began before the change", "2024-01-15T00:00:00Z", plan.OneMonth, "2024-05-10T00:00:00Z", "10.00 USD", ReasonPriceContractKept, "2024-04-15T00:00:00Z"},
		{"monthly, renewed after the change", "2024-01-15T00:00:00Z", plan.OneMonth, "2024-05-15T00:00:00Z", "12.00 USD", ReasonPriceRenewedAtNew, "2024-05-15T00:00:00Z"},
		{"annual keeps the old price a year", "2024-01-15T00:00:00Z", plan.OneYear, "2024-12-31T00:00:00Z", "10.00 USD", ReasonPriceContractKept, "2024-01-15T00:00:00Z"},
		{"annual renews at the new price", "2024-01-15T00:00:00Z", plan.OneYear, "2025-01-15T00:00:00Z", "12.00 USD", ReasonPriceRenewedAtNew, "2025-01-15T00:00:00Z"},
		{"term starting exactly at the change", "2024-04-01T00:00:00Z", plan.OneMonth, "2024-05-01T00:00:00Z", "12.00 USD", ReasonPriceRenewedAtNew, "2024-05-01T00:00:00Z"},
		{"bought after the change", "2024-06-03T00:00:00Z", plan.ThreeYears, "2024-06-03T00:00:00Z", "12.00 USD", ReasonPriceBoughtAfter, "2024-06-03T00:00:00Z"},
		{"anchor on the 31st, clamped", "2024-01-31T00:00:00Z", plan.OneMonth, "2024-04-30T12:00:00Z", "10.00 USD", ReasonPriceBeforeChange, "2024-04-30T00:00:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := DefaultPolicy().ContractPrice(pbTime(tt.anchor), tt.term, s, pbTime(tt.at))
			if err != nil {
				t.Fatal(err)
			}
			if a.Price != currency.MustParse(tt.want) || a.Reason != tt.reason || a.New != (tt.want == "12.00 USD") || !a.Term.Start.Equal(pbTime(tt.start)) {
				t.Errorf("got %v %s term %v; want %s %s from %s", a.Price, a.Reason, a.Term, tt.want, tt.reason, tt.start)
			}
		})
	}
	if a, err := DefaultPolicy().ContractPrice(pbTime("2024-01-15T00:00:00Z"), plan.OneMonth, ScheduledPrice{Old: s.Old}, pbTime("2025-01-15T00:00:00Z")); err != nil || a.Price != s.Old || a.Reason != ReasonPriceChangeNotTaken {
		t.Errorf("nothing scheduled: %+v %v", a, err)
	}
	if _, err := DefaultPolicy().ContractPrice(pbTime("2024-01-15T00:00:00Z"), plan.Hourly, s, pbTime("2024-05-15T00:00:00Z")); !errors.Is(err, ErrContract) {
		t.Errorf("hourly: %v", err)
	}
	if _, err := DefaultPolicy().ContractPrice(pbTime("2024-01-15T00:00:00Z"), plan.OneMonth, s, pbTime("2024-01-14T00:00:00Z")); !errors.Is(err, ErrContract) || !errors.Is(err, calendar.ErrBeforeAnchor) {
		t.Errorf("before the anchor: %v", err)
	}
}

func TestEXT08_UsagePrice(t *testing.T) {
	// EXT-08: usage after the change is billed at the new price,
	// whatever the contract.
	s := ScheduledPrice{Old: currency.MustParse("0.05 USD"), New: currency.MustParse("0.04 USD"), Effective: pbTime("2024-02-01T00:00:00Z")}
	tests := []struct {
		at     string
		want   string
		reason rule.Reason
	}{
		{"2024-01-31T23:59:59Z", "0.05 USD", ReasonPriceUsageBefore},
		{"2024-02-01T00:00:00Z", "0.04 USD", ReasonPriceUsageAfter},
		{"2030-01-01T00:00:00Z", "0.04 USD", ReasonPriceUsageAfter},
	}
	for _, tt := range tests {
		a := DefaultPolicy().UsagePrice(s, pbTime(tt.at))
		if a.Price != currency.MustParse(tt.want) || a.Reason != tt.reason {
			t.Errorf("%s: got %v %s, want %s %s", tt.at, a.Price, a.Reason, tt.want, tt.reason)
		}
	}
	if a := DefaultPolicy().UsagePrice(ScheduledPrice{Old: s.Old}, pbTime("2030-01-01T00:00:00Z")); a.Price != s.Old || a.Reason != ReasonPriceChangeNotTaken {
		t.Errorf("nothing scheduled: %+v", a)
	}
}

func TestEXT08_ScheduleProperties(t *testing.T) {
	// EXT-08, property: the effective date is the 1st of a month, after
	// the publish instant; a decrease is one or two months ahead; an
	// increase at least 90 days ahead and less than 90 days plus two
	// months; both are monotone in the publish instant.
	rng := rand.New(rand.NewPCG(21, 34))
	pol := Policy2023()
	types := []offer.Type{offer.SaaS, offer.VirtualMachine, offer.ManagedApplication}
	for _, ch := range []offer.PriceChange{pbDown, pbUp} {
		for _, ty := range types {
			prev := time.Time{}
			at := pbTime("2023-01-01T00:00:00Z")
			for range 2000 {
				at = at.Add(time.Duration(rng.Int64N(int64(72 * time.Hour))))
				d, err := pol.Decide(Request{Offer: ty, Plan: "gold", Published: at, Changes: []offer.PriceChange{ch}})
				if err != nil || !d.Allowed {
					t.Fatalf("%v: %+v %v", at, d, err)
				}
				e := d.Effective
				if e.Day() != 1 || e.Hour() != 0 || !e.After(at) || e.Before(prev) {
					t.Fatalf("%v %v: effective %v (previous %v)", ty, at, e, prev)
				}
				switch d.Direction {
				case PriceDecrease:
					if e.After(addMonths(at, 2)) {
						t.Fatalf("decrease %v → %v", at, e)
					}
				case PriceIncrease:
					if e.Before(at.AddDate(0, 0, 90)) || !e.Before(addMonths(at.AddDate(0, 0, 90), 2)) {
						t.Fatalf("increase %v → %v", at, e)
					}
				}
				prev = e
			}
		}
	}
}

func TestEXT08_Explain(t *testing.T) {
	// EXT-08, PLN-11: decisions and applied prices explain themselves.
	at := pbTime("2024-01-28T09:00:00Z")
	req := Request{Offer: offer.SaaS, Plan: "gold", Published: at, Changes: []offer.PriceChange{pbDown}}
	dec, _ := Policy2023().Decide(req)
	req.Changes = []offer.PriceChange{pbUp}
	inc, _ := Policy2023().Decide(req)
	fixed, _ := DefaultPolicy().Decide(req)
	tests := []struct {
		got, want string
	}{
		{dec.Explain(rule.English), `Plan "gold": the price decrease takes effect on 2024-03-01 00:00:00 UTC. Published 2024-01-28 09:00:00 UTC, at or after the cut-off 2024-01-28 00:00:00 UTC (4 days before the end of the month), it counts from 2024-02-01 00:00:00 UTC; a decrease takes effect on the 1st of the next month (EXT-08).`},
		{inc.Explain(rule.Swedish), `Planen "gold": prishöjningen gäller från 2024-05-01 00:00:00 UTC. Publicerad 2024-01-28 09:00:00 UTC, vid eller efter gränsen 2024-01-28 00:00:00 UTC (4 dagar före månadens slut), räknas den från 2024-02-01 00:00:00 UTC; en höjning gäller från den första 1:a i en månad minst 90 dagar senare, från och med 2024-05-01 00:00:00 UTC (EXT-08).`},
		{fixed.Explain(rule.English), `Plan "gold": refused. Once a plan is published, a market's price cannot change (PLN-11).`},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got  %s\nwant %s", tt.got, tt.want)
		}
	}
	// Every reason has its own explanation, in both languages.
	reqs := map[rule.Reason]Request{
		ReasonPriceOfferType:       {Offer: offer.Container, Plan: "gold", Published: at, Changes: []offer.PriceChange{pbUp}},
		ReasonPriceHiddenPlan:      {Offer: offer.SaaS, Visibility: plan.Hidden, Plan: "gold", Published: at, Changes: []offer.PriceChange{pbUp}},
		ReasonPriceAzureGovernment: {Offer: offer.SaaS, AzureGovernment: true, Plan: "gold", Published: at, Changes: []offer.PriceChange{pbUp}},
		ReasonPricePending:         {Offer: offer.SaaS, Pending: pbTime("2024-02-01T00:00:00Z"), Plan: "gold", Published: at, Changes: []offer.PriceChange{pbUp}},
		ReasonPriceFreeToPaid:      {Offer: offer.SaaS, Plan: "gold", Published: at, Changes: []offer.PriceChange{pbChange("0.00 USD", "1.00 USD")}},
		ReasonPriceMixed:           {Offer: offer.SaaS, Plan: "gold", Published: at, Changes: []offer.PriceChange{pbUp, pbDown}},
		ReasonPriceUnchanged:       {Offer: offer.SaaS, Plan: "gold", Published: at},
	}
	seen := map[string]bool{}
	for reason, r := range reqs {
		d, err := Policy2023().Decide(r)
		if err != nil || d.Reason != reason {
			t.Fatalf("%s: %v %v", reason, d.Reason, err)
		}
		for _, lang := range []rule.Language{rule.English, rule.Swedish} {
			s := d.Explain(lang)
			if seen[s] || !strings.Contains(s, `"gold"`) || !strings.HasSuffix(s, "(EXT-08).") {
				t.Errorf("%s %v: %s", reason, lang, s)
			}
			seen[s] = true
		}
	}
	s := ScheduledPrice{Old: currency.MustParse("10.00 USD"), New: currency.MustParse("12.00 USD"), Effective: pbTime("2024-05-01T00:00:00Z")}
	kept, _ := DefaultPolicy().ContractPrice(pbTime("2024-01-15T00:00:00Z"), plan.OneYear, s, pbTime("2024-06-01T00:00:00Z"))
	if got, want := kept.Explain(rule.English), "$10.00 applies at 2024-06-01 00:00:00 UTC: the contract term 2024-01-15 00:00:00 UTC – 2025-01-15 00:00:00 UTC began before the change of 2024-05-01 00:00:00 UTC, and existing customers keep their contract price until the term renews (EXT-08)."; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	for _, a := range []AppliedPrice{
		func() AppliedPrice {
			a, _ := DefaultPolicy().ContractPrice(pbTime("2024-01-15T00:00:00Z"), plan.OneYear, s, pbTime("2025-02-01T00:00:00Z"))
			return a
		}(),
		func() AppliedPrice {
			a, _ := DefaultPolicy().ContractPrice(pbTime("2024-07-15T00:00:00Z"), plan.OneYear, s, pbTime("2024-08-01T00:00:00Z"))
			return a
		}(),
		func() AppliedPrice {
			a, _ := DefaultPolicy().ContractPrice(pbTime("2024-01-15T00:00:00Z"), plan.OneYear, s, pbTime("2024-02-01T00:00:00Z"))
			return a
		}(),
		func() AppliedPrice {
			a, _ := DefaultPolicy().ContractPrice(pbTime("2024-01-15T00:00:00Z"), plan.OneYear, ScheduledPrice{Old: s.Old}, pbTime("2024-02-01T00:00:00Z"))
			return a
		}(),
		DefaultPolicy().UsagePrice(s, pbTime("2024-04-01T00:00:00Z")),
		DefaultPolicy().UsagePrice(s, pbTime("2024-06-01T00:00:00Z")),
	} {
		for _, lang := range []rule.Language{rule.English, rule.Swedish} {
			got := a.Explain(lang)
			if seen[got] || !strings.HasSuffix(got, "(EXT-08).") {
				t.Errorf("%s: %s", a.Reason, got)
			}
			seen[got] = true
		}
	}
}

func TestEXT08_DecisionJSON(t *testing.T) {
	// EXT-08: a decision round-trips through JSON.
	d, err := Policy2023().Decide(Request{Offer: offer.SaaS, Plan: "gold", Published: pbTime("2024-01-10T09:00:00Z"), Changes: []offer.PriceChange{pbUp}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var back Decision
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(d, back); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for dir := PriceUnchanged; dir <= PriceMixed; dir++ {
		b, _ := dir.MarshalText()
		var got Direction
		if err := got.UnmarshalText(b); err != nil || got != dir {
			t.Errorf("%v: %v %v", dir, got, err)
		}
	}
	if sp, ok := d.Scheduled(pbUp); !ok || sp.New != pbUp.New || !sp.Effective.Equal(d.Effective) {
		t.Errorf("Scheduled: %+v %v", sp, ok)
	}
	if _, ok := (Decision{}).Scheduled(pbUp); ok {
		t.Error("a refused change scheduled something")
	}
}

func BenchmarkPriceChangeDecide(b *testing.B) {
	req := Request{Offer: offer.SaaS, Plan: "gold", Published: pbTime("2024-01-28T09:00:00Z"),
		Changes: []offer.PriceChange{pbUp, pbChange("100.00 USD", "120.00 USD"), pbChange("1000.00 SEK", "1200.00 SEK")}}
	pol := Policy2023()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := pol.Decide(req); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPriceChangeContractPrice(b *testing.B) {
	s := ScheduledPrice{Old: currency.MustParse("10.00 USD"), New: currency.MustParse("12.00 USD"), Effective: pbTime("2024-05-01T00:00:00Z")}
	anchor, at := pbTime("2021-01-31T00:00:00Z"), pbTime("2024-05-10T00:00:00Z")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DefaultPolicy().ContractPrice(anchor, plan.OneMonth, s, at); err != nil {
			b.Fatal(err)
		}
	}
}

func TestEXT08_ShortNoticePolicy(t *testing.T) {
	// EXT-08: with a policy of no notice, an increase takes effect no
	// earlier than a decrease would.
	pol := Policy2023()
	pol.IncreaseNoticeDays = 0
	req := Request{Offer: offer.SaaS, Plan: "gold", Published: pbTime("2024-01-10T00:00:00Z"), Changes: []offer.PriceChange{pbUp}}
	d, err := pol.Decide(req)
	if err != nil || !d.Effective.Equal(pbTime("2024-02-01T00:00:00Z")) {
		t.Errorf("%v %v", d.Effective, err)
	}
	// A negative notice is not a policy: it is refused, naming the field.
	pol.IncreaseNoticeDays = -30
	if _, err := pol.Decide(req); !errors.Is(err, ErrChange) || len(pbPaths(err)) != 1 || pbPaths(err)[0] != "policy.increaseNoticeDays" {
		t.Errorf("negative notice: %v", err)
	}
	// The zero Policy is DefaultPolicy(): a published price is fixed.
	if d, err := (Policy{}).Decide(req); err != nil || d.Allowed || d.Reason != ReasonPriceFixed {
		t.Errorf("zero policy: %+v, %v", d, err)
	}
}

func addMonths(t time.Time, n calendar.Months) time.Time {
	u, err := calendar.AddMonths(t, n)
	if err != nil {
		panic(err)
	}
	return u
}
