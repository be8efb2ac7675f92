// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";

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

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(labelScrollBoxes);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", labelScrollBoxes);
  } else {
    labelScrollBoxes();
  }
})();
