package sim

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMintClientTokenIsAVerifiableJWT(t *testing.T) {
	secret := []byte("test secret")
	now := time.Date(2026, 11, 21, 18, 30, 0, 0, time.UTC)
	token := mintClientToken(secret, "session-1", "participant-1", now)

	parts := strings.Split(token, ".")
	require.Len(t, parts, 3)
	header, err := base64.RawURLEncoding.DecodeString(parts[0])
	require.NoError(t, err)
	assert.JSONEq(t, `{"alg":"HS256","typ":"JWT"}`, string(header))

	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(parts[0] + "." + parts[1]))
	signature, err := base64.RawURLEncoding.DecodeString(parts[2])
	require.NoError(t, err)
	assert.True(t, hmac.Equal(mac.Sum(nil), signature), "the signature must be HMAC-SHA256 of header.claims under the secret")

	claims := decodeClaims(t, token)
	assert.Equal(t, "session-1", claims.SessionID)
	assert.Equal(t, "participant-1", claims.ParticipantID)
	assert.Equal(t, now.Unix(), claims.IssuedAt)
	assert.Equal(t, now.Add(tokenLifetime).Unix(), claims.Expires)
	assert.NotEmpty(t, claims.TokenID)
	assert.NotContains(t, token, "=", "base64url without padding")
}

func TestMintClientTokenDiffersWithinOneSecondAndBySecret(t *testing.T) {
	now := time.Date(2026, 11, 21, 18, 30, 0, 0, time.UTC)
	first := mintClientToken([]byte("a"), "s", "p", now)
	second := mintClientToken([]byte("a"), "s", "p", now)
	assert.NotEqual(t, first, second)

	otherSecret := mintClientToken([]byte("b"), "s", "p", now)
	assert.NotEqual(t, strings.Split(first, ".")[2], strings.Split(otherSecret, ".")[2])
}

func TestServerSignsWithTheConfiguredSecret(t *testing.T) {
	secret := []byte("configured")
	server := New(Options{Secret: secret})
	c := createSession(t, server, "data[nickname]=Ann")
	parts := strings.Split(c.token, ".")
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(parts[0] + "." + parts[1]))
	assert.Equal(t, base64.RawURLEncoding.EncodeToString(mac.Sum(nil)), parts[2])
}

func TestServerMakesARandomSecretWhenNoneIsGiven(t *testing.T) {
	a, b := New(Options{}), New(Options{})
	require.Len(t, a.secret, 32)
	assert.NotEqual(t, a.secret, b.secret)
}
