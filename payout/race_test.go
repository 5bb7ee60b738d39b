//go:build race

package payout

const raceEnabled = true
