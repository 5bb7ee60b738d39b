package refund

// MarshalJSONStd is Decision's MarshalJSON through encoding/json, for the
// external tests that compare the two.
var MarshalJSONStd = Decision.marshalJSONStd
