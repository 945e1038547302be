/*
 * chatclose benchmark: wraps CXBus.registerPlugin so that the ChatClose plugin interface
 * (registered by chatclose.js, then used by the Go side) records what it subscribes and when
 * it republishes ChatClose.ready. Runs after widgets.min.js and before chatclose.js.
 */
(function () {
  'use strict';
  var probe = window.benchProbe;
  var register = window.CXBus.registerPlugin;
  window.CXBus.registerPlugin = function (name) {
    var plugin = register.apply(this, arguments);
    if (name !== 'ChatClose' || !plugin) return plugin;
    var subscribe = plugin.subscribe;
    plugin.subscribe = function (event, fn) {
      (probe.subscribers[event] = probe.subscribers[event] || []).push(fn);
      return subscribe.apply(plugin, arguments);
    };
    var republish = plugin.republish;
    plugin.republish = function (event) {
      if (event === 'ready' && probe.readyAt === null) probe.readyAt = performance.now();
      return republish.apply(plugin, arguments);
    };
    return plugin;
  };
})();
