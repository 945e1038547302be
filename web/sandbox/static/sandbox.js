/*
 * The sandbox page: the customer's page in an iframe beside an agent console that drives the
 * control API (CONTRACT.md section 3). The sandbox page's own query string is passed on to
 * /customer.html, so /?async=0&order=after opens the customer page with those parameters.
 * Toggles: async, the script order, the split deployment (split=1) and a phone-sized frame
 * (mobile=1: WebChat's phone layout, forced, since this browser is not a phone).
 * Everything from the server or the customer page is shown with textContent.
 */
(function () {
  'use strict';

  function $(id) {
    return document.getElementById(id);
  }

  var frame = $('customer-frame');
  var params = new URLSearchParams(window.location.search);
  if (!params.has('async')) params.set('async', '1');
  if (!params.has('order')) params.set('order', 'before');

  // ---------------------------------------------------------------- which Widgets run

  fetch('/sandbox/widgets.json').then(function (r) { return r.json(); }).then(function (info) {
    $('widgets-version').textContent = info.standIn
      ? 'the sandbox\'s stand-in (imitates 9.0.018.07; set GENESYS_WIDGETS for a real build)'
      : info.version;
    if (!info.split) {
      $('toggle-split').disabled = true;
      $('toggle-split').title = 'this build has no split deployment (cxbus.min.js and plugins/)';
    }
  }).catch(function (err) {
    $('widgets-version').textContent = 'unknown (' + err.message + ')';
  });

  // ---------------------------------------------------------------- customer frame & toggles

  function customerURL() {
    return '/customer.html?' + params.toString();
  }

  function showToggles() {
    var asyncOn = params.get('async') !== '0';
    $('toggle-async').textContent = 'Async: ' + (asyncOn ? 'on' : 'off');
    $('toggle-async').setAttribute('aria-pressed', String(asyncOn));
    var after = params.get('order') === 'after';
    $('toggle-order').textContent = after ? 'chatclose after widgets' : 'chatclose before widgets';
    $('toggle-order').setAttribute('aria-pressed', String(after));
    var split = params.get('split') === '1';
    $('toggle-split').textContent = 'Split deployment: ' + (split ? 'on' : 'off');
    $('toggle-split').setAttribute('aria-pressed', String(split));
    var phone = params.get('mobile') === '1';
    $('toggle-phone').textContent = 'Phone: ' + (phone ? 'on' : 'off');
    $('toggle-phone').setAttribute('aria-pressed', String(phone));
    frame.classList.toggle('sb-phone', phone);
    $('toggle-transport').value = params.get('transport') || 'pureengage-v3-rest';
    $('customer-url').textContent = customerURL();
  }

  function loadCustomer() {
    showToggles();
    window.history.replaceState(null, '', '/?' + params.toString());
    frame.src = customerURL();
  }

  $('toggle-async').addEventListener('click', function () {
    params.set('async', params.get('async') === '0' ? '1' : '0');
    logLocal('sandbox', 'customer page reloaded with async=' + params.get('async'));
    loadCustomer();
  });

  $('toggle-order').addEventListener('click', function () {
    params.set('order', params.get('order') === 'after' ? 'before' : 'after');
    logLocal('sandbox', 'customer page reloaded with order=' + params.get('order'));
    loadCustomer();
  });

  // Flips a 0/1 query parameter of the customer page (absent means 0) and reloads it.
  function flip(name, what) {
    if (params.get(name) === '1') params.delete(name);
    else params.set(name, '1');
    logLocal('sandbox', 'customer page reloaded with ' + what + ' ' + (params.get(name) === '1' ? 'on' : 'off'));
    loadCustomer();
  }
  $('toggle-split').addEventListener('click', function () {
    // WebChat is loaded at start-up (main.preload), so its chat button is there to click; a
    // site without it loads WebChat on its own button's WebChat.open.
    if (params.get('split') === '1') params.delete('preload');
    else params.set('preload', 'webchat');
    flip('split', 'the split deployment');
  });
  $('toggle-phone').addEventListener('click', function () { flip('mobile', 'the phone frame'); });
  // The transport type the customer page configures: on any but pureengage-v3-rest chatclose
  // warns once and does nothing (the stand-in chats through its v3 imitation whatever it says).
  $('toggle-transport').addEventListener('change', function () {
    var type = $('toggle-transport').value;
    if (type === 'pureengage-v3-rest') params.delete('transport');
    else params.set('transport', type);
    logLocal('sandbox', 'customer page reloaded with transport ' + type);
    loadCustomer();
  });

  // What a support engineer types in a customer's console: every check, in the log.
  $('diagnose-customer').addEventListener('click', function () {
    var cx;
    try { cx = frame.contentWindow.CXBus; } catch (err) { cx = null; }
    if (!cx) {
      logLocal('diagnose error', 'the customer page has no CXBus yet');
      return;
    }
    cx.command('ChatClose.diagnose').done(function (checks) {
      (checks || []).forEach(function (c) {
        logLocal(c.ok ? 'diagnose ok' : 'diagnose problem', c.name + ': ' + c.found + (c.fix ? ' Fix: ' + c.fix : ''));
      });
    }).fail(function (reason) {
      logLocal('diagnose error', String(reason));
    });
  });

  $('reload-customer').addEventListener('click', function () {
    logLocal('sandbox', 'customer page reloaded');
    try {
      frame.contentWindow.location.reload();
    } catch (err) {
      frame.src = customerURL();
    }
  });

  // ---------------------------------------------------------------- control API

  function selectedSession() {
    return $('session-select').value || 'latest';
  }

  function control(method, path, body) {
    var init = { method: method, headers: { Accept: 'application/json' }, cache: 'no-store' };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch('/control/' + path, init).then(function (res) {
      return res.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (err) { json = null; }
        if (!res.ok) {
          var message = json && json.error ? json.error : 'HTTP ' + res.status;
          var e = new Error(message);
          e.status = res.status;
          throw e;
        }
        return json;
      });
    });
  }

  function setStatus(text, isError) {
    var s = $('agent-status');
    s.textContent = text;
    s.classList.toggle('sb-error', !!isError);
  }

  function act(label, action, body) {
    var sid = selectedSession();
    setStatus(label + '…');
    return control('POST', 'sessions/' + encodeURIComponent(sid) + '/' + action, body).then(function () {
      setStatus(label + ': done');
      refreshSession();
    }, function (err) {
      setStatus(label + ' failed: ' + err.message, true);
    });
  }

  $('agent-join').addEventListener('click', function () { act('Join', 'join', {}); });
  $('agent-finalize').addEventListener('click', function () { act('Finalize', 'state', { state: 'Finalizing' }); });
  $('agent-complete').addEventListener('click', function () { act('Complete', 'state', { state: 'Completed' }); });
  $('agent-segment').addEventListener('click', function () { act('New segment', 'segment', {}); });
  $('agent-leave').addEventListener('click', function () { act('Leave', 'leave', {}); });
  $('agent-end').addEventListener('click', function () { act('End', 'end', {}); });
  $('agent-send-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var input = $('agent-text');
    var text = input.value;
    if (!text.trim()) {
      setStatus('Type a message first.', true);
      return;
    }
    act('Send', 'send', { text: text }).then(function () {
      if (input.value === text) input.value = '';
    });
  });

  // ---------------------------------------------------------------- rendering helpers

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function clock(iso) {
    var d = iso ? new Date(iso) : new Date();
    if (isNaN(d.getTime())) return String(iso || '');
    return d.toTimeString().slice(0, 8);
  }

  function short(id) {
    return typeof id === 'string' && id.length > 8 ? id.slice(0, 8) : String(id);
  }

  function keepScroll(list, fill) {
    var atEnd = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
    fill();
    if (atEnd) list.scrollTop = list.scrollHeight;
  }

  // What one server message says, in a line.
  function describeMessage(m) {
    if (!m || typeof m !== 'object') return { from: 'raw', cls: 'sb-from-system', text: JSON.stringify(m) };
    var from = m.from && typeof m.from === 'object' ? m.from : {};
    var who = from.nickname || from.type || '?';
    var cls = from.type === 'Agent' ? 'sb-from-agent' : from.type === 'Customer' ? 'sb-from-customer' : 'sb-from-system';
    var text;
    switch (m.type) {
      case 'Text': text = m.text; break;
      case 'ParticipantJoined': text = '(joined)'; break;
      case 'ParticipantLeft': text = '(left)'; break;
      case 'System':
        text = m.event === 'InteractionStateChange' && m.data && m.data.interactionState
          ? 'state → ' + m.data.interactionState
          : 'System ' + JSON.stringify({ event: m.event, data: m.data });
        who = 'System';
        break;
      default: text = (m.type || '?') + (m.text ? ': ' + m.text : '');
    }
    return { from: who, cls: cls, text: text };
  }

  // ---------------------------------------------------------------- sessions list

  function refreshSessions() {
    control('GET', 'sessions').then(function (list) {
      if (!Array.isArray(list)) return;
      var select = $('session-select');
      var current = select.value;
      var signature = JSON.stringify(list.map(function (s) { return [s.sessionId, s.ended, s.segment]; }));
      if (select.getAttribute('data-signature') === signature) return;
      select.setAttribute('data-signature', signature);
      while (select.options.length > 1) select.remove(1);
      list.forEach(function (s) {
        var name = s.customer && typeof s.customer === 'object' ? (s.customer.nickname || s.customer.firstName || '') : (s.customer || '');
        var label = short(s.sessionId) + (name ? ' – ' + name : '') + (s.ended ? ' (ended)' : '');
        var opt = el('option', '', label);
        opt.value = s.sessionId;
        select.appendChild(opt);
      });
      select.value = current;
      if (select.value !== current) select.value = 'latest';
    }, function () { /* the server is starting or gone; try again later */ });
  }

  $('session-select').addEventListener('change', function () {
    lastTranscript = '';
    lastCustomerLog = '';
    refreshSession();
  });

  // ---------------------------------------------------------------- transcript & customer log

  var lastTranscript = '';
  var lastCustomerLog = '';

  function refreshSession() {
    var sid = encodeURIComponent(selectedSession());
    control('GET', 'sessions/' + sid).then(showSession, function (err) {
      if (err.status === 404) {
        $('session-info').textContent = 'No session yet: start a chat in the customer page.';
        showTranscript([]);
      } else {
        $('session-info').textContent = 'Cannot read the session: ' + err.message;
      }
    });
    control('GET', 'sessions/' + sid + '/log').then(showCustomerLog, function () { /* no session yet */ });
  }

  function showSession(s) {
    if (!s) return;
    $('session-info').textContent = 'Session ' + short(s.sessionId) + ' · segment ' + (s.segment == null ? '?' : s.segment) +
      ' · ' + (s.ended ? 'ended' : 'live') + ' · ' + (Array.isArray(s.messages) ? s.messages.length : 0) + ' messages';
    showTranscript(Array.isArray(s.messages) ? s.messages : []);
  }

  function showTranscript(messages) {
    var signature = JSON.stringify(messages);
    if (signature === lastTranscript) return;
    lastTranscript = signature;
    var list = $('agent-transcript');
    keepScroll(list, function () {
      list.textContent = '';
      messages.forEach(function (m) {
        var d = describeMessage(m);
        var li = el('li');
        li.appendChild(el('span', 'sb-idx', m && m.index !== undefined ? m.index : ''));
        li.appendChild(el('span', 'sb-time', m && m.utcTime ? clock(m.utcTime) : ''));
        li.appendChild(el('span', 'sb-from ' + d.cls, d.from));
        li.appendChild(el('span', 'sb-text', d.text));
        list.appendChild(li);
      });
    });
  }

  function showCustomerLog(log) {
    if (!log || typeof log !== 'object') return;
    var signature = JSON.stringify(log);
    if (signature === lastCustomerLog) return;
    lastCustomerLog = signature;
    $('customer-counts').textContent = '(polls ' + (log.polls || 0) + ' · creates ' + (log.creates || 0) + ' · restores ' + (log.restores || 0) + ')';
    var entries = [];
    (Array.isArray(log.messages) ? log.messages : []).forEach(function (m) {
      entries.push({ time: m.time, kind: m.type || 'message', text: m.text || '' });
    });
    (Array.isArray(log.deletes) ? log.deletes : []).forEach(function (d) {
      entries.push({ time: d.time, kind: 'DELETE', text: 'participant ' + short(d.participantId) });
    });
    entries.sort(function (a, b) { return String(a.time).localeCompare(String(b.time)); });
    var list = $('customer-log');
    keepScroll(list, function () {
      list.textContent = '';
      entries.forEach(function (e) {
        var li = el('li');
        li.setAttribute('data-kind', e.kind);
        li.appendChild(el('span', 'sb-time', clock(e.time)));
        li.appendChild(el('span', 'sb-kind' + (e.kind === 'DELETE' ? ' sb-kind-error' : ''), e.kind));
        li.appendChild(el('span', 'sb-text', e.text));
        list.appendChild(li);
      });
    });
  }

  // ---------------------------------------------------------------- chatclose reports

  function logLocal(kind, data) {
    var list = $('chatclose-log');
    keepScroll(list, function () {
      var li = el('li');
      li.setAttribute('data-kind', kind);
      li.appendChild(el('span', 'sb-time', clock()));
      var isProblem = /error|warn|csp|unhandled|problem/i.test(kind);
      li.appendChild(el('span', 'sb-kind' + (isProblem ? ' sb-kind-error' : ''), kind));
      li.appendChild(el('span', 'sb-text', typeof data === 'string' ? data : JSON.stringify(data)));
      list.appendChild(li);
    });
  }

  window.addEventListener('message', function (ev) {
    if (ev.origin !== window.location.origin || ev.source !== frame.contentWindow) return;
    var msg = ev.data;
    if (!msg || msg.source !== 'chatclose-sandbox' || typeof msg.kind !== 'string') return;
    logLocal(msg.kind, msg.data === undefined ? {} : msg.data);
  });

  $('clear-log').addEventListener('click', function () {
    $('chatclose-log').textContent = '';
  });

  // ---------------------------------------------------------------- start

  loadCustomer();
  refreshSessions();
  refreshSession();
  setInterval(refreshSession, 1000);
  setInterval(refreshSessions, 2000);
})();
