/*
 * chatclose loader: tells the customer a Genesys chat interaction is over.
 *
 * Include it with one script tag beside Genesys Widgets, before or after widgets.min.js:
 *   <script src="/chatclose/chatclose.js"></script>
 * It loads wasm_exec.js and chatclose.wasm from the folder it was loaded from.
 *
 * What it does before the Go program is ready:
 *   - waits for window.CXBus (the widgets script may come later), registers the CXBus plugin
 *     "ChatClose", and subscribes to WebChatService.messageReceived at once, keeping every
 *     event (CXBus never replays them);
 *   - by default (load: 'lazy') fetches nothing more until this page has a chat: the first of
 *     WebChatService.started, WebChatService.restored or a messageReceived, or a chat session
 *     already active when it registers. With load: 'eager' it fetches the module at once;
 *   - starts the module once it is compiled and the plugin registered; the Go side swaps this
 *     subscriber for its own and takes the kept events over, in order (see bus/loader.go);
 *   - reports, once, a missing CXBus, a taken plugin name, a module that fails to load, and a
 *     Go runtime that exits.
 * It never throws into the page, never uses eval, and inserts nothing into the DOM except
 * the wasm_exec.js script element.
 */
(function () {
  'use strict';

  var VERSION = '0.1.0';
  var PLUGIN = 'ChatClose';
  var EVENT = 'WebChatService.messageReceived';
  var HANDOFF = '__chatcloseLoader';
  var PREFIX = 'chatclose: ';
  var DEFAULT_BUS_TIMEOUT = 30000;
  var MAX_KEPT = 500; // events kept for the Go side; beyond that the oldest go first
  var POLL = [5, 10, 25, 50, 100, 250]; // ms between looks for CXBus, then 250 ms
  var CHAT_EVENTS = ['WebChatService.started', 'WebChatService.restored']; // besides messageReceived
  var COMMANDS = ['getState', 'configure']; // ChatClose's own commands, answered from the first moment

  var reported = {};
  function reportOnce(key, message) {
    if (reported[key]) return;
    reported[key] = true;
    try { console.error(PREFIX + message); } catch (ignored) { /* no console */ }
  }

  if (window[HANDOFF]) {
    reportOnce('twice', 'chatclose.js is included more than once on this page; only the first copy runs.');
    return;
  }

  /* The folder this script was loaded from. */
  function baseURL() {
    var script = document.currentScript;
    if (!script || !script.src) {
      var scripts = document.getElementsByTagName('script');
      for (var i = scripts.length - 1; i >= 0; i--) {
        if (/(^|\/)chatclose(\.min)?\.js([?#]|$)/.test(scripts[i].src)) { script = scripts[i]; break; }
      }
    }
    if (!script || !script.src) return '';
    return script.src.replace(/[?#].*$/, '').replace(/[^\/]*$/, '');
  }

  /* Reads one option of window._genesys.widgets.chatclose without trusting the page. */
  function option(name) {
    try {
      var options = window._genesys && window._genesys.widgets && window._genesys.widgets.chatclose;
      return options && typeof options === 'object' ? options[name] : undefined;
    } catch (e) {
      return undefined;
    }
  }

  /* 'lazy' (the default) or 'eager'; a bad value is reported and the default used. */
  function loadMode() {
    var mode = option('load');
    if (mode === undefined || mode === null || mode === 'lazy') return 'lazy';
    if (mode === 'eager') return 'eager';
    reportOnce('option-load', '_genesys.widgets.chatclose.load must be "lazy" or "eager", got ' +
      (typeof mode === 'string' ? JSON.stringify(mode.slice(0, 40)) : typeof mode) + '; using the default');
    return 'lazy';
  }

  function busTimeout() {
    var ms = option('busTimeout');
    // The Go side validates every option and reports bad values; here a bad one means the default.
    return typeof ms === 'number' && ms >= 1 && ms <= 600000 && ms === Math.floor(ms) ? ms : DEFAULT_BUS_TIMEOUT;
  }

  var base = baseURL();
  var kept = [];
  var target = null; // the Go side's subscriber, once attached

  function deliver(event) {
    try {
      target(event);
    } catch (e) {
      reportOnce('deliver', 'could not hand an event to the WebAssembly module (' + describe(e) + ').');
    }
  }

  /* The subscriber that runs until the Go side takes over. It stays in use afterwards only
     for events CXBus had already queued for it. */
  function keep(event) {
    if (target) {
      deliver(event);
      return;
    }
    kept.push(event);
    if (kept.length > MAX_KEPT) kept.shift();
    load();
  }

  /* ChatClose's commands. CXBus never settles a command a registered plugin lacks, so they are
     registered with the plugin; until the Go side serves them, getState is answered here and
     configure is kept (and the module loaded) so it applies once chatclose runs. */
  var served = {};  // name -> the Go side's handler
  var waiting = {}; // name -> commands kept for it
  function answer(name) {
    return function (e) {
      if (served[name]) {
        served[name](e);
        return;
      }
      if (name === 'getState') {
        var mode = option('mode');
        e.deferred.resolve({ version: VERSION, ready: false, loaded: false, load: lazy ? 'lazy' : 'eager',
          mode: typeof mode === 'string' ? mode : 'auto' });
        return;
      }
      (waiting[name] = waiting[name] || []).push(e);
      load();
    };
  }
  function rejectWaiting(reason) {
    for (var name in waiting) {
      var list = waiting[name];
      waiting[name] = [];
      for (var i = 0; i < list.length; i++) {
        try { list[i].deferred.reject(reason); } catch (ignored) { /* nothing to tell */ }
      }
    }
  }

  var handoff = {
    version: VERSION,
    plugin: null,
    /* Called by the Go side with the handler of one of ChatClose's commands. */
    serve: function (name, fn) {
      served[name] = fn;
      var list = waiting[name] || [];
      waiting[name] = [];
      for (var i = 0; i < list.length; i++) fn(list[i]);
    },
    /* Called by the Go side right after it subscribed: hands over the kept events in order. */
    attach: function (fn) {
      target = fn;
      var events = kept;
      kept = [];
      for (var i = 0; i < events.length; i++) deliver(events[i]);
    }
  };
  try {
    Object.defineProperty(window, HANDOFF, { value: handoff, configurable: true });
  } catch (e) {
    window[HANDOFF] = handoff;
  }

  function describe(e) {
    try {
      return e && e.message ? String(e.message) : String(e);
    } catch (ignored) {
      return 'unknown error';
    }
  }

  var lazy = loadMode() === 'lazy';

  /* ---- CXBus ---- */

  function findBus(done) {
    var timeout = busTimeout();
    var start = Date.now();
    var attempt = 0;
    (function look() {
      var cx;
      try { cx = window.CXBus; } catch (e) { cx = null; }
      if (cx && typeof cx.registerPlugin === 'function') {
        done(cx);
        return;
      }
      var waited = Date.now() - start;
      if (waited >= timeout) {
        reportOnce('bus', 'window.CXBus did not appear within ' + timeout + ' ms; is the Genesys Widgets script ' +
          '(widgets.min.js or cxbus.min.js) on this page? Set _genesys.widgets.chatclose.busTimeout to wait longer.');
        return;
      }
      var pause = POLL[Math.min(attempt++, POLL.length - 1)];
      setTimeout(look, Math.min(pause, timeout - waited));
    })();
  }

  var registered = false;
  findBus(function (cx) {
    var plugin;
    try {
      plugin = cx.registerPlugin(PLUGIN);
    } catch (e) {
      reportOnce('register', 'CXBus.registerPlugin("' + PLUGIN + '") failed: ' + describe(e));
      return;
    }
    if (!plugin) {
      reportOnce('register', 'CXBus.registerPlugin("' + PLUGIN + '") returned false: the name is taken. ' +
        'Is chatclose included twice, or does another plugin use that name?');
      return;
    }
    try {
      plugin.subscribe(EVENT, keep);
    } catch (e) {
      reportOnce('subscribe', 'could not subscribe to ' + EVENT + ': ' + describe(e));
      return;
    }
    try {
      for (var c = 0; c < COMMANDS.length; c++) plugin.registerCommand(COMMANDS[c], answer(COMMANDS[c]));
      plugin.ready();
    } catch (e) {
      reportOnce('commands', 'could not register the ChatClose commands: ' + describe(e));
    }
    handoff.plugin = plugin;
    registered = true;
    if (lazy) watchForChat(plugin);
    startWhenReady();
  });

  /* Lazy mode: load the module when this page has a chat. */
  function watchForChat(plugin) {
    for (var i = 0; i < CHAT_EVENTS.length; i++) {
      try { plugin.subscribe(CHAT_EVENTS[i], load); } catch (e) { load(); }
    }
    var active;
    try { active = plugin.data('WebChatService.sessionActive'); } catch (e) { active = false; }
    if (active === true) load();
  }

  /* ---- the WebAssembly module ---- */

  function loadScript(url) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = url;
      s.async = true;
      s.onload = function () { resolve(); };
      s.onerror = function () { reject(new Error('could not load ' + url)); };
      (document.head || document.documentElement).appendChild(s);
    });
  }

  function instantiate(url, imports) {
    return fetch(url, { credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) throw new Error('could not load ' + url + ' (HTTP ' + response.status + ')');
      var type = response.headers.get('Content-Type') || '';
      if (WebAssembly.instantiateStreaming && type.split(';')[0].trim() === 'application/wasm') {
        return WebAssembly.instantiateStreaming(response, imports);
      }
      // Served with another MIME type: compile from the bytes instead (slower, but it works).
      return response.arrayBuffer().then(function (bytes) { return WebAssembly.instantiate(bytes, imports); });
    });
  }

  var runtime = null; // {go, instance} once compiled
  var started = false;
  var exitCode = null;

  function startWhenReady() {
    if (!registered || !runtime || started) return;
    started = true;
    var run;
    try {
      run = runtime.go.run(runtime.instance);
    } catch (e) {
      reportOnce('run', 'the WebAssembly module failed to start: ' + describe(e));
      return;
    }
    Promise.resolve(run).then(function () {
      reportOnce('exit', 'the Go runtime exited (code ' + exitCode + '); chatclose has stopped on this page.');
    }, function (e) {
      reportOnce('exit', 'the Go runtime stopped with an error (' + describe(e) + '); chatclose has stopped on this page.');
    });
  }

  var loading = false;

  /* Fetches, compiles and (once the plugin is registered) starts the module; only once. */
  function load() {
    if (loading) return;
    loading = true;
    if (typeof WebAssembly !== 'object' || typeof fetch !== 'function' || typeof Promise !== 'function') {
      reportOnce('support', 'this browser lacks WebAssembly, fetch or Promise; chatclose cannot run here.');
      return;
    }
    // Always this bundle's own wasm_exec.js: it must match the Go version that built the module,
    // even when another Go program on the page brought its own.
    loadScript(base + 'wasm_exec.js').then(function () {
      if (typeof window.Go !== 'function') throw new Error(base + 'wasm_exec.js did not define Go');
      var go = new window.Go();
      var exit = go.exit;
      go.exit = function (code) {
        exitCode = code;
        if (typeof exit === 'function') exit.call(go, code);
      };
      return instantiate(base + 'chatclose.wasm', go.importObject).then(function (result) {
        runtime = { go: go, instance: result.instance };
        startWhenReady();
      });
    }).catch(function (e) {
      reportOnce('load', 'the WebAssembly module could not be loaded: ' + describe(e) + '. The chat keeps working without chatclose.');
      rejectWaiting('chatclose could not load: ' + describe(e));
    });
  }

  if (!lazy) load();
})();
