package offer

import (
	"slices"

	"github.com/marketrules/marketrules/internal/enum"
)

// Role is a Partner Center user role (ACC-01). The enum is append-only;
// the zero Role is unset.
type Role uint8

// The roles.
const (
	// Owner configures the payout account and the tax profile and views
	// payout reports; the user who accepted the publisher agreement is an
	// Owner by default.
	Owner Role = iota + 1
	// Manager manages Partner Center users and creates and updates
	// offers.
	Manager
	// Developer creates and updates offers.
	Developer
	// FinancialContributor views payout reports.
	FinancialContributor
)

var roleNames = enum.Names[Role]{Type: "role", Names: []string{"", "owner", "manager", "developer", "financial-contributor"}}

// String returns "owner", "manager", "developer" or
// "financial-contributor".
func (r Role) String() string { return roleNames.String(r) }

// MarshalText implements [encoding.TextMarshaler].
func (r Role) MarshalText() ([]byte, error) { return roleNames.Marshal(r) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (r *Role) UnmarshalText(b []byte) error { return roleNames.Unmarshal(b, r) }

// Permission is something a Partner Center user may do. The zero
// Permission is unset.
type Permission uint8

// The permissions of ACC-01.
const (
	ManageUsers Permission = iota + 1
	CreateOffers
	UpdateOffers
	ViewPayoutReports
	ConfigurePayoutAccount
	ConfigureTaxProfile
)

var permissionNames = enum.Names[Permission]{Type: "permission", Names: []string{"",
	"manage-users", "create-offers", "update-offers", "view-payout-reports", "configure-payout-account", "configure-tax-profile"}}

// String returns the permission's stable name, such as "update-offers".
func (p Permission) String() string { return permissionNames.String(p) }

// MarshalText implements [encoding.TextMarshaler].
func (p Permission) MarshalText() ([]byte, error) { return permissionNames.Marshal(p) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (p *Permission) UnmarshalText(b []byte) error { return permissionNames.Unmarshal(b, p) }

// permissions is ACC-01 as a table: the permissions of each role. The
// commercial marketplace FAQ gives Owner the payout account and tax
// profile, and (in its answer on payout reporting) the payout reports.
var permissions = [...][]Permission{
	Owner:                {ConfigurePayoutAccount, ConfigureTaxProfile, ViewPayoutReports},
	Manager:              {ManageUsers, CreateOffers, UpdateOffers},
	Developer:            {CreateOffers, UpdateOffers},
	FinancialContributor: {ViewPayoutReports},
}

// Can reports whether a user with role r has permission p (ACC-01).
func (r Role) Can(p Permission) bool {
	return roleNames.Valid(r) && slices.Contains(permissions[r], p)
}

// Permissions returns the role's permissions.
func (r Role) Permissions() []Permission {
	if !roleNames.Valid(r) {
		return nil
	}
	return slices.Clone(permissions[r])
}
