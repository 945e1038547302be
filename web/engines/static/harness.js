/*
 * The engine tier's harness page: /engines/harness.html?src=/customer.html?...
 *
 * Opens the customer's page (same origin) in #customer and keeps what the page's
 * customer-config.js reports with postMessage ({source: 'chatclose-sandbox', kind, data};
 * CONTRACT.md section 4) in window.__harness.reports, each with the time it arrived
 * (Date.now()). Those reports are how a test sees chatclose's bus events, and every
 * console.error, uncaught error, unhandled rejection and CSP violation of the customer's page,
 * on engines whose driver sees no console (WebKit). A customer page with mobile=1 gets a
 * phone-sized frame (a Pixel 5's 393 x 851 CSS pixels): WebChat's phone layout, forced by
 * main.mobileMode, in a phone's screen, on every engine (none of their drivers here can make
 * the browser a phone).
 */
(function () {
  'use strict';
  // cookies and stored keys at the start, before the customer page ran: a fresh profile has none.
  var seen = window.__harness = {
    reports: [],
    frameLoads: 0,
    cookiesAtStart: document.cookie,
    storageAtStart: window.localStorage.length + window.sessionStorage.length
  };

  window.addEventListener('message', function (ev) {
    if (ev.origin !== window.location.origin || !ev.data || ev.data.source !== 'chatclose-sandbox') return;
    seen.reports.push({ kind: String(ev.data.kind), data: ev.data.data, time: Date.now() });
  });

  function open() {
    var frame = document.getElementById('customer');
    var src = new URLSearchParams(window.location.search).get('src') || '';
    if (src.charAt(0) !== '/' || src.charAt(1) === '/') {
      seen.reports.push({ kind: 'error', data: { message: 'harness: src must be a path on this origin, got ' + src }, time: Date.now() });
      return;
    }
    if (new URLSearchParams(src.split('?')[1] || '').get('mobile') === '1') frame.className = 'phone';
    frame.addEventListener('load', function () { seen.frameLoads++; });
    frame.src = src;
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', open);
  } else {
    open();
  }
})();
