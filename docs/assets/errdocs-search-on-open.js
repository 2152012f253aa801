/*
 * Material's search, started when the reader opens it rather than when a page loads.
 *
 * At page load Material's bundle requests its prose index (search/search_index.json, 4.4 MB gzipped at
 * 10,000 codes) and starts its search worker (lunr), on every cold page, before anyone searches. Material
 * has no option for this, so this script, loaded just before the bundle (overrides/main.html), holds both
 * until the search opens: the index request is sent, and the worker created, when Material's `search`
 * toggle is first checked (a click on the search box, its keyboard shortcuts, a `?q=` link) or when the
 * page was opened from a search result (`?h=`, which Material highlights with the index's settings).
 * Material's code is unchanged: it still makes the request and the worker, only later. Each language's
 * pages name their own index (Material resolves it from the page's base), so /zh/ fetches only
 * zh/search/search_index.json. From disk (file://) Material reads the index as a script, which this
 * leaves alone. The paste search (assets/errdocs-search.js, the matcher and its layer on the search box) is
 * loaded the same way: when the search opens, the search box gets focus or a `?q=` link fills it; its index
 * (assets/errdocs-index.js) follows when the box gets focus.
 */
(function () {
  "use strict";
  var toggle = document.getElementById("__search");
  var config = document.getElementById("__config");
  if (!toggle || !config) { return; }
  var settings = JSON.parse(config.textContent);
  var workerUrl = new URL(settings.search, document.baseURI).href;

  var isOpen = false, waiting = [];
  function whenOpen(callback) {
    if (isOpen) { callback(); } else { waiting.push(callback); }
  }
  function open() {
    if (isOpen) { return; }
    isOpen = true;
    waiting.splice(0).forEach(function (callback) { callback(); });
  }
  toggle.addEventListener("change", function () { if (toggle.checked) { open(); loadPasteSearch(); } });
  if (new URLSearchParams(window.location.search).has("h")) { open(); }

  // The paste search, once per page (the 404 page loads it itself, for its own use of the matcher).
  var pasteSearch = false;
  function loadPasteSearch() {
    if (pasteSearch || window.errdocsSearch) { return; }
    pasteSearch = true;
    var script = document.createElement("script");
    script.src = settings.base.replace(/\/?$/, "/") + "assets/errdocs-search.js";
    document.head.appendChild(script);
  }
  var box = document.querySelector("[data-md-component=search-query]");
  if (box) { box.addEventListener("focus", loadPasteSearch); }
  if (new URLSearchParams(window.location.search).has("q")) { loadPasteSearch(); }

  // The index: Material requests it with XMLHttpRequest (for its progress events); send it once open.
  var INDEX = /\/search\/search_index\.json$/;
  var xhrOpen = XMLHttpRequest.prototype.open, xhrSend = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.errdocsHeld = INDEX.test(new URL(String(url), document.baseURI).pathname);
    return xhrOpen.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!request.errdocsHeld) { return xhrSend.apply(request, args); }
    whenOpen(function () { xhrSend.apply(request, args); });
  };

  // The worker: Material creates it at once and posts nothing to it before the index is there, so a
  // stand-in that creates the real one on opening (and relays its messages) is all it sees.
  var RealWorker = window.Worker;
  if (!RealWorker) { return; }
  window.Worker = function (url, options) {
    if (new URL(String(url), document.baseURI).href !== workerUrl) { return new RealWorker(url, options); }
    var standIn = new EventTarget(), worker = null, queued = [];
    function start() {
      if (worker) { return; }
      worker = new RealWorker(url, options);
      worker.addEventListener("message", function (event) {
        standIn.dispatchEvent(new MessageEvent("message", { data: event.data }));
      });
      queued.splice(0).forEach(function (message) { worker.postMessage(message); });
    }
    standIn.postMessage = function (message) {
      if (worker) { worker.postMessage(message); } else { queued.push(message); }
    };
    standIn.terminate = function () { if (worker) { worker.terminate(); } };
    whenOpen(start);
    return standIn;
  };
})();
