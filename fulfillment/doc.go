// Package fulfillment is the SaaS subscription lifecycle as a publisher
// meets it through Microsoft's SaaS Fulfillment API v2 (api-version
// 2018-08-31): a landing page, a webhook and a few API calls. It reads
// and writes Microsoft's own payloads and decides, as pure functions of
// values and the instant passed, what each webhook call means and
// whether each call the publisher is about to make will be accepted. It
// does no I/O, reads no clock and keeps no state.
//
// # Wire values
//
// [Subscription], [Resolved], [Operation], [Webhook], [Acknowledgement],
// [SubscriberPlan] and [ErrorBody] carry Microsoft's JSON names
// (saasSubscriptionStatus, planId, term.termUnit, allowedCustomerOperations,
// operationRequestSource, …) and encode as the API sends them.
// [Policy.Decode] reads them leniently, as Microsoft asks (FUL-12):
// unknown fields are ignored, a user's ID is puid or pid, a quantity is a
// number or a numeric string, a missing autoRenew is true, and an action
// the library does not know (Subscribe and Transfer have been seen) is
// kept by name. It is bounded: a body over [Policy.MaxBody] bytes or
// nested deeper than [Policy.MaxDepth] is refused before it is parsed.
// What cannot be read is a [rule.Problems] with JSON paths
// ("subscription.term.endDate"): a missing subscription or operation ID,
// an unknown status, a term that ends before it starts, an operation time
// stamped before the subscription's creation.
//
// # The lifecycle
//
// A subscription's status is NotStarted, PendingFulfillmentStart,
// Subscribed, Suspended or Unsubscribed (FUL-01). [Policy.Decide] takes
// the publisher's [State] of a subscription and a webhook call and returns
// a [Decision]:
//
//   - whether the operation applies in the status (FUL-04): a Subscribed
//     subscription takes ChangePlan, ChangeQuantity, Renew, Suspend and
//     Unsubscribe; a Suspended one Reinstate and Unsubscribe; a purchase
//     not yet activated can be unsubscribed; Unsubscribed is final. An
//     unknown action is answered 200 and changes nothing;
//   - the answer owed: always HTTP 200, since an unanswered call is
//     retried up to 500 times over 8 hours (FUL-10); for a customer's
//     plan or quantity change arriving InProgress from Azure, also a PATCH
//     Success or Failure within 10 seconds of the time stamp, after which
//     the change is accepted (FUL-05). Renew, Suspend and Unsubscribe only
//     inform (FUL-06). A change the status does not take is to be
//     rejected with PATCH Failure. Microsoft's pages disagree on whether
//     Reinstate needs an answer: the default says no,
//     [Policy.AcknowledgeReinstate] says yes, and then the Reinstate awaits
//     the PATCH as a customer's change does. A PATCH Failure on a
//     customer's plan change has been reported ignored by the live
//     service; the library decides per the documentation;
//   - the status and [State] after it, and what the customer may use
//     ([Service]): the full service, blocked with the data kept while
//     suspended (cancelled after 30 days without Reinstate, FUL-07), or
//     ended with the data kept at least 7 days (FUL-08);
//   - the dates that follow: the cancellation date of a suspension, the
//     date until which data must be kept, and a renewed term, counted from
//     the anchor (the first term's start) with the day clamped to month
//     end, so that terms never drift (Jan 31, Feb 29, Mar 31, Apr 30).
//
// Terms are half-open: a term [Start, End) ends when the next begins.
//
// A call whose operation ID is the last one applied is a retry
// (ReasonRepeated); one time stamped at or before the last call decided
// is out of order (ReasonOutOfOrder). Neither is applied, so
// [Policy.Replay] of a subscription's calls gives its state, and
// replaying them again changes nothing. Decide does not allocate.
//
// # The publisher's calls
//
// [Policy.Land] checks a landing page's purchase token: URL-decoded, and
// resolvable within 24 hours of its issue (FUL-02). [Policy.Activate]
// checks Activate: only a PendingFulfillmentStart subscription, with its
// purchased plan and quantity (FUL-03). [Policy.Change] checks a change of
// plan or quantity: one of them, a different plan, a quantity within the
// plan's user limits, no operation in progress (FUL-09). [Policy.Cancel]
// checks Delete against allowedCustomerOperations (a CSP purchase allows
// Read only). Each answers a [Check] with the HTTP status the API would
// give.
//
// # The webhook's token
//
// Every webhook call carries a bearer token (FUL-10). [Policy.CheckClaims]
// checks already parsed claims: aud is the publisher's Microsoft Entra
// application ID, tid its tenant, appid or azp the marketplace's
// application [MarketplaceAppID], and iat, nbf and exp at the instant
// passed. [Policy.VerifyToken] first verifies a raw token's signature
// against the signing keys the caller passes ([ParseKeySet] reads the JSON
// Web Key Set Microsoft publishes; fetching it is the caller's), with
// github.com/go-jose/go-jose/v4: asymmetric algorithms only, the key
// chosen by kid. Every refusal names the claim or key that failed. The
// publisher should still confirm the operation with Get Operation before
// acting on it.
//
// # The money
//
// [Policy.Money] ties a decision to the library's pricing, refund and
// trial rules: the proration of a plan or quantity change, the refund
// decision for an Unsubscribe (FUL-13: timed from the term's start and
// the operation's time stamp, since the webhook looks the same whether
// or not Microsoft refunds), the next term's charge of a renewal, a free
// trial (isFreeTrial), and the CSP windows of a purchase through a CSP
// partner (sandboxType Csp).
//
// # Policies
//
// [DefaultPolicy] holds the figures of the SaaS Fulfillment API v2 and its
// webhook, life-cycle and FAQ pages (2022–2023). A zero Policy is not
// usable; [Policy.Validate] names each field that must be set.
package fulfillment
