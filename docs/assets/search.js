// Site search with Pagefind's JS API and our own accessible result list; only /search/ loads it.
// - The header form (overrides/main.html) submits to /search/?q=... and works without JS.
// - "/" or "s" focuses the search field (site.js); the checkbox here turns that off.
// - The filters are the page's (#pet-search-filters: the section, then the resource facets the
//   schemas offer on the search page), by name and label.
// - Guidance pages rank before resource records (ADR 0005); 20 results, then "Show more".
// - On /search/ results render as text: excerpts are rebuilt keeping only <mark>, and only
//   same-origin result URLs become links.
// - Results are pages; a resource's own page (resources/<id>/, ADR 0009) has meta.kind
//   "Resource" and shows as one. Pagefind prefixes their root-relative URLs with
//   baseUrl, so links also work when the site is served under a subpath (/2026/).
(function () {
  "use strict";
  var FILTERS = window.pet.pageData("pet-search-filters") || [];
  // Guidance first (ADR 0005): a resource record's score counts this much against a page's.
  var RECORD_WEIGHT = 0.4;
  // A word on at least this share of guidance pages ("peer" is on 37 of 38) says nothing about
  // which page is meant, and short records would lead: then guidance pages all come first (ADR 0005).
  var COMMON_SHARE = 0.9;
  var PAGE_SIZE = 20;
  var el = window.pet.el;
  var t = window.pet.messages("pet-words-search"); // the page's words (resource_table.search_filters)

  function siteRoot() {
    var config = document.getElementById("__config");
    var base = ".";
    try { base = JSON.parse(config.textContent).base || "."; } catch (e) { /* default: this folder */ }
    var root = new URL(base.replace(/\/?$/, "/"), location.href);
    // A language's pages live under /<language>/ (ADR 0014); the one index (each language
    // apart inside it, by <html lang>) is at the site's root.
    var prefix = document.querySelector('meta[name="pet-language-prefix"]');
    if (prefix) prefix.content.split("/").forEach(function (part) { if (part) root = new URL("../", root); });
    return root;
  }

  function safeUrl(raw) {
    try {
      var url = new URL(raw, location.href);
      if (url.origin !== location.origin || !/^https?:$/.test(url.protocol)) return null;
      return url.href;
    } catch (e) {
      return null;
    }
  }

  // Pagefind's excerpt is HTML with <mark>: parse it inertly and keep only text and <mark>.
  function excerptNodes(html) {
    var doc = new DOMParser().parseFromString("<body>" + html, "text/html");
    var frag = document.createDocumentFragment();
    doc.body.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        frag.appendChild(mark);
      } else {
        frag.appendChild(document.createTextNode(node.textContent));
      }
    });
    return frag;
  }

  function link(url, text) {
    var href = safeUrl(url);
    var node = el(href ? "a" : "span", text);
    if (href) node.href = href;
    return node;
  }

  function searchPage(root) {
    var form = root.querySelector("form");
    var input = document.getElementById("pet-search-input");
    var status = root.querySelector(".pet-search-status");
    var list = root.querySelector(".pet-search-results");
    var facets = root.querySelector(".pet-search-filters");
    var site = siteRoot();
    var pagefind = null;
    var chosen = {};
    var seq = 0;
    var timer = null;

    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    FILTERS.forEach(function (f) { if (params.getAll(f[0]).length) chosen[f[0]] = params.getAll(f[0]); });

    function load() {
      if (!pagefind) {
        pagefind = import(new URL("pagefind/pagefind.js", site).href).then(function (pf) {
          // Searches report filter counts only once the filters are loaded: load them first.
          return pf.options({ baseUrl: site.pathname, excerptLength: 24 })
            .then(function () { return pf.filters(); })
            .then(function () { return pf; });
        });
      }
      return pagefind;
    }

    function saveUrl() {
      var p = new URLSearchParams();
      if (input.value.trim()) p.set("q", input.value.trim());
      FILTERS.forEach(function (f) { (chosen[f[0]] || []).forEach(function (v) { p.append(f[0], v); }); });
      var query = p.toString();
      history.replaceState(history.state, "", location.pathname + (query ? "?" + query : ""));
    }

    // Rebuilding the filters keeps open groups open and keyboard focus on the same box.
    function renderFilters(counts) {
      var open = {};
      facets.querySelectorAll("details[open]").forEach(function (d) { open[d.getAttribute("data-filter")] = true; });
      var active = document.activeElement;
      var focused = active && facets.contains(active) ? { name: active.name, value: active.value, summary: active.tagName === "SUMMARY" ? active.parentNode.getAttribute("data-filter") : null } : null;
      facets.textContent = "";
      FILTERS.forEach(function (f) {
        var values = Object.keys(counts[f[0]] || {}).sort();
        if (!values.length) return;
        var details = el("details", null, "pet-facet");
        details.setAttribute("data-filter", f[0]);
        if (chosen[f[0]] || open[f[0]]) details.open = true;
        details.appendChild(el("summary", f[1]));
        var fieldset = el("fieldset");
        fieldset.appendChild(el("legend", f[1]));
        values.forEach(function (v) {
          var label = el("label", null, "pet-check");
          var box = el("input");
          box.type = "checkbox";
          box.name = f[0];
          box.value = v;
          box.checked = (chosen[f[0]] || []).indexOf(v) !== -1;
          label.appendChild(box);
          label.appendChild(document.createTextNode(" " + v + " (" + counts[f[0]][v] + ")"));
          fieldset.appendChild(label);
        });
        details.appendChild(fieldset);
        facets.appendChild(details);
      });
      if (focused) {
        var again = focused.summary ? facets.querySelector('details[data-filter="' + focused.summary + '"] > summary')
          : Array.prototype.filter.call(facets.querySelectorAll("input"), function (b) { return b.name === focused.name && b.value === focused.value; })[0];
        if (again) again.focus();
      }
    }

    function renderResult(data) {
      var meta = data.meta || {};
      var li = el("li", null, "pet-search-result");
      var heading = el("h2");
      heading.appendChild(link(data.url, meta.title || data.url));
      li.appendChild(heading);
      if (meta.kind) {
        li.appendChild(el("p", [meta.kind, meta.type, meta.publisher].filter(Boolean).join(" \u00b7 "), "pet-search-kind"));
      }
      // A sub-result that is the page's own title (its <h1>) would repeat the heading as a link.
      var title = (meta.title || "").trim().toLowerCase();
      var subs = (data.sub_results || []).filter(function (s) { return s.url !== data.url && (s.title || "").trim().toLowerCase() !== title; }).slice(0, 5);
      if (!subs.length) {
        li.appendChild(el("p")).appendChild(excerptNodes(data.excerpt || ""));
      } else {
        var ul = el("ul", null, "pet-search-subs");
        subs.forEach(function (s) {
          var item = el("li");
          item.appendChild(link(s.url, s.title));
          item.appendChild(el("p")).appendChild(excerptNodes(s.excerpt || ""));
          ul.appendChild(item);
        });
        li.appendChild(ul);
      }
      return li;
    }

    // Letters and digits only, lower case: how a typed word and a found word are compared.
    function bare(word) {
      return word.toLowerCase().normalize("NFKD").replace(/[^\p{L}\p{N}]+/gu, "");
    }

    function sharedStart(a, b) {
      var n = 0;
      while (n < a.length && n < b.length && a[n] === b[n]) n += 1;
      return n;
    }

    // When no indexed word starts with a search word, Pagefind drops letters from its end until
    // one does: "benchmark" (on no indexed page) became "be" and listed 25 pages about "being".
    // A word is found when the words Pagefind marks in its best result start like it: all of it,
    // or all but an ending its stemming removes ("hiring" finds "hire", "benchmarking"
    // "benchmarks"). Resolves to the words that were not found.
    // Pagefind computes a result's excerpt for the search it ran last: these searches run one
    // after another, and before the search whose results are shown.
    function missingWords(term, pf) {
      var words = term.split(/\s+/).map(bare).filter(function (w) { return w.length > 2; });
      var missing = [];
      return words.reduce(function (done, word) {
        return done.then(function () {
          return pf.search(word);
        }).then(function (found) {
          return found && found.results.length ? found.results[0].data() : null;
        }).then(function (d) {
          if (!d) { missing.push(word); return; }
          var marked = [d.excerpt || ""].concat((d.sub_results || []).map(function (s) { return s.excerpt || ""; })).join(" ");
          var hits = (marked.match(/<mark>[^<]*<\/mark>/g) || []).map(function (m) { return bare(m.replace(/<\/?mark>/g, "")); });
          var need = Math.min(word.length, Math.max(3, word.length - 4));
          // No marked word at all: nothing to judge by, so trust Pagefind.
          if (hits.length && !hits.some(function (h) { return sharedStart(h, word) >= need; })) missing.push(word);
        });
      }, Promise.resolve()).then(function () { return missing; });
    }

    // Pages first (ADR 0005): one search for everything (results and filter counts) and one
    // for the resource records alone, whose scores then count RECORD_WEIGHT against a page's;
    // a word on most guidance pages lists every guidance page first.
    function rank(term, filters, pf) {
      var records = {};
      var recordFilters = {};
      Object.keys(filters).forEach(function (k) { recordFilters[k] = filters[k]; });
      recordFilters.kind = { any: ["Resource"] };
      return (term ? missingWords(term, pf) : Promise.resolve([])).then(function (missing) {
        return Promise.all([
          pf.search(term || null, { filters: filters }),
          term ? pf.search(term, { filters: recordFilters }) : null,
          missing,
          pf.filters(),
        ]);
      }).then(function (all) {
        var search = all[0];
        if (!search) return null;
        if (!term) return { search: search, results: search.results };
        if (all[2].length) return { search: search, results: [], missing: all[2] };
        (all[1] ? all[1].results : []).forEach(function (r) { records[r.id] = true; });
        var guidanceAll = ((all[3] || {}).kind || {}).Guidance || 0;
        var guidanceHere = search.results.length - Object.keys(records).length;
        var common = guidanceAll > 0 && guidanceHere / guidanceAll >= COMMON_SHARE;
        var scored = search.results.map(function (r, i) {
          var record = records[r.id];
          return { r: r, i: i, g: record && common ? 1 : 0, s: r.score * (record ? RECORD_WEIGHT : 1) };
        });
        scored.sort(function (a, b) { return a.g - b.g || b.s - a.s || a.i - b.i; });
        return { search: search, results: scored.map(function (x) { return x.r; }) };
      });
    }

    var more = el("button", t("search.js.more_label"), "md-button pet-search-more");
    more.type = "button";
    more.hidden = true;
    list.parentNode.insertBefore(more, list.nextSibling);
    var current = { results: [], shown: 0, term: "" };
    // Suggestions (docs/search.md) shown with "No results".
    var none = root.querySelector(".pet-search-none") || el("div");
    list.parentNode.insertBefore(none, list); // right under the status line that says "No results"

    function announce() {
      var n = current.results.length, term = current.term;
      none.hidden = n > 0;
      var missing = current.missing && current.missing.length && term.split(/\s+/).length > 1 ?
        "\u201c" + current.missing.join("\u201d, \u201c") + "\u201d" : "";
      status.textContent = n === 0 ? t(missing ? "search.js.none_missing" : "search.js.none", { term: term, words: missing }) :
        t((term ? "search.js.found" : "search.js.filtered") + (n > current.shown ? "_first" : ""), { count: n, term: term, shown: current.shown });
      var left = n - current.shown;
      more.hidden = left <= 0;
      more.textContent = t("search.js.more", { count: Math.min(PAGE_SIZE, left) });
    }

    // The next page of results: their data loads now, then they are appended and announced;
    // when asked for by the button, focus moves to the first new result.
    function showMore(mine, moveFocus) {
      var slice = current.results.slice(current.shown, current.shown + PAGE_SIZE);
      return Promise.all(slice.map(function (r) { return r.data(); })).then(function (items) {
        if (mine !== seq) return;
        var first = null;
        items.forEach(function (d) {
          var li = renderResult(d);
          first = first || li;
          list.appendChild(li);
        });
        current.shown += items.length;
        announce();
        if (moveFocus && first) {
          var a = first.querySelector("a");
          if (a) a.focus();
        }
      });
    }

    function run() {
      var term = input.value.trim();
      var mine = ++seq;
      saveUrl();
      if (!term && !Object.keys(chosen).length) {
        list.textContent = "";
        more.hidden = true;
        none.hidden = true;
        status.textContent = t("search.js.empty");
        return;
      }
      status.textContent = t("search.js.searching");
      load().then(function (pf) {
        var filters = {};
        Object.keys(chosen).forEach(function (k) { filters[k] = { any: chosen[k] }; });
        return rank(term, filters, pf).then(function (ranked) {
          if (mine !== seq || !ranked) return null;
          renderFilters(ranked.search.totalFilters || {});
          list.textContent = "";
          current = { results: ranked.results, shown: 0, term: term, missing: ranked.missing };
          return showMore(mine, false);
        });
      }).catch(function () {
        status.textContent = t("search.js.failed");
      });
    }

    more.addEventListener("click", function () { showMore(seq, true); });

    // "/" and "s" jump to search (WCAG 2.1.4: they can be turned off, here).
    var toggle = document.getElementById("pet-shortcuts");
    if (toggle) {
      toggle.checked = window.pet.shortcuts.on();
      toggle.addEventListener("change", function () { window.pet.shortcuts.set(toggle.checked); });
    }

    form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 200); });
    facets.addEventListener("change", function (e) {
      var box = e.target;
      var values = (chosen[box.name] || []).filter(function (v) { return v !== box.value; });
      if (box.checked) values.push(box.value);
      if (values.length) chosen[box.name] = values; else delete chosen[box.name];
      run();
    });
    root.querySelector(".pet-search-js").hidden = false;
    var noJs = root.querySelector(".pet-search-nojs");
    if (noJs) noJs.hidden = true;
    if (input.value || Object.keys(chosen).length) run();
    else load().then(function (pf) { return pf.filters(); }).then(renderFilters).catch(function () {});
  }

  window.pet.ready(function () {
    var root = document.getElementById("pet-search");
    if (root) searchPage(root);
  });
})();
