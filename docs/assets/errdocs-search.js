/* Paste an error, land on its page.
 *
 * The same matcher as generator/search.py, step for step, over the same index
 * (assets/errdocs-index.js, generated from the catalog). A browser test checks
 * that both rank every fixture paste alike; change one, change the other.
 * (Only here, messages and titles are looked up by word rather than scanned:
 * see prepare().)
 *
 * It sits on top of Material's search without replacing it: on every input
 * (typing, a paste with the mouse, a `?q=` link) it shows the best matching
 * error pages above Material's own results, and nudges Material to search too.
 * Everything from the paste or the catalog is written with textContent, never
 * as HTML.
 */
(function () {
  "use strict";

  var MAX_CHARS = 100000;
  var CODE = 10.0, CODE_ANY_CASE = 7.0, ALIAS = 9.0, MESSAGE = 10.0, TITLE = 5.0, HINT = 3.0, STATUS = 1.0;
  var SHORT_QUERY = 12;
  var CONFIDENT_SCORE = 9.0, CONFIDENT_MARGIN = 3.0;
  var TOKEN = /[a-z0-9_]+(?:[.\-][a-z0-9_]+)*/g;
  var STOPWORDS = new Set(("a an the is are was were be been to of in on at for by with and or not no it its this that as from " +
    "you your can cannot could than then there which when what how why do does did error errors").split(" "));
  var CODE_CONTEXT = /(?:code|error_id|errorcode|errcode|error_code)["'\s]*[:=>]?\s*["']?\s*$/;
  var STATUS_WORD = /(?<![0-9.])[1-5][0-9]{2}(?![0-9.])/g;
  var X_OSS_ERR = /x-oss-err\s*:\s*([A-Za-z0-9+\/=]{8,})/gi;

  function allTokens(lower) {
    return lower.match(TOKEN) || [];
  }

  function pieces(token) {
    var out = token.split(/[.\-]/).filter(Boolean);
    var dotted = token.split(".").slice(0, 8);
    for (var start = 0; start < dotted.length; start++) {
      for (var end = start + 2; end <= dotted.length; end++) {
        if (!(start === 0 && end === dotted.length)) { out.push(dotted.slice(start, end).join(".")); }
      }
    }
    return out;
  }

  function tokens(text) {
    var out = [];
    allTokens(text.toLowerCase()).forEach(function (token) {
      out.push(token);
      if (token.indexOf(".") !== -1 || token.indexOf("-") !== -1) { out.push.apply(out, pieces(token)); }
    });
    return out;
  }

  function withDecodedHeaders(text) {
    var decoded = [], found, count = 0;
    X_OSS_ERR.lastIndex = 0;
    while ((found = X_OSS_ERR.exec(text)) !== null && count < 4) {
      count++;
      try {
        var binary = atob(found[1].slice(0, 8000));
        var bytes = Uint8Array.from(binary, function (c) { return c.charCodeAt(0); });
        decoded.push(new TextDecoder("utf-8").decode(bytes));
      } catch (e) { continue; }
    }
    return text + (decoded.length ? "\n" + decoded.join("\n") : "");
  }

  function words(text) {
    return allTokens(text.toLowerCase()).filter(function (t) { return !STOPWORDS.has(t) && !/^(?:x+|\d)$/.test(t); });
  }

  function overlap(list, present, idf) {
    var total = 0, hit = 0;
    list.forEach(function (w) { total += (w in idf ? idf[w] : 1.0); });
    if (!total) { return 0.0; }
    list.forEach(function (w) { if (present.has(w)) { hit += (w in idf ? idf[w] : 1.0); } });
    return hit / total;
  }

  function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  /* Lookups made once per index, so that a paste costs time in proportion to the entries that share
   * a word with it rather than to the whole catalog: a message or a title with no word in common with
   * the paste scores 0 and is never looked at. Ranking is unchanged. */
  var prepared = new WeakMap();

  function prepare(index) {
    var ready = prepared.get(index);
    if (ready) { return ready; }
    ready = { messageWords: new Map(), titleWords: new Map(), longestMessage: 0,
              phraseCodes: Object.keys(index.codes).filter(function (code) { return code.indexOf(" ") !== -1; }) };
    function file(map, word, number) {
      var list = map.get(word);
      if (!list) { list = []; map.set(word, list); }
      if (list[list.length - 1] !== number) { list.push(number); }
    }
    index.messages.forEach(function (message, number) {
      message.w.forEach(function (word) { file(ready.messageWords, word, number); });
      ready.longestMessage = Math.max(ready.longestMessage, message.x.length);
    });
    index.titles.forEach(function (list, entry) {
      list.concat(index.entry_words[entry]).forEach(function (word) { file(ready.titleWords, word, entry); });
    });
    prepared.set(index, ready);
    return ready;
  }

  function sharingAWord(byWord, present) {
    var found = new Set();
    present.forEach(function (word) {
      (byWord.get(word) || []).forEach(function (number) { found.add(number); });
    });
    return found;
  }

  function ascending(numbers) {
    return Array.from(numbers).sort(function (a, b) { return a - b; });
  }

  function match(index, text, limit) {
    limit = limit || 5;
    var ready = prepare(index);
    text = withDecodedHeaders(text.slice(0, MAX_CHARS));
    var lower = text.toLowerCase();
    var flat = lower.split(/\s+/).filter(Boolean).join(" ");
    var found = new Map();

    function add(entry, score, reason, anchor) {
      if (!found.has(entry)) { found.set(entry, { entry: entry, score: 0.0, anchor: "", reasons: [] }); }
      var current = found.get(entry);
      current.score += score;
      current.reasons.push(reason);
      if (anchor && !current.anchor) { current.anchor = anchor; }
    }

    function addCode(e) {
      var strong = !index.entries[e].w || text.indexOf(index.entries[e].c) !== -1;
      add(e, strong ? CODE : CODE_ANY_CASE, "code");
    }

    var seen = new Set(), m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(lower)) !== null) {
      var token = m[0];
      var candidates = [token].concat(token.indexOf(".") !== -1 || token.indexOf("-") !== -1 ? pieces(token) : []);
      for (var i = 0; i < candidates.length; i++) {
        var candidate = candidates[i];
        if (seen.has(candidate) || !Object.prototype.hasOwnProperty.call(index.codes, candidate)) { continue; }
        if (/^\d+$/.test(candidate) && !(flat === candidate ||
            CODE_CONTEXT.test(lower.slice(Math.max(0, m.index - 24), m.index)))) { continue; }
        seen.add(candidate);
        index.codes[candidate].forEach(addCode);
      }
    }
    ready.phraseCodes.forEach(function (code) {
      if (new RegExp("(?<![a-z0-9])" + escapeRegExp(code) + "(?![a-z0-9])").test(flat)) {
        index.codes[code].forEach(addCode);
      }
    });
    new Set(tokens(lower)).forEach(function (token) {
      if (Object.prototype.hasOwnProperty.call(index.aliases, token)) {
        index.aliases[token].forEach(function (e) { add(e, ALIAS, "alias"); });
      }
    });

    var present = new Set(words(lower));
    var best = new Map();
    var considered = sharingAWord(ready.messageWords, present);
    if (flat.length >= 16 && flat.length <= ready.longestMessage) {  // the paste may be a piece of a message
      index.messages.forEach(function (message, number) {
        if (message.x.indexOf(flat) !== -1) { considered.add(number); }
      });
    }
    ascending(considered).forEach(function (number) {
      var message = index.messages[number];
      var share = message.w.length ? overlap(message.w, present, index.idf) : 0.0;
      if ((share >= 0.5 && message.x.length >= 12 && flat.indexOf(message.x) !== -1) ||
          (flat.length >= 16 && message.x.indexOf(flat) !== -1)) { share = 1.0; }
      var previous = best.has(message.e) ? best.get(message.e)[0] : 0.0;
      if (share >= 0.5 && share > previous) { best.set(message.e, [share, message.a]); }
    });
    best.forEach(function (value, entry) { add(entry, MESSAGE * value[0], "message", value[1]); });
    var short = present.size <= SHORT_QUERY ? Array.from(present).sort() : [];
    ascending(sharingAWord(ready.titleWords, present)).forEach(function (entry) {
      var list = index.titles[entry];
      var share = overlap(list, present, index.idf);
      if (short.length) {
        var known = new Set(list.concat(index.entry_words[entry]));
        share = Math.max(share, overlap(short, known, index.idf));
      }
      if (share >= 0.6) { add(entry, TITLE * share, "title"); }
    });

    var statuses = new Set(lower.match(STATUS_WORD) || []);
    found.forEach(function (current) {
      if (index.entries[current.entry].h.some(function (status) { return statuses.has(String(status)); })) {
        current.score += STATUS;
        current.reasons.push("status");
      }
    });

    Object.keys(index.hints).forEach(function (service) {
      if (index.hints[service].some(function (hint) { return lower.indexOf(hint) !== -1; })) {
        found.forEach(function (current) {
          if (index.entries[current.entry].s === service) { current.score += HINT; current.reasons.push("hint"); }
        });
      }
    });

    function rounded(x) { return Math.round(x * 1e6) / 1e6; }
    var ranked = Array.from(found.values()).sort(function (a, b) {
      return (rounded(b.score) - rounded(a.score)) || (a.entry - b.entry);
    }).slice(0, limit);
    var foreign = index.foreign.some(function (marker) { return lower.indexOf(marker) !== -1; });
    // A code that is a plain phrase ("Connection reset") is everyone's error unless the paste names the service.
    var generic = ranked.length > 0 && !!index.entries[ranked[0].entry].w && ranked[0].reasons.indexOf("hint") === -1;
    var confident = ranked.length > 0 && !foreign && !generic && ranked[0].score >= CONFIDENT_SCORE &&
      (ranked.length === 1 || ranked[0].score - ranked[1].score >= CONFIDENT_MARGIN);
    return {
      confident: confident,
      matches: ranked.map(function (current) {
        var entry = index.entries[current.entry];
        return { service: entry.s, serviceName: entry.n, code: entry.c, title: entry.t,
                 url: entry.u + (current.anchor ? "#" + current.anchor : ""),
                 score: Math.round(current.score * 100) / 100 };
      })
    };
  }

  var DETAILS = [
    ["request_id", /(?:request[\s_-]?id|x-oss-request-id)["'\]\s]*[:=>]+\s*["']?([A-Za-z0-9][A-Za-z0-9-]{11,63})/i],
    ["ec", /(?:<EC>|x-oss-ec["'\s]*[:=]\s*["']?|["']EC["']\s*:\s*["']|\[EC\]:\s*)(\d{4}-\d{8})/i],
    ["privilege", /privilege\s+'([^']{1,80})'\s+on\s+\{?([^\s,}]{1,200})/i],
    ["request_time", /<RequestTime>([^<]{1,64})<\/RequestTime>/i],
    ["server_time", /<ServerTime>([^<]{1,64})<\/ServerTime>/i]
  ];

  function details(text) {
    text = text.slice(0, MAX_CHARS);
    var out = {};
    DETAILS.forEach(function (pair) {
      var found = pair[1].exec(text);
      if (!found) { return; }
      if (pair[0] === "privilege") { out.privilege = found[1]; out.object = found[2]; }
      else { out[pair[0]] = found[1].trim(); }
    });
    return out;
  }

  var LABELS = { request_id: "Request ID", ec: "EC detail code", privilege: "Missing privilege", object: "On",
                 request_time: "Request time", server_time: "Server time" };

  /* ---- The layer on Material's search box ---- */

  function base() {
    var config = document.getElementById("__config");
    var value = config ? JSON.parse(config.textContent).base : ".";
    return value.replace(/\/?$/, "/");
  }

  var loading = null;
  function loadIndex() {
    if (window.errdocsIndex) { return Promise.resolve(window.errdocsIndex); }
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = base() + "assets/errdocs-index.js";  // a script, not fetch(), so it also loads from file://
        script.onload = function () { resolve(window.errdocsIndex); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function render(query, result) {
    var container = document.querySelector(".md-search-result");
    if (!container) { return; }
    var block = container.querySelector(".errdocs-best");
    if (!block) {
      block = element("div", "errdocs-best");
      container.insertBefore(block, container.firstChild);
    }
    block.textContent = "";
    if (!query.trim() || !result.matches.length) { block.hidden = true; return; }
    block.hidden = false;
    block.appendChild(element("div", "errdocs-best__meta",
      result.confident ? "Best match for the pasted error" : "Possible matches for the pasted error"));
    var list = element("ol", "errdocs-best__list");
    result.matches.forEach(function (item) {
      var li = element("li", "errdocs-best__item");
      var link = element("a", "errdocs-best__link");
      link.href = base() + item.url;
      link.appendChild(element("span", "errdocs-best__code", item.code));
      link.appendChild(element("span", "errdocs-best__service", item.serviceName));
      link.appendChild(element("span", "errdocs-best__title", item.title));
      li.appendChild(link);
      list.appendChild(li);
    });
    block.appendChild(list);
    var facts = details(query);
    var keys = Object.keys(facts);
    if (keys.length) {
      var dl = element("dl", "errdocs-best__details");
      keys.forEach(function (key) {
        dl.appendChild(element("dt", null, LABELS[key] || key));
        dl.appendChild(element("dd", null, facts[key]));
      });
      if (facts.request_time && facts.server_time) {
        var skew = (Date.parse(facts.server_time) - Date.parse(facts.request_time)) / 60000;
        if (!isNaN(skew)) {
          dl.appendChild(element("dt", null, "Clock skew"));
          dl.appendChild(element("dd", null, Math.abs(skew).toFixed(1) + " minutes (" +
            (skew > 0 ? "client behind server" : "client ahead of server") + ")"));
        }
      }
      block.appendChild(dl);
    }
  }

  var pending = 0;
  function update(input) {
    var query = input.value, ticket = ++pending;
    loadIndex().then(function (index) {
      if (ticket !== pending) { return; }
      render(query, match(index, query, 5));
    });
  }

  // Past this length a query is a paste (a stack trace, a body), not words: Material's prose search
  // finds nothing useful in it and can spend seconds on it, so only the best-match block answers.
  var LONG_QUERY = 2000;

  function attach() {
    var input = document.querySelector("[data-md-component=search-query]");
    if (!input || input.dataset.errdocs) { return; }
    input.dataset.errdocs = "1";
    document.addEventListener("keyup", function (event) {
      if (event.target === input && input.value.length > LONG_QUERY) { event.stopPropagation(); }
    }, true);
    input.addEventListener("input", function (event) {
      update(input);
      // Material searches on key-up only; a paste with the mouse sends none.
      if (!(event instanceof KeyboardEvent) && input.value.length <= LONG_QUERY) {
        input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
      }
    });
    input.addEventListener("focus", function () {
      if (input.value) { update(input); }
      else { loadIndex().then(prepare); }  // ready before the paste that usually follows
    });
    // A `?q=` link: Material fills the box and opens the search without an input event.
    var linked = new URLSearchParams(window.location.search).get("q");
    if (linked) { setTimeout(function () { if (!input.value) { input.value = linked; } update(input); }, 100); }
    else if (input.value) { update(input); }
  }

  window.errdocsSearch = { match: match, details: details, tokens: tokens, loadIndex: loadIndex, base: base,
                          element: element };
  if (typeof document$ !== "undefined") { document$.subscribe(attach); }
  else { document.addEventListener("DOMContentLoaded", attach); }
})();
