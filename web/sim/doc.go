// Package sim simulates the Genesys Digital Channels v3 consumer chat API (the
// "Nexus" API that the Genesys Widgets v3 transport talks to) together with an
// agent-side control API, as one http.Handler.
//
// The consumer API lives under /nexus/v3/chat/sessions and the control API
// under /control/; web/sandbox/CONTRACT.md (sections 2 and 3) describes both.
// Choices the contract leaves open are documented on the handlers that make
// them:
//
//   - A session is asynchronous when its create request carries data[async]
//     or data[userData][async] set to "true" or "1". Without it the session is
//     not asynchronous, so the customer's DELETE ends the chat.
//   - Every stored message has a position in the transcript, counted from 1.
//     The index the simulator assigns is that position, and the index and
//     count query parameters select by position, so raw messages that carry
//     an index of their own (or none that parses) are still delivered in the
//     order they were appended.
//   - An ended session still answers polls and history requests (with
//     chatEnded true) and still accepts control-API messages; a customer send
//     to it is logged but not stored, and a re-create of it fails with
//     INVALID_SESSION.
//   - Client tokens carry a jti claim besides sessionId, participantId, iat
//     and exp, so two tokens minted in the same second differ. The simulator
//     trusts its own list of issued tokens and does not enforce exp.
package sim
