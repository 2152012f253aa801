/* Filter and sort the code tables of service pages. Runs on every page load, including Material's
   instant navigation (document$), and does nothing on pages without such a table. Sorting is tablesort's
   (vendored, docs/assets/vendor/), which sets aria-sort on the real header cells. The filter sits above the
   table, outside its scrolling box, and says how many codes it shows in a polite live region. Its words, in the
   page's language, are data attributes of the table's block (pages.py, from labels.py). */
(function () {
  function filled(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function label(words, shown, total, query) {
    var template = !query ? words.codesCount : shown === 0 ? words.codesNone : words.codesShown;
    return filled(template, { shown: shown, total: total, query: query });
  }

  function enhance(block) {
    var table = block.querySelector("table");
    if (!table || table.dataset.errdocs) { return; }
    table.dataset.errdocs = "1";
    var words = block.dataset;
    var body = table.tBodies[0];
    var total = body.rows.length;
    var bar = document.createElement("div");
    bar.className = "errdocs-filter-bar";
    var input = document.createElement("input");
    input.type = "search";
    input.className = "errdocs-filter";
    input.placeholder = words.filterPlaceholder;
    input.setAttribute("aria-label", words.filterLabel);
    var count = document.createElement("p");
    count.className = "errdocs-filter-count";
    count.setAttribute("role", "status");  // a polite live region: read out when the count changes
    count.textContent = label(words, total, total, "");
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
      count.textContent = label(words, shown, total, query);
      block.classList.toggle("errdocs-codes--empty", shown === 0);
    });
    // The HTTP status column sorts by its first status; a code without one sorts first.
    var header = table.tHead.rows[0].cells[1];
    if (header && header.textContent.trim() === words.httpStatus) {
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

/* Material's search overlay is a dialog without a name; screen readers announce it by the name Material gives
   its search options, in the page's language ("Search", "查找"). */
(function () {
  function name() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    var options = dialog && dialog.querySelector(".md-search__options[aria-label]");
    if (options && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", options.getAttribute("aria-label"));
    }
  }
  if (typeof document$ !== "undefined") { document$.subscribe(name); } else { document.addEventListener("DOMContentLoaded", name); }
})();

/* "Copy link" on code pages: copies the published address of the page or of one message, so a link
   pasted into a runbook points at the hosted site even when read from a local or offline copy. The button says
   so for two seconds in the page's language (its data-link-copied, from labels.py), then shows its own words
   again. */
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
    var words = button.dataset.label || button.textContent;
    button.dataset.label = words;  // a second click within the two seconds keeps the button's own words
    copy(url).then(function () {
      button.textContent = button.dataset.linkCopied;
      button.classList.add("errdocs-copy-link--done");
      setTimeout(function () {
        button.textContent = words;
        button.classList.remove("errdocs-copy-link--done");
      }, 2000);
    }, function () {
      button.textContent = url;  // the reader can still select it by hand
    });
  });
})();
