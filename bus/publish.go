//go:build js && wasm

package bus

// Publish publishes "<plugin>.<event>" with data through the plugin interface. CXBus
// delivers it to each subscriber in a task of its own, so Publish returns at once.
func (p *Plugin) Publish(event string, data map[string]any) error {
	return p.send("publish", event, data)
}

// Republish is Publish, and CXBus also keeps the payload and hands it to anyone who
// subscribes later (only the latest republished payload is kept).
func (p *Plugin) Republish(event string, data map[string]any) error {
	return p.send("republish", event, data)
}

func (p *Plugin) send(method, event string, data map[string]any) error {
	if _, err := invokeMethod(p.iface, method, event, data); err != nil {
		return wrap(method+" "+p.name+"."+event, err)
	}
	return nil
}
