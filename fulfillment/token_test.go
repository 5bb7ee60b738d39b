package fulfillment

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"

	"github.com/marketrules/marketrules/rule"
)

const (
	testApp    = "11111111-2222-3333-4444-555555555555"
	testTenant = "66666666-7777-8888-9999-000000000000"
)

var (
	keyOnce sync.Once
	rsaKey  *rsa.PrivateKey
	ecKey   *ecdsa.PrivateKey
)

func testKeys(t testing.TB) (*rsa.PrivateKey, *ecdsa.PrivateKey) {
	t.Helper()
	keyOnce.Do(func() {
		var err error
		if rsaKey, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
			panic(err)
		}
		if ecKey, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader); err != nil {
			panic(err)
		}
	})
	return rsaKey, ecKey
}

type testClaims struct {
	jwt.Claims
	Tid   string `json:"tid,omitempty"`
	AppID string `json:"appid,omitempty"`
	Azp   string `json:"azp,omitempty"`
}

var issued = at("2024-02-10T00:00:00Z")

func goodClaims() testClaims {
	return testClaims{
		Claims: jwt.Claims{Audience: jwt.Audience{testApp}, Issuer: "https://sts.windows.net/" + testTenant + "/",
			IssuedAt: jwt.NewNumericDate(issued), NotBefore: jwt.NewNumericDate(issued), Expiry: jwt.NewNumericDate(issued.Add(time.Hour))},
		Tid: testTenant, AppID: MarketplaceAppID,
	}
}

func sign(t testing.TB, alg jose.SignatureAlgorithm, key any, kid string, c testClaims) string {
	t.Helper()
	opts := (&jose.SignerOptions{}).WithType("JWT")
	if kid != "" {
		opts = opts.WithHeader("kid", kid)
	}
	s, err := jose.NewSigner(jose.SigningKey{Algorithm: alg, Key: key}, opts)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := jwt.Signed(s).Claims(c).Serialize()
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func TestFUL10_VerifyToken(t *testing.T) {
	rk, ek := testKeys(t)
	other, _ := rsa.GenerateKey(rand.Reader, 1024)
	keys := []SigningKey{{ID: "k1", Key: &rk.PublicKey}, {ID: "k2", Key: &ek.PublicKey}}
	p := DefaultPolicy()
	req := func(tok string) TokenRequest {
		return TokenRequest{Token: tok, Audience: testApp, TenantID: testTenant, Keys: keys, At: issued.Add(time.Minute)}
	}
	mod := func(f func(c *testClaims)) testClaims { c := goodClaims(); f(&c); return c }
	tests := []struct {
		name   string
		req    TokenRequest
		ok     bool
		reason rule.Reason
		claim  string
		key    string
	}{
		{"valid RS256", req("Bearer " + sign(t, jose.RS256, rk, "k1", goodClaims())), true, ReasonTokenOK, "", "k1"},
		{"valid ES256", req(sign(t, jose.ES256, ek, "k2", goodClaims())), true, ReasonTokenOK, "", "k2"},
		{"no kid: every key tried", req(sign(t, jose.RS256, rk, "", goodClaims())), true, ReasonTokenOK, "", "k1"},
		{"azp instead of appid", req(sign(t, jose.RS256, rk, "k1", mod(func(c *testClaims) { c.AppID, c.Azp = "", MarketplaceAppID }))), true, ReasonTokenOK, "", "k1"},
		{"signed by another key", req(sign(t, jose.RS256, other, "k1", goodClaims())), false, ReasonTokenSignature, "", "k1"},
		{"unknown kid", req(sign(t, jose.RS256, rk, "k9", goodClaims())), false, ReasonTokenUnknownKey, "kid", "k9"},
		{"HMAC", req(sign(t, jose.HS256, []byte("0123456789abcdef0123456789abcdef"), "k1", goodClaims())), false, ReasonTokenAlgorithm, "alg", "k1"},
		{"not a JWT", req("abc"), false, ReasonTokenMalformed, "header", ""},
		{"bad payload", req("eyJhbGciOiJSUzI1NiJ9.!!!.x"), false, ReasonTokenMalformed, "token", ""},
		{"audience", req(sign(t, jose.RS256, rk, "k1", mod(func(c *testClaims) { c.Audience = jwt.Audience{"other"} }))), false, ReasonTokenAudience, "aud", "k1"},
		{"tenant", req(sign(t, jose.RS256, rk, "k1", mod(func(c *testClaims) { c.Tid = "t2" }))), false, ReasonTokenTenant, "tid", "k1"},
		{"app", req(sign(t, jose.RS256, rk, "k1", mod(func(c *testClaims) { c.AppID = "someone" }))), false, ReasonTokenApp, "appid", "k1"},
		{"no app", req(sign(t, jose.RS256, rk, "k1", mod(func(c *testClaims) { c.AppID = "" }))), false, ReasonTokenApp, "azp", "k1"},
		{"issued later", req(sign(t, jose.RS256, rk, "k1", mod(func(c *testClaims) { c.IssuedAt = jwt.NewNumericDate(issued.Add(time.Hour)) }))), false, ReasonTokenIssuedLater, "iat", "k1"},
		{"no iat", req(sign(t, jose.RS256, rk, "k1", mod(func(c *testClaims) { c.IssuedAt = nil }))), false, ReasonTokenIssuedLater, "iat", "k1"},
		{"not yet", req(sign(t, jose.RS256, rk, "k1", mod(func(c *testClaims) { c.NotBefore = jwt.NewNumericDate(issued.Add(time.Hour)) }))), false, ReasonTokenNotYet, "nbf", "k1"},
		{"expired", req(sign(t, jose.RS256, rk, "k1", mod(func(c *testClaims) { c.Expiry = jwt.NewNumericDate(issued.Add(time.Minute)) }))), false, ReasonTokenExpiredAt, "exp", "k1"},
		{"no exp", req(sign(t, jose.RS256, rk, "k1", mod(func(c *testClaims) { c.Expiry = nil }))), false, ReasonTokenExpiredAt, "exp", "k1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := p.VerifyToken(tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if c.Allowed != tt.ok || c.Reason != tt.reason || c.Claim != tt.claim || c.KeyID != tt.key || c.Rule != ful10 {
				t.Errorf("got %v (claim %q key %q got %q want %q)", c, c.Claim, c.KeyID, c.Got, c.Want)
			}
			en, sv := c.Explain(rule.English), c.Explain(rule.Swedish)
			if en == "" || sv == "" || strings.Contains(en, "%!") || strings.Contains(sv, "%!") {
				t.Errorf("explanations: %q / %q", en, sv)
			}
			if !tt.ok && tt.claim != "" && !strings.Contains(en, tt.claim) {
				t.Errorf("explanation does not name %s: %s", tt.claim, en)
			}
		})
	}
	// Skew lets a token just past exp through.
	p.ClockSkew = 5 * time.Minute
	late := req(sign(t, jose.RS256, rk, "k1", goodClaims()))
	late.At = issued.Add(time.Hour + time.Minute)
	if c, _ := p.VerifyToken(late); !c.Allowed {
		t.Errorf("skew: %v", c)
	}
}

