package handler

// SupportedTransport is the one transport.type whose chats carry the InteractionStateChange
// messages chatclose acts on: Genesys Engage cloud Digital Channels (the v3 REST transport).
const SupportedTransport = "pureengage-v3-rest"

// otherTransports are the other transport types Genesys WebChatService knows (facts 2.1), with
// the product each belongs to. None of them sends InteractionStateChange.
var otherTransports = map[string]string{
	"purecloud-v2-sockets":    "Genesys Cloud",
	"pureconnect-v4-rest":     "PureConnect",
	"pureconnect-v4-chatbots": "PureConnect chat bots",
}

// transportFix is what to do on a page whose transport chatclose cannot serve.
const transportFix = `chatclose works only with _genesys.widgets.webchat.transport.type "` + SupportedTransport +
	`" (Genesys Digital Channels): set it if this site uses Digital Channels; on any other transport, remove chatclose.js`

// TransportCheck reads the page's transport the way Genesys WebChatService picks it (the same
// in 9.0.017.00 and 9.0.018.07): it starts only when _genesys.widgets.webchat is a non-empty
// object (configured); then a truthy transport.type chooses among the new transports, and
// without one it chats through GMS, its legacy transport. typ is transport.type as JavaScript
// gives it (nil when absent). Only SupportedTransport delivers what chatclose acts on.
func TransportCheck(configured bool, typ any) Check {
	c := Check{Name: CheckTransport}
	const never = ", which never sends the InteractionStateChange messages chatclose acts on, so chatclose does nothing on this page"
	s, isString := typ.(string)
	switch {
	case !configured:
		c.Found = "_genesys.widgets.webchat is missing or empty, so Genesys WebChatService starts no chat" + never
	case isString && s == SupportedTransport:
		c.OK, c.Found = true, "transport.type "+quote(s)
		return c
	case !truthy(typ):
		c.Found = "_genesys.widgets.webchat.transport.type is not set, so Widgets chat through GMS (WebChatService's legacy transport)" + never
	case isString && otherTransports[s] != "":
		c.Found = "_genesys.widgets.webchat.transport.type is " + quote(s) + " (" + otherTransports[s] + ")" + never
	case isString:
		c.Found = "_genesys.widgets.webchat.transport.type is " + quote(s) + `, which Widgets reject ("Invalid transport configuration")` + never
	default:
		c.Found = "_genesys.widgets.webchat.transport.type is " + describe(typ) + ", not a transport name" + never
	}
	c.Fix = transportFix
	return c
}

// truthy is JavaScript's truthiness for the values ParseConfig's input holds; any other value
// (a function, say) is an object, and truthy.
func truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	case float64:
		return x != 0 && x == x // NaN is falsy
	default:
		return true
	}
}
