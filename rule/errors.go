package rule

import "github.com/marketrules/marketrules/internal/enum"

// UnknownNameError reports a name that is not one of an enum's values, such
// as `unknown plan visibility "secret" (want public, private or hidden)`,
// or an invalid value given to be marshaled. Every enum of the module
// returns it from parsing and unmarshaling; match it with errors.As:
//
//	var e *rule.UnknownNameError
//	if errors.As(err, &e) { … e.Input, e.Valid … }
type UnknownNameError = enum.Error

// ErrUnknownName is the sentinel every [UnknownNameError] wraps, for
// errors.Is.
var ErrUnknownName = enum.ErrUnknown
