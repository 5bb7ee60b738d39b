package offer

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/marketrules/marketrules/rule"
)

// DefaultMaxJSONBytes bounds the JSON that [Policy.Decode] reads: 48 MiB, room for
// the largest valid offer (100 plans, 45 of them private with 20,000
// tenant IDs each, is about 37 MB).
const DefaultMaxJSONBytes = 48 << 20

// Decode reads an offer's JSON from r, reading at most maxBytes (≤ 0
// means [DefaultMaxJSONBytes]). Input that is longer is refused as soon as
// the limit is passed, or before reading anything when r reports its size
// (a Len or Size method, as *bytes.Reader, *strings.Reader and
// *bytes.Buffer have), so memory stays bounded. Decoding is as strict as
// [Offer.UnmarshalJSON]; the result is not yet validated: check it with
// [Policy.CheckOffer]. Decoding does not depend on the policy's limits.
func (p Policy) Decode(r io.Reader, maxBytes int64) (Offer, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxJSONBytes
	}
	tooLarge := fmt.Errorf("offer: %w: more than %d bytes", ErrTooLarge, maxBytes)
	switch s := r.(type) {
	case interface{ Len() int }:
		if int64(s.Len()) > maxBytes {
			return Offer{}, tooLarge
		}
	case interface{ Size() int64 }:
		if s.Size() > maxBytes {
			return Offer{}, tooLarge
		}
	}
	var buf bytes.Buffer
	n, err := buf.ReadFrom(io.LimitReader(r, maxBytes+1))
	if err != nil {
		return Offer{}, fmt.Errorf("offer: reading JSON: %w", err)
	}
	if n > maxBytes {
		return Offer{}, tooLarge
	}
	var o Offer
	if err := o.UnmarshalJSON(buf.Bytes()); err != nil {
		var ps rule.Problems
		if errors.As(err, &ps) {
			return Offer{}, ps.Err()
		}
		return Offer{}, err
	}
	return o, nil
}
