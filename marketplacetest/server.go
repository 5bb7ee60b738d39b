package marketplacetest

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/marketrules/marketrules/currency"
	"github.com/marketrules/marketrules/fulfillment"
	"github.com/marketrules/marketrules/pricing/metering"
)

// APIVersion is the api-version query parameter both APIs take.
const APIVersion = "2018-08-31"

// Config configures a [Server]. Every field is optional: the zero Config
// is an offer "contoso-saas" of publisher "contoso" with the plans of
// [DefaultPlans], fulfillment.DefaultPolicy(), and a clock that starts at
// 2024-01-01T00:00:00Z.
type Config struct {
	// Policy is the fulfillment policy the emulator decides with; the zero
	// Policy means fulfillment.DefaultPolicy().
	Policy fulfillment.Policy `json:"-"`
	// Start is the virtual clock's first instant.
	Start time.Time `json:"start,omitzero"`
	// PublisherID and OfferID name the publisher and its offer.
	PublisherID string `json:"publisherId,omitzero"`
	OfferID     string `json:"offerId,omitzero"`
	// Plans are the offer's plans; nil means [DefaultPlans].
	Plans []Plan `json:"plans,omitzero"`
	// AccessToken is the bearer token the publisher's calls must carry
	// ("marketplacetest-access-token" when empty): a call without one is
	// answered 401, a call with another 403.
	AccessToken string `json:"accessToken,omitzero"`
	// Audience and TenantID are the publisher's Microsoft Entra
	// application ID and tenant, the aud and tid of the webhook tokens.
	Audience string `json:"audience,omitzero"`
	TenantID string `json:"tenantId,omitzero"`
	// LandingPage and Webhook are the host's URLs (loopback only); they
	// can also be set later with [Server.SetLandingPage] and
	// [Server.SetWebhook].
	LandingPage string `json:"landingPage,omitzero"`
	Webhook     string `json:"webhook,omitzero"`
	// PageSize is how many subscriptions a List Subscriptions page holds
	// before its @nextLink (100 when 0).
	PageSize int `json:"pageSize,omitzero"`
	// RetryEvery is the virtual time between two attempts of a webhook
	// call that was not answered 200; 0 means Policy.RetryFor divided by
	// Policy.RetryTimes (about a minute: 500 calls over 8 hours).
	RetryEvery time.Duration `json:"retryEvery,omitzero"`
	// WebhookTimeout bounds one webhook call in real time (5 s when 0); a
	// call that times out counts as not answered.
	WebhookTimeout time.Duration `json:"webhookTimeout,omitzero"`
}

// Plan is a plan of the emulated offer: what List Available Plans returns,
// the user limits a change of quantity is checked against, and the prices
// [Server.Charges] bills.
type Plan struct {
	ID          string `json:"planId"`
	DisplayName string `json:"displayName,omitzero"`
	// PerUser plans are sold by the seat, within MinQuantity and
	// MaxQuantity (0 is no limit).
	PerUser     bool  `json:"isPricePerSeat,omitzero"`
	MinQuantity int64 `json:"minQuantity,omitzero"`
	MaxQuantity int64 `json:"maxQuantity,omitzero"`
	FreeTrial   bool  `json:"hasFreeTrials,omitzero"`
	// Term is the plan's billing term (P1M when empty) and Price its
	// price per term (per seat for a per-user plan).
	Term  fulfillment.TermUnit `json:"termUnit,omitzero"`
	Price currency.Money       `json:"price,omitzero"`
	// Dimensions are the plan's custom meters.
	Dimensions []Dimension `json:"dimensions,omitzero"`
}

// Dimension is a custom meter of a plan: its price per unit above the
// quantity included in each term (refilled at every renewal).
type Dimension struct {
	ID       string         `json:"id"`
	Unit     string         `json:"unitOfMeasure,omitzero"`
	Price    currency.Money `json:"pricePerUnit,omitzero"`
	Included int64          `json:"included,omitzero"`
}

