// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";

  // Controls that need JS are shown by site.css from the first paint while they still carry
  // `hidden` (for readers without JS). This script comes first and the page above it is
  // parsed: drop those attributes, then let `hidden` win again (site.css, .pet-js-ready).
  document.querySelectorAll(".pet-js-only[hidden]").forEach(function (el) { el.hidden = false; });
  document.documentElement.classList.add("pet-js-ready");

  // The words this script shows come from the page (overrides/main.html, message ids i18n.scroll_*).
  function word(name) {
    var meta = document.querySelector('meta[name="pet-' + name + '"]');
    return meta ? meta.content : name;
  }

  // Material wraps wide tables in a horizontal scroll box. Keyboard users can only
  // scroll it if it can take focus, and screen readers need to know what it holds.
  function labelScrollBoxes() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      if (box.hasAttribute("tabindex")) return;
      var caption = box.querySelector("caption");
      var heading = caption ? caption.textContent.trim() : word("table");
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", word("scroll-label").replace("{label}", heading));
    });
  }

  // Wide tables (render._table) say in words that they scroll sideways, while they do.
  function hintWideTables() {
    document.querySelectorAll(".pet-table-wrap").forEach(function (box) {
      var hint = box.previousElementSibling;
      if (!hint || !hint.classList.contains("pet-scroll-hint")) {
        hint = document.createElement("p");
        hint.className = "pet-scroll-hint pet-screen-only";
        hint.textContent = word("scroll-hint");
        hint.hidden = true;
        box.parentNode.insertBefore(hint, box);
      }
      var wide = box.scrollWidth > box.clientWidth + 1;
      if (hint.hidden === wide) hint.hidden = !wide;
    });
  }

  // "/" or "s" focuses the search field (the header's, or the search page's), as in Material,
  // unless the reader turned the shortcuts off on /search/ (WCAG 2.1.4; search.js).
  var SHORTCUTS_KEY = "pet-search-shortcuts"; // "off" when the reader has turned "/" and "s" off
  var sessionOff = false; // turned off on this page while storage is unavailable
  window.pet.shortcuts = {
    on: function () { return !sessionOff && window.pet.store.text(SHORTCUTS_KEY) !== "off"; },
    set: function (on) {
      if (on) window.pet.store.forget(SHORTCUTS_KEY);
      else window.pet.store.save(SHORTCUTS_KEY, "off"); // storage off: the setting lasts for this page only
      sessionOff = !on;
    },
  };

  function editable(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  // Capture phase on document: Material's own window listener must not toggle its (absent) search.
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || editable(e.target) || !window.pet.shortcuts.on()) return;
    if (e.key !== "/" && e.key !== "s" && e.key !== "S") return;
    var field = document.getElementById("pet-search-input") || document.getElementById("pet-header-q");
    if (!field) return;
    e.preventDefault();
    e.stopPropagation();
    field.focus();
    field.select();
  }, true);

  // "Copy the citation" on resource pages: the text stays selectable without JS or clipboard.
  // What it says comes from the page (the button's data-copied and data-selected, rendered from
  // the message catalog: macros/pet_generator/site/messages/), so the words can be translated.
  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("button[data-copy]");
    var source = button && document.getElementById(button.getAttribute("data-copy"));
    if (!source) return;
    var status = button.nextElementSibling;
    function say(words) { if (status && status.classList.contains("pet-copy-status")) status.textContent = words; }
    function selectIt() {
      var range = document.createRange();
      range.selectNodeContents(source);
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
      say(button.getAttribute("data-selected") || "");
    }
    if (!navigator.clipboard) return selectIt();
    navigator.clipboard.writeText(window.pet.takeaway(source).textContent.trim()).then(function () { say(button.getAttribute("data-copied") || ""); }, selectIt);
  });

  function enhance() {
    labelScrollBoxes();
    hintWideTables();
  }
  window.addEventListener("resize", hintWideTables);

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhance);
  } else {
    window.pet.ready(enhance);
  }
})();
