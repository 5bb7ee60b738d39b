package refund

// MarshalJSONStd is Decision's MarshalJSON through encoding/json, for the
// external tests that compare the two.
var MarshalJSONStd = Decision.marshalJSONStd

// UnmarshalFast is Decision's fast JSON decoder, for the tests that hold
// it to UnmarshalJSON's jsonx path.
var UnmarshalFast = (*Decision).unmarshalFast

// UnmarshalJSONx is UnmarshalJSON's jsonx path, the fast decoder's
// reference.
var UnmarshalJSONx = (*Decision).unmarshalJSONx
