//go:build js && wasm

package main

import (
	"sync"

	"github.com/chatclose/chatclose"
	"github.com/chatclose/chatclose/bus"
	"github.com/chatclose/chatclose/handler"
	"github.com/hack-pad/safejs"
)

// Events and commands of other plugins that chatclose uses.
const (
	eventMessages      = "WebChatService.messageReceived"
	eventServiceReady  = "WebChatService.ready"
	eventChatStarted   = "WebChatService.started"
	eventChatRestored  = "WebChatService.restored"
	eventWindowOpened  = "WebChat.opened"
	commandTranscript  = "WebChatService.getTranscript"
	commandSessionData = "WebChatService.getSessionData"
	commandSend        = "WebChatService.sendMessage"
)

// app is one running chatclose: its configuration, the decisions of this page view, its
// connection to CXBus and to the other tabs, and what it has done.
type app struct {
	log     *bus.Logger
	decider *handler.Decider
	plugin  *bus.Plugin
	tab     string // this tab's id, in events and cross-tab messages
	tabs    *bus.Channel
	loader  *bus.Loader // chatclose.js's handoff, when it started this program

	mu      sync.Mutex
	cfg     handler.Config
	ready   bool
	session string   // the chat session's id (never the client token)
	segment int      // counts segments seen to start; a refused notice is kept only for its own
	pending *attempt // a notice WebChat refused while its window was closed
	shown   *placed  // the current segment's notice, where it was placed
	lock    *lock    // read-only mode's hold on the input, while it lasts
	status  status
	checked checked // what the startup checks found
	stall   stallWatch
}

// startApp reads the configuration and connects in the background, so main can park at once.
func startApp() *app {
	log := bus.NewLogger(false)
	cfg, errs := handler.ParseConfig(bus.ReadOptions())
	for _, err := range errs {
		log.Error(err.Error())
	}
	log.SetDebug(cfg.Debug)
	a := &app{cfg: cfg, log: log, decider: handler.NewDecider(cfg.States), tab: bus.RandomID()}
	go a.connect()
	return a
}

// config returns the configuration in force (the configure command can change it).
func (a *app) config() handler.Config {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.cfg
}

// connect joins CXBus: through the loader's plugin when chatclose.js started this program,
// otherwise by waiting for window.CXBus and registering the plugin itself.
func (a *app) connect() {
	loader, fromLoader := bus.FindLoader()
	var err error
	if fromLoader {
		a.plugin, err = loader.Plugin(a.log)
	} else {
		a.plugin, err = a.register()
	}
	if err != nil {
		a.log.Error(err.Error())
		return
	}
	if fromLoader {
		// The loader's subscriber has kept every event so far; swap it for ours and take
		// the kept events over in the same turn, so none is lost or seen twice.
		if err := a.plugin.Unsubscribe(eventMessages); err != nil {
			a.log.Error(err.Error())
			return
		}
	}
	var through func(safejs.Value) safejs.Value
	if fromLoader {
		a.loader = loader
		bus.ServeDigests(a.log, a.onDigest, a.config().States)
		through = func(fn safejs.Value) safejs.Value { return loader.Filter(fn, handler.Words()) }
	}
	sub, err := a.plugin.SubscribeThrough(eventMessages, a.onMessages, through)
	if err != nil {
		a.log.Error(err.Error())
		return
	}
	a.syncWatching()
	if fromLoader {
		if err := loader.Attach(sub.Func()); err != nil {
			a.log.Error(err.Error())
		}
	}
	a.openTabs()
	a.watchPolls()
	for event, handle := range map[string]bus.Handler{
		eventServiceReady: a.onServiceReady,
		eventChatStarted:  a.onChatStarted,
		eventChatRestored: a.onChatRestored,
		eventWindowOpened: a.onWindowOpened,
		eventWindowClosed: func(safejs.Value) { a.onWindowState(false) },
		eventAppReady:     a.onAppReady,
		eventChatEnded:    func(safejs.Value) { a.setChatOpen(false) },
	} {
		if _, err := a.plugin.Subscribe(event, handle); err != nil {
			a.log.Error(err.Error())
		}
	}
	if err := a.plugin.Before(commandSend, a.beforeSend); err != nil {
		a.log.Error(err.Error())
	}
	a.serveCommands(loader)
	a.mu.Lock()
	a.ready = true
	mode := string(a.cfg.Mode)
	a.mu.Unlock()
	if err := a.plugin.Republish("ready", map[string]any{"version": chatclose.Version, "mode": mode, "tab": a.tab}); err != nil {
		a.log.Error(err.Error())
	}
	a.log.Debug("ready (mode " + mode + ")")
}

