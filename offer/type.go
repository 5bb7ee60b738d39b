package offer

import (
	"github.com/marketrules/marketrules/calendar"
	"slices"

	"github.com/marketrules/marketrules/internal/enum"
	"github.com/marketrules/marketrules/plan"
)

// Type is an offer type of the commercial marketplace (OFR-01). The zero
// Type is unset. The enum is append-only.
type Type uint8

// The offer types: seven with plans, five without (OFR-01).
const (
	ManagedApplication Type = iota + 1
	SolutionTemplate
	Container
	IoTEdgeModule
	ManagedService
	SaaS
	VirtualMachine
	ConsultingService
	BusinessCentral    // Dynamics 365 Business Central
	CustomerEngagement // Dynamics 365 Customer Engagement & Power Apps (apps on Dataverse)
	DynamicsOperations // Dynamics 365 for Operations
	PowerBIApp
)

var typeNames = enum.Names[Type]{Type: "offer type", Names: []string{"",
	"azure-managed-application", "azure-solution-template", "azure-container", "iot-edge-module",
	"managed-service", "saas", "azure-virtual-machine", "consulting-service",
	"dynamics-365-business-central", "dynamics-365-customer-engagement", "dynamics-365-operations", "power-bi-app"}}

// String returns the type's stable name, such as "saas" or
// "azure-virtual-machine".
func (t Type) String() string { return typeNames.String(t) }

