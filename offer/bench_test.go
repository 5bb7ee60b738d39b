package offer_test

import (
	"fmt"
	"testing"

	"github.com/marketrules/marketrules/market"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
)

// maximalOffer is the largest offer the rules allow: 100 flat-rate SaaS
// plans, 45 of them private with ids tenant IDs each (sorted, from
// NewAudience), every plan in all 141 transacting markets with all four
// billing terms, and 30 dimensions, each priced by every plan with an
// included quantity for each of its terms.
func maximalOffer(ids int) offer.Offer {
	o := offer.Offer{ID: "maximal", Type: offer.SaaS, SellThroughMicrosoft: true, Listing: offer.GetItNow,
		Resellers: offer.Resellers{Mode: offer.AllResellers}}
	for i := range 30 {
		o.Dimensions = append(o.Dimensions, plan.Dimension{ID: fmt.Sprintf("dim-%02d", i), DisplayName: fmt.Sprintf("Dimension %d", i), Unit: "per unit"})
	}
	terms := []plan.TermPrice{
		{Term: plan.OneMonth, Payment: plan.Upfront, Price: usd("10.00")},
		{Term: plan.OneYear, Payment: plan.Monthly, Price: usd("100.00")},
		{Term: plan.TwoYears, Payment: plan.Annual, Price: usd("190.00")},
		{Term: plan.ThreeYears, Payment: plan.Upfront, Price: usd("270.00")},
	}
	for i := range 100 {
		p := plan.Plan{
			ID: fmt.Sprintf("plan-%03d", i), Name: fmt.Sprintf("Plan %d", i), Description: "A plan of the maximal offer.",
			Status: plan.Live, Markets: market.TransactingSet(),
			Pricing: plan.Pricing{Model: plan.FlatRate, Terms: terms},
		}
		for _, d := range o.Dimensions {
			m := plan.Meter{Dimension: d.ID, Price: usd("0.01")}
			for _, t := range terms {
				m.Included = append(m.Included, plan.Included{Term: t.Term, Quantity: plan.Quantity(t.Term.Months() * 100)})
			}
			p.Pricing.Meters = append(p.Pricing.Meters, m)
		}
		if i < 45 {
			g := make([]plan.GUID, ids)
			for j := range g {
				g[j] = guid(i<<20 | j)
			}
			p.Visibility = plan.Private
			p.Audience = plan.NewAudience(plan.TenantIDs, plan.CSV, g...)
		}
		o.Plans = append(o.Plans, p)
	}
	return o
}

// The maximal offer is valid: the benchmark measures a full pass, not an
// early exit.
func TestMaximalOfferIsValid(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 900,000 IDs")
	}
	o := maximalOffer(20000)
	if err := offer.DefaultPolicy().CheckOffer(o); err != nil {
		t.Fatal(err)
	}
	o.Plans[0].Audience.IDs = append(o.Plans[0].Audience.IDs, o.Plans[0].Audience.IDs[0])
	if err := offer.DefaultPolicy().CheckOffer(o); err == nil {
		t.Fatal("20,001 IDs accepted")
	}
}

// BenchmarkValidateMaximal validates the maximal offer. Its memory should
// not grow with the number of valid audience entries: compare B/op of
// ids=2000 and ids=20000.
func BenchmarkValidateMaximal(b *testing.B) {
	for _, ids := range []int{2000, 20000} {
		b.Run(fmt.Sprintf("ids=%d", ids), func(b *testing.B) {
			o := maximalOffer(ids)
			pol := offer.DefaultPolicy()
			if err := pol.CheckOffer(o); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := pol.CheckOffer(o); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDecodeSaaSOffer(b *testing.B) {
	in := readFile(b, "testdata/saas-offer.json")
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := offer.DefaultPolicy().Decode(bytesReader(in), 0); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCheckRepublishMaximal(b *testing.B) {
	o := maximalOffer(2000)
	d := maximalOffer(2000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := checkRepublish(&o, &d, offer.DefaultPolicy()); err != nil {
			b.Fatal(err)
		}
	}
}
