package plan

import (
	"github.com/marketrules/marketrules/internal/jsonx"
	"github.com/marketrules/marketrules/rule"
)

// planJSON is a Plan without its methods: the form jsonx decodes.
type planJSON Plan

// JSONPlain returns the plan as a plain copy of its type (the same
// fields, none of its methods), so that a decoder of the library decodes
// a plan inside a larger document (an offer) in the same pass as the
// document, with the same rules and problem paths as
// [Plan.UnmarshalJSON], instead of scanning its bytes a second time.
// encoding/json ignores it.
func (p *Plan) JSONPlain() any { return (*planJSON)(p) }

// UnmarshalJSON decodes a plan strictly from the JSON form that
// encoding/json writes for it (see the package documentation): unknown
// members, values of the wrong type and unknown enum names are rejected,
// and all problems are reported at once as [rule.Problems] with paths
// such as "pricing.terms[0].payment". A value that decodes is not yet
// validated: call [Policy.CheckPlan].
func (p *Plan) UnmarshalJSON(b []byte) error {
	var v planJSON
	var ps rule.Problems
	jsonx.Decode(b, &v, "", &ps)
	if err := ps.Err(); err != nil {
		return err
	}
	*p = Plan(v)
	return nil
}
