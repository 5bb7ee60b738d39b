package pricechange

import (
	"errors"
	"time"

	"github.com/marketrules/marketrules/rule"
)

// Test helpers shared by this package's internal tests.

func pbTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func pbPaths(err error) []string {
	var ps rule.Problems
	if !errors.As(err, &ps) {
		return nil
	}
	var out []string
	for _, p := range ps {
		out = append(out, p.Path)
	}
	return out
}
