// Package metering turns raw usage into the overage a SaaS or managed
// application publisher bills through the Microsoft commercial
// marketplace's Marketplace Metering Service API (api-version
// 2018-08-31), as that API counts it: hourly events, included quantities
// per term, batches to send, the API's answers and its usage-event
// retrieval. Every function is pure: it reads no clock (the caller passes
// the instant), touches no network or disk (readers and bodies come in as
// io.Reader), keeps no global state and never panics.
//
// # The pipeline
//
//  1. Read raw usage: [Policy.NewReader] streams [Record] values from CSV,
//     with problems by line and column.
//  2. Aggregate (MTR-02): [Policy.Aggregate], or an [Aggregator] that a
//     host feeds, flushes and merges, sums records into one [Event] per
//     resource, dimension and UTC clock hour, exactly (quantities are
//     decimals, never floats: [Quantity]). Memory is bounded by the open
//     hours; merging two aggregators is associative and commutative, so
//     shards can be aggregated apart and merged.
//  3. Bill (MTR-03, EXT-02): [Policy.Overage] splits each hour into what
//     the term's included quantity covers and what is billable; the
//     allowance refills at every renewal, counted from the term's start
//     in the subscription's zone, month ends clamped. Overage is invoiced
//     monthly in arrears ([InvoiceLine]); a declared meter price below one
//     cent is truncated to zero and one with more than two decimals to the
//     cent, as an explained step ([Price]).
//  4. Submit (MTR-01, MTR-02, MTR-05): [Policy.Submit] batches the billable
//     events, at most 25 a batch ([Batch], the API's request body), never
//     for a subscription that is not Subscribed, never more than 24 hours
//     after the hour (exactly 24 hours is in time), and never an hour that
//     has not ended.
//  5. Read the answers (MTR-04): [Policy.DecodeReply] decodes the 200, 400
//     and 409 bodies and the batch answer; [Policy.Classify] classifies
//     each sent event by the reason of its [Outcome]: delivered, already
//     delivered, lost (with the revenue lost), to fix, stop or retry
//     (ReasonDelivered … ReasonRetry), with a retry plan that never sends
//     a delivered event again.
//  6. Reconcile (MTR-06): [Policy.DecodeRows] reads the usage-event
//     retrieval and [Policy.Reconcile] reports every resource, dimension
//     and day whose delivered, submitted and processed quantities differ.
//
// [Policy.Validate] and [Policy.ValidateBatch] check events as the service
// would (EXT-03): the statuses it would answer, without sending anything:
// InvalidDimension for a dimension that is not one of the plan's meters
// (MTR-04), and, given each subscription's status ([Validation].StatusOf),
// ResourceNotActive for one that is not Subscribed (MTR-05). For hours of
// usage at a time (a policy with a larger MaxBatch, checking what a host
// has gathered before it sends), [Policy.ValidateBatchInto] writes the
// decisions into storage the caller reuses from batch to batch, and
// [Policy.ValidateBatchFunc] hands each decision to a function without
// keeping any, so that its time per event stays the same however large
// the batch.
//
// # Rules
//
//   - EXT-02: meter prices are in USD, accurate to the cent; below one cent
//     is zero.
//   - EXT-03: quantity above zero, one event per resource, dimension and
//     clock hour, none older than 24 hours, at most 25 a batch; included
//     quantities per term, overage billed monthly in arrears.
//   - MTR-01: an event names a resource (resourceId or resourceUri, never
//     both), a quantity above zero, a dimension, the start of its hour
//     (UTC) and the plan; alone or in a batch of 1 to 25.
//   - MTR-02: the first event of a resource, dimension and UTC hour wins;
//     a second is a Duplicate, one more than 24 hours old is Expired.
//   - MTR-03: included quantities refill at every renewal.
//   - MTR-04: the answer statuses (Accepted, Expired, Duplicate, Error,
//     ResourceNotFound, ResourceNotAuthorized, ResourceNotActive,
//     InvalidDimension, InvalidQuantity, BadArgument).
//   - MTR-05: usage only for a Subscribed subscription.
//   - MTR-06: the retrieval's reconciliation statuses (Submitted, Accepted,
//     Rejected, Mismatch) with submitted and processed quantities.
//
// # Wire formats
//
// Field names follow Microsoft's OpenAPI specification of the metering
// API (meteringapi.v1.json, Microsoft.Marketplace.Metering/2018-08-31).
// Microsoft's bodies decode leniently, as Microsoft asks of its clients:
// unknown members are ignored; a value of the wrong type, an unknown
// status or a malformed quantity or instant is a problem with its JSON
// path (result[3].quantity). Instants are written in UTC as the API
// writes them, RFC 3339 with the instant exact ("2020-01-12T11:03:28.14Z");
// an instant without an offset is read as UTC; a result's zero
// messageTime (a batch item that was not accepted) is written
// "0001-01-01T00:00:00", as the API writes it. A body longer than [Policy.MaxBody] or nested
// deeper than [Policy.MaxDepth] is refused before it is decoded.
//
// # Errors and answers
//
// Answers are values with the rule that decided them, a reason code, the
// figures used, Explain(lang) in English and Swedish and String. A
// refusal by a rule (a subscription that is not Subscribed) is an answer,
// not an error. Invalid input is an error: [rule.Problems], every problem
// at once, each with its rule, path and sentinel ([ErrQuantity],
// [ErrTooLarge], [ErrMalformed], [ErrRecord]). Bad records in a stream
// are reported and left out while the rest is still counted.
package metering
