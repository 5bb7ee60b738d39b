// Package marketplacetest is Microsoft's commercial marketplace in a test:
// an in-process emulator of the SaaS Fulfillment API v2 and the
// Marketplace Metering Service API (api-version 2018-08-31) on
// net/http/httptest, and the marketplace's own side — a customer buying,
// changing plan or seats, a payment failing, a term renewing — driven by
// the test on a virtual clock. It decides with package fulfillment, the
// rules the publisher's own code uses, and with package pricing/metering,
// so that the emulator and the rules cannot disagree.
//
//	srv := marketplacetest.NewServer(t, marketplacetest.Config{})
//	srv.SetWebhook(host.URL + "/webhook")
//	srv.SetLandingPage(host.URL + "/landing")
//	p, _ := srv.Buy(marketplacetest.Order{PlanID: "basic"})
//	http.Get(p.LandingURL) // the host resolves and activates
//	srv.ChangePlan(p.SubscriptionID, "premium")
//	srv.Advance(10 * time.Second) // unanswered: accepted (FUL-05)
//
// # The APIs
//
// Under [Server.URL] (the stand-in for https://marketplaceapi.microsoft.com/api):
// POST saas/subscriptions/resolve with the x-ms-marketplace-token header
// (FUL-02: the token as the landing page received it, URL-decoded,
// resolvable for 24 hours); GET saas/subscriptions/ (pages linked by
// @nextLink) and saas/subscriptions/{id}; PATCH saas/subscriptions/{id}
// with a plan or a quantity (FUL-09; 202 with Operation-Location, 400
// while a customer's change awaits an answer); DELETE (202, 400 when the
// subscription does not allow Delete); GET …/listAvailablePlans; POST
// …/activate (FUL-03); GET …/operations (the operations awaiting an
// answer) and …/operations/{id}; PATCH …/operations/{id} with Success or
// Failure (FUL-05; 400 for an operation the publisher started, 409 for
// any other than the change awaiting an answer, or after its deadline);
// POST usageEvent and batchUsageEvent (1 to 25 events) and GET
// usageEvents. Every call needs api-version=2018-08-31 (400 without it)
// and the bearer token of [Config.AccessToken]: without an Authorization
// header the answer is 401, with another token 403. Fulfillment errors
// are {"error": {"code", "message"}}; metering errors are the metering
// API's own {"code", "message", "target", "details"} (400) and
// {"code": "Conflict", "additionalInfo": {"acceptedMessage"}} (409).
// Bodies are read with fulfillment.Policy.Decode: bounded and lenient
// (FUL-12). A malformed request gets an answer, never a panic.
//
// # The marketplace's side
//
// [Server.Buy] creates a subscription PendingFulfillmentStart and returns
// the landing page URL. [Server.ChangePlan] and [Server.ChangeQuantity]
// are the customer's changes in Azure: the webhook is called with the
// operation InProgress, and the change is applied when the publisher
// PATCHes it Success, dropped when it PATCHes Failure, and accepted when
// 10 seconds pass without an answer (FUL-05); while one awaits its
// answer the customer cannot make another, and a suspension or
// cancellation meanwhile ends it Conflict. [Server.Suspend] is a failed
// payment (FUL-07), [Server.Reinstate] its recovery, [Server.Unsubscribe]
// the customer cancelling (FUL-08). Each decides the operation with
// fulfillment.Policy.Decide on the marketplace's state and calls the
// host's webhook with Microsoft's body and a bearer token signed by the
// emulator's key ([Server.Keys], [Server.KeySet]; aud [Config.Audience],
// tid [Config.TenantID], appid fulfillment.MarketplaceAppID: FUL-10).
// A call answered with anything but 200 is retried, every
// [Config.RetryEvery] of virtual time, up to the policy's 500 attempts
// over 8 hours (FUL-10).
//
// # Virtual time
//
// Nothing sleeps. The clock starts at [Config.Start] and moves only by
// [Server.Advance] and [Server.AdvanceTo], which make happen, each at its
// own instant, what falls due: changes accepted for want of an answer,
// suspensions ending in Unsubscribe after 30 days (FUL-07), terms renewing
// at their end from the first term's start with the day clamped to month
// end (FUL-06), or ending without auto-renewal, and webhook retries. The
// landing token's 24 hours and the metering API's 24-hour window are
// measured on the same clock.
//
// # Metering
//
// Usage events are read as package metering's Event and decided by
// metering.Policy.Validate (EXT-03, MTR-01, MTR-02), knowing the
// subscriptions, the plan of each and the events accepted before: an event
// more than 24 hours old is Expired, a second one for a resource,
// dimension and UTC hour a Duplicate (409, with the accepted event), a
// quantity not above zero InvalidQuantity, an unknown resource
// ResourceNotFound, and a missing field, another plan, a dimension the
// plan does not meter or a time in the future BadArgument (400, with the
// field named). An event for a subscription that is not Subscribed is
// ResourceNotActive (MTR-05). Answers are metering's Result, ErrorBody and
// Row values; a batch answers 200 with each event's result, or 400 for
// no event or more than 25. Webhook calls
// are made synchronously, in the goroutine of the call that caused them,
// before it returns, so a test needs no waiting; no goroutine outlives
// [Server.Close], which [NewServer] registers with the test's Cleanup.
// IDs count from 00000000-0000-4000-8000-000000000001, so runs repeat.
//
// # Inspection
//
// [Server.Log] lists every request and webhook attempt with the virtual
// instant and the status answered; [Server.Subscription],
// [Server.Subscriptions] and [Server.Operations] give the marketplace's
// state as fulfillment values; [Server.Usage] the usage accepted, and
// [Server.Charges] what it would bill: each term at its plan's price (a
// free trial's first term free), each meter's usage above the quantity
// the plan includes per term, and each change of plan or seats within a
// term prorated as package fulfillment's money side prorates it (PRC-05,
// PRC-06). All are plain values to compare with go-cmp.
package marketplacetest
