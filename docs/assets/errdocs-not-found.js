/*
 * The 404 page's resolver. GitHub Pages serves one static 404.html for every missing path, so the
 * spellings of a code URL that no file can serve (any letter case, the code without its service,
 * `e/<CODE>`, a `.html` ending) are read here and sent to the canonical page, keeping the #anchor.
 * When the path names no code, the page lists what the paste search finds in it instead. A path under the
 * Chinese site (`zh/…`) is resolved the same way, to the Chinese pages, and the page speaks its language: the
 * words of each language come from the page (labels.py, through overrides/404.html).
 * Loaded only by overrides/404.html, after errdocs-search.js, whose index and matcher it reuses.
 */
(function () {
  "use strict";

  function slug(text) { return text.trim().replace(/\s+/g, "-").toLowerCase(); }

  function basePath() {
    return new URL(window.errdocsSearch.base(), window.location.href).pathname;
  }

  /* The path's segments after the site's base, decoded, without `index.html`, `.html` or `.md`. */
  function segments(pathname, base) {
    var rest = pathname.indexOf(base) === 0 ? pathname.slice(base.length) : pathname.replace(/^\//, "");
    return rest.split("/").map(function (part) {
      try { part = decodeURIComponent(part); } catch (error) { /* keep it as written */ }
      return part.replace(/(?:index)?\.(?:html?|md)$/i, "");
    }).filter(function (part) { return part !== ""; });
  }

  /* What a missing path means: {page}, {choices} when a code lives in several services, or {search}. */
  function resolve(index, pathname, base) {
    var parts = segments(pathname, base);
    var services = {}, bySlug = {};
    index.entries.forEach(function (entry) { services[entry.s] = entry.u.split("/")[0] + "/"; });
    Object.keys(index.codes).forEach(function (code) {
      index.codes[code].forEach(function (e) {
        var list = bySlug[slug(code)] = bySlug[slug(code)] || [];
        if (list.indexOf(e) === -1) { list.push(e); }
      });
    });
    if (!parts.length) { return { search: "" }; }
    var service = parts[0].toLowerCase();
    if (service === "e") { parts = parts.slice(1); service = null; }
    else if (!(service in services)) { service = null; }
    else { parts = parts.slice(1); }
    if (service && !parts.length) { return { page: services[service] }; }
    var wanted = slug(parts.join(" ").replace(/^errorcode=/i, ""));
    var found = bySlug[wanted] || [];
    if (!found.length) {
      // `no-such-bucket` for NoSuchBucket: the same letters, split differently.
      var squeezed = wanted.replace(/[-_.]/g, "");
      Object.keys(bySlug).forEach(function (key) {
        if (key.replace(/[-_.]/g, "") === squeezed) { found = found.concat(bySlug[key]); }
      });
    }
    var inService = found.filter(function (e) { return index.entries[e].s === service; });
    if (inService.length) { found = inService; }
    if (found.length === 1) { return { page: index.entries[found[0]].u }; }
    if (found.length > 1) { return { choices: found.map(function (e) { return index.entries[e]; }) }; }
    var words = parts.join(" ").replace(/[-_]+/g, " ");
    return { search: service ? service + " " + words : words };
  }

  function element(tag, text) { return window.errdocsSearch.element(tag, null, text); }

  /* A paragraph of `template`, whose `{name}` parts are the given elements (links), the rest text. */
  function sentence(template, parts) {
    var p = element("p");
    template.split(/(\{[a-z]+\})/).forEach(function (piece) {
      var name = /^\{([a-z]+)\}$/.exec(piece);
      if (name && parts[name[1]]) { p.appendChild(parts[name[1]]); }
      else if (piece) { p.appendChild(document.createTextNode(piece)); }
    });
    return p;
  }

  function list(base, entries) {
    var ol = window.errdocsSearch.element("ol", "errdocs-not-found__list");
    entries.forEach(function (entry) {
      var link = element("a", entry.c + " · " + entry.n + ": " + entry.t);
      link.href = base + entry.u + (entry.u.indexOf("#") === -1 ? window.location.hash : "");
      var li = element("li");
      li.appendChild(link);
      ol.appendChild(li);
    });
    return ol;
  }

  function show(box, base, index, result, words) {
    if (result.page) {
      window.location.replace(base + result.page + window.location.hash);
      return;
    }
    box.textContent = "";
    if (result.choices) {
      box.appendChild(element("p", words.several));
      box.appendChild(list(base, result.choices));
      return;
    }
    box.appendChild(element("p", words.nothing));
    var found = result.search ? window.errdocsSearch.match(index, result.search, 5) : { matches: [] };
    if (found.matches.length) {
      box.appendChild(element("p", found.confident ? words.confident : words.possible));
      box.appendChild(list(base, found.matches.map(function (m) {
        return { c: m.code, n: m.serviceName, t: m.title, u: m.url };
      })));
    }
    var search = element("a", result.search ? words.search_for.replace("{query}", result.search) : words.search);
    search.href = base + (result.search ? "?q=" + encodeURIComponent(result.search) : "");
    var home = element("a", words.home);
    home.href = base;
    box.appendChild(sentence(words.browse, { search: search, home: home }));
  }

  /* The words of the language whose folder the path is under (`zh/`), else the page's own, shown at once. */
  function speak(root) {
    var all = JSON.parse(document.getElementById("errdocs-not-found-words").textContent);
    var words = (root && all.roots[root]) || all.page;
    var title = document.getElementById("errdocs-not-found-title");
    if (title && words.lang !== document.documentElement.lang) {
      [title, box].forEach(function (node) { node.lang = words.lang; });
      title.textContent = words.title;
      box.textContent = "";
      box.appendChild(element("p", words.intro));
    }
    return words;
  }

  window.errdocsNotFound = { resolve: resolve, segments: segments };
  var box = document.getElementById("errdocs-not-found");
  if (!box || !window.errdocsSearch) { return; }
  var base = basePath();
  // A path under another language's site (`zh/…`, the roots that link.LANGUAGES declares and 404.html lists)
  // resolves to that language's page: the same paths under its root.
  var roots = (box.getAttribute("data-language-roots") || "").split(" ").filter(Boolean);
  var path = window.location.pathname, written = base, language = "";
  var root = path.indexOf(base) === 0 && /^[^\/]+\//.exec(path.slice(base.length));
  if (root && roots.indexOf(root[0].toLowerCase()) !== -1) {
    written = base + root[0];  // as the path spells it (`ZH/`), to read the rest of the path
    language = root[0].toLowerCase();
    base += language;  // as the site publishes it, for the links
  }
  var words = speak(language);
  window.errdocsSearch.loadIndex().then(function (index) {
    show(box, base, index, resolve(index, path, written), words);
  });
})();
