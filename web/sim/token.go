package sim

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"time"

	"github.com/google/uuid"
)

// tokenLifetime is the span between a client token's iat and exp claims.
const tokenLifetime = 24 * time.Hour

// jwtHeader is the fixed, already encoded header of every client token.
var jwtHeader = base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))

// tokenClaims are the claims of a client token. The widget decodes them to
// learn its session and participant ids.
type tokenClaims struct {
	SessionID     string `json:"sessionId"`
	ParticipantID string `json:"participantId"`
	IssuedAt      int64  `json:"iat"`
	Expires       int64  `json:"exp"`
	TokenID       string `json:"jti"`
}

// mintClientToken returns a JWT for the participant of the session, signed
// with HMAC-SHA256 under secret. Each token gets a fresh jti, so no two tokens
// are equal even when minted in the same second.
func mintClientToken(secret []byte, sessionID, participantID string, now time.Time) string {
	claims, err := json.Marshal(tokenClaims{
		SessionID:     sessionID,
		ParticipantID: participantID,
		IssuedAt:      now.Unix(),
		Expires:       now.Add(tokenLifetime).Unix(),
		TokenID:       uuid.NewString(),
	})
	if err != nil {
		panic("sim: encoding token claims cannot fail: " + err.Error())
	}
	signingInput := jwtHeader + "." + base64.RawURLEncoding.EncodeToString(claims)
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(signingInput))
	return signingInput + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}
