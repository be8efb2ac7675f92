// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";

  // Controls that need JS are shown by site.css from the first paint while they still carry
  // `hidden` (for readers without JS). This script comes first and the page above it is
  // parsed: drop those attributes, then let `hidden` win again (site.css, .pet-js-ready).
  document.querySelectorAll(".pet-js-only[hidden]").forEach(function (el) { el.hidden = false; });
  document.documentElement.classList.add("pet-js-ready");

  // Material wraps wide tables in a horizontal scroll box. Keyboard users can only
  // scroll it if it can take focus, and screen readers need to know what it holds.
  function labelScrollBoxes() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      if (box.hasAttribute("tabindex")) return;
      var caption = box.querySelector("caption");
      var heading = caption ? caption.textContent : "Table";
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", heading.trim() + " (scrolls sideways)");
    });
  }

  // Wide tables (render._table) say in words that they scroll sideways, while they do.
  function hintWideTables() {
    document.querySelectorAll(".pet-table-wrap").forEach(function (box) {
      var hint = box.previousElementSibling;
      if (!hint || !hint.classList.contains("pet-scroll-hint")) {
        hint = document.createElement("p");
        hint.className = "pet-scroll-hint";
        hint.textContent = "Scroll the table sideways to see every column →";
        hint.hidden = true;
        box.parentNode.insertBefore(hint, box);
      }
      var wide = box.scrollWidth > box.clientWidth + 1;
      if (hint.hidden === wide) hint.hidden = !wide;
    });
  }

  function enhance() {
    labelScrollBoxes();
    hintWideTables();
  }
  window.addEventListener("resize", hintWideTables);

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhance);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
