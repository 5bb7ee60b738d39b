// Package ingestion reads and writes offers as the resource trees of
// Partner Center's product ingestion API (graph.microsoft.com/rp/
// product-ingestion), so that the rules of package offer and package plan
// run on a publisher's real offers without hand translation.
//
// # Entry points
//
// The package's questions are methods of its Policy (the zero Policy{}
// means DefaultPolicy()):
//
//   - Policy.Decode and Policy.DecodeReader read a resource tree — the body
//     of a configure request ({"$schema": ".../configure/2022-03-01-preview2",
//     "resources": […]}) or the response of GET resource-tree/<durableId> —
//     into a Tree: the library's offer.Offer with its plan.Plan values, and
//     every resource of the tree with its original JSON.
//   - Policy.Encode writes a Tree back as the body of a configure request.
//   - Policy.CheckOffer validates the tree's offer (offer.Policy.CheckOffer);
//     Policy.CheckRepublish compares the tree of the live offer with a draft
//     tree (PLN-01, PLN-05, PLN-09, PLN-11, EXT-02, EXT-04, EXT-08).
//   - Policy.DecodeJob reads a configure job's status and maps each of its
//     errors to the resource of the submitted tree it concerns (ING-03).
//
// # Resources (ING-01)
//
// Every resource names its type and version in $schema
// ("https://schema.mp.microsoft.com/schema/price-and-availability-plan/2022-03-01-preview4";
// the older host product-ingestion.azureedge.net is accepted too). The
// package maps these types to offer values:
//
//   - product: the offer ID (identity.externalId) and its type
//     (softwareAsAService, azureVirtualMachine, azureApplication, …);
//   - commercial-marketplace-setup: whether the offer is sold through
//     Microsoft (otherwise: whether any plan is paid);
//   - plan: a plan, its ID being the external ID (PLN-01); a deprecated
//     plan is stop-sold, a deleted one is left out of the offer;
//   - plan-listing: the plan's name, summary and description (the en-us
//     listing when there are several);
//   - price-and-availability-plan: visibility (audience public or private,
//     visibility visible or hidden), markets (lowercase ISO codes, or
//     customerMarkets allMarkets — the transacting markets — or
//     allTaxRemittedMarkets), private audiences (typed tenant or
//     subscription IDs), pricing, the free trial and software reservations;
//   - price-and-availability-custom-meter: the offer's metering dimensions.
//
// Other resources of the API (listings, assets, technical configurations,
// resellers, submissions, price-and-availability-offer, …) are known and
// kept verbatim; a resource whose $schema names an unknown type or version
// is a problem wrapping ErrSchema and is kept verbatim too. Tree.Resources
// lists every resource with its index, type, version, durable ID,
// resourceName and plan.
//
// # Pricing (ING-02)
//
// A SaaS plan's pricing.recurrentPrice is flat rate or per user (with
// userLimits) and lists a price per payment in USD (or per market, with
// priceInputOption perMarket) for each billing term ({"type": "month",
// "value": 1}; 1, 2 or 3 years) and payment option (the whole term, a month
// or a year); the plan's TermPrice holds the price of the whole term, the
// price per payment times the number of payments. pricing.customMeters
// gives each meter its price per unit and an included quantity per term, or
// isInfinite; meters without a recurrent price make a usage-only plan. A
// virtual machine plan is byol or payAsYouGo with corePricing free, flat,
// perCore, perCoreSize ("2core": 0.06) or perMarketAndCoreSize; its
// softwareReservation savings are percentages of the hourly price; its trial
// is a number of months or years. Prices are read exactly from the number's
// text, never through a float: a price finer than the currency's minor unit
// is a problem, not a rounding — except a meter price, which Partner Center
// truncates to the cent (0.0045 USD is 0.00, EXT-02).
//
// # Leniency and re-encoding
//
// Decoding follows Microsoft's advice not to deserialize strictly: unknown
// members and resources are kept, listed in Tree.Unknown by path, and
// written back by Policy.Encode unchanged. A resource whose plan did not
// change is written as it was read (up to whitespace); a changed plan's
// members are rewritten from the plan, and the unknown members inside them
// kept. A plan added to the offer gets new plan, plan-listing and
// price-and-availability-plan resources that refer to each other by
// external ID. What cannot be mapped is a problem with the resource's
// index, durable ID and the field path:
//
//	resources[7] (price-and-availability-plan/…/…).pricing.recurrentPrice.prices[0].billingTerm
//
// # Limits
//
// Input longer than Policy.MaxBytes (64 MiB by default) is refused before it
// is scanned, and DecodeReader reads at most one byte more; objects and
// arrays nested deeper than Policy.MaxDepth are refused where the limit is
// passed. Nothing panics on any input.
//
// # Errors
//
// Decoding reports every problem at once as rule.Problems, each with its
// rule (ING-01, ING-02, ING-03) and path, wrapping ErrTooLarge, ErrSyntax,
// ErrSchema, ErrUnmapped or ErrReference; the Tree returned alongside holds
// everything that could be read.
package ingestion
