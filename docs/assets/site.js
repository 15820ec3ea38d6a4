// Filter box and sortable columns for tables inside <div class="filterable">, the
// language switch that stays on the same page, and Mermaid from our own copy.
// Plain DOM code shipped with the site: no library, no network.
(function () {
  "use strict";

  var FILTER_PARAM = "filter";

  // Material (and Zensical) draw ```mermaid blocks with window.mermaid and fetch it from
  // unpkg.com when it is missing. This stand-in answers their two calls and loads the
  // vendored copy on first use: the site works offline, and pages without a diagram
  // never load the 3.5 MB library.
  var self = document.currentScript && document.currentScript.src;
  if (self && typeof window.mermaid === "undefined") {
    var settings = {};
    var loading = null;
    var load = function () {
      loading = loading || new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL("vendor/mermaid/mermaid.min.js", self).href;
        script.onload = function () { resolve(window.mermaid); };
        script.onerror = function () { reject(new Error("cannot load " + script.src)); };
        document.head.appendChild(script);
      }).then(function (real) { real.initialize(settings); return real; });
      return loading;
    };
    window.mermaid = {
      initialize: function (config) { settings = config || {}; },
      render: function (id, text) {
        return load().then(function (real) { return real.render(id, text); });
      },
      registerIconPacks: function (packs) {
        load().then(function (real) { real.registerIconPacks(packs); });
      }
    };
  }

  // Material's language selector leads to the other language's home page unless the site
  // has a site_url; both builds have the same page paths, so lead to the same page (or,
  // should a hand-written page exist in one language only, to that language's home).
  function keepPage() {
    var config = document.getElementById("__config");
    if (!config) { return; }
    var base = new URL(JSON.parse(config.textContent).base + "/", location.href).href;
    var here = location.href.split("#")[0].split("?")[0];
    if (here.indexOf(base) !== 0) { return; }
    var path = here.slice(base.length);
    Array.prototype.forEach.call(document.querySelectorAll("a.md-select__link[hreflang]"),
      function (link) {
        if (link.hasAttribute("data-same-page")) { return; }
        var home = link.href;
        var target = new URL(path, home).href;
        link.href = target;
        link.setAttribute("data-same-page", "");
        link.addEventListener("click", function (event) {
          if (event.metaKey || event.ctrlKey || event.shiftKey || event.button) { return; }
          event.stopPropagation();  // Material's own handler would go to the home page
          event.preventDefault();
          fetch(target, { method: "HEAD" }).then(function (response) {
            location.href = response.ok ? target : home;
          }, function () { location.href = target; });
        });
      });
  }

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
    // cases/?filter=C-2025-0001 opens the index filtered (case pages are not in the site
    // search). Not ?q=: Material opens its search overlay for that one.
    var query = new URLSearchParams(location.search).get(FILTER_PARAM);
    if (query) { input.value = query; }
    apply();
    makeSortable(table);
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("div.filterable"), addFilter);
    keepPage();
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
