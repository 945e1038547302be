/*
 * chatclose benchmark: the handlers, the events and the timing loop (window.bench).
 *
 * sample is the Genesys sample's logic, written from its description: keep the System
 * InteractionStateChange messages of originalMessages (filter), take the last (pop), and when
 * its state closes the interaction, inject the notice (asynchronous chat) or end the chat.
 * chatclose is the function CXBus calls for chatclose: the loader's pre-filter around the
 * Go side's WebChatService.messageReceived subscriber.
 */
(function () {
  'use strict';

  var NOTICE = 'Thank you for your query. Please do not respond to this automated message if you do not have additional questions.';

  function sample(e) {
    var changes = e.data.originalMessages.filter(function (m) {
      return m.type === 'System' && m.event === 'InteractionStateChange';
    });
    var last = changes.pop();
    if (!last || !last.data) return;
    var state = last.data.interactionState;
    if (state !== 'Finalizing' && state !== 'Completed') return;
    var transport = window._genesys.widgets.webchat.transport;
    if (transport.async && transport.async.enabled) {
      window.CXBus.command('WebChat.injectMessage', { type: 'text', text: NOTICE });
    } else {
      window.CXBus.command('WebChat.endChat');
    }
  }

  function chatclose() {
    var list = window.benchProbe.subscribers['WebChatService.messageReceived'] || [];
    return list[list.length - 1];
  }

  /* A messageReceived event of n messages as the v3 transport publishes it: Agent and Client
     text in turn, a participant joining every 50th, a state change that leaves the
     interaction open (Handling) every 500th, and the newest an agent's text (kind "text": the
     loader's pre-filter keeps it in JavaScript) or a state change to Handling (kind "state":
     it always reaches the Go side), so neither handler acts. */
  function event(n, kind, base) {
    var msgs = [];
    base = base || 0;
    for (var i = 1; i <= n; i++) {
      var agent = i % 2 === 1 || i === n;
      var m = {
        index: String(base + i), id: 'm-' + (base + i), utcTime: new Date(1763740800000 + (base + i) * 1000).toISOString(),
        type: 'Text', text: 'message ' + i,
        from: agent ? { type: 'Agent', nickname: 'Anna', name: 'Anna', participantId: 'a', id: 'a' }
                    : { type: 'Client', nickname: 'Carla', name: 'Carla', participantId: 'c', id: 'c' }
      };
      if (i % 50 === 0 && i !== n) {
        m.type = 'ParticipantJoined';
        delete m.text;
      }
      if (i % 500 === 0 && i !== n) {
        m = { index: m.index, id: m.id, utcTime: m.utcTime, type: 'System', visibility: 'All',
              from: { type: 'System', participantId: '00000000-0000-0000-0000-000000000000' },
              event: 'InteractionStateChange', data: { interactionState: 'Handling' } };
      }
      msgs.push(m);
    }
    function change(i, state) {
      var m = msgs[i];
      msgs[i] = { index: m.index, id: m.id, utcTime: m.utcTime, type: 'System', visibility: 'All',
                  from: { type: 'System', participantId: '00000000-0000-0000-0000-000000000000' },
                  event: 'InteractionStateChange', data: { interactionState: state } };
    }
    if (kind === 'state') change(n - 1, 'Handling');
    if (kind === 'final') change(n - 1, 'Finalizing');
    if (kind === 'locked') { // after the Finalizing acted on (index base + n - 1), the agent leaves
      change(n - 2, 'Finalizing');
      var left = msgs[n - 1];
      msgs[n - 1] = { index: left.index, id: left.id, utcTime: left.utcTime, type: 'ParticipantLeft', visibility: 'All',
                      from: { type: 'Agent', nickname: 'Anna', name: 'Anna', participantId: 'a', id: 'a' } };
    }
    return { time: Date.now(), publisher: 'WebChatService', event: 'WebChatService.messageReceived',
             data: { originalMessages: msgs, messages: [msgs[msgs.length - 1]], restoring: false, oldMessages: false } };
  }

  function stats(times) {
    var sorted = Array.prototype.slice.call(times).sort(function (a, b) { return a - b; });
    var sum = 0;
    for (var i = 0; i < sorted.length; i++) sum += sorted[i];
    function at(q) { return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]; }
    return { count: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1], mean: sum / sorted.length,
             over1ms: sorted.filter(function (t) { return t > 1; }).length };
  }

  var events = {};
  var handlers = { sample: sample };

  window.bench = {
    /* Whether the Go side is ready and its subscriber known. */
    ready: function () {
      return window.benchProbe.readyAt !== null && typeof chatclose() === 'function';
    },
    /* Builds the event of n messages (outside any timing). */
    prepare: function (n, kind) {
      events[kind + n] = event(n, kind);
      return events[kind + n].data.originalMessages.length;
    },
    /* Runs both handlers count times each on the event of n messages, in alternating blocks
       of 100 so that drift hits both alike, after warm calls; returns the statistics of each
       and the module's memory before and after. */
    measure: function (n, count, warm, kind) {
      handlers.chatclose = chatclose();
      var e = events[kind + n];
      var names = ['sample', 'chatclose'];
      var times = { sample: new Float64Array(count), chatclose: new Float64Array(count) };
      var w, k;
      for (w = 0; w < warm; w++) for (k = 0; k < names.length; k++) handlers[names[k]](e);
      var memBefore = window.benchProbe.memory.buffer.byteLength;
      for (var start = 0; start < count; start += 100) {
        var end = Math.min(count, start + 100);
        for (k = 0; k < names.length; k++) {
          var fn = handlers[names[k]], t = times[names[k]];
          for (var i = start; i < end; i++) {
            var t0 = performance.now();
            fn(e);
            t[i] = performance.now() - t0;
          }
        }
      }
      return { sample: stats(times.sample), chatclose: stats(times.chatclose), memBefore: memBefore,
               memAfter: window.benchProbe.memory.buffer.byteLength };
    },
    /* Runs chatclose alone count times on the event of n messages, with no warm call first:
       the statistics, the first call's time, the module's memory before and after, and how
       many events grew it (and of those, how many took over 1 ms). */
    burst: function (n, count, kind) {
      var fn = chatclose(), e = events[kind + n], t = new Float64Array(count);
      var mem = window.benchProbe.memory;
      var memBefore = mem.buffer.byteLength, size = memBefore, grew = 0, slowGrew = 0;
      for (var i = 0; i < count; i++) {
        var t0 = performance.now();
        fn(e);
        t[i] = performance.now() - t0;
        if (mem.buffer.byteLength !== size) {
          size = mem.buffer.byteLength;
          grew++;
          if (t[i] > 1) slowGrew++;
        }
      }
      var order = Array.prototype.slice.call(t).map(function (v, i) { return [i, v]; }).sort(function (a, b) { return b[1] - a[1]; });
      return { chatclose: stats(t), first: t[0], memBefore: memBefore, memAfter: size, grew: grew, slowGrew: slowGrew,
               slowest: order.slice(0, 5) };
    },
    /* Locks the input in read-only mode (the page has a chat and readOnly): hands chatclose a
       Finalizing after an agent's text, again every 300 ms until ChatClose.locked (WebChat
       refuses the notice until the customer has joined), then builds the event of n messages
       that arrives while the input is locked: that Finalizing again, and the agent leaving.
       Resolves with the index acted on. */
    lock: function (n) {
      return new Promise(function (resolve, reject) {
        var base = 1000, tries = 0, done = false;
        window.CXBus.subscribe('ChatClose.locked', function (e) {
          if (done) return;
          done = true;
          var at = Number(e.data.index);
          events['locked' + n] = event(n, 'locked', at - (n - 1));
          resolve(at);
        });
        (function again() {
          if (done) return;
          if (tries++ >= 50) { reject(new Error('the input was not locked after 50 Finalizings')); return; }
          base += 10;
          chatclose()(event(10, 'final', base));
          setTimeout(again, 300);
        })();
      });
    },
    /* Whether chatclose still holds the input locked (ChatClose.getState). */
    locked: function () {
      return new Promise(function (resolve) {
        window.CXBus.command('ChatClose.getState').done(function (s) { resolve(s.locked === true); }).fail(function () { resolve(false); });
      });
    },
    /* Memory and the timing resolution of this page. */
    info: function () {
      return { memory: window.benchProbe.memory ? window.benchProbe.memory.buffer.byteLength : 0,
               isolated: window.crossOriginIsolated === true };
    },
    /* What the page fetched from /chatclose/, and when the module was fetched and ready. */
    loads: function () {
      var files = performance.getEntriesByType('resource').filter(function (r) {
        return r.name.indexOf('/chatclose/') >= 0;
      }).map(function (r) {
        return { name: r.name.replace(/^.*\/chatclose\//, ''), start: r.startTime, end: r.responseEnd,
                 transfer: r.transferSize, encoded: r.encodedBodySize, decoded: r.decodedBodySize };
      });
      return { files: files, instantiated: window.benchProbe.instantiated, readyAt: window.benchProbe.readyAt };
    }
  };
})();
