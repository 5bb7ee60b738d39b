package fulfillment

import (
	"crypto"
	"encoding/base64"
	"encoding/json"
	"slices"
	"strings"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"

	"github.com/marketrules/marketrules/rule"
)

// Claims are the claims of a webhook call's bearer token that FUL-10
// checks, as read from the token. Times are instants (the token carries
// them as seconds since 1970).
type Claims struct {
	Audience        []string  `json:"aud,omitzero"`
	TenantID        string    `json:"tid,omitzero"`
	AppID           string    `json:"appid,omitzero"`
	AuthorizedParty string    `json:"azp,omitzero"`
	Issuer          string    `json:"iss,omitzero"`
	IssuedAt        time.Time `json:"iat,omitzero"`
	NotBefore       time.Time `json:"nbf,omitzero"`
	Expiry          time.Time `json:"exp,omitzero"`
}

// SigningKey is a public key that may have signed a webhook token, with
// its key ID (the token header's kid). In JSON it is a JWK, as Microsoft
// publishes its keys.
type SigningKey struct {
	ID  string
	Key crypto.PublicKey
}

// MarshalJSON writes the key as a JWK; a zero SigningKey is {}.
func (k SigningKey) MarshalJSON() ([]byte, error) {
	if k.Key == nil {
		if k.ID == "" {
			return []byte("{}"), nil
		}
		return json.Marshal(struct {
			Kid string `json:"kid"`
		}{k.ID})
	}
	return jose.JSONWebKey{Key: k.Key, KeyID: k.ID}.MarshalJSON()
}

// UnmarshalJSON reads a JWK holding a public key.
func (k *SigningKey) UnmarshalJSON(b []byte) error {
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(b, &probe); err != nil {
		return err
	}
	if _, ok := probe["kty"]; !ok {
		var id struct {
			Kid string `json:"kid"`
		}
		err := json.Unmarshal(b, &id)
		*k = SigningKey{ID: id.Kid}
		return err
	}
	var j jose.JSONWebKey
	if err := j.UnmarshalJSON(b); err != nil {
		return err
	}
	*k = SigningKey{ID: j.KeyID, Key: j.Key}
	return nil
}

// ParseKeySet reads a JSON Web Key Set ({"keys": […]}, the document at
// Microsoft Entra ID's jwks_uri) into signing keys. Fetching it is the
// caller's: the library does no I/O. Private and symmetric keys are
// refused.
func ParseKeySet(jwks []byte) ([]SigningKey, error) {
	var set jose.JSONWebKeySet
	var ps rule.Problems
	if err := json.Unmarshal(jwks, &set); err != nil {
		addProblem(&ps, ful10, "keys", ErrInvalidValue, msgKeySet, err.Error())
		return nil, ps.Err()
	}
	keys := make([]SigningKey, 0, len(set.Keys))
	for i, k := range set.Keys {
		if !k.IsPublic() {
			addProblem(&ps, ful10, "keys["+itoa(i)+"]", ErrInvalidValue, msgNotPublic, k.KeyID)
			continue
		}
		keys = append(keys, SigningKey{ID: k.KeyID, Key: k.Key})
	}
	return keys, ps.Err()
}

var (
	msgKeySet    = rule.Message{English: "not a JSON Web Key Set: %s", Swedish: "inte en JSON Web Key Set: %s"}
	msgNotPublic = rule.Message{English: "key %q is not a public key", Swedish: "nyckeln %q är inte en publik nyckel"}
)

// TokenRequest is a webhook call's bearer token to check (FUL-10): the
// raw token (for [Policy.VerifyToken]) or its already parsed claims (for
// [Policy.CheckClaims]), the publisher's Entra application ID and tenant
// as configured in Partner Center, the signing keys, and the instant.
type TokenRequest struct {
	// Token is the raw JWT, with or without "Bearer ".
	Token  string `json:"token,omitzero"`
	Claims Claims `json:"claims,omitzero"`
	// Audience is the publisher's application ID; TenantID its tenant.
	Audience string       `json:"audience"`
	TenantID string       `json:"tenantId"`
	Keys     []SigningKey `json:"keys,omitzero"`
	At       time.Time    `json:"at"`
}

