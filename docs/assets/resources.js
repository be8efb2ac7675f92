// Resource tables (macros/pet_generator/site/resource_table.py): facet filters, free text, sort, a live count,
// and the filter state in the URL. Works on the server-rendered rows; does nothing elsewhere.
// The filter semantics mirror resource_table.matches(): any value within a facet, all facets
// and all words of the text. The facets are the page's: the table names them (data-facets,
// from the schemas) and each row carries its values as data-<facet>. Plain ES5-style code
// for old browsers.
(function () {
  "use strict";
  // Each list on a page names this script; the first copy sets up every list.
  if (window.petResourceTables) return;
  window.petResourceTables = true;
  var collator = window.Intl ? new Intl.Collator(undefined, { sensitivity: "base", numeric: true }) : null;

  var words = window.pet.words;

  // An element's text without the publisher's status note ("(now: …)"), which the filter
  // and the web search leave out, as resource_table.search_text() does.
  function ownText(el) {
    var note = el.querySelector(".pet-publisher-status");
    if (!note) return el.textContent;
    var copy = el.cloneNode(true);
    copy.querySelector(".pet-publisher-status").remove();
    return copy.textContent.replace(/\s+$/, "");
  }

  function readRows(table, lean, facets) {
    var els = table.querySelectorAll(".pet-rows > li");
    var rows = [];
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      var heading = el.firstElementChild;
      var r = { el: el, id: heading.id, group: el.parentNode, section: el.parentNode.parentNode, shown: true, facets: {}, year: 0 };
      var aliases = el.querySelector(".pet-aliases");
      var publisher = null;
      if (lean) {
        // A lean row's publisher is its one <p> without a class that is not the aliases line.
        for (var p = heading.nextElementSibling; p; p = p.nextElementSibling) {
          if (!p.className && !p.querySelector(".pet-aliases")) publisher = r.line = p;
        }
      } else {
        for (var f = 0; f < facets.length; f++) r.facets[facets[f]] = words(el.getAttribute("data-" + facets[f]));
        r.year = +el.getAttribute("data-year") || 0;
      }
      r.title = heading.textContent;
      r.words = [r.title, aliases ? aliases.textContent : "", publisher ? ownText(publisher) : ""];
      if (!lean) {
        // Full rows show every field the filter looks in: read them (a facet line without its
        // lead words, "Topics: " and the like).
        [".pet-meta", ".pet-row-summary"].forEach(function (sel) {
          var line = el.querySelector(sel);
          if (line) r.words.push(ownText(line));
        });
        el.querySelectorAll(".pet-facet-line").forEach(function (line) { r.words.push(line.textContent.replace(/^[^:]*:\s*/, "")); });
        r.text = r.words.join("\n").toLowerCase();
      }
      rows.push(r);
    }
    return rows;
  }

  // resource_table.search_text() for a lean row: what the page has (title, aliases, publisher)
  // and what its data adds (the year and the labels of the facets a row shows); lean rows
  // carry no summary (ADR 0003).
  function leanText(r, lean, label) {
    var extra = [r.year ? String(r.year) : ""];
    shownFacets(lean).forEach(function (facet) {
      r.facets[facet].forEach(function (id) { extra.push(label[facet][id]); });
    });
    return r.words.concat(extra).join("\n").toLowerCase();
  }

  // The facets a row shows as text: those after the year (lean.meta), then one per line (lean.lines).
  function shownFacets(lean) {
    return lean.meta.concat(lean.lines.map(function (line) { return line[0]; }));
  }

  function labelMaps(lean) {
    var label = {};
    shownFacets(lean).forEach(function (facet) {
      label[facet] = {};
      lean.values[facet].forEach(function (id, n) { label[facet][id] = lean.labels[facet][n]; });
    });
    return label;
  }

  // Lean rows (very large catalogs, ADR 0003): the facets arrive as columns of codes, from
  // the page or, once the build has moved them, from a file fetched at the first interaction.
  function loadLean(script) {
    var src = script.getAttribute("data-src");
    if (!src) return new Promise(function (resolve) { resolve(JSON.parse(script.textContent)); });
    return fetch(src).then(function (response) {
      if (!response.ok) throw new Error(src + ": " + response.status);
      return response.json();
    });
  }

  // resource_table.lean_data(): a column per facet and one for the year, an entry per row in
  // page order: an index into lean.values, a list of them, or null. False if they do not fit.
  function unpack(rows, lean, facets) {
    function decode(name, i) {
      var cell = lean.rows[name][i], ids = lean.values[name];
      if (cell === null) return [];
      return typeof cell === "number" ? [ids[cell]] : cell.map(function (n) { return ids[n]; });
    }
    for (var name in lean.rows) if (lean.rows[name].length !== rows.length) return false;
    var label = labelMaps(lean);
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      for (var f = 0; f < facets.length; f++) r.facets[facets[f]] = decode(facets[f], i);
      r.year = decode("year", i)[0] || 0;
      r.text = leanText(r, lean, label);
    }
    return true;
  }

  // Then each lean row gets what a full row has: its data-* attributes, the year and type
  // after the publisher, the topics and competencies lines and the web-search link,
  // a slice at a time so the page stays responsive.
  function enrichLean(rows, lean, facets, t) {
    var i = 0, label = labelMaps(lean);
    function labels(r, facet) { return r.facets[facet].map(function (id) { return label[facet][id]; }).join(", "); }
    function slice() {
      var end = Math.min(rows.length, i + 400);
      for (; i < end; i++) {
        var r = rows[i], el = r.el;
        el.setAttribute("data-resource-id", r.id);
        for (var f = 0; f < facets.length; f++) el.setAttribute("data-" + facets[f], r.facets[facets[f]].join(" "));
        if (r.year) el.setAttribute("data-year", r.year);
        addMeta(r, [r.year ? String(r.year) : ""].concat(lean.meta.map(function (f) { return labels(r, f); })).filter(Boolean).join(" · "));
        for (var l = 0; l < lean.lines.length; l++) {
          if (r.facets[lean.lines[l][0]].length) addLine(el, lean.lines[l][1] + labels(r, lean.lines[l][0]));
        }
        var pending = el.querySelector(".pet-nolink");
        if (pending && lean.search) pending.appendChild(webSearch(lean, r, t));
      }
      if (i < rows.length) setTimeout(slice, 0);
    }
    setTimeout(slice, 0); // after the filter that asked for the data has run
  }

  // resource_table._web_search_link(), for a lean row.
  function webSearch(lean, r, t) {
    var frag = document.createDocumentFragment();
    var a = document.createElement("a");
    var query = r.title + " " + r.words[2]; // the publisher, read before addMeta() extends its line
    a.className = "pet-websearch";
    a.rel = "noopener noreferrer";
    // As Python's quote(safe=""): encodeURIComponent leaves !'()* as they are.
    a.href = lean.search + encodeURIComponent(query.replace(/\s+/g, " ").trim()).replace(/[!'()*]/g, function (c) {
      return "%" + c.charCodeAt(0).toString(16).toUpperCase();
    });
    a.textContent = t("link.web_search");
    var note = document.createElement("span");
    note.className = "pet-leaves";
    note.textContent = " (" + t("link.leaves_site_named", { name: lean.search_name }) + ")";
    a.appendChild(note);
    frag.appendChild(document.createTextNode(" "));
    frag.appendChild(a);
    return frag;
  }

  // "Publisher · year · type", as a full row has it.
  function addMeta(r, tail) {
    var p = r.line;
    if (p) {
      var span = document.createElement("span");
      span.className = "pet-publisher";
      while (p.firstChild) span.appendChild(p.firstChild);
      p.appendChild(span);
      if (tail) p.appendChild(document.createTextNode(" · " + tail));
    } else {
      p = document.createElement("p");
      p.textContent = tail;
      r.el.insertBefore(p, r.el.firstElementChild.nextSibling); // right after the title, as in a full row
    }
  }

  function addLine(el, text) {
    var p = document.createElement("p");
    p.className = "pet-facet-line";
    p.textContent = text;
    el.appendChild(p);
  }

  // "(2 chosen)" for screen readers, "(2)" on screen: short enough never to wrap the
  // facet's heading and move the controls below it.
  function chosenMark(mark, n, t) {
    mark.textContent = "";
    if (!n) return;
    var hidden = document.createElement("span");
    hidden.className = "pet-visually-hidden";
    hidden.textContent = " " + t("list.chosen");
    mark.appendChild(document.createTextNode("(" + n));
    mark.appendChild(hidden);
    mark.appendChild(document.createTextNode(")"));
  }

  function setup(table) {
    var form = table.querySelector("form.pet-filters");
    if (!form) return;
    // The words this list's script shows, from the page (resource_table.SCRIPT_MESSAGES).
    var t = window.pet.messages("pet-words-" + table.getAttribute("data-key"));
    var box = form.closest(".pet-filterbox") || form;
    var leanScript = table.querySelector("script.pet-lean");
    var facets = words(table.getAttribute("data-facets"));
    var rows = readRows(table, !!leanScript, facets);
    var ready = !leanScript, loading = null;
    var count = table.querySelector(".pet-count");
    var empty = table.querySelector(".pet-empty");
    var sections = table.querySelectorAll(".pet-group");
    var useUrl = table.hasAttribute("data-url-state");
    var key = table.getAttribute("data-key");
    var q = form.querySelector("#" + key + "-q");
    var sort = form.querySelector("#" + key + "-sort");
    var flat = null;
    var listed = sort.options[0].value; // the list's own order (by its grouping facet): the page's
    var sortedBy = listed;
    var extra = {}; // URL values without a checkbox (e.g. a competency no resource has yet)
    var total = rows.length;
    var share = table.querySelector(".pet-share");

    // "Competency: Supportive Managers…; Resource type: Guide; words “x”": which filters are on,
    // from the boxes' own labels, so a shared link says what it shows (issue 25, part 5).
    function describe(chosen, terms) {
      var parts = [];
      facets.forEach(function (facet) {
        if (!chosen[facet]) return;
        var boxes = Array.prototype.filter.call(form.querySelectorAll("input"), function (x) { return x.name === facet; });
        var fieldset = boxes.length ? boxes[0].closest("fieldset") : null;
        var legend = fieldset ? fieldset.querySelector("legend") : null;
        var names = chosen[facet].map(function (v) {
          var b = boxes.filter(function (x) { return x.value === v; })[0];
          return b ? b.parentNode.textContent.trim() : v;
        });
        parts.push(t("list.filter", { facet: legend ? legend.textContent.trim() : facet, values: names.join(" " + t("list.or") + " ") }));
      });
      if (terms.length) parts.push(t("list.filter_words", { words: terms.join(" ") }));
      return parts.join("; ");
    }

    function showShare(chosen, terms, shown) {
      if (!share) return;
      var what = describe(chosen, terms);
      share.hidden = !what;
      share.querySelector(".pet-active").textContent = what ? t("list.showing_for", { shown: shown, total: total, filters: what }) : "";
    }

    // The link is copied with the Clipboard API; where it is refused (an old browser, a page
    // opened from a file) the address is selected in a field, ready for Ctrl+C.
    function copyLink() {
      var status = share.querySelector(".pet-copy-status");
      var url = location.href;
      function manual() {
        var field = share.querySelector("input.pet-copy-field");
        if (!field) {
          field = document.createElement("input");
          field.className = "pet-copy-field";
          field.readOnly = true;
          field.setAttribute("aria-label", t("list.copy_field"));
          status.parentNode.insertBefore(field, status);
        }
        field.value = url;
        field.focus();
        field.select();
        status.textContent = t("list.copy_refused");
      }
      status.textContent = "";
      if (!navigator.clipboard || !navigator.clipboard.writeText) { manual(); return; }
      navigator.clipboard.writeText(url).then(function () { status.textContent = t("list.copied"); }, manual);
    }
    if (share) share.querySelector(".pet-copy-link").addEventListener("click", copyLink);

    function selected() {
      var chosen = {};
      facets.forEach(function (facet) {
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
        var hide = sortedBy !== listed || !perSection.has(sections[s]);
        if (sections[s].hidden !== hide) sections[s].hidden = hide;
      }
      count.textContent = shown === total ? t("resources.count", { count: total }) : t("list.showing", { shown: shown, total: total });
      empty.hidden = shown > 0;
      showShare(chosen, terms, shown);
      facets.forEach(function (facet) {
        var mark = form.querySelector('.pet-chosen[data-facet="' + facet + '"]');
        if (mark) chosenMark(mark, chosen[facet] ? chosen[facet].length : 0, t);
      });
      if (useUrl) saveUrl(chosen);
    }

    function order(by) {
      if (by === sortedBy) return;
      sortedBy = by;
      if (by === listed) {
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
      facets.concat(["q", "sort"]).forEach(function (name) { params.delete(name); });
      facets.forEach(function (facet) { (chosen[facet] || []).forEach(function (v) { params.append(facet, v); }); });
      if (q.value.trim()) params.set("q", q.value.trim());
      if (sortedBy !== listed) params.set("sort", sortedBy);
      var query = params.toString();
      history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }

    function loadUrl() {
      var params = new URLSearchParams(location.search);
      facets.forEach(function (facet) {
        var values = [];
        params.getAll(facet).forEach(function (v) { values = values.concat(v.split(",").map(function (x) { return x.trim(); }).filter(Boolean)); });
        extra[facet] = [];
        // Values from the address are compared, never put into a selector (?sort=%22%5D threw).
        var boxes = Array.prototype.filter.call(form.querySelectorAll("input"), function (b) { return b.name === facet; });
        values.forEach(function (v) {
          var box = boxes.filter(function (b) { return b.value === v; })[0];
          if (box) box.checked = true; else extra[facet].push(v);
        });
      });
      if (params.get("q")) q.value = params.get("q");
      var s = params.get("sort");
      if (s && Array.prototype.some.call(sort.options, function (o) { return o.value === s; })) sort.value = s;
    }

    // Runs fn once the rows' facets are known: at once for full rows; lean rows load theirs first.
    function whenReady(fn) {
      if (ready) return fn();
      if (!loading) {
        loading = loadLean(leanScript).then(function (lean) {
          if (!unpack(rows, lean, facets)) throw new Error("the list's facet data does not match its rows");
          ready = true;
          enrichLean(rows, lean, facets, t);
        });
      }
      loading.then(fn, function () {
        // No data: the plain list stays, without controls that cannot work. A reader who was
        // typing in them lands on the list, not at the top of the page.
        var hadFocus = box.contains(document.activeElement);
        box.hidden = true;
        if (hadFocus) { table.setAttribute("tabindex", "-1"); table.focus(); }
      });
    }

    if (useUrl) loadUrl();
    box.hidden = false;
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    q.addEventListener("input", function () { whenReady(apply); });
    form.addEventListener("change", function (e) {
      whenReady(function () {
        if (e.target === sort) order(sort.value);
        if (e.target !== q) apply();
      });
    });
    form.addEventListener("reset", function () {
      extra = {};
      // The form's fields change after this event: apply on the next tick.
      setTimeout(function () { whenReady(function () { order(listed); apply(); }); }, 0);
    });
    var target = window.pet.fragmentTarget();
    // Full rows, filters in the URL, or a link to one resource in a lean list: at once.
    if (ready || q.value || sort.value !== listed || Object.keys(selected()).length || (target && table.contains(target))) {
      whenReady(function () { order(sort.value); apply(); });
    } else {
      // A lean list shows as the server sent it until the reader first does something.
      // (The theme scrolls its sidebar by itself: only the page's own scrolling counts.)
      var first = ["pointerdown", "keydown", "touchstart", "wheel", "scroll", "focusin"];
      var start = function (e) {
        if (e.type === "scroll" && e.target !== document) return;
        first.forEach(function (type) { window.removeEventListener(type, start, true); });
        whenReady(function () {});
      };
      first.forEach(function (type) { window.addEventListener(type, start, { capture: true, passive: true }); });
    }
  }

  window.pet.ready(function () { window.pet.each(document.querySelectorAll(".pet-resource-table"), setup); });
})();
