package trial

// The fast JSON decoders, for the tests that hold them to UnmarshalJSON's
// jsonx path.
var (
	StateUnmarshalFast      = (*State).unmarshalFast
	TransitionUnmarshalFast = (*Transition).unmarshalFast
)
