// Resource tables (macros/resource_table.py): facet filters, free text, sort, a live count,
// and the filter state in the URL. Works on the server-rendered rows; does nothing elsewhere.
// The filter semantics mirror resource_table.matches(): any value within a facet, all facets
// and all words of the text. Plain ES5-style code for old browsers.
(function () {
  "use strict";
  var FACETS = ["category", "topic", "competency", "type", "audience"];
  var ATTR = { category: "category", topic: "topics", competency: "competencies", type: "type", audience: "audience" };
  var collator = window.Intl ? new Intl.Collator(undefined, { sensitivity: "base", numeric: true }) : null;

  function words(value) {
    return (value || "").split(/\s+/).filter(Boolean);
  }

  function readRows(table, lean) {
    var els = table.querySelectorAll(".pet-rows > li");
    var rows = [];
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      var heading = el.firstElementChild;
      var r = { el: el, id: heading.id, group: el.parentNode, section: el.parentNode.parentNode, shown: true, facets: {} };
      if (lean) {
        var p = lean.rows[i];
        r.facets = {
          category: [lean.ids.category[p[0]]], type: [lean.ids.type[p[1]]],
          topic: p[2].map(function (n) { return lean.ids.topic[n]; }),
          competency: p[3].map(function (n) { return lean.ids.competency[n]; }),
          audience: p[4].map(function (n) { return lean.ids.audience[n]; })
        };
        r.packed = p;
        r.year = p[5] || 0;
      } else {
        for (var f = 0; f < FACETS.length; f++) r.facets[FACETS[f]] = words(el.getAttribute("data-" + ATTR[FACETS[f]]));
        r.year = +el.getAttribute("data-year") || 0;
      }
      var aliases = el.querySelector(".pet-aliases");
      var publisher = el.querySelector(".pet-publisher");
      r.title = heading.textContent;
      // resource_table.search_text(): title, aliases, publisher, topic ids.
      r.text = [r.title, aliases ? aliases.textContent : "", publisher ? publisher.textContent : ""]
        .concat(r.facets.topic).join("\n").toLowerCase();
      rows.push(r);
    }
    return rows;
  }

  // Lean rows (very large catalogs) get their data-* attributes, topic and competency lines
  // and suggest-a-link links from the compact JSON, a slice at a time so the page stays responsive.
  function enrichLean(rows, lean) {
    var i = 0;
    function label(facet, n) { return lean.labels[facet][n]; }
    function slice() {
      var end = Math.min(rows.length, i + 400);
      for (; i < end; i++) {
        var r = rows[i], el = r.el, p = r.packed;
        el.setAttribute("data-resource-id", r.id);
        for (var f = 0; f < FACETS.length; f++) el.setAttribute("data-" + ATTR[FACETS[f]], r.facets[FACETS[f]].join(" "));
        if (p[2].length) addLine(el, "Topics: " + p[2].map(function (n) { return label("topic", n); }).join(", "));
        if (p[3].length) addLine(el, "Supports: " + p[3].map(function (n) { return label("competency", n); }).join(", "));
        var pending = el.querySelector(".pet-nolink");
        if (pending) {
          var a = document.createElement("a");
          a.className = "pet-suggest";
          a.href = lean.suggest.split("RESOURCE_ID").join(encodeURIComponent(r.id));
          a.textContent = "Suggest a link";
          pending.appendChild(document.createTextNode(" "));
          pending.appendChild(a);
        }
      }
      if (i < rows.length) setTimeout(slice, 0);
    }
    slice();
  }

  function addLine(el, text) {
    var p = document.createElement("p");
    p.textContent = text;
    el.appendChild(p);
  }

  function setup(table) {
    var form = table.querySelector("form.pet-filters");
    if (!form) return;
    var leanScript = table.querySelector("script.pet-lean");
    var lean = leanScript ? JSON.parse(leanScript.textContent) : null;
    var rows = readRows(table, lean);
    var count = table.querySelector(".pet-count");
    var empty = table.querySelector(".pet-empty");
    var sections = table.querySelectorAll(".pet-group");
    var useUrl = table.hasAttribute("data-url-state");
    var key = table.getAttribute("data-key");
    var q = form.querySelector("#" + key + "-q");
    var sort = form.querySelector("#" + key + "-sort");
    var flat = null;
    var sortedBy = "category";
    var extra = {}; // URL values without a checkbox (e.g. a competency no resource has yet)
    var total = rows.length;

    function selected() {
      var chosen = {};
      FACETS.forEach(function (facet) {
        var values = (extra[facet] || []).slice();
        var boxes = form.querySelectorAll('input[name="' + facet + '"]:checked');
        for (var i = 0; i < boxes.length; i++) values.push(boxes[i].value);
        if (values.length) chosen[facet] = values;
      });
      return chosen;
    }

    function matches(r, chosen, terms) {
      for (var facet in chosen) {
        var have = r.facets[facet], want = chosen[facet], ok = false;
        for (var i = 0; i < have.length && !ok; i++) ok = want.indexOf(have[i]) !== -1;
        if (!ok) return false;
      }
      for (var t = 0; t < terms.length; t++) if (r.text.indexOf(terms[t]) === -1) return false;
      return true;
    }

    function apply() {
      var chosen = selected();
      var terms = words(q.value.toLowerCase());
      var shown = 0;
      var perSection = new Map();
      for (var i = 0; i < rows.length; i++) {
        var r = rows[i];
        var ok = matches(r, chosen, terms);
        if (ok !== r.shown) { r.el.hidden = !ok; r.shown = ok; }
        if (ok) { shown++; perSection.set(r.section, true); }
      }
      for (var s = 0; s < sections.length; s++) {
        var hide = sortedBy !== "category" || !perSection.has(sections[s]);
        if (sections[s].hidden !== hide) sections[s].hidden = hide;
      }
      count.textContent = shown === total ? total + (total === 1 ? " resource" : " resources")
        : "Showing " + shown + " of " + total + " resources";
      empty.hidden = shown > 0;
      FACETS.forEach(function (facet) {
        var mark = form.querySelector('.pet-chosen[data-facet="' + facet + '"]');
        if (mark) mark.textContent = chosen[facet] ? "(" + chosen[facet].length + " chosen)" : "";
      });
      if (useUrl) saveUrl(chosen);
    }

    function order(by) {
      if (by === sortedBy) return;
      sortedBy = by;
      if (by === "category") {
        if (flat) flat.hidden = true;
        rows.forEach(function (r) { r.group.appendChild(r.el); }); // rows keep their page order
      } else {
        if (!flat) {
          flat = document.createElement("ul");
          flat.className = "pet-rows pet-flat";
          table.insertBefore(flat, sections.length ? sections[sections.length - 1].nextSibling : null);
        }
        var sorted = rows.slice().sort(function (a, b) {
          if (by === "year" && a.year !== b.year) return b.year - a.year;
          return collator ? collator.compare(a.title, b.title) : a.title < b.title ? -1 : 1;
        });
        var frag = document.createDocumentFragment();
        sorted.forEach(function (r) { frag.appendChild(r.el); });
        flat.appendChild(frag);
        flat.hidden = false;
      }
    }

    function saveUrl(chosen) {
      var params = new URLSearchParams(location.search);
      FACETS.concat(["q", "sort"]).forEach(function (name) { params.delete(name); });
      FACETS.forEach(function (facet) { (chosen[facet] || []).forEach(function (v) { params.append(facet, v); }); });
      if (q.value.trim()) params.set("q", q.value.trim());
      if (sortedBy !== "category") params.set("sort", sortedBy);
      var query = params.toString();
      history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }

    function loadUrl() {
      var params = new URLSearchParams(location.search);
      FACETS.forEach(function (facet) {
        var values = [];
        params.getAll(facet).forEach(function (v) { values = values.concat(v.split(",").map(function (x) { return x.trim(); }).filter(Boolean)); });
        extra[facet] = [];
        values.forEach(function (v) {
          var box = form.querySelector('input[name="' + facet + '"][value="' + (window.CSS && CSS.escape ? CSS.escape(v) : v) + '"]');
          if (box) box.checked = true; else extra[facet].push(v);
        });
      });
      if (params.get("q")) q.value = params.get("q");
      var s = params.get("sort");
      if (s && sort.querySelector('option[value="' + s + '"]')) sort.value = s;
    }

    if (useUrl) loadUrl();
    form.hidden = false;
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    q.addEventListener("input", apply);
    form.addEventListener("change", function (e) {
      if (e.target === sort) order(sort.value);
      if (e.target !== q) apply();
    });
    form.addEventListener("reset", function () {
      extra = {};
      // The form's fields change after this event: apply on the next tick.
      setTimeout(function () { order("category"); apply(); }, 0);
    });
    order(sort.value);
    apply();
    if (lean) enrichLean(rows, lean);
  }

  function init() {
    var tables = document.querySelectorAll(".pet-resource-table");
    for (var i = 0; i < tables.length; i++) setup(tables[i]);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
