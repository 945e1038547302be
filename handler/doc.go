// Package handler decides what chatclose does with the chat messages Genesys Widgets delivers.
//
// It is pure Go: it never imports syscall/js or safejs, so it builds and tests natively and
// the decision can be fuzzed. The bus package reads JavaScript payloads into the types here
// ([Message], [Batch]); the wasm main package turns a [Decision] into a CXBus command with
// [Config.Command].
//
// The rules, in the order they apply to one WebChatService.messageReceived batch:
//
//  1. A history page (oldMessages: true) never causes an action.
//  2. Messages are walked from the newest back. Neutral messages (typing, notices, a participant
//     leaving, System messages other than InteractionStateChange, anything unreadable) are
//     skipped. The first other message decides: an InteractionStateChange whose state is in the
//     configured set means act; any other state change, or any customer or agent activity,
//     means a new segment is live, so nothing is done and the closed segment is forgotten.
//  3. One action per segment: Finalizing then Completed with no activity between them is one
//     segment. A state change already seen in this page view never acts again.
//
// A [Decider] holds what one page view has already done. It is safe for concurrent use.
package handler
