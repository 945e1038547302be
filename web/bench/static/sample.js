/*
 * The Genesys sample's logic on a shop page, for the benchmark's return to a finalized chat:
 * subscribe to WebChatService.messageReceived, keep the System InteractionStateChange
 * messages of originalMessages, take the last, and when its state closes the interaction
 * inject the notice (asynchronous chat) or end the chat. Written from its description.
 *
 * One addition, so that it shows a notice at all on a restored chat: WebChat refuses an
 * injectMessage while its window is not open yet, and Widgets publish the restored history
 * before they reopen the window; a refused notice is injected again on WebChat.opened.
 */
(function () {
  'use strict';
  var NOTICE = 'Thank you for your query. Please do not respond to this automated message if you do not have additional questions.';
  var plugin = window.CXBus.registerPlugin('GenesysSample');
  var retry = false;

  function inject() {
    plugin.command('WebChat.injectMessage', { type: 'text', text: NOTICE }).fail(function () { retry = true; });
  }

  plugin.subscribe('WebChat.opened', function () {
    if (!retry) return;
    retry = false;
    inject();
  });
  plugin.subscribe('WebChatService.messageReceived', function (e) {
    var changes = e.data.originalMessages.filter(function (m) {
      return m.type === 'System' && m.event === 'InteractionStateChange';
    });
    var last = changes.pop();
    if (!last || !last.data) return;
    var state = last.data.interactionState;
    if (state !== 'Finalizing' && state !== 'Completed') return;
    var transport = window._genesys.widgets.webchat.transport;
    if (transport.async && transport.async.enabled) {
      inject();
    } else {
      plugin.command('WebChat.endChat');
    }
  });
})();
