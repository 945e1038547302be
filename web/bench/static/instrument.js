/*
 * chatclose benchmark: page instrumentation. Runs first on every benchmark page.
 *
 * Records, in window.benchProbe, what the benchmark reads back and the page does not expose:
 *   memory      the WebAssembly instance's linear memory (wrapping WebAssembly.instantiate*);
 *   instantiated when the module was compiled and instantiated (performance.now());
 *   readyAt     when the Go side republished ChatClose.ready;
 *   subscribers every function the ChatClose plugin subscribed, by event name, in order.
 * The last two come from wrapping the ChatClose plugin interface that CXBus.registerPlugin
 * returns (see capture.js, which runs after the widgets script).
 */
(function () {
  'use strict';
  var probe = window.benchProbe = { memory: null, instantiated: null, readyAt: null, subscribers: {} };

  function keep(result) {
    var instance = result && (result.instance || result);
    if (instance && instance.exports && instance.exports.mem) {
      probe.memory = instance.exports.mem;
      probe.instantiated = performance.now();
    }
    return result;
  }
  ['instantiate', 'instantiateStreaming'].forEach(function (name) {
    var original = WebAssembly[name];
    if (typeof original !== 'function') return;
    WebAssembly[name] = function () {
      return original.apply(WebAssembly, arguments).then(keep);
    };
  });
})();