// TokenCheck is the verdict on a webhook token. When it is refused, Claim
// names the claim (aud, tid, appid, iat, nbf, exp) or header parameter
// (alg, kid) that failed, or KeyID the key whose signature did not match,
// with the value found (Got) and the one expected (Want).
type TokenCheck struct {
	Allowed bool        `json:"allowed"`
	Rule    rule.ID     `json:"rule"`
	Reason  rule.Reason `json:"reason"`
	Claim   string      `json:"claim,omitzero"`
	KeyID   string      `json:"keyId,omitzero"`
	Got     string      `json:"got,omitzero"`
	Want    string      `json:"want,omitzero"`
	Claims  Claims      `json:"claims,omitzero"`
	At      time.Time   `json:"at,omitzero"`
}

// Reasons of a [TokenCheck].
const (
	ReasonTokenOK          rule.Reason = "token-ok"            // every check passed
	ReasonTokenMalformed   rule.Reason = "token-malformed"     // not a signed JWT
	ReasonTokenAlgorithm   rule.Reason = "token-algorithm"     // alg not an asymmetric signature algorithm
	ReasonTokenUnknownKey  rule.Reason = "token-unknown-key"   // kid names none of the keys
	ReasonTokenSignature   rule.Reason = "token-signature"     // the signature does not verify
	ReasonTokenAudience    rule.Reason = "token-audience"      // aud is not the publisher's application
	ReasonTokenTenant      rule.Reason = "token-tenant"        // tid is not the publisher's tenant
	ReasonTokenApp         rule.Reason = "token-app"           // appid/azp is not the marketplace
	ReasonTokenIssuedLater rule.Reason = "token-issued-later"  // iat after the instant
	ReasonTokenNotYet      rule.Reason = "token-not-yet-valid" // nbf after the instant
	ReasonTokenExpiredAt   rule.Reason = "token-expired-at"    // exp at or before the instant
)

// algorithms are the signature algorithms a token may use: asymmetric
// only (never none or an HMAC, whose key a verifier would share).
var algorithms = []jose.SignatureAlgorithm{jose.RS256, jose.RS384, jose.RS512, jose.PS256, jose.PS384, jose.PS512, jose.ES256, jose.ES384, jose.ES512, jose.EdDSA}

var msgNoKeys = rule.Message{English: "no signing keys to verify the token with", Swedish: "inga signeringsnycklar att verifiera token med"}

func (p *Policy) tokenProblems(req *TokenRequest, raw bool) rule.Problems {
	var ps rule.Problems
	if raw && strings.TrimSpace(req.Token) == "" {
		addProblem(&ps, ful10, "token", ErrMissing, msgMissing, "the token")
	}
	if raw && len(req.Keys) == 0 {
		addProblem(&ps, ful10, "keys", ErrMissing, msgNoKeys)
	}
	if req.Audience == "" {
		addProblem(&ps, ful10, "audience", ErrMissing, msgMissing, "the publisher's application ID")
	}
	if req.TenantID == "" {
		addProblem(&ps, ful10, "tenantId", ErrMissing, msgMissing, "the publisher's tenant ID")
	}
	if req.At.IsZero() {
		addProblem(&ps, ful10, "at", ErrMissing, msgMissing, "the instant of the check")
	}
	if len(p.MarketplaceAppIDs) == 0 || p.ClockSkew < 0 {
		addProblem(&ps, "", "policy.marketplaceAppIds", ErrPolicy, msgPolicy, "marketplaceAppIds")
	}
	return ps
}

// CheckClaims checks a token's already parsed claims (FUL-10): aud is the
// publisher's application ID, tid its tenant, appid or azp the
// marketplace's application ([Policy.MarketplaceAppIDs]), iat not after
// At, nbf not after At and exp after At (each with [Policy.ClockSkew]).
// It does not check the signature: use [Policy.VerifyToken] for a raw
// token. Missing settings (audience, tenant, instant) are [rule.Problems].
func (p Policy) CheckClaims(req TokenRequest) (TokenCheck, error) {
	if ps := p.tokenProblems(&req, false); len(ps) > 0 {
		return TokenCheck{}, ps.Err()
	}
	c := TokenCheck{Rule: ful10, Claims: req.Claims, At: req.At}
	p.checkClaims(&c, &req)
	return c, nil
}

