/*
 * The 404 page's resolver. GitHub Pages serves one static 404.html for every missing path, so the
 * spellings of a code URL that no file can serve (any letter case, the code without its service,
 * `e/<CODE>`, a `.html` ending) are read here and sent to the canonical page, keeping the #anchor.
 * When the path names no code, the page lists what the paste search finds in it instead. A path under the
 * Chinese site (`zh/…`) is resolved the same way, to the Chinese pages.
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

  function show(box, base, index, result) {
    if (result.page) {
      window.location.replace(base + result.page + window.location.hash);
      return;
    }
    box.textContent = "";
    if (result.choices) {
      box.appendChild(element("p", "This code exists in several services. Which one did you mean?"));
      box.appendChild(list(base, result.choices));
      return;
    }
    box.appendChild(element("p", "Nothing is published at this address."));
    var found = result.search ? window.errdocsSearch.match(index, result.search, 5) : { matches: [] };
    if (found.matches.length) {
      box.appendChild(element("p", found.confident ? "It looks like this error:" : "Pages that may match:"));
      box.appendChild(list(base, found.matches.map(function (m) {
        return { c: m.code, n: m.serviceName, t: m.title, u: m.url };
      })));
    }
    var search = element("a", result.search ? "Search the site for “" + result.search + "”" : "Search the site");
    search.href = base + (result.search ? "?q=" + encodeURIComponent(result.search) : "");
    var p = element("p");
    p.appendChild(search);
    p.appendChild(document.createTextNode(", or browse the services from the "));
    var home = element("a", "home page");
    home.href = base;
    p.appendChild(home);
    p.appendChild(document.createTextNode("."));
    box.appendChild(p);
  }

  window.errdocsNotFound = { resolve: resolve, segments: segments };
  var box = document.getElementById("errdocs-not-found");
  if (!box || !window.errdocsSearch) { return; }
  var base = basePath();
  // A path under another language's site (`zh/…`, the roots that link.LANGUAGES declares and 404.html lists)
  // resolves to that language's page: the same paths under its root.
  var roots = (box.getAttribute("data-language-roots") || "").split(" ").filter(Boolean);
  var path = window.location.pathname, written = base;
  var root = path.indexOf(base) === 0 && /^[^\/]+\//.exec(path.slice(base.length));
  if (root && roots.indexOf(root[0].toLowerCase()) !== -1) {
    written = base + root[0];  // as the path spells it (`ZH/`), to read the rest of the path
    base += root[0].toLowerCase();  // as the site publishes it, for the links
  }
  window.errdocsSearch.loadIndex().then(function (index) {
    show(box, base, index, resolve(index, path, written));
  });
})();
