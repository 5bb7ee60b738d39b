package trial

// The fast JSON decoders and UnmarshalJSON's jsonx path, for the tests
// that hold the one to the other.
var (
	StateUnmarshalFast       = (*State).unmarshalFast
	TransitionUnmarshalFast  = (*Transition).unmarshalFast
	StateUnmarshalJSONx      = (*State).unmarshalJSONx
	TransitionUnmarshalJSONx = (*Transition).unmarshalJSONx
)