// DefaultPlans returns the plans of the zero [Config]: "basic", a flat
// rate of 10.00 USD a month with an "api-calls" meter (1,000 included,
// then 0.01 USD each), and "premium", 25.00 USD a user a month for 1 to
// 100 users, with the meter at 0.01 USD after 5,000 included.
func DefaultPlans() []Plan {
	return []Plan{
		{ID: "basic", DisplayName: "Basic", Term: fulfillment.P1M, Price: currency.MustFromMinor(1000, currency.USD),
			Dimensions: []Dimension{{ID: "api-calls", Unit: "call", Price: currency.MustFromMinor(1, currency.USD), Included: 1000}}},
		{ID: "premium", DisplayName: "Premium", PerUser: true, MinQuantity: 1, MaxQuantity: 100, Term: fulfillment.P1M,
			Price:      currency.MustFromMinor(2500, currency.USD),
			Dimensions: []Dimension{{ID: "api-calls", Unit: "call", Price: currency.MustFromMinor(1, currency.USD), Included: 5000}}},
	}
}

// Server is the emulated marketplace: the SaaS Fulfillment API v2 and the
// Marketplace Metering Service API under URL, served on the loopback
// address by net/http/httptest, with the marketplace's own side (a
// customer buying and changing plans, payments failing, terms renewing)
// driven by the test on a virtual clock. Its methods are safe for
// concurrent use.
type Server struct {
	// URL is the base URL of both APIs, the stand-in for
	// https://marketplaceapi.microsoft.com/api.
	URL string `json:"url"`

	ts     *httptest.Server
	client *http.Client
	tr     *http.Transport
	key    *ecdsa.PrivateKey

	mu     sync.Mutex
	closed bool
	cfg    Config
	pol    fulfillment.Policy
	now    time.Time
	stamp  time.Time // the last operation time stamp given
	seq    int64
	subs   []*subscription
	byID   map[string]*subscription
	tokens map[string]*subscription
	outbox []*delivery
	retry  []*delivery
	log    []Entry
	usage  []*usage

	meterPol metering.Policy
	keys     metering.KeySet
}

// NewServer starts a Server for a test, closed by tb.Cleanup so that it
// cannot outlive the test; a Config that cannot be used fails the test.
// A nil tb is allowed: the caller then closes the server (see [Start]).
func NewServer(tb testing.TB, cfg Config) *Server {
	s, err := Start(cfg)
	if tb == nil {
		return s
	}
	tb.Helper()
	if err != nil {
		tb.Fatalf("marketplacetest: %v", err)
		return nil
	}
	tb.Cleanup(s.Close)
	return s
}

