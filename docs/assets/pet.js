// Helpers the site's scripts share (window.pet). Loaded first on every page (mkdocs.yml
// extra_javascript); the page scripts that use it come later or are deferred.
(function () {
  "use strict";
  var pet = (window.pet = window.pet || {});

  pet.each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  // Whitespace-separated words of an attribute or a field, without empty ones.
  pet.words = function (value) { return (value || "").split(/\s+/).filter(Boolean); };

  // An element with text (always as text, never as markup) and a class.
  pet.el = function (name, text, cls) {
    var node = document.createElement(name);
    if (text !== undefined && text !== null && text !== "") node.textContent = text;
    if (cls) node.className = cls;
    return node;
  };

  // Runs fn once the page is parsed.
  pet.ready = function (fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  };

  // A JSON data island the page wrote for the scripts (<script type="application/json" id=...>),
  // or null when it is missing or unreadable.
  pet.pageData = function (id) {
    var island = document.getElementById(id);
    try { return island ? JSON.parse(island.textContent) : null; } catch (e) { return null; }
  };

  // The words a page gives its script (macros/pet_generator/site/messages/, ADR 0012): a JSON
  // block {id: text or {one: ..., other: ...}}. pet.messages(id) returns t(messageId, values):
  // {name} placeholders filled in, `count` choosing a plural form by the page's language.
  // A message the page lacks shows its id: visible in a test, never a broken page.
  pet.messages = function (id) {
    var words = pet.pageData(id) || {};
    var rules = null;
    try { rules = new Intl.PluralRules(document.documentElement.lang || "en"); } catch (e) { /* English rule below */ }
    return function (messageId, values) {
      var text = Object.prototype.hasOwnProperty.call(words, messageId) ? words[messageId] : messageId;
      values = values || {};
      if (text && typeof text === "object") {
        var n = values.count;
        var form = rules && typeof n === "number" ? rules.select(n) : n === 1 ? "one" : "other";
        text = Object.prototype.hasOwnProperty.call(text, form) ? text[form] : text.other;
      }
      return String(text).replace(/\{(\w+)\}/g, function (all, name) {
        return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
      });
    };
  };

  // What people take away (copy, download, print) holds only what they need: an element with
  // class pet-screen-only (editors' notes, screen hints such as "scroll sideways", guidance
  // beside a form) is for the screen. print.css hides it on paper; every copy and download
  // button takes its text from pet.takeaway(node), a copy of the node without those elements.
  pet.SCREEN_ONLY = ".pet-screen-only";
  pet.takeaway = function (node) {
    var copy = node.cloneNode(true);
    pet.each(copy.querySelectorAll(pet.SCREEN_ONLY), function (el) { el.parentNode.removeChild(el); });
    return copy;
  };

  // One rule for every CSV the project writes: macros/pet_generator/catalog/export.py applies the same one, and
  // both are tested against tests/fixtures/csv-formula-cases.json. A spreadsheet runs a cell as
  // a formula when it starts with = + - @ (also after spaces, no-break spaces or invisible
  // characters, and in their full-width forms ＝ ＋ － ＠), or with a tab or carriage return:
  // such a cell gets a leading apostrophe, which shows the text as typed.
  var FORMULA_START = ["=", "+", "-", "@"];
  pet.csvText = function (value) {
    var s = value === null || value === undefined ? "" : String(value);
    if (s.charAt(0) === "\t" || s.charAt(0) === "\r") return "'" + s;
    var first = /[^\s\p{Cc}\p{Cf}]/u.exec(s);
    return first && FORMULA_START.indexOf(first[0].normalize("NFKC")) >= 0 ? "'" + s : s;
  };
  // A quoted CSV cell holding pet.csvText(value).
  pet.csvCell = function (value) { return '"' + pet.csvText(value).replace(/"/g, '""') + '"'; };

  // The element a URL's #fragment names, or null: a malformed escape (#%E0%A4%A) never throws.
  pet.fragmentTarget = function () {
    var hash = window.location.hash.slice(1);
    if (!hash) return null;
    try { return document.getElementById(decodeURIComponent(hash)); } catch (e) { return document.getElementById(hash); }
  };

  // This browser's storage (localStorage only; nothing is ever sent). Storage can be off or
  // full: reads then give null and writes report false, and the page still works.
  pet.store = {
    load: function (key) {
      try { return JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { return null; }
    },
    save: function (key, data) {
      try { window.localStorage.setItem(key, typeof data === "string" ? data : JSON.stringify(data)); return true; } catch (e) { return false; }
    },
    text: function (key) {
      try { return window.localStorage.getItem(key); } catch (e) { return null; }
    },
    forget: function (key) {
      try { window.localStorage.removeItem(key); } catch (e) { /* nothing saved */ }
    },
  };
})();