func TestFUL10_CheckClaims(t *testing.T) {
	p := DefaultPolicy()
	c := Claims{Audience: []string{testApp}, TenantID: testTenant, AppID: MarketplaceAppID,
		IssuedAt: issued, NotBefore: issued, Expiry: issued.Add(time.Hour)}
	got, err := p.CheckClaims(TokenRequest{Claims: c, Audience: testApp, TenantID: testTenant, At: issued})
	if err != nil || !got.Allowed {
		t.Fatalf("%v %v", got, err)
	}
	// An older marketplace application ID is refused unless the policy lists it.
	c.AppID = "62d94f6c-d599-489b-a797-3e10e42fbe22"
	if got, _ := p.CheckClaims(TokenRequest{Claims: c, Audience: testApp, TenantID: testTenant, At: issued}); got.Allowed || got.Claim != "appid" {
		t.Errorf("old app: %v", got)
	}
	_, err = p.CheckClaims(TokenRequest{})
	for _, path := range []string{"audience", "tenantId", "at"} {
		if !problemAt(err, path, ErrMissing) {
			t.Errorf("no problem at %s: %v", path, err)
		}
	}
	_, err = p.VerifyToken(TokenRequest{Audience: "a", TenantID: "t", At: issued})
	if !problemAt(err, "token", ErrMissing) || !problemAt(err, "keys", ErrMissing) {
		t.Errorf("verify without token or keys: %v", err)
	}
	if _, err := (Policy{}).CheckClaims(TokenRequest{Audience: "a", TenantID: "t", At: issued}); !problemAt(err, "policy.marketplaceAppIds", ErrPolicy) {
		t.Errorf("zero policy: %v", err)
	}
}

func TestSigningKeyJSON(t *testing.T) {
	rk, ek := testKeys(t)
	set := jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &rk.PublicKey, KeyID: "k1", Algorithm: "RS256", Use: "sig"}, {Key: &ek.PublicKey, KeyID: "k2"}}}
	b, err := json.Marshal(set)
	if err != nil {
		t.Fatal(err)
	}
	keys, err := ParseKeySet(b)
	if err != nil || len(keys) != 2 || keys[0].ID != "k1" || keys[1].ID != "k2" {
		t.Fatalf("%v %v", keys, err)
	}
	for _, k := range keys {
		out, err := json.Marshal(k)
		if err != nil {
			t.Fatal(err)
		}
		var back SigningKey
		if err := json.Unmarshal(out, &back); err != nil || back.ID != k.ID {
			t.Fatalf("%s: %v", out, err)
		}
		if eq, ok := back.Key.(interface{ Equal(x crypto.PublicKey) bool }); !ok || !eq.Equal(k.Key) {
			t.Errorf("key %s changed", k.ID)
		}
	}
	// A private key in the set is refused.
	priv, _ := json.Marshal(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: ek, KeyID: "p"}}})
	if _, err := ParseKeySet(priv); !problemAt(err, "keys[0]", ErrInvalidValue) {
		t.Errorf("private: %v", err)
	}
	if _, err := ParseKeySet([]byte("nope")); !problemAt(err, "keys", ErrInvalidValue) {
		t.Errorf("not JSON: %v", err)
	}
	var k SigningKey
	if err := json.Unmarshal([]byte(`{"kid":"x"}`), &k); err != nil || k.ID != "x" {
		t.Errorf("kid only: %v %+v", err, k)
	}
	if err := json.Unmarshal([]byte(`{"kty":"RSA","n":"!"}`), &k); err == nil {
		t.Error("bad JWK accepted")
	}
	if err := json.Unmarshal([]byte(`[`), &k); err == nil {
		t.Error("bad JSON accepted")
	}
	if b, err := json.Marshal(SigningKey{ID: "x"}); err != nil || string(b) != `{"kid":"x"}` {
		t.Errorf("id only: %s %v", b, err)
	}
}
