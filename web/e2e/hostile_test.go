//go:build !js

package e2e

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hostilePlugin registers the CXBus plugin E2EHostile in the customer's page. With the
// stand-in's sharedevents option CXBus gives every subscriber the same payload object, one
// after the other in subscription order, so a subscriber that runs before chatclose's can hand
// it anything (facts sheet 1.3). E2EHostile
// subscribes to WebChatService.messageReceived after WebChat did and before chatclose's module
// does (the module subscribes when it starts, lazily, with the chat). When a batch holds the
// agent text "hostile:<case>", it replaces the payload's content with that case, built from
// copies of the batch's real messages: the text itself and the Finalizing after it. It never
// touches the stand-in's own message objects.
const hostilePlugin = `(() => {
	const h = window.__hostile = {applied: []};
	const copy = m => JSON.parse(JSON.stringify(m));
	const thrower = what => () => { throw new Error("hostile " + what); };
	const everyTrapThrows = target => new Proxy(target, Object.fromEntries(
		["get", "has", "ownKeys", "getOwnPropertyDescriptor", "getPrototypeOf", "defineProperty", "set", "deleteProperty", "isExtensible", "preventExtensions", "setPrototypeOf", "apply", "construct"]
			.map(trap => [trap, thrower("trap " + trap)])));
	const deepFreeze = o => {
		Object.freeze(o);
		for (const v of Object.values(o)) if (v && typeof v === "object" && !Object.isFrozen(v)) deepFreeze(v);
		return o;
	};
	const typing = {type: "TypingStarted", from: {type: "Agent", name: "Anna"}};
	const withList = (e, list) => { e.data = Object.assign({}, e.data, {originalMessages: list}); };
	const cases = {
		"data-getter-throws": e => Object.defineProperty(e, "data", {get: thrower("data")}),
		"data-getter-throws-a-string": e => Object.defineProperty(e, "data", {get: () => { throw "not an Error"; }}),
		"data-getter-throws-a-symbol": e => Object.defineProperty(e, "data", {get: () => { throw Symbol("hostile"); }}),
		"data-null": e => { e.data = null; },
		"data-a-string": e => { e.data = JSON.stringify(e.data); },
		"data-a-proxy-whose-every-trap-throws": e => { e.data = everyTrapThrows({originalMessages: []}); },
		"messages-getter-throws": e => { e.data = Object.defineProperty({}, "originalMessages", {get: thrower("originalMessages")}); },
		"messages-null": (e, t, f) => withList(e, null),
		"messages-missing": e => { e.data = {messages: e.data.messages}; },
		"messages-an-array-like-object": (e, t, f) => withList(e, {length: 2, 0: t, 1: f}),
		"messages-a-JSON-string": (e, t, f) => withList(e, JSON.stringify([t, f])),
		"messages-a-number": (e, t, f) => withList(e, 2),
		"messages-a-revoked-proxy": (e, t, f) => { const r = Proxy.revocable([t, f], {}); r.revoke(); withList(e, r.proxy); },
		"messages-a-proxy-whose-every-trap-throws": (e, t, f) => withList(e, everyTrapThrows([t, f])),
		"messages-a-proxy-that-lies-about-its-length": (e, t, f) => withList(e, new Proxy([t, f], {
			get: (target, key) => key === "length" ? 4294967295 : (typeof key === "string" && /^[0-9]+$/.test(key) ? thrower("index " + key)() : target[key])})),
		"messages-a-sparse-array-of-4294967295": (e, t, f) => { const a = [t, f]; a.length = 4294967295; withList(e, a); },
		"messages-a-million-neutral-after-the-finalizing": (e, t, f) => {
			const a = new Array(1000002).fill(typing); a[0] = t; a[1] = f; withList(e, a); },
		"messages-a-million-neutral-before-the-finalizing": (e, t, f) => {
			const a = new Array(1000002).fill(typing); a[1000000] = t; a[1000001] = f; withList(e, a); },
		"message-a-proxy-whose-every-trap-throws": (e, t, f) => withList(e, [t, everyTrapThrows(f)]),
		"message-fields-with-throwing-getters": (e, t, f) => {
			const m = {};
			for (const k of ["type", "from", "event", "data", "index", "id", "utcTime"]) Object.defineProperty(m, k, {get: thrower(k), enumerable: true});
			withList(e, [t, m]);
		},
		"strings-where-objects-belong": (e, t, f) => withList(e, [t, Object.assign(copy(f), {from: "System", data: "Finalizing"}), "Finalizing", "System"]),
		"objects-where-strings-belong": (e, t, f) => withList(e, [t,
			Object.assign(copy(f), {type: new String("System"), event: ["InteractionStateChange"], index: {valueOf: () => 99, toString: thrower("toString")}, id: [1], utcTime: new Date()}),
			Object.assign(copy(f), {data: {interactionState: {toString: () => "Finalizing"}}})]),
		"numbers-booleans-and-nothing-as-messages": (e, t, f) => withList(e, [t, 7, true, null, undefined, NaN, () => f]),
		"frozen": (e, t, f) => { e.data = deepFreeze(Object.assign({}, e.data, {originalMessages: [t, f]})); Object.freeze(e); },
		"cyclic": (e, t, f) => {
			f.from.self = f.from; f.data.owner = f; f.self = f; t.from.next = f;
			const list = [t, f]; list.push(list);
			const data = Object.assign({}, e.data, {originalMessages: list}); data.self = data; e.data = data;
		},
		"proxies-that-behave": (e, t, f) => withList(e, new Proxy([new Proxy(t, {}), new Proxy(f, {})], {})),
		"history-flag-getter-throws": (e, t, f) => {
			e.data = Object.defineProperty({originalMessages: [t, f]}, "oldMessages", {get: thrower("oldMessages")});
			Object.defineProperty(e.data, "restoring", {get: thrower("restoring")});
		},
	};
	h.cases = Object.keys(cases);
	CXBus.registerPlugin("E2EHostile").subscribe("WebChatService.messageReceived", e => {
		const list = e.data && e.data.originalMessages;
		const i = Array.isArray(list) ? list.findIndex(m => m && typeof m.text === "string" && m.text.startsWith("hostile:")) : -1;
		if (i < 0) return;
		const name = list[i].text.slice("hostile:".length);
		cases[name](e, copy(list[i]), copy(list[i + 1]));
		h.applied.push(name);
	});
	return h.cases;
})()`

