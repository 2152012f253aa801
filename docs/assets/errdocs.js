/* Filter and sort the code tables of service pages. Runs on every page load, including
   Material's instant navigation (document$), and does nothing on pages without such a table. */
(function () {
  function text(cell) { return (cell.textContent || "").trim(); }

  function compare(a, b) {
    var na = parseFloat(a), nb = parseFloat(b);
    if (!isNaN(na) && !isNaN(nb)) { return na - nb; }
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
  }

  function enhance(table) {
    if (table.dataset.errdocs) { return; }
    table.dataset.errdocs = "1";
    var body = table.tBodies[0];
    var input = document.createElement("input");
    input.type = "search";
    input.className = "errdocs-filter";
    input.placeholder = "Filter this table (code, status, message…)";
    input.setAttribute("aria-label", "Filter codes");
    table.parentNode.insertBefore(input, table);
    input.addEventListener("input", function () {
      var terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(body.rows, function (row) {
        var haystack = row.textContent.toLowerCase();
        row.hidden = !terms.every(function (t) { return haystack.indexOf(t) !== -1; });
      });
    });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
      th.setAttribute("role", "button");
      th.tabIndex = 0;
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var result = compare(text(r1.cells[column]), text(r2.cells[column]));
          return ascending ? result : -result;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); } });
    });
  }

  function run() {
    Array.prototype.forEach.call(document.querySelectorAll(".errdocs-codes table"), enhance);
  }

  if (typeof document$ !== "undefined") { document$.subscribe(run); } else { document.addEventListener("DOMContentLoaded", run); }
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
