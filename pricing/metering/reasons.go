package metering

import "github.com/marketrules/marketrules/rule"

// The reasons of aggregations, overage bills, submissions, answers and
// reconciliations: stable codes, never renamed or reused.
const (
	// ReasonAggregated: every record was summed into its hour.
	ReasonAggregated rule.Reason = "usage-aggregated"
	// ReasonAggregatedWithRefusals: the records were summed, some left out.
	ReasonAggregatedWithRefusals rule.Reason = "usage-aggregated-with-refusals"

	// ReasonPriceKept: the declared meter price is whole cents.
	ReasonPriceKept rule.Reason = "meter-price-kept"
	// ReasonPriceBelowCent: the declared price is below one cent and is
	// truncated to zero.
	ReasonPriceBelowCent rule.Reason = "meter-price-below-cent"
	// ReasonPriceTruncated: the declared price has more than two decimals
	// and is truncated to the cent.
	ReasonPriceTruncated rule.Reason = "meter-price-truncated"
	// ReasonOverage: the usage beyond the included quantities is billed.
	ReasonOverage rule.Reason = "usage-overage"
	// ReasonAllIncluded: all usage is within the included quantities.
	ReasonAllIncluded rule.Reason = "usage-all-included"

	// ReasonSubmit: the events are batched to be sent.
	ReasonSubmit rule.Reason = "usage-submit"
	// ReasonNotSubscribed: the subscription is not Subscribed: nothing
	// is sent.
	ReasonNotSubscribed rule.Reason = "usage-subscription-not-active"

	// ReasonDelivered: the service accepted the event.
	ReasonDelivered rule.Reason = "usage-delivered"
	// ReasonAlreadyDelivered: the service had accepted an event for the
	// hour before (Duplicate); the accepted one is billed.
	ReasonAlreadyDelivered rule.Reason = "usage-already-delivered"
	// ReasonLost: the event expired: its revenue can no longer be billed.
	ReasonLost rule.Reason = "usage-lost"
	// ReasonFix: the event is wrong (InvalidDimension, InvalidQuantity,
	// BadArgument) and must be fixed before it is sent again.
	ReasonFix rule.Reason = "usage-to-fix"
	// ReasonStop: the resource may not take usage (ResourceNotActive,
	// ResourceNotFound, ResourceNotAuthorized): stop sending for it.
	ReasonStop rule.Reason = "usage-stop-resource"
	// ReasonRetry: no answer, or Error: send the event again.
	ReasonRetry rule.Reason = "usage-retry"
	// ReasonClassified: every sent event was classified.
	ReasonClassified rule.Reason = "usage-classified"

	// ReasonReconciled: what was sent matches the retrieval.
	ReasonReconciled rule.Reason = "usage-reconciled"
	// ReasonMissing: sent and accepted, but the retrieval has no row.
	ReasonMissing rule.Reason = "usage-missing-in-retrieval"
	// ReasonUnexpected: a row the publisher did not send.
	ReasonUnexpected rule.Reason = "usage-not-sent"
	// ReasonSubmittedDiffers: the row's submitted quantity is not what
	// was sent.
	ReasonSubmittedDiffers rule.Reason = "usage-submitted-differs"
	// ReasonNotProcessed: the row's processed quantity differs from the
	// submitted one, or its status is Rejected or Mismatch.
	ReasonNotProcessed rule.Reason = "usage-not-processed"
)
