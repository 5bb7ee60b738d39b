package ingestion

import (
	"errors"

	"github.com/marketrules/marketrules/offer"
	"github.com/marketrules/marketrules/plan"
	"github.com/marketrules/marketrules/rule"
)

// CheckOffer validates the tree's offer with the policy's offer policy
// (offer.Policy.CheckOffer): every problem that would stop Partner Center
// from accepting it. Each path is the offer's path prefixed with the
// resource that holds the value, where the tree has one:
// "resources[7] (price-and-availability-plan/…): plans[0].pricing.model".
func (p Policy) CheckOffer(t Tree) error {
	err := p.Offer.CheckOffer(t.Offer)
	var ps rule.Problems
	if !errors.As(err, &ps) {
		return err
	}
	out := make(rule.Problems, 0, len(ps))
	for _, pr := range ps {
		if r, ok := t.holder(pr.Path); ok {
			pr.Path = r.ref() + ": " + pr.Path
		}
		out.Append(pr)
	}
	return out.Err()
}

// CheckRepublish decides whether the offer of the published tree (the
// resource tree of the live offer) may be republished as the draft tree
// (offer.Policy.CheckRepublish: PLN-01, PLN-05, PLN-09, PLN-11, EXT-02,
// EXT-04; under a policy with price changes, EXT-08). The plans of the
// published tree count as live (stop-sold when deprecated); a plan of the
// draft with the ID of a published plan has that plan's status, since a
// resource tree does not say it.
func (p Policy) CheckRepublish(published, draft Tree) (offer.RepublishDecision, error) {
	pub := cloneOffer(published.Offer)
	status := map[string]plan.Status{}
	for i := range pub.Plans {
		if pub.Plans[i].Status == plan.Draft {
			pub.Plans[i].Status = plan.Live
		}
		status[pub.Plans[i].ID] = pub.Plans[i].Status
	}
	dr := cloneOffer(draft.Offer)
	for i := range dr.Plans {
		if st, ok := status[dr.Plans[i].ID]; ok && dr.Plans[i].Status == plan.Draft {
			dr.Plans[i].Status = st
		}
	}
	return p.Offer.CheckRepublish(&pub, &dr)
}
