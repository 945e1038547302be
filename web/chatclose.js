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
 *   - by default (load: 'lazy') fetches nothing more until this page has a chat: Widgets'
 *     session cookie at load (a chat they will restore; only its name is looked at), the first
 *     of WebChatService.started, WebChatService.restored or a messageReceived, or a chat session
 *     already active when it registers (WebChatService's sessionActive flag, or the messages
 *     its transcript already holds). With load: 'eager' it fetches the module at once;
 *   - starts the module once it is compiled and the plugin registered; the Go side swaps this
 *     subscriber for its own and takes the kept events over, in order (see bus/loader.go);
 *   - reports, once, a missing CXBus, a taken plugin name, a module that fails to load, and a
 *     Go runtime that exits.
 * It never throws into the page, never uses eval, and inserts nothing into the DOM except
 * the wasm_exec.js script element.
 */
(function () {
  'use strict';

  // The build (web/cmd/build) stamps the version in with esbuild's define, from the Go
  // constant chatclose.Version; the unbuilt source calls itself 'dev'.
  var VERSION = typeof CHATCLOSE_VERSION === 'string' ? CHATCLOSE_VERSION : 'dev';
  var PLUGIN = 'ChatClose';
  var EVENT = 'WebChatService.messageReceived';
  var HANDOFF = '__chatcloseLoader';
  var PREFIX = 'chatclose: ';
  var DEFAULT_BUS_TIMEOUT = 30000;
  var MAX_KEPT = 500; // events kept for the Go side; beyond that the oldest go first
  var POLL = [5, 10, 25, 50, 100, 250]; // ms between looks for CXBus, then 250 ms
  var CHAT_EVENTS = ['WebChatService.started', 'WebChatService.restored']; // besides messageReceived
  var COMMANDS = ['getState', 'configure', 'diagnose']; // ChatClose's own commands, answered from the first moment

  var reported = {};
  /* Says message on the console once per key: as an error, or a warning when warn is set. */
  function reportOnce(key, message, warn) {
    if (reported[key]) return;
    reported[key] = true;
    try { console[warn ? 'warn' : 'error'](PREFIX + message); } catch (ignored) { /* no console */ }
  }

  if (window[HANDOFF]) {
    reportOnce('twice', 'chatclose.js is on this page twice; only the first copy runs.');
    return;
  }

  /* This script's own element, or null. Read at once: document.currentScript is gone later. */
  function ownScript() {
    var script = document.currentScript;
    if (!script || !script.src) {
      var scripts = document.getElementsByTagName('script');
      for (var i = scripts.length - 1; i >= 0; i--) {
        if (/(^|\/)chatclose(\.min)?\.js([?#]|$)/.test(scripts[i].src)) return scripts[i];
      }
    }
    return script && script.src ? script : null;
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

  var own = ownScript();
  var base = own ? own.src.replace(/[?#].*$/, '').replace(/[^\/]*$/, '') : ''; // the folder it was loaded from
  // The crossorigin attribute of its own tag. A bundle pinned by integrity on another origin
  // (a CDN) needs CORS, and so do the files it loads.
  var CROSS_ORIGIN = own && own.crossOrigin || null;
  var kept = [];
  var target = null; // the Go side's subscriber, once attached

  function deliver(event) {
    try {
      target(event);
    } catch (e) {
      reportOnce('deliver', 'could not pass an event to the module (' + describe(e) + ').');
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
     registered with the plugin; until the Go side serves them, getState is answered here, and
     configure and diagnose are kept (and the module loaded) so they are answered once chatclose
     runs its checks, or rejected with the reason it cannot. */
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
    /* While true, every batch reaches the Go side; the Go side keeps it current. filter, the
       pre-filter the Go side wraps its subscriber in, comes with chatclose-filter.js, which is
       loaded beside wasm_exec.js: a page without a chat never needs it. */
    watching: true,
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
  // Declared before CXBus is looked for: when CXBus is already there, a chat can start the
  // module's download synchronously from findBus, and the download needs these.
  var INTEGRITY = {
    'wasm_exec.js': typeof CHATCLOSE_SRI_WASM_EXEC === 'string' ? CHATCLOSE_SRI_WASM_EXEC : '',
    'chatclose.wasm': typeof CHATCLOSE_SRI_WASM === 'string' ? CHATCLOSE_SRI_WASM : '',
    'chatclose-filter.js': typeof CHATCLOSE_SRI_FILTER === 'string' ? CHATCLOSE_SRI_FILTER : ''
  };

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
        reportOnce('bus', 'window.CXBus did not appear within ' + timeout + ' ms; is widgets.min.js on this page? ' +
          '_genesys.widgets.chatclose.busTimeout sets the wait.');
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
      reportOnce('register', 'CXBus.registerPlugin("' + PLUGIN + '") returned false: the name is taken.');
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
    if (active === true) {
      load();
      return;
    }
    /* Widgets 9.0.017.00 keep no sessionActive flag, so a loader added after the chat was
       restored (a tag manager's way) asks WebChatService for the messages it has. Only when
       WebChatService is registered: a command to a missing plugin makes CXBus fetch its file. */
    var service;
    try { service = plugin.data('WebChatService.capabilities'); } catch (e) { service = null; }
    if (service === undefined || service === null) return;
    try {
      plugin.command('WebChatService.getTranscript').done(function (t) {
        var list;
        try { list = t && t.originalMessages; } catch (e) { list = null; }
        if (list && list.length > 0) load();
      });
    } catch (e) { /* the chat events above still load the module */ }
  }

  /* ---- the WebAssembly module ---- */

  /* Subresource Integrity of the three files this loader fetches. The build stamps their sha384
     hashes into the bundle's copy (web/dist/chatclose.js) with esbuild's define; this source
     copy has none and fetches without a check. A page that pins chatclose.js with an integrity
     attribute thereby pins all three: their hashes are part of the bytes it checked. Nothing is
     fetched to learn them. */

  function integrityOf(name) {
    return INTEGRITY[name] || '';
  }

  /* fetch and script elements say nothing about why a load failed. When one did, the loader asks
     the server once more, for the headers only, to tell a missing file from one that is there
     but failed its integrity check, and says which. */
  function explainFailure(url, name, cause) {
    var expected = integrityOf(name);
    var fallback = new Error('could not load ' + url + ' (' + describe(cause) + ')' +
      (expected && !sameOrigin(url) ? '; from another origin, integrity needs CORS' : ''));
    return fetch(url, { method: 'HEAD', credentials: 'same-origin', cache: 'no-store' }).then(function (r) {
      if (!r.ok) return new Error('could not load ' + url + ' (HTTP ' + r.status + ')');
      if (!expected) return fallback;
      return integrityFailed(url, expected, r.headers.get('Content-Type'));
    }, function () {
      return fallback;
    });
  }

  function integrityFailed(url, expected, type) {
    return new Error(url + ' failed its integrity check: it is not the file this chatclose.js was built with ' +
      '(expected ' + expected + (type ? ', served as ' + type : '') + '). Deploy the files of one build together; ' +
      'it was not run');
  }

  function sameOrigin(url) {
    try {
      return new URL(url, location.href).origin === location.origin;
    } catch (e) {
      return true;
    }
  }

  function loadScript(url, name) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      var integrity = integrityOf(name);
      if (integrity) {
        s.integrity = integrity;
        s.crossOrigin = CROSS_ORIGIN || 'anonymous';
      }
      s.src = url;
      s.async = true;
      s.onload = function () { resolve(); };
      s.onerror = function () {
        explainFailure(url, name, 'the script did not load').then(reject);
      };
      (document.head || document.documentElement).appendChild(s);
    });
  }

  /* Fetches and compiles the module. A fetch with integrity makes the browser check the whole
     body on the page's main thread, where Widgets are restoring the chat meanwhile (a 90 ms
     task on a 3 MB module in Chromium, and more on a phone). Where WebCrypto is there (secure
     contexts: every https page) the loader fetches without it and checks the sha384 itself
     while the module compiles (the digest call costs the main thread 15-30 ms in Chromium
     here, a fraction of the browser's check); a module that fails the check is never
     instantiated. Elsewhere the browser checks it. Compiling from the bytes (not streaming)
     costs nothing here: an integrity check has the whole body before anything compiles. */
  function compile(url, name) {
    var init = { credentials: 'same-origin' };
    var expected = integrityOf(name);
    var subtle;
    try { subtle = expected && crypto.subtle; } catch (e) { subtle = null; }
    if (expected && !subtle) init.integrity = expected;
    return fetch(url, init).then(function (response) {
      if (!response.ok) throw new Error('could not load ' + url + ' (HTTP ' + response.status + ')');
      var type = response.headers.get('Content-Type');
      return response.arrayBuffer().then(function (bytes) {
        var compiled = WebAssembly.compile(bytes).then(null, function (e) {
          return new Error(describe(e) + (type ? ' (it was served as ' + type + ')' : ''));
        });
        return Promise.all([compiled, subtle && subtle.digest('SHA-384', bytes)]);
      }).then(function (done) {
        // expected: "sha384", a dash, the hash in base64
        if (subtle && btoa(String.fromCharCode.apply(null, new Uint8Array(done[1]))) !== expected.slice(7)) {
          throw integrityFailed(url, expected, type);
        }
        if (done[0] instanceof Error) throw done[0];
        return done[0];
      });
    }, function (e) {
      return explainFailure(url, name, e).then(function (err) { throw err; });
    });
  }

  var runtime = null; // {go, instance} once compiled
  var started = false;
  var exitCode = null;

  /* After the Go runtime exits, the page still holds its functions: CXBus subscribers, the
     before hook on sending, listeners, ChatClose's commands, timers. wasm_exec.js makes each of
     them throw "Go program has already exited" into whoever calls it, and a throwing before hook
     would stop the customer's messages. From then on they do nothing and hand back their first
     argument, so a before hook lets the command through. */
  function disarmAfterExit(go) {
    var resume = go._resume;
    if (typeof resume !== 'function') return;
    go._resume = function () {
      if (!go.exited) return resume.apply(go, arguments);
      dropTimers(go);
      var event = go._pendingEvent;
      if (event && event.args) event.result = event.args[0];
    };
  }

  /* Cancels the Go runtime's pending timers. wasm_exec.js keeps calling _resume for a timer
     until the runtime forgets it, which a runtime that has exited never does. */
  function dropTimers(go) {
    var timers = go._scheduledTimeouts;
    if (!timers || typeof timers.forEach !== 'function') return;
    timers.forEach(function (handle) { clearTimeout(handle); });
    timers.clear();
  }

  /* chatclose has stopped: say so once, and answer its commands with a rejection rather
     than with silence. */
  function stopped(message) {
    reportOnce('exit', message + '; chatclose has stopped on this page. The chat keeps working without it.');
    for (var name in served) {
      served[name] = function (e) {
        try { e.deferred.reject('chatclose has stopped on this page'); } catch (ignored) { /* nothing to tell */ }
      };
    }
    rejectWaiting('chatclose has stopped on this page');
  }

  function startWhenReady() {
    if (!registered || !runtime || started) return;
    started = true;
    var run;
    try {
      disarmAfterExit(runtime.go);
      run = runtime.go.run(runtime.instance);
    } catch (e) {
      stopped('the module failed to start (' + describe(e) + ')');
      return;
    }
    Promise.resolve(run).then(function () {
      stopped('the Go runtime exited (code ' + exitCode + ')');
    }, function (e) {
      stopped('the Go runtime stopped with an error (' + describe(e) + ')');
    });
  }

  var loading = false;

  /* Fetches, compiles and (once the plugin is registered) starts the module; only once. */
  function load() {
    if (loading) return;
    loading = true;
    if (typeof WebAssembly !== 'object' || typeof fetch !== 'function' || typeof Promise !== 'function') {
      reportOnce('support', 'this browser lacks WebAssembly, fetch or Promise.');
      return;
    }
    // Always this bundle's own wasm_exec.js: it must match the Go version that built the module,
    // even when another Go program on the page brought its own. The pre-filter comes beside it,
    // and the module is fetched and compiled meanwhile.
    Promise.all([loadScript(base + 'wasm_exec.js', 'wasm_exec.js'), loadScript(base + 'chatclose-filter.js', 'chatclose-filter.js'),
      compile(base + 'chatclose.wasm', 'chatclose.wasm')]).then(function (loaded) {
      if (typeof window.Go !== 'function') throw new Error(base + 'wasm_exec.js did not define Go');
      var go = new window.Go();
      var exit = go.exit;
      go.exit = function (code) {
        exitCode = code;
        handoff.exports = null;
        dropTimers(go);
        if (typeof exit === 'function') exit.call(go, code);
      };
      return WebAssembly.instantiate(loaded[2], go.importObject).then(function (instance) {
        runtime = { go: go, instance: instance };
        handoff.exports = instance.exports;
        startWhenReady();
      });
    }).catch(function (e) {
      reportOnce('load', 'the WebAssembly module could not be loaded: ' + describe(e) + '. The chat keeps working without chatclose.');
      rejectWaiting('chatclose could not load: ' + describe(e));
    });
  }

  /* Genesys Widgets restore a chat at page load when their session cookie is there (its name
     ends in ".session"; WebChatService's transports all write it). Its presence alone starts
     the module now, so it is ready by the time the chat is restored; nothing is read from it. */
  var chatCookie;
  try { chatCookie = /(^|;\s*)_genesys\.widgets\.webchat\.state\.[^=;]*session=/.test(document.cookie); } catch (e) { chatCookie = false; }
  if (!lazy || chatCookie) load();
})();
