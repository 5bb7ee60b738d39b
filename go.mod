module github.com/marketrules/marketrules

go 1.24.0

require (
	github.com/shopspring/decimal v1.6.0
	golang.org/x/text v0.34.0
)

require github.com/google/go-cmp v0.7.0

require github.com/go-jose/go-jose/v4 v4.1.9
