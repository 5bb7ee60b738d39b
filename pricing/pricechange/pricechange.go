package pricechange

import (
	"errors"
	"fmt"
	"github.com/marketrules/marketrules/calendar"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/internal/enum"
	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// ErrChange is wrapped by the problems of a price change that cannot
// be judged: no publish instant, an invalid offer type, a change between
// currencies, a negative price, changes of another plan.
var ErrChange = errors.New("invalid price change")

// Policy holds the rules of changing a published price. The
// published rules forbid it (PLN-11, [DefaultPolicy]); the 2023 documents
// allow a scheduled change (EXT-08, [Policy2023]).
//
// Calendar days count in Zone. The sources name no time zone for "the
// first of the month" and "four days before the end of the month"; the
// default is UTC, and a host that knows Partner Center's zone for its
// account sets it.
type Policy struct {
	// Name identifies the policy: "default" or "2023".
	Name string `json:"name"`
	// Allowed says whether a published price may change at all: false
	// under the default policy (PLN-11), true in 2023 (EXT-08). It mirrors
	// offer.Policy.PriceChanges.
	Allowed bool `json:"allowed"`
	// SaaSCutoffDays, VMCutoffDays and AppCutoffDays are the cut-offs of
	// EXT-08 for SaaS, virtual machine and Azure (managed) application
	// offers: a change must be published before the last this-many
	// calendar days of a month to count in that month: 4, 6 and 14 (from
	// offer.Type.Capabilities). Other offer types cannot change prices.
	SaaSCutoffDays calendar.Days `json:"saasCutoffDays"`
	VMCutoffDays   calendar.Days `json:"vmCutoffDays"`
	AppCutoffDays  calendar.Days `json:"appCutoffDays"`
	// IncreaseNoticeDays is the least number of calendar days from
	// publishing an increase to its effective date: 90.
	IncreaseNoticeDays calendar.Days `json:"increaseNoticeDays"`
	// Zone is the time zone of calendar days; nil means UTC. Hosts that
	// store a policy keep the zone's name beside it.
	Zone *time.Location `json:"-"`
}

// IsZero reports whether p is the zero Policy. The zero Policy refuses
// every change of a published price, as [DefaultPolicy] does (PLN-11):
// its methods apply DefaultPolicy().
func (p Policy) IsZero() bool {
	return p.Name == "" && !p.Allowed && p.SaaSCutoffDays == 0 && p.VMCutoffDays == 0 && p.AppCutoffDays == 0 &&
		p.IncreaseNoticeDays == 0 && p.Zone == nil
}

// resolved returns DefaultPolicy() for the zero Policy, else p.
func (p Policy) resolved() Policy {
	if p.IsZero() {
		return DefaultPolicy()
	}
	return p
}

// Validate reports every field of p that cannot be applied, as
// [rule.Problems] wrapping [ErrChange]: a negative or implausible cut-off
// or notice (0 to 31 and 0 to 3,660 days). The zero Policy is valid.
func (p Policy) Validate() error {
	var ps rule.Problems
	for _, f := range [...]struct {
		path string
		v    calendar.Days
		max  calendar.Days
	}{
		{"policy.saasCutoffDays", p.SaaSCutoffDays, 31},
		{"policy.vmCutoffDays", p.VMCutoffDays, 31},
		{"policy.appCutoffDays", p.AppCutoffDays, 31},
		{"policy.increaseNoticeDays", p.IncreaseNoticeDays, 3660},
	} {
		if f.v < 0 || f.v > f.max {
			ps.Append(rule.Problem{Rule: rule.EXT08, Path: f.path, Message: pcMsgPolicyDays, Args: []any{int64(f.v), int64(f.max)}, Err: ErrChange})
		}
	}
	return ps.Err()
}

var pcMsgPolicyDays = rule.Message{English: "%d days is outside 0 to %d", Swedish: "%d dagar ligger utanför 0 till %d"}

// String returns the decision in English.
func (d Decision) String() string { return d.Explain(rule.English) }

// String returns the answer in English.
func (a AppliedPrice) String() string { return a.Explain(rule.English) }

// DefaultPolicy returns the published rule: a published market
// price cannot change (PLN-11). Its other fields are the 2023 values, so
// that setting Allowed is all it takes to switch.
func DefaultPolicy() Policy {
	p := Policy2023()
	p.Name, p.Allowed = "default", false
	return p
}

// Policy2023 returns the 2023 rules (EXT-08): decreases on
// the 1st of the next month, increases on the 1st of a month at least 90
// days away, cut-offs of 4 (SaaS), 6 (VM) and 14 (Azure application)
// days, calendar days in UTC.
func Policy2023() Policy {
	return Policy{
		Name:               "2023",
		Allowed:            true,
		SaaSCutoffDays:     calendar.Days(offer.SaaS.Capabilities().PriceChangeCutoffDays),
		VMCutoffDays:       calendar.Days(offer.VirtualMachine.Capabilities().PriceChangeCutoffDays),
		AppCutoffDays:      calendar.Days(offer.ManagedApplication.Capabilities().PriceChangeCutoffDays),
		IncreaseNoticeDays: 90,
	}
}

// PolicyFor returns the price-change policy that matches an
// offer policy: [Policy2023] where op.PriceChanges is set, else
// [DefaultPolicy].
func PolicyFor(op offer.Policy) Policy {
	if op.PriceChanges {
		return Policy2023()
	}
	return DefaultPolicy()
}

// CutoffDays returns the cut-off of offer type t, 0 for types whose
// prices cannot change.
func (p Policy) CutoffDays(t offer.Type) calendar.Days {
	switch t {
	case offer.SaaS:
		return p.SaaSCutoffDays
	case offer.VirtualMachine:
		return p.VMCutoffDays
	case offer.ManagedApplication:
		return p.AppCutoffDays
	}
	return 0
}

func (p Policy) zone() *time.Location {
	if p.Zone == nil {
		return time.UTC
	}
	return p.Zone
}

// Direction is which way a plan's prices move. The enum is
// append-only.
type Direction uint8

// The directions.
const (
	// PriceUnchanged: no price changes.
	PriceUnchanged Direction = iota
	// PriceDecrease: some prices go down, none up.
	PriceDecrease
	// PriceIncrease: some prices go up, none down.
	PriceIncrease
	// PriceMixed: some go up and some down, which one change cannot do.
	PriceMixed
)

var priceDirectionNames = enum.Names[Direction]{Type: "price direction", Names: []string{"unchanged", "decrease", "increase", "mixed"}}

// String returns "unchanged", "decrease", "increase" or "mixed".
func (d Direction) String() string { return priceDirectionNames.String(d) }

// MarshalText implements [encoding.TextMarshaler].
func (d Direction) MarshalText() ([]byte, error) { return priceDirectionNames.Marshal(d) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (d *Direction) UnmarshalText(b []byte) error { return priceDirectionNames.Unmarshal(b, d) }

// The reasons of price-change decisions: stable codes, never renamed or
// reused.
const (
	// ReasonPriceDecrease: a decrease is scheduled.
	ReasonPriceDecrease rule.Reason = "price-decrease-scheduled"
	// ReasonPriceIncrease: an increase is scheduled.
	ReasonPriceIncrease rule.Reason = "price-increase-scheduled"
	// ReasonPriceUnchanged: no price changes; nothing to schedule.
	ReasonPriceUnchanged rule.Reason = "price-unchanged"
	// ReasonPriceFixed: the policy forbids changing a published price
	// (PLN-11).
	ReasonPriceFixed rule.Reason = "published-price-fixed"
	// ReasonPriceOfferType: the offer type cannot change prices.
	ReasonPriceOfferType rule.Reason = "offer-type-without-price-changes"
	// ReasonPriceHiddenPlan: a hidden plan's prices cannot change.
	ReasonPriceHiddenPlan rule.Reason = "hidden-plan-price-fixed"
	// ReasonPriceAzureGovernment: prices of plans in Azure Government
	// cannot change.
	ReasonPriceAzureGovernment rule.Reason = "azure-government-price-fixed"
	// ReasonPricePending: another change is scheduled and not yet in
	// effect.
	ReasonPricePending rule.Reason = "price-change-already-scheduled"
	// ReasonPriceFreeToPaid: a price goes from zero to above zero.
	ReasonPriceFreeToPaid rule.Reason = "price-free-to-paid"
	// ReasonPriceMixed: some prices go up and others down.
	ReasonPriceMixed rule.Reason = "price-increase-and-decrease"
)

// Request asks when a change to a published plan's prices
// takes effect, if at all (EXT-08, PLN-11).
type Request struct {
	// Offer is the offer's type; its cut-off decides the schedule.
	Offer offer.Type `json:"offer,omitzero"`
	// Plan is the plan's ID; every change must be of this plan (or have
	// an empty Plan).
	Plan string `json:"plan"`
	// Visibility is the plan's: a hidden plan cannot change prices.
	Visibility plan.Visibility `json:"visibility"`
	// AzureGovernment says the plan is available in Azure Government,
	// where prices cannot change.
	AzureGovernment bool `json:"azureGovernment,omitempty"`
	// Pending is the effective instant of a change of this plan scheduled
	// before and not yet in effect at Published; zero if none. One change
	// may be scheduled at a time.
	Pending time.Time `json:"pending,omitzero"`
	// Published is when the change is published.
	Published time.Time `json:"published"`
	// Changes are the plan's old and new prices: term prices in USD or a
	// market's currency, meter prices (offer.Policy.CheckRepublish lists them).
	Changes []offer.PriceChange `json:"changes"`
}

// Decision says whether a plan's price change is allowed and
// when it takes effect, with the rule, the reason and the figures of the
// schedule. It is a value, not an error; render it with
// [Decision.Explain].
type Decision struct {
	Plan string `json:"plan"`
	// Allowed reports whether the change is scheduled.
	Allowed bool `json:"allowed"`
	// Direction is which way the prices move.
	Direction Direction `json:"direction"`
	// Rule is EXT-08 (or PLN-11 under the default policy); Reason says why.
	Rule   rule.ID     `json:"rule"`
	Reason rule.Reason `json:"reason"`
	// Effective is when the new prices take effect: 00:00 on the 1st of a
	// month in Zone. Zero when the change is not allowed.
	Effective time.Time `json:"effective,omitzero"`
	// Published is the publish instant; Cutoff the cut-off of its month:
	// 00:00 on the first of the month's last CutoffDays days, in Zone.
	Published time.Time `json:"published"`
	Cutoff    time.Time `json:"cutoff,omitzero"`
	// CountsFrom is the instant the schedule counts from: Published, or
	// the 1st of the next month when Published is at or after Cutoff.
	CountsFrom time.Time `json:"countsFrom,omitzero"`
	// NoticeEnd is CountsFrom plus IncreaseNoticeDays calendar days, for
	// an increase: Effective is the first 1st of a month at or after it.
	NoticeEnd time.Time `json:"noticeEnd,omitzero"`
	// CutoffDays and NoticeDays are the policy's figures used.
	CutoffDays calendar.Days `json:"cutoffDays,omitempty"`
	NoticeDays calendar.Days `json:"noticeDays,omitempty"`
	// Zone names the time zone of calendar days.
	Zone string `json:"zone,omitempty"`
	// Pending is the request's pending change, when it refused this one.
	Pending time.Time `json:"pending,omitzero"`
	// Change is the index of the change that decided a refusal (the first
	// from $0 to paid, or the first against the plan's direction); −1
	// otherwise.
	Change int `json:"change"`
	// Offer is the offer type.
	Offer offer.Type `json:"offer,omitzero"`
}

var (
	pcMsgPublished  = rule.Message{English: "the publish instant is required", Swedish: "publiceringstidpunkten måste anges"}
	pcMsgNoOffer    = rule.Message{English: "the offer type is missing or unknown", Swedish: "erbjudandetypen saknas eller är okänd"}
	pcMsgOtherPlan  = rule.Message{English: "a change of plan %q in a request for plan %q", Swedish: "en ändring av planen %q i en begäran för planen %q"}
	pcMsgCurrencies = rule.Message{English: "the old price %v and the new price %v are in different currencies", Swedish: "det gamla priset %v och det nya priset %v är i olika valutor"}
	pcMsgNegative   = rule.Message{English: "price %v is negative", Swedish: "priset %v är negativt"}
)

// Decide decides a plan's price change (EXT-08 under a policy that allows
// changes, PLN-11 otherwise). In order, the first that applies decides:
//
//  1. no price changes: nothing to schedule (ReasonPriceUnchanged);
//  2. the policy forbids changing a published price (PLN-11);
//  3. the offer type cannot change prices (a cut-off of 0);
//  4. a hidden plan, or a plan in Azure Government;
//  5. a change is already scheduled and not yet in effect at Published;
//  6. a price goes from zero to above zero (from free to paid);
//  7. some prices go up and others down (schedule the decrease first);
//  8. otherwise the change is scheduled.
//
// The schedule, in the policy's Zone: the cut-off of a month is 00:00 on
// the first of its last N calendar days (N = 4 for SaaS, so 00:00 on
// January 28; a change published at 23:59:59 on January 27 is in time,
// one at 00:00:00 on January 28 is not). A change counts from its
// publish instant when published before the cut-off, else from 00:00 on
// the 1st of the next month. A decrease takes effect on the 1st of the
// month after the one it counts from; an increase on the first 1st of a
// month at or after the instant IncreaseNoticeDays calendar days after it
// counts from. So for SaaS in UTC: published January 10, 2024, a
// decrease takes effect February 1 and an increase May 1 (90 days later
// is April 9); published January 28, 2024, both count from February 1:
// a decrease takes effect March 1 and an increase May 1 (exactly 90 days
// after February 1 in a leap year; in 2023 it would be May 2, so June 1).
//
// Invalid input (no publish instant, an unknown offer type, a change of
// another plan, old and new prices in different currencies, a negative
// price) is reported as [rule.Problems] wrapping [ErrChange].
func (p Policy) Decide(req Request) (Decision, error) {
	p = p.resolved()
	var ps rule.Problems
	if err := p.Validate(); err != nil {
		return Decision{}, err
	}
	add := func(path string, m rule.Message, args ...any) {
		ps.Append(rule.Problem{Rule: rule.EXT08, Path: path, Message: m, Args: args, Err: ErrChange})
	}
	if req.Published.IsZero() {
		add("published", pcMsgPublished)
	}
	if !req.Offer.Valid() {
		add("offer", pcMsgNoOffer)
	}
	ups, downs, firstUp, firstDown, freeToPaid := 0, 0, -1, -1, -1
	for i, c := range req.Changes {
		path := fmt.Sprintf("changes[%d]", i)
		if c.Plan != "" && req.Plan != "" && c.Plan != req.Plan {
			add(path+".plan", pcMsgOtherPlan, c.Plan, req.Plan)
		}
		oc, nc := c.Old.Code(), c.New.Code()
		if oc != nc && c.Old != (currency.Money{}) && c.New != (currency.Money{}) {
			add(path, pcMsgCurrencies, c.Old, c.New)
			continue
		}
		switch {
		case c.Old.IsNegative():
			add(path+".old", pcMsgNegative, c.Old)
			continue
		case c.New.IsNegative():
			add(path+".new", pcMsgNegative, c.New)
			continue
		}
		switch o, n := c.Old.Minor(), c.New.Minor(); {
		case n > o:
			ups++
			if firstUp < 0 {
				firstUp = i
			}
			if o == 0 && freeToPaid < 0 {
				freeToPaid = i
			}
		case n < o:
			downs++
			if firstDown < 0 {
				firstDown = i
			}
		}
	}
	if err := ps.Err(); err != nil {
		return Decision{}, err
	}

	d := Decision{Plan: req.Plan, Rule: rule.EXT08, Published: req.Published, Change: -1, Offer: req.Offer}
	switch {
	case ups > 0 && downs > 0:
		d.Direction = PriceMixed
	case ups > 0:
		d.Direction = PriceIncrease
	case downs > 0:
		d.Direction = PriceDecrease
	}
	if !p.Allowed {
		d.Rule = rule.PLN11
	}
	cutoff := p.CutoffDays(req.Offer)
	switch {
	case d.Direction == PriceUnchanged:
		d.Reason = ReasonPriceUnchanged
		return d, nil
	case !p.Allowed:
		d.Reason = ReasonPriceFixed
		return d, nil
	case cutoff <= 0:
		d.Reason = ReasonPriceOfferType
		return d, nil
	case req.Visibility == plan.Hidden:
		d.Reason = ReasonPriceHiddenPlan
		return d, nil
	case req.AzureGovernment:
		d.Reason = ReasonPriceAzureGovernment
		return d, nil
	case !req.Pending.IsZero() && req.Published.Before(req.Pending):
		d.Reason, d.Pending = ReasonPricePending, req.Pending
		return d, nil
	case freeToPaid >= 0:
		d.Reason, d.Change = ReasonPriceFreeToPaid, freeToPaid
		return d, nil
	case d.Direction == PriceMixed:
		d.Reason, d.Change = ReasonPriceMixed, max(firstUp, firstDown)
		return d, nil
	}

	z := p.zone()
	d.Zone, d.CutoffDays = z.String(), cutoff
	d.Cutoff, d.CountsFrom = p.schedule(req.Published, int(cutoff))
	d.Allowed = true
	if d.Direction == PriceDecrease {
		d.Reason = ReasonPriceDecrease
		y, m, _ := d.CountsFrom.Date()
		d.Effective = time.Date(y, m+1, 1, 0, 0, 0, 0, z)
		return d, nil
	}
	d.Reason, d.NoticeDays = ReasonPriceIncrease, p.IncreaseNoticeDays
	d.NoticeEnd = d.CountsFrom.AddDate(0, 0, int(p.IncreaseNoticeDays))
	d.Effective = pcFirstOfMonth(d.NoticeEnd)
	// Never earlier than a decrease would be (a policy with a short or
	// negative notice).
	y, m, _ := d.CountsFrom.Date()
	if next := time.Date(y, m+1, 1, 0, 0, 0, 0, z); d.Effective.Before(next) {
		d.Effective = next
	}
	return d, nil
}

// schedule returns the cut-off of the month of published (in the
// policy's zone) and the instant the schedule counts from.
func (p Policy) schedule(published time.Time, cutoffDays int) (cutoff, from time.Time) {
	z := p.zone()
	t := published.In(z)
	y, m, _ := t.Date()
	last := time.Date(y, m+1, 0, 0, 0, 0, 0, z).Day()
	cutoff = time.Date(y, m, last-cutoffDays+1, 0, 0, 0, 0, z)
	if t.Before(cutoff) {
		return cutoff, t
	}
	return cutoff, time.Date(y, m+1, 1, 0, 0, 0, 0, z)
}

// pcFirstOfMonth returns 00:00 on the 1st of the month of t if t is
// that instant, else 00:00 on the 1st of the next month, in t's location.
func pcFirstOfMonth(t time.Time) time.Time {
	y, m, _ := t.Date()
	first := time.Date(y, m, 1, 0, 0, 0, 0, t.Location())
	if first.Equal(t) {
		return first
	}
	return time.Date(y, m+1, 1, 0, 0, 0, 0, t.Location())
}

// DecideOffer decides the price changes of a republished offer, one
// decision per plan in order of first appearance in changes (the Prices
// of the RepublishDecision that offer.Policy.CheckRepublish returns): each
// plan's visibility and the offer's type and Azure Government listing come from published; pending
// maps a plan ID to the effective instant of a change scheduled before
// (absent or zero: none). Problems of all plans are reported together,
// their paths prefixed with "plans[<id>]".
func (p Policy) DecideOffer(published *offer.Offer, changes []offer.PriceChange, pending map[string]time.Time, at time.Time) ([]Decision, error) {
	var order []string
	byPlan := map[string][]offer.PriceChange{}
	for _, c := range changes {
		if _, ok := byPlan[c.Plan]; !ok {
			order = append(order, c.Plan)
		}
		byPlan[c.Plan] = append(byPlan[c.Plan], c)
	}
	var ps rule.Problems
	out := make([]Decision, 0, len(order))
	for _, id := range order {
		req := Request{Offer: published.Type, Plan: id, AzureGovernment: published.AzureGovernment,
			Pending: pending[id], Published: at, Changes: byPlan[id]}
		if pl, ok := published.Plan(id); ok {
			req.Visibility = pl.Visibility
		}
		d, err := p.Decide(req)
		var sub rule.Problems
		if errors.As(err, &sub) {
			for _, pr := range sub {
				pr.Path = fmt.Sprintf("plans[%s].%s", id, pr.Path)
				ps.Append(pr)
			}
			continue
		}
		out = append(out, d)
	}
	if err := ps.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

var (
	pcMsgDecrease  = rule.Message{English: "Plan %q: the price decrease takes effect on %v. Published %v, %s the cut-off %v (%d days before the end of the month), it counts from %v; a decrease takes effect on the 1st of the next month (%s).", Swedish: "Planen %q: prissänkningen gäller från %v. Publicerad %v, %s gränsen %v (%d dagar före månadens slut), räknas den från %v; en sänkning gäller från den 1:a nästa månad (%s)."}
	pcMsgIncrease  = rule.Message{English: "Plan %q: the price increase takes effect on %v. Published %v, %s the cut-off %v (%d days before the end of the month), it counts from %v; an increase takes effect on the first 1st of a month at least %d days later, at or after %v (%s).", Swedish: "Planen %q: prishöjningen gäller från %v. Publicerad %v, %s gränsen %v (%d dagar före månadens slut), räknas den från %v; en höjning gäller från den första 1:a i en månad minst %d dagar senare, från och med %v (%s)."}
	pcWordBefore   = rule.Message{English: "before", Swedish: "före"}
	pcWordAfter    = rule.Message{English: "at or after", Swedish: "vid eller efter"}
	pcMsgUnchanged = rule.Message{English: "Plan %q: no price changes; nothing to schedule (%s).", Swedish: "Planen %q: inga prisändringar; inget att schemalägga (%s)."}
	pcMsgFixed     = rule.Message{English: "Plan %q: refused. Once a plan is published, a market's price cannot change (%s).", Swedish: "Planen %q: nekas. När en plan har publicerats kan priset på en marknad inte ändras (%s)."}
	pcMsgOfferType = rule.Message{English: "Plan %q: refused. Prices of %s offers cannot change (%s).", Swedish: "Planen %q: nekas. Priser för erbjudanden av typen %s kan inte ändras (%s)."}
	pcMsgHidden    = rule.Message{English: "Plan %q: refused. A hidden plan's prices cannot change; move customers to a new plan (%s).", Swedish: "Planen %q: nekas. En dold plans priser kan inte ändras; flytta kunderna till en ny plan (%s)."}
	pcMsgAzureGov  = rule.Message{English: "Plan %q: refused. Prices of plans in Azure Government cannot change (%s).", Swedish: "Planen %q: nekas. Priser för planer i Azure Government kan inte ändras (%s)."}
	pcMsgPending   = rule.Message{English: "Plan %q: refused. A price change is already scheduled for %v; wait until it takes effect, then schedule another (%s).", Swedish: "Planen %q: nekas. En prisändring är redan schemalagd till %v; vänta tills den gäller och schemalägg sedan nästa (%s)."}
	pcMsgFreePaid  = rule.Message{English: "Plan %q: refused. A price cannot change from free (0) to paid (change %d); publish a new paid plan instead (%s).", Swedish: "Planen %q: nekas. Ett pris kan inte ändras från gratis (0) till betalt (ändring %d); publicera en ny betald plan i stället (%s)."}
	pcMsgMixed     = rule.Message{English: "Plan %q: refused. One change cannot both increase and decrease prices (change %d); schedule the decrease first, then the increase once it is in effect (%s).", Swedish: "Planen %q: nekas. En ändring kan inte både höja och sänka priser (ändring %d); schemalägg sänkningen först och höjningen när den gäller (%s)."}
)

// Explain renders the decision in lang.
func (d Decision) Explain(lang rule.Language) string {
	id := string(d.Rule)
	when := pcWordBefore
	if !d.CountsFrom.Equal(d.Published) {
		when = pcWordAfter
	}
	switch d.Reason {
	case ReasonPriceDecrease:
		return pcMsgDecrease.Render(lang, d.Plan, d.Effective, d.Published, when.Render(lang), d.Cutoff, d.CutoffDays, d.CountsFrom, id)
	case ReasonPriceIncrease:
		return pcMsgIncrease.Render(lang, d.Plan, d.Effective, d.Published, when.Render(lang), d.Cutoff, d.CutoffDays, d.CountsFrom, d.NoticeDays, d.NoticeEnd, id)
	case ReasonPriceFixed:
		return pcMsgFixed.Render(lang, d.Plan, id)
	case ReasonPriceOfferType:
		return pcMsgOfferType.Render(lang, d.Plan, d.Offer.String(), id)
	case ReasonPriceHiddenPlan:
		return pcMsgHidden.Render(lang, d.Plan, id)
	case ReasonPriceAzureGovernment:
		return pcMsgAzureGov.Render(lang, d.Plan, id)
	case ReasonPricePending:
		return pcMsgPending.Render(lang, d.Plan, d.Pending, id)
	case ReasonPriceFreeToPaid:
		return pcMsgFreePaid.Render(lang, d.Plan, d.Change, id)
	case ReasonPriceMixed:
		return pcMsgMixed.Render(lang, d.Plan, d.Change, id)
	}
	return pcMsgUnchanged.Render(lang, d.Plan, id)
}

// ScheduledPrice is one price with a scheduled change: the old price until
// Effective, the new one after.
type ScheduledPrice struct {
	Old       currency.Money `json:"old"`
	New       currency.Money `json:"new"`
	Effective time.Time      `json:"effective"`
}

// Scheduled returns change c of an allowed decision as a ScheduledPrice,
// and false when the decision scheduled nothing.
func (d Decision) Scheduled(c offer.PriceChange) (ScheduledPrice, bool) {
	if !d.Allowed {
		return ScheduledPrice{}, false
	}
	return ScheduledPrice{Old: c.Old, New: c.New, Effective: d.Effective}, true
}

// The reasons of applied prices: stable codes, never renamed or reused.
const (
	// ReasonPriceBeforeChange: the change is not in effect yet.
	ReasonPriceBeforeChange rule.Reason = "price-before-change"
	// ReasonPriceContractKept: the change is in effect, but the contract
	// term began before it and keeps its price until it renews.
	ReasonPriceContractKept rule.Reason = "contract-price-until-renewal"
	// ReasonPriceRenewedAtNew: the contract renewed after the change.
	ReasonPriceRenewedAtNew rule.Reason = "renewed-at-new-price"
	// ReasonPriceBoughtAfter: the subscription began after the change.
	ReasonPriceBoughtAfter rule.Reason = "bought-after-price-change"
	// ReasonPriceUsageAfter: usage after the change pays the new price.
	ReasonPriceUsageAfter rule.Reason = "usage-after-price-change"
	// ReasonPriceUsageBefore: usage before the change pays the old price.
	ReasonPriceUsageBefore rule.Reason = "usage-before-price-change"
	// ReasonPriceChangeNotTaken: no change is scheduled.
	ReasonPriceChangeNotTaken rule.Reason = "price-change-not-in-effect"
)

// AppliedPrice says which price applies at an instant to an existing
// customer when a price change is scheduled (EXT-08).
type AppliedPrice struct {
	// Price is the price that applies; New whether it is the new one.
	Price currency.Money `json:"price"`
	New   bool           `json:"new"`
	// Rule is EXT-08; Reason says why.
	Rule   rule.ID     `json:"rule"`
	Reason rule.Reason `json:"reason"`
	// Term is the contract term that contains At (contract prices
	// only): the price in effect at its start applies for all of it.
	Term calendar.Period `json:"term,omitzero"`
	// Effective is the change's effective instant; At the instant asked
	// about.
	Effective time.Time `json:"effective"`
	At        time.Time `json:"at"`
}

var (
	pcMsgBefore       = rule.Message{English: "%v applies at %v: the change to %v takes effect on %v (%s).", Swedish: "%v gäller %v: ändringen till %v gäller från %v (%s)."}
	pcMsgKept         = rule.Message{English: "%v applies at %v: the contract term %v – %v began before the change of %v, and existing customers keep their contract price until the term renews (%s).", Swedish: "%v gäller %v: avtalsperioden %v – %v började före ändringen %v, och befintliga kunder behåller sitt avtalspris tills perioden förnyas (%s)."}
	pcMsgRenewed      = rule.Message{English: "%v applies at %v: the contract renewed on %v, after the change of %v, at the price then in effect (%s).", Swedish: "%v gäller %v: avtalet förnyades %v, efter ändringen %v, till det pris som då gällde (%s)."}
	pcMsgBoughtAfter  = rule.Message{English: "%v applies at %v: the subscription began on %v, after the change of %v (%s).", Swedish: "%v gäller %v: prenumerationen började %v, efter ändringen %v (%s)."}
	pcMsgUsageAfter   = rule.Message{English: "%v applies to usage at %v: usage after the change of %v is billed at the new price, whatever the contract (%s).", Swedish: "%v gäller för användning %v: användning efter ändringen %v faktureras till det nya priset, oavsett avtal (%s)."}
	pcMsgUsageBefore  = rule.Message{English: "%v applies to usage at %v: the change to %v takes effect on %v (%s).", Swedish: "%v gäller för användning %v: ändringen till %v gäller från %v (%s)."}
	pcMsgNotScheduled = rule.Message{English: "%v applies at %v: no change is scheduled (%s).", Swedish: "%v gäller %v: ingen ändring är schemalagd (%s)."}
)

// Explain renders the applied price in lang.
func (a AppliedPrice) Explain(lang rule.Language) string {
	id := string(a.Rule)
	switch a.Reason {
	case ReasonPriceContractKept:
		return pcMsgKept.Render(lang, a.Price, a.At, a.Term.Start, a.Term.End, a.Effective, id)
	case ReasonPriceRenewedAtNew:
		return pcMsgRenewed.Render(lang, a.Price, a.At, a.Term.Start, a.Effective, id)
	case ReasonPriceBoughtAfter:
		return pcMsgBoughtAfter.Render(lang, a.Price, a.At, a.Term.Start, a.Effective, id)
	case ReasonPriceUsageAfter:
		return pcMsgUsageAfter.Render(lang, a.Price, a.At, a.Effective, id)
	case ReasonPriceChangeNotTaken:
		return pcMsgNotScheduled.Render(lang, a.Price, a.At, id)
	}
	m := pcMsgBefore
	if a.Reason == ReasonPriceUsageBefore {
		m = pcMsgUsageBefore
	}
	return m.Render(lang, a.Price, a.At, a.Effective, a.Effective, id)
}

// ErrContract is wrapped by the error of [Policy.ContractPrice] for a term
// that is not a contract term, or an instant before the contract starts.
var ErrContract = errors.New("invalid contract")

// ContractPrice returns the flat-rate or per-user price that applies at
// instant at to a subscription whose contract started at anchor with
// billing term term, when s is scheduled (EXT-08): existing customers keep
// their contract price for the length of the term, and each renewal
// takes the price in effect when it starts. The contract terms are
// calendar.Cycle periods from anchor (computed from the anchor, clamped to
// month end, half-open); the price of a term is s.New if the term starts
// at or after s.Effective, else s.Old. Seats added mid-term pay the same
// contract price. A zero s.Effective means no change is scheduled.
func (p Policy) ContractPrice(anchor time.Time, term plan.Term, s ScheduledPrice, at time.Time) (AppliedPrice, error) {
	if term.Months() == 0 {
		return AppliedPrice{}, fmt.Errorf("pricing: term %s is not a contract term (use UsagePriceAt for usage): %w", term, ErrContract)
	}
	n, period, err := calendar.Cycle{Anchor: anchor, Months: calendar.Months(term.Months())}.At(at)
	if err != nil {
		return AppliedPrice{}, fmt.Errorf("pricing: %w: %w", ErrContract, err)
	}
	a := AppliedPrice{Rule: rule.EXT08, Term: period, Effective: s.Effective, At: at}
	switch {
	case s.Effective.IsZero():
		a.Price, a.Reason = s.Old, ReasonPriceChangeNotTaken
	case period.Start.Before(s.Effective) && at.Before(s.Effective):
		a.Price, a.Reason = s.Old, ReasonPriceBeforeChange
	case period.Start.Before(s.Effective):
		a.Price, a.Reason = s.Old, ReasonPriceContractKept
	case n == 0:
		a.Price, a.New, a.Reason = s.New, true, ReasonPriceBoughtAfter
	default:
		a.Price, a.New, a.Reason = s.New, true, ReasonPriceRenewedAtNew
	}
	return a, nil
}

// UsagePrice returns the price that applies to usage at instant at — a
// meter's price per unit or a virtual machine's hourly price — when s is
// scheduled: the new price for usage at or after s.Effective, whatever the
// contract. A zero s.Effective means no change is scheduled.
func (p Policy) UsagePrice(s ScheduledPrice, at time.Time) AppliedPrice {
	a := AppliedPrice{Rule: rule.EXT08, Effective: s.Effective, At: at}
	switch {
	case s.Effective.IsZero():
		a.Price, a.Reason = s.Old, ReasonPriceChangeNotTaken
	case at.Before(s.Effective):
		a.Price, a.Reason = s.Old, ReasonPriceUsageBefore
	default:
		a.Price, a.New, a.Reason = s.New, true, ReasonPriceUsageAfter
	}
	return a
}
