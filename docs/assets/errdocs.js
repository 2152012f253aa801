/* Filter and sort the code tables of service pages. Runs on every page load, including Material's
   instant navigation (document$), and does nothing on pages without such a table. Sorting is tablesort's
   (vendored, docs/assets/vendor/), which sets aria-sort on the real header cells. The filter sits above the
   table, outside its scrolling box, and says how many codes it shows in a polite live region. */
(function () {
  function label(shown, total, query) {
    if (!query) { return total + " codes"; }
    if (shown === 0) { return "No codes match \u201c" + query + "\u201d (0 of " + total + ")."; }
    return shown + " of " + total + " codes";
  }

  function enhance(block) {
    var table = block.querySelector("table");
    if (!table || table.dataset.errdocs) { return; }
    table.dataset.errdocs = "1";
    var body = table.tBodies[0];
    var total = body.rows.length;
    var bar = document.createElement("div");
    bar.className = "errdocs-filter-bar";
    var input = document.createElement("input");
    input.type = "search";
    input.className = "errdocs-filter";
    input.placeholder = "Filter this table (code, status, message\u2026)";
    input.setAttribute("aria-label", "Filter codes");
    var count = document.createElement("p");
    count.className = "errdocs-filter-count";
    count.setAttribute("role", "status");  // a polite live region: read out when the count changes
    count.textContent = label(total, total, "");
    bar.appendChild(input);
    bar.appendChild(count);
    block.parentNode.insertBefore(bar, block);
    input.addEventListener("input", function () {
      var query = input.value.trim();
      var terms = query.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      Array.prototype.forEach.call(body.rows, function (row) {
        var haystack = row.textContent.toLowerCase();
        row.hidden = !terms.every(function (t) { return haystack.indexOf(t) !== -1; });
        if (!row.hidden) { shown += 1; }
      });
      count.textContent = label(shown, total, query);
      block.classList.toggle("errdocs-codes--empty", shown === 0);
    });
    // The HTTP status column sorts by its first status; a code without one sorts first.
    var header = table.tHead.rows[0].cells[1];
    if (header && /status/i.test(header.textContent)) {
      header.setAttribute("data-sort-method", "number");
      Array.prototype.forEach.call(body.rows, function (row) {
        row.cells[1].setAttribute("data-sort", String(parseFloat(row.cells[1].textContent) || 0));
      });
    }
    if (typeof Tablesort !== "undefined") { new Tablesort(table); }
  }

  function run() {
    Array.prototype.forEach.call(document.querySelectorAll(".errdocs-codes"), enhance);
  }

  if (typeof document$ !== "undefined") { document$.subscribe(run); } else { document.addEventListener("DOMContentLoaded", run); }
})();

/* Material's search overlay is a dialog without a name; screen readers announce it as "Search". */
(function () {
  function name() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) { dialog.setAttribute("aria-label", "Search"); }
  }
  if (typeof document$ !== "undefined") { document$.subscribe(name); } else { document.addEventListener("DOMContentLoaded", name); }
})();

/* "Copy link" on code pages: copies the published address of the page or of one message, so a link
   pasted into a runbook points at the hosted site even when read from a local or offline copy. */
(function () {
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) { return navigator.clipboard.writeText(text); }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var done = document.execCommand("copy");
    document.body.removeChild(area);
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".errdocs-copy-link");
    if (!button) { return; }
    var url = button.dataset.url;
    if (!url) {  // no published address known: this copy's own
      var anchor = button.closest(".errdocs-message");
      url = window.location.href.split("#")[0] + (anchor ? "#" + anchor.id : "");
    }
    copy(url).then(function () {
      button.textContent = "Link copied";
      button.classList.add("errdocs-copy-link--done");
      setTimeout(function () {
        button.textContent = "Copy link";
        button.classList.remove("errdocs-copy-link--done");
      }, 2000);
    }, function () {
      button.textContent = url;  // the reader can still select it by hand
    });
  });
})();
