// Filter box and sortable columns for tables inside <div class="filterable">.
// Plain DOM code shipped with the site: no library, no network.
(function () {
  "use strict";

  function cellValue(row, index) {
    var cell = row.cells[index];
    var text = cell ? cell.textContent.trim() : "";
    var number = Number(text.replace(/[%,]/g, ""));
    return text !== "" && !isNaN(number) ? number : text.toLowerCase();
  }

  function makeSortable(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      th.setAttribute("role", "button");
      th.setAttribute("tabindex", "0");
      th.setAttribute("aria-sort", "none");
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index), y = cellValue(b, index);
          var order = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); }
      });
    });
  }

  function addFilter(box) {
    var table = box.querySelector("table");
    if (!table || box.querySelector("input.table-filter")) { return; }
    var input = document.createElement("input");
    input.type = "search";
    input.className = "table-filter md-input";
    input.placeholder = box.getAttribute("data-filter-label") || "Filter";
    input.setAttribute("aria-label", input.placeholder);
    var count = document.createElement("span");
    count.className = "table-filter-count";
    count.setAttribute("aria-live", "polite");
    box.insertBefore(count, box.firstChild);
    box.insertBefore(input, box.firstChild);
    var rows = table.tBodies[0] ? table.tBodies[0].rows : [];
    function apply() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      Array.prototype.forEach.call(rows, function (row) {
        var text = row.textContent.toLowerCase();
        var match = words.every(function (w) { return text.indexOf(w) !== -1; });
        row.hidden = !match;
        if (match) { shown += 1; }
      });
      count.textContent = shown + " / " + rows.length;
    }
    input.addEventListener("input", apply);
    apply();
    makeSortable(table);
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("div.filterable"), addFilter);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
