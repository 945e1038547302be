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
     into Go costs far more than this scan, so batches that cannot change anything stay in
     JavaScript: it returns early only on certain activity, or when nothing decides. */
  loader.filter = function (fn, words) {
    function set(list) {
      var s = Object.create(null);
      for (var i = 0; i < list.length; i++) s[list[i]] = true;
      return s;
    }
    var neutral = set(words.neutral), activity = set(words.activity), people = set(words.people);
    var limit = words.maxWalk;
    function plain(index) { // an index both sides read alike, or null
      if (typeof index === 'number') return index === Math.floor(index) ? index : null;
      return typeof index === 'string' && /^[0-9]{1,15}$/.test(index) ? Number(index) : null;
    }
    function needed(e) {
      var d = e.data;
      if (d === null || typeof d !== 'object' || d.oldMessages === true) return true;
      var list = d.originalMessages;
      if (!Array.isArray(list)) return true;
      var n = list.length;
      if (n > 1) { // history pages come newest first: the Go side tells the order
        var first = list[0], last = list[n - 1];
        if (!first || !last) return true;
        var a = plain(first.index), b = plain(last.index);
        if (a === null || b === null || a > b) return true;
      }
      for (var i = n - 1; i >= 0 && i >= n - limit; i--) {
        var m = list[i];
        if (m === null || m === undefined || typeof m !== 'object') {
          if (typeof m === 'function') return true;
          continue;
        }
        var type = m.type;
        if (type === 'System') {
          var data = m.data;
          if (m.event === 'InteractionStateChange' && data !== null && typeof data === 'object' &&
            typeof data.interactionState === 'string' && data.interactionState !== '') return true;
          continue;
        }
        if (typeof type !== 'string' || neutral[type]) continue;
        var from = m.from;
        if (activity[type] || (from !== null && typeof from === 'object' && typeof from.type === 'string' && people[from.type])) return false;
      }
      return false;
    }
    return function (e) {
      var go;
      try { go = loader.watching || needed(e); } catch (x) { go = true; }
      if (go) return fn(e);
    };
  };
})();
