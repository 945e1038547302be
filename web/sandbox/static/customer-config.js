/*
 * The customer's Genesys Widgets configuration for the sandbox's shop page.
 *
 * Runs first on /customer.html (before chatclose and widgets.min.js) and builds
 * window._genesys.widgets from the page's query string (CONTRACT.md section 4):
 *   async=1|0  poll=<ms>  page=<n>  autostart=0|1  nick=<name>  mode=  notice=  states=a,b
 *   lang=<main.lang>  theme=light|dark (main.theme)
 *   restoring=0|1  stoppoll=1|0  needjoin=1|0  historyjoin=1|0  newchat=0|1
 *   sharedevents=0|1  sessionactive=1|0   (stand-in options)
 *   split=1     the split deployment: the page has cxbus.min.js instead of widgets.min.js, and
 *               this file starts it as the Genesys sample does (plugins path, widgets-core)
 *   preload=a,b main.preload: plugins the split deployment loads at start-up
 *   mobile=1    main.mobileMode = true: WebChat's full-screen phone layout whatever the screen
 *               (without it Widgets' default 'auto' decides, from the screen size and browser)
 *   transport=<type>  webchat.transport.type (default pureengage-v3-rest); transport=none leaves
 *               it out (Widgets then use GMS). With it the stand-in chats through its v3
 *               imitation whatever it names (standin.anyTransport): this is for seeing
 *               chatclose's transport check, and chatclose doing nothing.
 *   faults=<JSON object>   stand-in fault injection for tests (standin.faults in widgets.min.js)
 * `order` is the server's business (it decides the script order), except order=late: then this
 * file adds chatclose's tag `late=<ms>` (default 2500) after the page's load event.
 *
 * It also reports to the sandbox page (window.parent) with postMessage
 * {source: 'chatclose-sandbox', kind, data}:
 *   kind 'ChatClose.ready' | 'ChatClose.notified' | 'ChatClose.ended' | 'ChatClose.error'
 *        the bus event's data;
 *   kind 'widget.injected'  a message injected into WebChat (its text);
 *   kind 'widget.ended'     WebChatService.ended;
 *   kind 'console.error' | 'error' | 'unhandledrejection' | 'csp'   problems on the page;
 *   kind 'console.warn'     chatclose's warnings (its startup checks).
 * Token-like strings are replaced by "[token]" before anything is posted.
 */
