//go:build js && wasm

package bus_test

import (
	"testing"

	"github.com/chatclose/chatclose/bus"
	"github.com/chatclose/chatclose/handler"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadTransportAsWebChatServiceDoes(t *testing.T) {
	type want struct {
		configured bool
		typ        any
	}
	cases := map[string]want{
		`{widgets: {webchat: {transport: {type: "pureengage-v3-rest"}}}}`:   {true, "pureengage-v3-rest"},
		`{widgets: {webchat: {transport: {type: "purecloud-v2-sockets"}}}}`: {true, "purecloud-v2-sockets"},
		`{widgets: {webchat: {transport: {}}}}`:                             {true, nil},
		`{widgets: {webchat: {chatButton: {enabled: true}}}}`:               {true, nil},
		`{widgets: {webchat: {transport: {type: 0}}}}`:                      {true, float64(0)},
		`{widgets: {webchat: {}}}`:                                          {false, nil},
		`{widgets: {webchat: "pureengage-v3-rest"}}`:                        {false, nil},
		`{widgets: {}}`: {false, nil},
		`{widgets: {webchat: {transport: {get type(){ throw 1 }}}}}`:  {true, nil},
		`{widgets: {webchat: new Proxy({}, {ownKeys(){ throw 1 }})}}`: {false, nil},
	}
	configured, typ := bus.ReadTransport()
	assert.False(t, configured, "no _genesys at all")
	assert.Nil(t, typ)
	for src, w := range cases {
		setGenesys(t, src)
		configured, typ := bus.ReadTransport()
		assert.Equal(t, w.configured, configured, src)
		assert.Equal(t, w.typ, typ, src)
	}
}

// pluginWithRegistry is a plugin interface whose registry method returns src.
func pluginWithRegistry(t *testing.T, src string) *bus.Plugin {
	t.Helper()
	noop := `function () { return true; }`
	iface := eval(t, `({subscribe: `+noop+`, unsubscribe: `+noop+`, command: `+noop+`, publish: `+noop+`, republish: `+noop+`,
		data: function (key) { return key === "WebChat.open" ? true : undefined; }`+src+`})`)
	p, err := bus.Adopt(iface, "ChatClose", bus.NewLogger(false))
	require.NoError(t, err)
	return p
}

func TestServiceFactsReadTheRegistryOnly(t *testing.T) {
	listed := pluginWithRegistry(t, `, registry: function () { return {CXBus: {}, App: {}, WebChatService: {events: [], commands: []}}; }`)
	assert.Equal(t, handler.ServiceFacts{Listed: true, Registered: true}, listed.ServiceFacts())
	absent := pluginWithRegistry(t, `, registry: function () { return {CXBus: {}, App: {}}; }`)
	assert.Equal(t, handler.ServiceFacts{Listed: true}, absent.ServiceFacts())
	throwing := pluginWithRegistry(t, `, registry: function () { throw new Error("no"); }`)
	assert.Equal(t, handler.ServiceFacts{}, throwing.ServiceFacts(), "a registry that throws tells nothing")
	none := pluginWithRegistry(t, ``)
	assert.Equal(t, handler.ServiceFacts{}, none.ServiceFacts(), "a CXBus without registry tells nothing")
	assert.True(t, none.DataTrue("WebChat.open"))
	assert.False(t, none.DataTrue("WebChatService.sessionActive"))
}