func (a *app) register() (*bus.Plugin, error) {
	cx, err := bus.FindCXBus(a.config().BusTimeout)
	if err != nil {
		return nil, err
	}
	return bus.Register(cx, bus.PluginName, a.log)
}

// onMessages decides on one messageReceived batch. It runs inside a CXBus callback: it
// sends at most one command and leaves the waiting to a goroutine.
func (a *app) onMessages(event safejs.Value) {
	batch, err := bus.ReadBatch(event)
	if err != nil {
		if a.log.Debugging() {
			a.log.Debug("ignored a messageReceived event: " + err.Error())
		}
		return
	}
	d := a.decide(batch, "messageReceived")
	if a.loader != nil && handler.Classify(d.Message) == handler.StateChange {
		a.loader.Learn(d.Message.State) // its next batches can come as digests
	}
}

// onServiceReady catches up once WebChatService is ready: messageReceived is not replayed to
// late subscribers, so a state change published before chatclose subscribed is found in the
// transcript the service has kept for this page, read in index order. It also learns the chat
// session.
func (a *app) onServiceReady(safejs.Value) {
	a.learnSession()
	result := a.plugin.Command(commandTranscript, map[string]any{}, a.config().CommandTimeout)
	go func() {
		r := <-result
		if r.Err != nil {
			a.log.Debug("no transcript to catch up from: " + r.Err.Error())
			return
		}
		batch, err := bus.ReadBatchData(r.Value)
		if err != nil {
			a.log.Debug("no transcript to catch up from: " + err.Error())
			return
		}
		// The transcript keeps messages as they came: a history page fetched after the restore
		// sits at its end, newest first.
		batch.Messages = handler.InIndexOrder(batch.Messages)
		a.decide(batch, "transcript")
	}()
}

// onChatStarted handles a new chat in this page view: its messages are counted from the
// start again, and it always starts unlocked.
func (a *app) onChatStarted(safejs.Value) {
	a.decider.Reset()
	a.newSegment()
	a.unlock("newChat", a.tab, false)
	a.learnSession()
	a.syncWatching()
	a.setChatOpen(true)
}

// syncWatching tells the loader's pre-filter whether customer or agent activity would change
// anything here; while it would, every batch reaches onMessages. Correctness needs only that
// it turns true whenever a segment is acted on (decide, onTabMessage), since locks and waiting
// notices exist only after that; turning false again is what saves the work.
func (a *app) syncWatching() {
	if a.loader == nil {
		return
	}
	a.loader.SetWatching(a.watching())
}

// watching reports whether customer or agent activity would change anything here (see
// syncWatching).
func (a *app) watching() bool {
	a.mu.Lock()
	held := a.lock != nil || a.pending != nil
	a.mu.Unlock()
	return held || a.decider.Watching()
}

// onChatRestored learns the session of a chat restored after a reload.
func (a *app) onChatRestored(safejs.Value) {
	a.learnSession()
	a.setChatOpen(true)
}

// learnSession asks WebChatService for the chat session and keeps only its id (the session
// data also holds the client token, which chatclose never keeps or logs).
func (a *app) learnSession() {
	result := a.plugin.Command(commandSessionData, map[string]any{}, a.config().CommandTimeout)
	go func() {
		r := <-result
		if r.Err != nil {
			return
		}
		if id := bus.Field(r.Value, "sessionId"); id != "" {
			a.mu.Lock()
			a.session = id
			a.mu.Unlock()
		}
	}()
}

func (a *app) sessionID() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.session
}
