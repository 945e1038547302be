/*
 * chatclose pre-filter: chatclose.js loads it beside wasm_exec.js once the page has a chat (a
 * page without one never needs it), with its integrity stamped into the loader, and starts
 * the module only after it ran. It adds filter to the loader's handoff object
 * (window.__chatcloseLoader); the Go side wraps its messageReceived subscriber in it (see
 * bus/loader.go, Loader.Filter).
 */
(function () {
  'use strict';

  var loader = window.__chatcloseLoader;
  if (!loader || loader.filter) return;

  /* Called by the Go side with its messageReceived subscriber fn and the decision's
     vocabulary; returns the subscriber to give CXBus instead (see bus/loader.go). A call
     into Go through fn costs far more than this scan, so batches that cannot change anything
     stay in JavaScript: it returns early only on certain activity, or when nothing decides.
     Other batches it digests: what the scan found goes, as numbers, to the module's export
     words.digest (see bus/digest.go), and a batch whose digest the scan cannot make, or Go
     declines, goes to fn whole. A scan that throws (0 here) means: whole. */
  loader.filter = function (fn, words) {
    function set(list) {
      var s = Object.create(null);
      for (var i = 0; i < list.length; i++) s[list[i]] = true;
      return s;
    }
    var neutral = set(words.neutral), activity = set(words.activity), people = set(words.people);
    var limit = words.maxWalk, c = words.codes;
    var states = Object.create(null), kind, code, index, restoring; // the digest, with the shape scan returns
    loader.learn = function (s, code) { states[s] = code; };
    words.states.forEach(loader.learn); // learn(name, code): the code is the position
    function obj(v) { // an object as the Go side reads it; a function only Go can tell
      if (typeof v === 'function') throw 0;
      return v !== null && typeof v === 'object';
    }
    function at(m) { // m's index as the Go side reads it, NaN for none
      var index = obj(m) && m.index;
      if (typeof index === 'number') return index;
      if (typeof index !== 'string') return NaN;
      if (/^[0-9]{1,15}$/.test(index)) return Number(index);
      throw 0;
    }
    function scan(e) {
      var d = e.data;
      if (!obj(d) || !Array.isArray(d.originalMessages)) throw 0;
      var list = d.originalMessages, n = list.length;
      restoring = d.restoring === true; // 1 or 0 to the export
      if (d.oldMessages === true) return c.history;
      if (n === 0) return c.empty;
      // History pages come newest first: the Go side tells the order. (No index, NaN, is never greater.)
      if (n > 1 && at(list[0]) > at(list[n - 1])) throw 0;
      for (var i = n - 1; i >= 0 && i >= n - limit; i--) {
        var m = list[i];
        if (!obj(m)) continue;
        var type = typeof m.type === 'string' ? m.type : '', from;
        if (type === 'System') {
          var data = m.data, state = obj(data) && typeof data.interactionState === 'string' ? data.interactionState : '';
          if (m.event !== 'InteractionStateChange' || state === '') continue;
          kind = c.state;
          if ((code = states[state]) === undefined) throw 0;
        } else {
          if (neutral[type] || !(activity[type] || (obj(from = m.from) && typeof from.type === 'string' && people[from.type]))) continue;
          kind = c.activity;
          code = -1;
        }
        index = at(m);
        return c.found;
      }
      return n > limit ? c.limit : c.neutral;
    }
    return function (e) {
      var shape, r, exp = loader.exports && loader.exports[words.digest]; // none once Go has exited
      try { shape = scan(e); } catch (x) { shape = -1; }
      if (!loader.watching && shape >= 0 && shape !== c.history && (shape !== c.found || kind === c.activity)) return;
      if (shape >= 0 && exp) {
        try { r = exp(shape, kind, code, index, restoring); } catch (x) { r = 0; }
        if (r & 1) {
          loader.watching = (r & 2) !== 0;
          return;
        }
      }
      return fn(e);
    };
  };
})();