// hostileActs lists the cases whose payload still carries a readable Finalizing after
// customer activity: chatclose must act on them. Every other case must not act.
var hostileActs = map[string]bool{
	"messages-a-million-neutral-before-the-finalizing": true,
	"frozen":              true,
	"cyclic":              true,
	"proxies-that-behave": true,
	// Not "history-flag-getter-throws": a batch whose oldMessages flag cannot be read may be
	// a history page, and chatclose never acts on what may be one.
}

// TestHostilePayloads publishes hostile WebChatService.messageReceived payloads on the real
// page's CXBus, each in place of a batch holding an agent text and a Finalizing. For each:
// no uncaught error and no chatclose error, chatclose acts only when the payload still holds
// a readable Finalizing, and the next valid Finalizing is handled (the Go runtime is alive).
func TestHostilePayloads(t *testing.T) {
	standInOnly(t, "a subscriber hands chatclose hostile events by replacing the event object, which only the stand-in's sharedevents option allows; real CXBus gives every subscriber its own event object (TestEverySubscriberGetsItsOwnEventObject)")
	s := newScenario(t, options{})
	log := watchPage(s, false)
	s.open(withOptions(url.Values{"async": {"1"}, "poll": {"100"}, "sharedevents": {"1"}}, `{"debug": true}`))
	s.waitJS("WebChat ready", `window.CXBus && window._genesys.widgets.bus !== undefined`)
	cases := eval[[]string](s, hostilePlugin)
	require.Len(t, cases, 27)
	s.startChatFromPage()
	s.waitReady()
	s.agent("join", nil)

	var want []string // the indexes chatclose must have acted on, in order
	var garbled, recovered, ignored []string
	for _, name := range cases {
		t.Run(name, func(t *testing.T) {
			marker := s.batch(
				map[string]any{"kind": "send", "text": "hostile:" + name},
				map[string]any{"kind": "state", "state": "Finalizing"},
			)
			s.waitJS("the hostile payload "+name, fmt.Sprintf(`window.__hostile.applied.includes(%q)`, name))
			if hostileActs[name] {
				want = append(want, marker)
				s.waitNotices(len(want))
			}
			next := s.batch(
				map[string]any{"kind": "send", "text": "After " + name + ": anything else?"},
				map[string]any{"kind": "state", "state": "Finalizing"},
			)
			want = append(want, next)
			s.waitNotices(len(want))
			s.waitJS("ChatClose.notified", fmt.Sprintf(`window.__e2e.events.filter(e => e.name === "notified").length >= %d`, len(want)))
			got := eval[[]string](s, `window.__e2e.events.filter(e => e.name === "notified").map(e => e.data.index)`)
			require.Equal(t, want, got, "chatclose acted on exactly these state changes so far")
			lines := log.consoleLines("chatclose: ")
			t.Logf("%q", lines)
			garbled = append(garbled, grep(lines, "PANIC")...)
			recovered = append(recovered, grep(lines, "internal error")...)
			ignored = append(ignored, grep(lines, "ignored a messageReceived event")...)
			log.clear()
		})
	}
	s.settle()
	got := eval[[]string](s, `window.__e2e.events.filter(e => e.name === "notified").map(e => e.data.index)`)
	assert.Equal(t, want, got, "chatclose acted on exactly these state changes")
	assert.Equal(t, 0, s.events("error"))
	assert.Equal(t, len(cases)+len(hostileActs), len(want))
	assert.Empty(t, garbled, "no error text was garbled")
	assert.Empty(t, recovered, "no panic was recovered")
	assert.NotEmpty(t, ignored, "debug output shows the rejected payloads")
}

// TestEverySubscriberGetsItsOwnEventObject pins down how CXBus hands one publish to several
// subscribers, in subscription order: each gets an event object of its own, and all share its
// data (seen in 9.0.018.07; the facts sheet's section 1.3 says one shared object).
func TestEverySubscriberGetsItsOwnEventObject(t *testing.T) {
	s := newScenario(t, options{})
	s.open(url.Values{"async": {"1"}})
	s.waitJS("WebChat ready", `window.CXBus && window._genesys.widgets.bus !== undefined`)
	seen := evalAwait[string](s, `new Promise(done => {
		const source = CXBus.registerPlugin("E2ESource"); source.registerEvents(["happened"]);
		const first = CXBus.registerPlugin("E2EFirst"), second = CXBus.registerPlugin("E2ESecond");
		const seen = [];
		first.subscribe("E2ESource.happened", e => { seen.push("first"); e.marked = true; e.data.x = 2; e.data = "replaced"; });
		second.subscribe("E2ESource.happened", e => { seen.push("second: marked " + (e.marked === true) + ", data " + JSON.stringify(e.data)); });
		source.publish("happened", {x: 1});
		setTimeout(() => done(seen.join("; ")), 100);
	})`)
	assert.Equal(t, `first; second: marked false, data {"x":2}`, seen)
}
