module github.com/marketrules/marketrules

go 1.24.0

require (
	github.com/shopspring/decimal v1.6.0
	golang.org/x/text v0.34.0
)

require github.com/google/go-cmp v0.7.0

require (
	github.com/go-jose/go-jose/v4 v4.1.9
	github.com/xuri/excelize/v2 v2.10.1
)

require (
	github.com/richardlehane/mscfb v1.0.6 // indirect
	github.com/richardlehane/msoleps v1.0.6 // indirect
	github.com/tiendc/go-deepcopy v1.7.2 // indirect
	github.com/xuri/efp v0.0.1 // indirect
	github.com/xuri/nfp v0.0.2-0.20250530014748-2ddeb826f9a9 // indirect
	golang.org/x/crypto v0.48.0 // indirect
	golang.org/x/net v0.50.0 // indirect
)
