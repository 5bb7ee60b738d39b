module github.com/marketrules/marketrules/bench

go 1.24.0

require (
	github.com/Rhymond/go-money v1.0.15
	github.com/bojanz/currency v1.3.0
	github.com/govalues/decimal v0.1.36
	github.com/marketrules/marketrules v0.0.0
	github.com/shopspring/decimal v1.6.0
)

require (
	github.com/cockroachdb/apd/v3 v3.2.1 // indirect
	golang.org/x/text v0.34.0 // indirect
)

replace github.com/marketrules/marketrules => ../
