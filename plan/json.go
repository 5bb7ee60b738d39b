package plan

import (
	"github.com/marketrules/marketrules/internal/jsonx"
	"github.com/marketrules/marketrules/rule"
)

// UnmarshalJSON decodes a plan strictly from the JSON form that
// encoding/json writes for it (see the package documentation): unknown
// members, values of the wrong type and unknown enum names are rejected,
// and all problems are reported at once as [rule.Problems] with paths
// such as "pricing.terms[0].payment". A value that decodes is not yet
// validated: call [Policy.CheckPlan].
func (p *Plan) UnmarshalJSON(b []byte) error {
	type plain Plan // the same fields, without this method
	var v plain
	var ps rule.Problems
	jsonx.Decode(b, &v, "", &ps)
	if err := ps.Err(); err != nil {
		return err
	}
	*p = Plan(v)
	return nil
}
