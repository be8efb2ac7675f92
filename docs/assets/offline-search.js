// Search in the offline copy (macros/pet_generator/pipeline/offline.py), where Pagefind cannot run: a page
// opened from a file may not fetch its index. offline-index.js, loaded by a script tag before
// this file, holds [url, title, kind, text] for every page Pagefind would index.
// - Every word typed must appear in the page's title or text (accents and case ignored).
// - Guidance ranks before single resources (ADR 0005); a word in the title counts most.
// - Results are written as text, never as markup; links stay inside the copy.
(function () {
  "use strict";
  var INDEX = window.PET_OFFLINE_INDEX || [];
  var PAGE_SIZE = 20;
  var el = window.pet.el;
  var t = window.pet.messages("pet-words-search"); // the search page's words, as on the site

  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }

  var folded = null;
  function prepared() {
    if (!folded) folded = INDEX.map(function (e) { return { url: e[0], title: e[1], kind: e[2], text: e[3], t: fold(e[1]), x: fold(e[3]) }; });
    return folded;
  }

  function count(haystack, word) {
    var n = 0;
    var at = haystack.indexOf(word);
    while (at !== -1 && n < 20) { n += 1; at = haystack.indexOf(word, at + word.length); }
    return n;
  }

  function search(query) {
    var words = fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (!words.length) return [];
    var found = [];
    prepared().forEach(function (e) {
      var score = 0;
      for (var i = 0; i < words.length; i++) {
        var inTitle = count(e.t, words[i]);
        var inText = count(e.x, words[i]);
        if (!inTitle && !inText) return;
        score += 10 * inTitle + inText;
      }
      if (e.kind !== "Resource") score *= 2.5;
      found.push({ entry: e, score: score, first: words[0] });
    });
    return found.sort(function (a, b) { return b.score - a.score; });
  }

  // About 24 words around the first word found, that word marked.
  function excerpt(e, word) {
    var at = e.x.indexOf(word);
    var frag = document.createDocumentFragment();
    if (at === -1) { frag.appendChild(document.createTextNode(e.text.slice(0, 160))); return frag; }
    var start = Math.max(0, e.text.lastIndexOf(" ", Math.max(0, at - 80)));
    var end = Math.min(e.text.length, at + word.length + 100);
    frag.appendChild(document.createTextNode((start > 0 ? "\u2026" : "") + e.text.slice(start, at).trimStart()));
    frag.appendChild(el("mark", e.text.slice(at, at + word.length)));
    frag.appendChild(document.createTextNode(e.text.slice(at + word.length, end) + (end < e.text.length ? "\u2026" : "")));
    return frag;
  }

  window.pet.ready(function () {
    var root = document.getElementById("pet-search");
    if (!root) return;
    var form = root.querySelector("form");
    var input = document.getElementById("pet-search-input");
    var status = root.querySelector(".pet-search-status");
    var list = root.querySelector(".pet-search-results");
    var more = el("button", "", "md-button pet-search-more");
    more.type = "button";
    more.hidden = true;
    list.parentNode.insertBefore(more, list.nextSibling);
    root.querySelector(".pet-search-js").hidden = false;
    var noJs = root.querySelector(".pet-search-nojs");
    if (noJs) noJs.hidden = true;
    var filters = root.querySelector(".pet-search-filters");
    if (filters) filters.hidden = true; // the offline search has no filters
    var results = [];
    var shown = 0;

    function showMore() {
      results.slice(shown, shown + PAGE_SIZE).forEach(function (r) {
        var li = el("li", null, "pet-search-result");
        var a = el("a", r.entry.title || r.entry.url);
        a.href = "../" + r.entry.url; // every entry's URL starts at the copy's top folder
        var heading = el("p", null, "pet-search-title");
        heading.appendChild(a);
        if (r.entry.kind === "Resource") heading.appendChild(document.createTextNode(" " + t("search.js.resource")));
        li.appendChild(heading);
        var p = el("p", null, "pet-search-excerpt");
        p.appendChild(excerpt(r.entry, r.first));
        li.appendChild(p);
        list.appendChild(li);
      });
      shown = Math.min(results.length, shown + PAGE_SIZE);
      var left = results.length - shown;
      more.hidden = left <= 0;
      more.textContent = t("search.js.more", { count: Math.min(PAGE_SIZE, left) });
    }

    function run() {
      var term = input.value.trim();
      list.textContent = "";
      shown = 0;
      results = search(term);
      if (!term) {
        status.textContent = t("search.js.empty");
        more.hidden = true;
        return;
      }
      status.textContent = results.length === 0 ? t("search.js.none", { term: term }) : t("search.js.found", { count: results.length, term: term });
      showMore();
    }

    more.addEventListener("click", showMore);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      try { history.replaceState(history.state, "", location.pathname + "?q=" + encodeURIComponent(input.value.trim())); } catch (e) { /* a file URL may refuse it */ }
      run();
    });
    input.value = new URLSearchParams(location.search).get("q") || "";
    if (input.value) run();
  });
})();
