package offer_test

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/marketrules/marketrules/offer"
)

// ACC-01: the full matrix of roles and permissions, from the commercial
// marketplace FAQ:
// Manager manages users and creates and updates offers; Developer creates
// and updates offers; Financial contributor views payout reports; Owner
// configures the payout account and tax profile, and (the FAQ's "Where do
// I find payout reporting") views payout reports.
func TestACC01_Roles(t *testing.T) {
	perms := []offer.Permission{offer.ManageUsers, offer.CreateOffers, offer.UpdateOffers,
		offer.ViewPayoutReports, offer.ConfigurePayoutAccount, offer.ConfigureTaxProfile}
	want := map[offer.Role]map[offer.Permission]bool{
		offer.Owner:                {offer.ViewPayoutReports: true, offer.ConfigurePayoutAccount: true, offer.ConfigureTaxProfile: true},
		offer.Manager:              {offer.ManageUsers: true, offer.CreateOffers: true, offer.UpdateOffers: true},
		offer.Developer:            {offer.CreateOffers: true, offer.UpdateOffers: true},
		offer.FinancialContributor: {offer.ViewPayoutReports: true},
		0:                          {},
		9:                          {},
	}
	for r, allowed := range want {
		for _, p := range append(perms, 0, 99) {
			if got := r.Can(p); got != allowed[p] {
				t.Errorf("%v.Can(%v) = %v, want %v", r, p, got, allowed[p])
			}
		}
		var list []offer.Permission
		for _, p := range perms {
			if allowed[p] {
				list = append(list, p)
			}
		}
		got := r.Permissions()
		if diff := cmp.Diff(list, got, cmpSet[offer.Permission]()); diff != "" {
			t.Errorf("%v.Permissions() (-want +got):\n%s", r, diff)
		}
	}
	// Permissions hands out a copy.
	p := offer.Developer.Permissions()
	p[0] = offer.ConfigureTaxProfile
	if offer.Developer.Can(offer.ConfigureTaxProfile) {
		t.Error("changing Permissions' result changed the table")
	}

	// A user with several roles has the union.
	tests := []struct {
		roles []offer.Role
		p     offer.Permission
		want  bool
	}{
		{nil, offer.UpdateOffers, false},
		{[]offer.Role{offer.Developer}, offer.UpdateOffers, true},
		{[]offer.Role{offer.Developer}, offer.ViewPayoutReports, false},
		{[]offer.Role{offer.Developer, offer.FinancialContributor}, offer.ViewPayoutReports, true},
		{[]offer.Role{offer.Developer, offer.FinancialContributor}, offer.ManageUsers, false},
		{[]offer.Role{offer.FinancialContributor, offer.Manager}, offer.ManageUsers, true},
		{[]offer.Role{0, 7}, offer.CreateOffers, false},
	}
	for _, tt := range tests {
		if got := slices.ContainsFunc(tt.roles, func(r offer.Role) bool { return r.Can(tt.p) }); got != tt.want {
			t.Errorf("%v.Can(%v) = %v", tt.roles, tt.p, got)
		}
	}

	names := map[interface{ MarshalText() ([]byte, error) }]string{
		offer.Owner: "owner", offer.Manager: "manager", offer.Developer: "developer", offer.FinancialContributor: "financial-contributor",
		offer.ManageUsers: "manage-users", offer.CreateOffers: "create-offers", offer.UpdateOffers: "update-offers",
		offer.ViewPayoutReports: "view-payout-reports", offer.ConfigurePayoutAccount: "configure-payout-account", offer.ConfigureTaxProfile: "configure-tax-profile",
	}
	for v, name := range names {
		if b, err := v.MarshalText(); err != nil || string(b) != name {
			t.Errorf("%v: %q, %v", v, b, err)
		}
	}
	var r offer.Role
	var pm offer.Permission
	if r.UnmarshalText([]byte("Developer")) != nil || r != offer.Developer || pm.UnmarshalText([]byte("update-offers")) != nil || pm != offer.UpdateOffers {
		t.Errorf("UnmarshalText: %v %v", r, pm)
	}
	if r.UnmarshalText([]byte("admin")) == nil || pm.UnmarshalText([]byte("delete-offers")) == nil {
		t.Error("UnmarshalText of unknown names succeeded")
	}
	if offer.Owner.String() != "owner" || offer.ManageUsers.String() != "manage-users" {
		t.Error("String")
	}
}
