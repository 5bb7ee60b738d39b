//go:build race

package jsonx

// raceEnabled: the race detector changes what allocates.
const raceEnabled = true