// Start starts a Server without a test, for an Example or a program; the
// caller must Close it. It fails only on a Config that cannot be used.
func Start(cfg Config) (*Server, error) {
	if err := fill(&cfg); err != nil {
		return nil, err
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, pol: cfg.Policy, now: cfg.Start, key: key, meterPol: metering.DefaultPolicy(),
		byID: map[string]*subscription{}, tokens: map[string]*subscription{}}
	s.tr = &http.Transport{DialContext: dialLoopback, DisableKeepAlives: true}
	s.client = &http.Client{Transport: s.tr, Timeout: cfg.WebhookTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	s.ts = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.ts.URL + "/api"
	return s, nil
}

// Close shuts the server down, waiting for the calls in flight; later
// customer actions and Advance do nothing. Close may be called twice.
func (s *Server) Close() {
	if s == nil {
		return
	}
	s.mu.Lock()
	done := s.closed
	s.closed = true
	s.mu.Unlock()
	if done {
		return
	}
	s.ts.Close()
	s.tr.CloseIdleConnections()
}

// AccessToken is the bearer token the publisher's calls must carry.
func (s *Server) AccessToken() string { return s.cfg.AccessToken }

// Client returns an HTTP client that sends the access token with every
// request, for a host under test to call the APIs with.
func (s *Server) Client() *http.Client {
	return &http.Client{Transport: bearer{token: s.cfg.AccessToken, next: s.ts.Client().Transport}}
}

// SetLandingPage sets the host's landing page URL, to which [Server.Buy]
// sends the customer.
func (s *Server) SetLandingPage(url string) {
	s.mu.Lock()
	s.cfg.LandingPage = url
	s.mu.Unlock()
}

// SetWebhook sets the host's webhook URL, which the marketplace calls.
func (s *Server) SetWebhook(url string) {
	s.mu.Lock()
	s.cfg.Webhook = url
	s.mu.Unlock()
}

func fill(cfg *Config) error {
	if cfg.Policy.AckWithin == 0 && cfg.Policy.MaxBody == 0 {
		cfg.Policy = fulfillment.DefaultPolicy()
	}
	if err := cfg.Policy.Validate(); err != nil {
		return err
	}
	if cfg.Start.IsZero() {
		cfg.Start = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	cfg.Start = cfg.Start.UTC()
	def := func(p *string, v string) {
		if *p == "" {
			*p = v
		}
	}
	def(&cfg.PublisherID, "contoso")
	def(&cfg.OfferID, "contoso-saas")
	def(&cfg.AccessToken, "marketplacetest-access-token")
	def(&cfg.Audience, "8c8e3a1f-0000-4000-8000-0000000000aa")
	def(&cfg.TenantID, "72f988bf-0000-4000-8000-0000000000bb")
	if cfg.Plans == nil {
		cfg.Plans = DefaultPlans()
	}
	cfg.Plans = slices.Clone(cfg.Plans)
	seen := map[string]bool{}
	for i := range cfg.Plans {
		p := &cfg.Plans[i]
		if p.ID == "" || seen[p.ID] {
			return fmt.Errorf("%w: plans[%d].planId is empty or repeated", ErrInvalid, i)
		}
		seen[p.ID] = true
		if p.Term == "" {
			p.Term = fulfillment.P1M
		}
		if p.Term.Months() == 0 {
			return fmt.Errorf("%w: plans[%d].termUnit %q is not a term the API knows", ErrInvalid, i, p.Term)
		}
	}
	if cfg.PageSize <= 0 {
		cfg.PageSize = 100
	}
	if cfg.WebhookTimeout <= 0 {
		cfg.WebhookTimeout = 5 * time.Second
	}
	if cfg.RetryEvery <= 0 {
		cfg.RetryEvery = cfg.Policy.RetryFor / time.Duration(cfg.Policy.RetryTimes)
	}
	if cfg.RetryEvery <= 0 {
		cfg.RetryEvery = time.Minute
	}
	return nil
}

// dialLoopback refuses every address but the loopback's: the emulator
// calls only the host under test.
func dialLoopback(ctx context.Context, network, addr string) (net.Conn, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	if ip := net.ParseIP(host); (ip == nil && host != "localhost") || (ip != nil && !ip.IsLoopback()) {
		return nil, fmt.Errorf("marketplacetest: %s is not a loopback address", host)
	}
	var d net.Dialer
	return d.DialContext(ctx, network, addr)
}

type bearer struct {
	token string
	next  http.RoundTripper
}

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	if r.Header.Get("Authorization") == "" {
		r.Header.Set("Authorization", "Bearer "+b.token)
	}
	return b.next.RoundTrip(r)
}

func (s *Server) plan(id string) (Plan, bool) {
	for _, p := range s.cfg.Plans {
		if p.ID == id {
			return p, true
		}
	}
	return Plan{}, false
}

// newID returns the next identifier, a UUID counted from 1 so that runs
// are reproducible: 00000000-0000-4000-8000-000000000001.
func (s *Server) newID() string {
	s.seq++
	return fmt.Sprintf("00000000-0000-4000-8000-%012d", s.seq)
}

// opStamp is the time stamp of a new operation: now. Two operations never
// share an instant (the rules would take the second for a retry or out of
// order): one at an instant already stamped moves the clock a microsecond
// on.
func (s *Server) opStamp() time.Time {
	if !s.now.After(s.stamp) {
		s.now = s.stamp.Add(time.Microsecond)
	}
	s.stamp = s.now
	return s.now
}
