package handler

// ServiceFacts is what the page shows about Genesys WebChatService, read without making CXBus
// load anything.
type ServiceFacts struct {
	// Listed is false when this CXBus does not list its plugins (no registry method): then
	// nothing is known.
	Listed bool
	// Registered is true when WebChatService is a registered CXBus plugin.
	Registered bool
	// PluginsFrom is the folder CXBus loaded widgets-core from (the split deployment, where CXBus
	// loads WebChatService from the same folder when a chat first needs it), or "".
	PluginsFrom string
	// Tried is the address of a webchatservice.min.js script CXBus added to the page, or "".
	Tried string
}

// Check says whether chatclose can expect a WebChatService: one registered, or one the
// split deployment's CXBus loads when a chat starts. A WebChatService that CXBus tried to load
// and that did not register, or none at all, is a problem.
func (f ServiceFacts) Check() Check {
	c := Check{Name: CheckWebChatService, OK: true}
	switch {
	case !f.Listed:
		c.Found = "not checked: this CXBus does not list its plugins"
	case f.Registered:
		c.Found = "WebChatService is registered"
	case f.Tried != "":
		c.OK = false
		c.Found = "no WebChatService on this page: CXBus loaded " + quote(f.Tried) + " but no WebChatService registered"
		c.Fix = "That address must serve Genesys's webchatservice.min.js: check pluginsPath and pluginMap in CXBus.configure"
	case f.PluginsFrom != "":
		c.Found = "not loaded yet: CXBus loads it from " + quote(f.PluginsFrom) + " when a chat starts (the split deployment)"
	default:
		c.OK = false
		c.Found = "no WebChatService on this page: CXBus has no plugin of that name and loads no plugins"
		c.Fix = "chatclose needs Genesys WebChatService: keep it in your Widgets (the widgets.min.js bundle has it), " +
			"or with cxbus.min.js start the Widgets with CXBus.loadPlugin('widgets-core') from a plugins folder that has webchatservice.min.js"
	}
	return c
}