// MarshalText implements [encoding.TextMarshaler].
func (t Type) MarshalText() ([]byte, error) { return typeNames.Marshal(t) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (t *Type) UnmarshalText(b []byte) error { return typeNames.Unmarshal(b, t) }

// Valid reports whether t is a defined offer type.
func (t Type) Valid() bool { return typeNames.Valid(t) }

// Types returns every offer type, in the order of OFR-01.
func Types() []Type {
	out := make([]Type, 0, len(capabilities)-1)
	for t := ManagedApplication; int(t) < len(capabilities); t++ {
		out = append(out, t)
	}
	return out
}

// Store is a storefront of the commercial marketplace (OFR-11). The zero
// Store is unset.
type Store uint8

// The stores.
const (
	// AppSource: business and industry solutions (Microsoft 365,
	// Dynamics 365, Power Platform).
	AppSource Store = iota + 1
	// AzureMarketplace: IT and developer solutions.
	AzureMarketplace
)

var storeNames = enum.Names[Store]{Type: "store", Names: []string{"", "appsource", "azure-marketplace"}}

// String returns "appsource" or "azure-marketplace".
func (s Store) String() string { return storeNames.String(s) }

// MarshalText implements [encoding.TextMarshaler].
func (s Store) MarshalText() ([]byte, error) { return storeNames.Marshal(s) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (s *Store) UnmarshalText(b []byte) error { return storeNames.Unmarshal(b, s) }

// Listing is a listing option: what the button on the offer's page does
// (OFR-07, EXT-01). The zero Listing is unset.
type Listing uint8

// The listing options.
const (
	// GetItNow: the customer gets the offer (free, BYOL or paid).
	GetItNow Listing = iota + 1
	// FreeTrial: the publisher's own free trial (a listing option; a
	// transactable plan's free trial is a plan setting, TRL-01).
	FreeTrial
	// TestDrive: a hands-on demo environment.
	TestDrive
	// ContactMe: a lead for the publisher.
	ContactMe
)

var listingNames = enum.Names[Listing]{Type: "listing option", Names: []string{"", "get-it-now", "free-trial", "test-drive", "contact-me"}}

// String returns "get-it-now", "free-trial", "test-drive" or "contact-me".
func (l Listing) String() string { return listingNames.String(l) }

// MarshalText implements [encoding.TextMarshaler].
func (l Listing) MarshalText() ([]byte, error) { return listingNames.Marshal(l) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (l *Listing) UnmarshalText(b []byte) error { return listingNames.Unmarshal(b, l) }

// Charge is a Get-it-now pricing option (EXT-01): how a customer who gets
// the offer pays for the software. The zero Charge is unset.
type Charge uint8

// The Get-it-now pricing options.
const (
	ChargeFree Charge = iota + 1
	ChargeBYOL
	ChargeSubscription
	ChargeUsage
)

var chargeNames = enum.Names[Charge]{Type: "get-it-now pricing option", Names: []string{"", "free", "byol", "subscription", "usage-based"}}

// String returns "free", "byol", "subscription" or "usage-based".
func (c Charge) String() string { return chargeNames.String(c) }

// MarshalText implements [encoding.TextMarshaler].
func (c Charge) MarshalText() ([]byte, error) { return chargeNames.Marshal(c) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (c *Charge) UnmarshalText(b []byte) error { return chargeNames.Unmarshal(b, c) }

// Capabilities is what an offer type can do: the facts of OFR-01, OFR-02
// (the table whose check marks the Swedish edition of "Plans and pricing
// for commercial marketplace offers" lost, restored from the English
// edition), OFR-04, OFR-08, OFR-09, OFR-11, PRC-01, PRC-02, PLN-03,
// PLN-08, TRL-01, EXT-01 and EXT-08, in one row per type.
type Capabilities struct {
	// Name is the type's name as Partner Center shows it.
	Name string `json:"name"`
	// Plans: the type's offers have plans (OFR-01).
	Plans bool `json:"plans"`
	// PricedPlans: plans with pricing options (OFR-02); only these types
	// can have paid plans (OFR-04).
	PricedPlans bool `json:"pricedPlans"`
	// Models are the pricing models its plans may use (PRC-01); plans
	// without pricing are Free or BYOL (OFR-02).
	Models []plan.Model `json:"models"`
	// Terms are the billing terms of recurring plans (SaaS: 1 month to 3
	// years; managed application: monthly).
	Terms []plan.Term `json:"terms"`
	// Hourly: a flat rate is an hourly VM price (EXT-07).
	Hourly bool `json:"hourly"`
	// Summary: plans have a summary (PLN-03: not SaaS).
	Summary bool `json:"summary"`
	// Metering: plans may bill metering dimensions (PRC-02).
	Metering bool `json:"metering"`
	// PrivateAudience: plans may be private (OFR-02).
	PrivateAudience bool `json:"privateAudience"`
	// AudienceKinds: what a private audience lists (PLN-08).
	AudienceKinds []plan.IDKind `json:"audienceKinds"`
	// SellThroughMicrosoft: the type can be sold through Microsoft (a
	// transactable offer), with a Get it now listing (OFR-08).
	SellThroughMicrosoft bool `json:"sellThroughMicrosoft"`
	// PlanTrials: transactable plans may have free trials (TRL-01); the
	// lengths are a policy (TRL-02).
	PlanTrials bool `json:"planTrials"`
	// Listings are the listing options the type's page may have (EXT-01).
	Listings []Listing `json:"listings"`
	// Charges are the Get-it-now pricing options (EXT-01).
	Charges []Charge `json:"charges"`
	// AzureGovernment: accepted by Azure Government Marketplace (OFR-09).
	AzureGovernment bool `json:"azureGovernment"`
	// Stores are where the type is listed (OFR-11).
	Stores []Store `json:"stores"`
	// PriceChangeCutoffDays: a price change must be published this many
	// days before month end to take effect on the 1st (EXT-08); 0 where
	// price changes are not supported.
	PriceChangeCutoffDays int `json:"priceChangeCutoffDays"`
}

var (
	vmModels   = []plan.Model{plan.Free, plan.BYOL, plan.FlatRate, plan.PerVCPU, plan.PerVCPUSize, plan.PerMarketAndVCPUSize}
	saasModels = []plan.Model{plan.FlatRate, plan.PerUser, plan.UsageOnly}
	allTerms   = []plan.Term{plan.OneMonth, plan.OneYear, plan.TwoYears, plan.ThreeYears}
	monthly    = []plan.Term{plan.OneMonth}
	azure      = []Store{AzureMarketplace}
	appSource  = []Store{AppSource}
	both       = []Store{AppSource, AzureMarketplace}
	allListing = []Listing{GetItNow, FreeTrial, TestDrive, ContactMe}
	subIDs     = []plan.IDKind{plan.SubscriptionIDs}
)

// capabilities is the table: one row per type, indexed by Type.
var capabilities = [...]Capabilities{
	ManagedApplication: {Name: "Azure managed application", Plans: true, PricedPlans: true,
		Models: []plan.Model{plan.FlatRate, plan.UsageOnly}, Terms: monthly, Summary: true, Metering: true,
		PrivateAudience: true, AudienceKinds: subIDs, SellThroughMicrosoft: true,
		Listings: []Listing{GetItNow, TestDrive}, Charges: []Charge{ChargeSubscription, ChargeUsage},
		AzureGovernment: true, Stores: azure, PriceChangeCutoffDays: 14},
	SolutionTemplate: {Name: "Azure solution template", Plans: true,
		Models: []plan.Model{plan.Free}, Summary: true, PrivateAudience: true, AudienceKinds: subIDs,
		Listings: []Listing{GetItNow}, Charges: []Charge{ChargeFree}, AzureGovernment: true, Stores: azure},
	Container: {Name: "Azure container", Plans: true,
		Models: []plan.Model{plan.Free, plan.BYOL}, Summary: true,
		Listings: []Listing{GetItNow}, Charges: []Charge{ChargeFree, ChargeBYOL}, Stores: azure},
	IoTEdgeModule: {Name: "IoT Edge module", Plans: true,
		Models: []plan.Model{plan.Free, plan.BYOL}, Summary: true,
		Listings: []Listing{GetItNow}, Charges: []Charge{ChargeFree, ChargeBYOL}, Stores: azure},
	ManagedService: {Name: "Managed service", Plans: true,
		Models: []plan.Model{plan.BYOL}, Summary: true, PrivateAudience: true, AudienceKinds: subIDs,
		Listings: []Listing{GetItNow}, Charges: []Charge{ChargeBYOL}, Stores: azure},
	SaaS: {Name: "Software as a service", Plans: true, PricedPlans: true,
		Models: saasModels, Terms: allTerms, Metering: true,
		PrivateAudience: true, AudienceKinds: []plan.IDKind{plan.TenantIDs}, SellThroughMicrosoft: true, PlanTrials: true,
		Listings: allListing, Charges: []Charge{ChargeFree, ChargeSubscription, ChargeUsage},
		Stores: both, PriceChangeCutoffDays: 4},
	VirtualMachine: {Name: "Azure virtual machine", Plans: true, PricedPlans: true,
		Models: vmModels, Hourly: true, Summary: true,
		PrivateAudience: true, AudienceKinds: []plan.IDKind{plan.SubscriptionIDs, plan.TenantIDs}, SellThroughMicrosoft: true, PlanTrials: true,
		Listings: []Listing{GetItNow, FreeTrial, TestDrive}, Charges: []Charge{ChargeBYOL, ChargeUsage},
		AzureGovernment: true, Stores: azure, PriceChangeCutoffDays: 6},
	ConsultingService: {Name: "Consulting service",
		Listings: []Listing{ContactMe}, Stores: both},
	BusinessCentral: {Name: "Dynamics 365 Business Central",
		Listings: allListing, Charges: []Charge{ChargeFree}, Stores: appSource},
	CustomerEngagement: {Name: "Dynamics 365 Customer Engagement & Power Apps",
		Listings: allListing, Charges: []Charge{ChargeFree, ChargeUsage}, Stores: appSource},
	DynamicsOperations: {Name: "Dynamics 365 for Operations",
		Listings: allListing, Charges: []Charge{ChargeFree}, Stores: appSource},
	PowerBIApp: {Name: "Power BI app",
		Listings: []Listing{GetItNow}, Charges: []Charge{ChargeFree}, Stores: appSource},
}

// Capabilities returns the type's row of the capability table; the zero
// Capabilities for an invalid type. The slices are the caller's to keep.
func (t Type) Capabilities() Capabilities {
	if !t.Valid() {
		return Capabilities{}
	}
	c := capabilities[t]
	c.Models = slices.Clone(c.Models)
	c.Terms = slices.Clone(c.Terms)
	c.AudienceKinds = slices.Clone(c.AudienceKinds)
	c.Listings = slices.Clone(c.Listings)
	c.Charges = slices.Clone(c.Charges)
	c.Stores = slices.Clone(c.Stores)
	return c
}

// caps returns the row without copying, for the package's own reads.
func (t Type) caps() *Capabilities {
	if !t.Valid() {
		return &capabilities[0]
	}
	return &capabilities[t]
}

// HasPlanTrials reports whether transactable plans of type t may have free
// trials (TRL-01); it does not allocate.
func (t Type) HasPlanTrials() bool { return t.caps().PlanTrials }

// trialMonths returns the free-trial lengths a transactable plan of type t
// may have under the policy: SaaS 1 month, virtual machines 1, 3 or 6
// months by default (TRL-02); nil for types without plan trials (TRL-01).
func (t Type) trialMonths(p Policy) []calendar.Months {
	switch {
	case !t.caps().PlanTrials:
		return nil
	case t == VirtualMachine:
		return p.VMTrialMonths
	}
	return p.SaaSTrialMonths
}

// Scope returns what a plan of an offer of type t allows, for
// [plan.Policy.CheckPlan]: the models, terms, audience kinds and trial
// lengths of the type, and the offer's dimensions. A plan of an offer not
// sold through Microsoft has no paid models and no trials. The type's
// slices are copies, the caller's to keep; TrialMonths and Dimensions are
// p's and dims.
func (t Type) Scope(p Policy, sellThroughMicrosoft bool, dims []plan.Dimension) plan.Scope {
	c := t.caps()
	s := plan.Scope{
		Models:        slices.Clone(c.Models),
		Terms:         slices.Clone(c.Terms),
		Hourly:        c.Hourly,
		Summary:       c.Summary,
		Metering:      c.Metering,
		Private:       c.PrivateAudience,
		AudienceKinds: slices.Clone(c.AudienceKinds),
		Dimensions:    dims,
	}
	if sellThroughMicrosoft && c.SellThroughMicrosoft {
		s.TrialMonths = t.trialMonths(p)
	} else if c.PricedPlans {
		s.Models = nil
		for _, m := range c.Models {
			if !m.IsPaid() {
				s.Models = append(s.Models, m)
			}
		}
	}
	return s
}