(function () {
  'use strict';

  var root = document.documentElement;
  if (root.hasAttribute('data-sandbox-config')) {
    return; // included twice: keep the first configuration
  }
  root.setAttribute('data-sandbox-config', '');

  var query = new URLSearchParams(window.location.search);

  // A query parameter holding a JSON object, or undefined (reported) when it holds anything else.
  function jsonParam(name) {
    if (query.get(name) === null) return undefined;
    try {
      var value = JSON.parse(query.get(name));
      if (value && typeof value === 'object') return value;
    } catch (e) { /* reported below */ }
    console.warn('sandbox: the ' + name + ' parameter is not a JSON object');
    return undefined;
  }

  function flag(name, fallback) {
    var v = query.get(name);
    if (v === null || v === '') return fallback;
    return v === '1' || v.toLowerCase() === 'true';
  }

  function number(name, fallback) {
    var n = Number(query.get(name));
    return query.get(name) !== null && isFinite(n) && n > 0 ? n : fallback;
  }

  // The integrator keeps the client token in a cookie of its own, through the v3 transport's
  // session hooks. Their names are swapped, as shipped: getSessionData STORES,
  // setSessionData READS BACK (facts 4.1).
  var SESSION_COOKIE = 'northwind_chat_session';

  var asyncEnabled = flag('async', true);
  var transportType = query.get('transport') || 'pureengage-v3-rest';
  var nick = query.get('nick') || 'Carla';

  var chatclose = {};
  if (query.get('mode') !== null) chatclose.mode = query.get('mode');
  if (query.get('load') !== null) chatclose.load = query.get('load');
  if (query.get('notice') !== null) chatclose.notice = query.get('notice');
  if (query.get('states') !== null) {
    chatclose.states = query.get('states').split(',').map(function (s) { return s.trim(); }).filter(Boolean);
  }
  if (query.get('readonly') !== null) chatclose.readOnly = flag('readonly', false);
  // options: any further chatclose options as a JSON object, e.g. {"mode": 5} to see a bad value reported.
  if (query.get('options') !== null) {
    try {
      var extra = JSON.parse(query.get('options'));
      for (var name in extra) chatclose[name] = extra[name];
    } catch (e) {
      console.warn('sandbox: the options parameter is not a JSON object: ' + e.message);
    }
  }

  var split = flag('split', false);
  var main = { theme: query.get('theme') || 'light', lang: query.get('lang') || 'en' };
  if (flag('mobile', false)) main.mobileMode = true;
  // preload=webchat: plugins the split deployment loads at start-up (main.preload), so the
  // chat button is there before anyone chats (the sandbox's split toggle sets it).
  if (query.get('preload')) main.preload = query.get('preload').split(',');

  window._genesys = window._genesys || {};
  window._genesys.widgets = {
    main: main,
    webchat: {
      // The real WebChat shows its chat button only when asked to (the stand-in always does).
      chatButton: { enabled: true, openDelay: 0 },
      transport: {
        type: transportType === 'none' ? undefined : transportType,
        dataURL: window.location.origin + '/nexus/v3/chat/sessions',
        headers: { 'x-api-key': 'sandbox' },
        pollTimeout: number('poll', 500),
        maxMessagePageSize: number('page', 20),
        async: {
          enabled: asyncEnabled,
          getSessionData: function (sessionData, Cookies, cookieOptions) {
            Cookies.set(SESSION_COOKIE, JSON.stringify(sessionData), cookieOptions);
          },
          setSessionData: function (key, Cookies) {
            return Cookies.get(SESSION_COOKIE);
          },
          deleteSessionData: function (info, Cookies, cookieOptions) {
            Cookies.remove(SESSION_COOKIE, cookieOptions);
          }
        }
      }
    },
    chatclose: chatclose,
    standin: {
      restoringFlag: flag('restoring', false),
      tabsStopPolling: flag('stoppoll', true),
      injectNeedsJoin: flag('needjoin', true),
      historyCountsJoin: flag('historyjoin', true),
      newChatAfterEnd: flag('newchat', false),
      sharedEventObject: flag('sharedevents', false),
      sessionActiveData: flag('sessionactive', true),
      anyTransport: query.get('transport') !== null,
      faults: jsonParam('faults')
    }
  };

  // ---- reports to the sandbox page

  var JWT = /[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g;

  // JSON-safe copy with tokens removed (never log tokens).
  function scrub(value) {
    var seen = [];
    var text;
    try {
      text = JSON.stringify(value, function (key, v) {
        if (/token|key/i.test(key) && typeof v === 'string') return '[token]';
        if (typeof v === 'string') return v.replace(JWT, '[token]');
        if (typeof v === 'function') return undefined;
        if (v && typeof v === 'object') {
          if (typeof Node !== 'undefined' && v instanceof Node) return '<' + v.nodeName.toLowerCase() + '>';
          if (seen.indexOf(v) >= 0) return '[circular]';
          seen.push(v);
        }
        return v;
      });
    } catch (err) {
      return String(value).replace(JWT, '[token]');
    }
    return text === undefined ? null : JSON.parse(text);
  }

  function report(kind, data) {
    if (window.parent === window) return;
    try {
      window.parent.postMessage({ source: 'chatclose-sandbox', kind: kind, data: scrub(data) }, window.location.origin);
    } catch (err) {
      // The sandbox page is gone or on another origin: nothing to report to.
    }
  }

  function describe(x) {
    if (x instanceof Error) return x.name + ': ' + x.message;
    if (typeof x === 'string') return x;
    try { return JSON.stringify(x); } catch (err) { return String(x); }
  }

  if (window.console && typeof window.console.error === 'function') {
    var originalError = window.console.error;
    window.console.error = function () {
      report('console.error', { message: Array.prototype.map.call(arguments, describe).join(' ') });
      return originalError.apply(this, arguments);
    };
  }
  if (window.console && typeof window.console.warn === 'function') {
    var originalWarn = window.console.warn;
    window.console.warn = function () {
      var text = Array.prototype.map.call(arguments, describe).join(' ');
      if (text.indexOf('chatclose:') === 0) report('console.warn', { message: text });
      return originalWarn.apply(this, arguments);
    };
  }
  window.addEventListener('error', function (ev) {
    if (ev.target && ev.target !== window && ev.target.tagName) {
      report('error', { message: 'failed to load ' + ev.target.tagName.toLowerCase(), source: ev.target.src || ev.target.href || '' });
      return;
    }
    report('error', { message: ev.message, source: ev.filename, line: ev.lineno });
  }, true);
  window.addEventListener('unhandledrejection', function (ev) {
    report('unhandledrejection', { message: describe(ev.reason) });
  });
  document.addEventListener('securitypolicyviolation', function (ev) {
    report('csp', { directive: ev.violatedDirective, blocked: ev.blockedURI, source: ev.sourceFile, line: ev.lineNumber });
  });

  // ---- order=late: chatclose's tag is added `late` ms (default 2500) after the page loaded, as a
  // tag manager adds scripts. No inline script: this file adds it, so a strict CSP allows it.
  if (query.get('order') === 'late') {
    var lateBy = query.get('late') !== null && isFinite(Number(query.get('late'))) && Number(query.get('late')) >= 0
      ? Number(query.get('late')) : 2500;
    window.addEventListener('load', function () {
      setTimeout(function () {
        var tag = document.createElement('script');
        tag.src = '/chatclose/chatclose.js';
        document.head.appendChild(tag);
      }, lateBy);
    });
  }

  // ---- split=1: the split deployment's start. The Genesys sample does it in the onload
  // attribute of cxbus.min.js's tag; this page allows no inline script, so it is done here, on
  // that script's load event: the plugins path, then widgets-core, which loads the rest.
  var splitStarted = false;
  function startSplit() {
    var bus = window.CXBus;
    if (!split || splitStarted || !bus || typeof bus.loadPlugin !== 'function') return;
    splitStarted = true;
    bus.configure({ pluginsPath: '/widgets/plugins/' });
    bus.loadPlugin('widgets-core');
  }
  document.addEventListener('load', function (ev) {
    if (ev.target && ev.target.tagName === 'SCRIPT' && /\/cxbus\.min\.js$/.test(ev.target.src || '')) startSplit();
  }, true);

  // ---- once the bus exists (widgets.min.js runs after this file)

  var attached = false;

  function storedSession() {
    return document.cookie.split('; ').some(function (c) {
      return c.indexOf(SESSION_COOKIE + '=') === 0 || c.indexOf('_genesys.widgets.webchat.state.pureengage-v3-rest.keys=') === 0;
    });
  }

  function autostart(bus) {
    bus.command('WebChat.open', { form: { autoSubmit: true, firstname: nick, lastname: 'Customer' } });
  }

  function attach() {
    var bus = window.CXBus;
    if (attached || !bus || typeof bus.subscribe !== 'function') return attached;
    attached = true;
    ['ChatClose.ready', 'ChatClose.notified', 'ChatClose.ended', 'ChatClose.error'].forEach(function (name) {
      bus.subscribe(name, function (e) { report(name, e.data); });
    });
    bus.subscribe('WebChat.messageAdded', function (e) {
      var m = e.data && e.data.message;
      if (m && m.type === 'injected') report('widget.injected', { text: m.text, type: m.messageType });
    });
    bus.subscribe('WebChatService.ended', function () { report('widget.ended', {}); });

    if (flag('autostart', false)) {
      if (storedSession()) {
        // A chat is being restored; start a new one only if that session turns out lost.
        bus.subscribe('WebChatService.sessionLost', function () { autostart(bus); });
      } else if (split) {
        // WebChat is not loaded yet: the command makes CXBus fetch it, once widgets-core is up.
        bus.subscribe('App.ready', function () { autostart(bus); });
      } else {
        bus.subscribe('WebChat.ready', function () { autostart(bus); });
      }
    }
    return true;
  }

  // Each parser-inserted script fires `load` right after it ran, so this attaches before the next
  // script (chatclose, with order=after) can publish anything. A timer covers other cases.
  document.addEventListener('load', function (ev) {
    if (ev.target && ev.target.tagName === 'SCRIPT') attach();
  }, true);
  document.addEventListener('DOMContentLoaded', attach);
  var tries = 0;
  (function poll() {
    if (attach()) return;
    if (++tries > 600) {
      report('error', { message: 'window.CXBus never appeared' });
      return;
    }
    setTimeout(poll, 50);
  })();
})();
