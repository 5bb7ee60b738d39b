package pricing

import (
	"errors"

	"github.com/marketrules/marketrules/internal/jsonx"
	"github.com/marketrules/marketrules/rule"
)

// ErrMarketNotSold: a market where nothing can be priced: not a market of
// the marketplace, or one where it does not transact (China lists only
// free and BYOL images, PRC-09).
var ErrMarketNotSold = errors.New("market cannot be priced")

// shDecodeStrict decodes JSON into v with package jsonx: unknown and
// repeated members and malformed values are problems.
func shDecodeStrict(b []byte, v any, ps *rule.Problems) { jsonx.Decode(b, v, "", ps) }
