//go:build js && wasm

// Command wasm is chatclose's WebAssembly program. chatclose.js (the loader) starts it; it
// reads the configuration, connects to CXBus as the ChatClose plugin, and acts when an agent
// finalizes a chat interaction. main never returns: the plugin serves until the page goes.
package main

func main() {
	startApp()
	select {}
}
