package pricing

import (
	"time"
)

// Test helpers shared by this package's internal tests.

func pbTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}