func (p *Policy) checkClaims(c *TokenCheck, req *TokenRequest) {
	cl := &c.Claims
	fail := func(reason rule.Reason, claim, got, want string) {
		c.Reason, c.Claim, c.Got, c.Want = reason, claim, got, want
	}
	skew := p.ClockSkew
	switch {
	case !slices.Contains(cl.Audience, req.Audience):
		fail(ReasonTokenAudience, "aud", strings.Join(cl.Audience, " "), req.Audience)
	case cl.TenantID != req.TenantID:
		fail(ReasonTokenTenant, "tid", cl.TenantID, req.TenantID)
	case !slices.Contains(p.MarketplaceAppIDs, cl.AppID) && !slices.Contains(p.MarketplaceAppIDs, cl.AuthorizedParty):
		got := cl.AppID
		claim := "appid"
		if got == "" {
			got, claim = cl.AuthorizedParty, "azp"
		}
		fail(ReasonTokenApp, claim, got, strings.Join(p.MarketplaceAppIDs, " "))
	case cl.IssuedAt.IsZero() || cl.IssuedAt.After(req.At.Add(skew)):
		fail(ReasonTokenIssuedLater, "iat", stampOrNone(cl.IssuedAt), stamp(req.At))
	case !cl.NotBefore.IsZero() && cl.NotBefore.After(req.At.Add(skew)):
		fail(ReasonTokenNotYet, "nbf", stamp(cl.NotBefore), stamp(req.At))
	case cl.Expiry.IsZero() || !cl.Expiry.Add(skew).After(req.At):
		fail(ReasonTokenExpiredAt, "exp", stampOrNone(cl.Expiry), stamp(req.At))
	default:
		c.Allowed, c.Reason = true, ReasonTokenOK
	}
}

func stampOrNone(t time.Time) string {
	if t.IsZero() {
		return "none"
	}
	return stamp(t)
}

