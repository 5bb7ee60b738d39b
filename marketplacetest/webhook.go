package marketplacetest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"

	"github.com/marketrules/marketrules/fulfillment"
)

// keyID is the kid of the emulator's signing key.
const keyID = "marketplacetest"

// delivery is a webhook call to make, and its attempts so far.
type delivery struct {
	hook    fulfillment.Webhook
	first   time.Time
	next    time.Time
	attempt int
}

// Keys returns the public key that signs the emulator's webhook tokens,
// for the host's verifier (fulfillment.Policy.VerifyToken).
func (s *Server) Keys() []fulfillment.SigningKey {
	return []fulfillment.SigningKey{{ID: keyID, Key: &s.key.PublicKey}}
}

// KeySet returns the signing key as a JSON Web Key Set, the document a
// host fetches from Microsoft Entra ID (fulfillment.ParseKeySet reads it).
func (s *Server) KeySet() []byte {
	b, _ := json.Marshal(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &s.key.PublicKey, KeyID: keyID, Algorithm: string(jose.ES256), Use: "sig"}}})
	return b
}

// Token returns a bearer token for a webhook call at the virtual instant
// now, as Microsoft Entra ID issues it to the marketplace: aud the
// publisher's application, tid its tenant, appid the marketplace's
// application, valid for an hour. Tests use it to call the host's
// webhook themselves.
func (s *Server) Token() string {
	s.mu.Lock()
	now := s.now
	s.mu.Unlock()
	return s.sign(now)
}

func (s *Server) sign(now time.Time) string {
	sig, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.ES256, Key: s.key},
		(&jose.SignerOptions{}).WithType("JWT").WithHeader("kid", keyID))
	if err != nil {
		return ""
	}
	claims := struct {
		jwt.Claims
		Tid   string `json:"tid"`
		AppID string `json:"appid"`
	}{
		Claims: jwt.Claims{Issuer: "https://sts.windows.net/" + s.cfg.TenantID + "/", Audience: jwt.Audience{s.cfg.Audience},
			IssuedAt: jwt.NewNumericDate(now), NotBefore: jwt.NewNumericDate(now), Expiry: jwt.NewNumericDate(now.Add(time.Hour))},
		Tid: s.cfg.TenantID, AppID: fulfillment.MarketplaceAppID,
	}
	tok, err := jwt.Signed(sig).Claims(claims).Serialize()
	if err != nil {
		return ""
	}
	return tok
}

// queue records a webhook call to make once the lock is released.
func (s *Server) queue(h fulfillment.Webhook) {
	s.outbox = append(s.outbox, &delivery{hook: h, first: s.now, next: s.now})
}

// flush makes the queued webhook calls, in order, in the calling
// goroutine and without the lock (the host may call the API while it
// answers). A call not answered 200 is retried by [Server.Advance].
func (s *Server) flush() {
	for {
		s.mu.Lock()
		if len(s.outbox) == 0 || s.closed {
			s.outbox = nil
			s.mu.Unlock()
			return
		}
		d := s.outbox[0]
		s.outbox = s.outbox[1:]
		d.attempt++
		url, now := s.cfg.Webhook, s.now
		s.mu.Unlock()

		status, errText := s.call(url, d.hook, now)

		s.mu.Lock()
		s.log = append(s.log, Entry{At: now, Kind: KindWebhook, Method: http.MethodPost, Path: pathOf(url), Status: status,
			SubscriptionID: d.hook.SubscriptionID, OperationID: d.hook.ID, Action: d.hook.Action, Attempt: d.attempt, Error: errText})
		if status != http.StatusOK && d.attempt < s.pol.RetryTimes && now.Add(s.cfg.RetryEvery).Sub(d.first) <= s.pol.RetryFor {
			d.next = now.Add(s.cfg.RetryEvery)
			s.retry = append(s.retry, d)
		}
		s.mu.Unlock()
	}
}

// call posts one webhook call and returns the status answered, or 0 and
// why it could not be delivered.
func (s *Server) call(url string, h fulfillment.Webhook, now time.Time) (int, string) {
	if url == "" {
		return 0, "no webhook URL set"
	}
	body, err := json.Marshal(h)
	if err != nil {
		return 0, err.Error()
	}
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, err.Error()
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+s.sign(now))
	resp, err := s.client.Do(req)
	if err != nil {
		return 0, err.Error()
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	_ = resp.Body.Close()
	return resp.StatusCode, ""
}
