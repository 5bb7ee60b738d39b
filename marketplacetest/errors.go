package marketplacetest

import "errors"

// Errors of the emulator. Each is wrapped with the detail; test with
// errors.Is.
var (
	// ErrNotFound: no subscription has the ID.
	ErrNotFound = errors.New("marketplacetest: no such subscription")
	// ErrRefused: the marketplace would not let the customer do it in
	// the subscription's status (FUL-04), or while a change awaits the
	// publisher's answer.
	ErrRefused = errors.New("marketplacetest: refused in the subscription's status")
	// ErrInvalid: a Config, order or change that names no known plan,
	// repeats one, or gives a quantity outside the plan's limits.
	ErrInvalid = errors.New("marketplacetest: invalid config, order or change")
	// ErrClosed: the server was closed.
	ErrClosed = errors.New("marketplacetest: server closed")
)