// VerifyToken verifies a webhook call's raw bearer token (FUL-10): its
// header names an asymmetric algorithm and a key of req.Keys (by kid; a
// token without kid is tried against every key), its signature verifies
// with that key (go-jose's JWS verification: no hand-written
// cryptography, no network), and then its claims pass
// [Policy.CheckClaims]. Claims are read from the token; req.Claims is
// ignored. Every refusal names the claim, header parameter or key.
func (p Policy) VerifyToken(req TokenRequest) (TokenCheck, error) {
	if ps := p.tokenProblems(&req, true); len(ps) > 0 {
		return TokenCheck{}, ps.Err()
	}
	c := TokenCheck{Rule: ful10, At: req.At}
	raw := strings.TrimSpace(req.Token)
	if len(raw) > 7 && strings.EqualFold(raw[:7], "bearer ") {
		raw = strings.TrimSpace(raw[7:])
	}
	var hdr struct {
		Alg string `json:"alg"`
		Kid string `json:"kid"`
	}
	head, _, _ := strings.Cut(raw, ".")
	hb, err := base64.RawURLEncoding.DecodeString(head)
	if err != nil || json.Unmarshal(hb, &hdr) != nil || strings.Count(raw, ".") != 2 {
		c.Reason, c.Claim = ReasonTokenMalformed, "header"
		return c, nil
	}
	c.KeyID = hdr.Kid
	if !slices.Contains(algorithms, jose.SignatureAlgorithm(hdr.Alg)) {
		c.Reason, c.Claim, c.Got = ReasonTokenAlgorithm, "alg", hdr.Alg
		return c, nil
	}
	tok, err := jwt.ParseSigned(raw, algorithms)
	if err != nil {
		c.Reason, c.Claim = ReasonTokenMalformed, "token"
		return c, nil
	}
	var keys []SigningKey
	for _, k := range req.Keys {
		if hdr.Kid == "" || k.ID == hdr.Kid {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		c.Reason, c.Claim, c.Got = ReasonTokenUnknownKey, "kid", hdr.Kid
		return c, nil
	}
	var std jwt.Claims
	var extra struct {
		Tid   string `json:"tid"`
		AppID string `json:"appid"`
		Azp   string `json:"azp"`
	}
	verified := false
	for _, k := range keys {
		if k.Key == nil {
			continue
		}
		if tok.Claims(k.Key, &std, &extra) == nil {
			verified, c.KeyID = true, k.ID
			break
		}
	}
	if !verified {
		c.Reason = ReasonTokenSignature
		if c.KeyID == "" {
			c.KeyID = keys[0].ID
		}
		return c, nil
	}
	c.Claims = Claims{Audience: []string(std.Audience), TenantID: extra.Tid, AppID: extra.AppID,
		AuthorizedParty: extra.Azp, Issuer: std.Issuer,
		IssuedAt: numeric(std.IssuedAt), NotBefore: numeric(std.NotBefore), Expiry: numeric(std.Expiry)}
	p.checkClaims(&c, &req)
	return c, nil
}

func numeric(n *jwt.NumericDate) time.Time {
	if n == nil {
		return time.Time{}
	}
	return n.Time().UTC()
}

var tokenTexts = map[rule.Reason]rule.Message{
	ReasonTokenOK:          {English: "the token is valid: signed, for the publisher's application and tenant, issued to the marketplace, within its validity", Swedish: "token är giltig: signerad, för utgivarens program och klientorganisation, utfärdad till marknadsplatsen, inom sin giltighetstid"},
	ReasonTokenMalformed:   {English: "the token is not a signed JWT (its %[1]s cannot be read)", Swedish: "token är ingen signerad JWT (dess %[1]s kan inte läsas)"},
	ReasonTokenAlgorithm:   {English: "the token's %[1]s %[2]q is not an asymmetric signature algorithm", Swedish: "tokens %[1]s %[2]q är ingen asymmetrisk signaturalgoritm"},
	ReasonTokenUnknownKey:  {English: "the token's %[1]s %[2]q names none of the signing keys", Swedish: "tokens %[1]s %[2]q anger ingen av signeringsnycklarna"},
	ReasonTokenSignature:   {English: "the token's signature does not verify with key %[4]q", Swedish: "tokens signatur kan inte verifieras med nyckeln %[4]q"},
	ReasonTokenAudience:    {English: "the token's %[1]s %[2]q is not the publisher's application ID %[3]q", Swedish: "tokens %[1]s %[2]q är inte utgivarens program-ID %[3]q"},
	ReasonTokenTenant:      {English: "the token's %[1]s %[2]q is not the publisher's tenant %[3]q", Swedish: "tokens %[1]s %[2]q är inte utgivarens klientorganisation %[3]q"},
	ReasonTokenApp:         {English: "the token's %[1]s %[2]q is not the marketplace's application %[3]s", Swedish: "tokens %[1]s %[2]q är inte marknadsplatsens program %[3]s"},
	ReasonTokenIssuedLater: {English: "the token's %[1]s %[2]s is after the check at %[3]s", Swedish: "tokens %[1]s %[2]s ligger efter kontrollen %[3]s"},
	ReasonTokenNotYet:      {English: "the token's %[1]s %[2]s is after the check at %[3]s: not valid yet", Swedish: "tokens %[1]s %[2]s ligger efter kontrollen %[3]s: inte giltig ännu"},
	ReasonTokenExpiredAt:   {English: "the token's %[1]s %[2]s is not after the check at %[3]s: expired", Swedish: "tokens %[1]s %[2]s ligger inte efter kontrollen %[3]s: utgången"},
}

var (
	msgTokenAccept = rule.Message{English: "Accept the call (FUL-10): %s.", Swedish: "Ta emot anropet (FUL-10): %s."}
	msgTokenRefuse = rule.Message{English: "Refuse the call with 401 (FUL-10): %s.", Swedish: "Neka anropet med 401 (FUL-10): %s."}
)

// Explain says in lang whether to accept the call and, if not, which
// claim or key failed and why.
func (c TokenCheck) Explain(lang rule.Language) string {
	m, ok := tokenTexts[c.Reason]
	if !ok {
		return c.String()
	}
	text := m.Format(lang)
	if strings.Contains(text, "%") {
		text = m.Render(lang, c.Claim, c.Got, c.Want, c.KeyID)
	}
	if c.Allowed {
		return msgTokenAccept.Render(lang, text)
	}
	return msgTokenRefuse.Render(lang, text)
}

// String returns "FUL-10 token-audience: aud".
func (c TokenCheck) String() string {
	s := string(c.Rule) + " " + string(c.Reason)
	switch {
	case c.Claim != "":
		s += ": " + c.Claim
	case c.Reason == ReasonTokenSignature:
		s += ": key " + c.KeyID
	}
	return s
}
