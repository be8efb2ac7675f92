// Handouts (macros/pet_generator/site/handouts.py): tick boxes saved in this browser (localStorage only, never
// sent anywhere), a visible Clear, Print, and the job description builder that fills the
// [[slot]] placeholders live and copies the result as plain text. Does nothing on other
// pages; without it every handout still reads and prints, with "[Agency name]" slots.
(function () {
  "use strict";

  var each = window.pet.each;
  var save = window.pet.store.save; // storage off or full: the page still works, it just forgets
  var forget = window.pet.store.forget;

  function load(key) {
    var data = window.pet.store.load(key);
    return data && typeof data === "object" && !Array.isArray(data) ? data : {};
  }

  function say(root, message) {
    var status = root.querySelector(".pet-status");
    if (!status) return;
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);  // re-announce
  }

  // What the copied text leaves out: the site's own words about the handout, not the posting.
  var NOT_POSTING = ".pet-lede, .pet-excerpt, .pet-rights, .pet-tick-means, textarea";

  // Plain text of the handout for pasting into a job board or a word processor.
  function plainText(node, depth) {
    var out = [];
    each(node.children, function (el) {
      if (el.hidden || el.classList.contains("pet-writein") || el.matches(NOT_POSTING)) return;
      var name = el.tagName;
      if (/^H[1-6]$/.test(name)) out.push("", el.textContent.trim().toUpperCase());
      else if (name === "P") out.push(clean(el.textContent));
      else if (name === "UL" || name === "OL") {
        var n = 0;
        each(el.children, function (li) {
          n += 1;
          var own = "";
          each(li.childNodes, function (c) {
            if (!(c.nodeType === 1 && /^(UL|OL|DIV)$/.test(c.tagName) && !c.classList.contains("pet-question"))) own += c.textContent;
          });
          out.push(new Array(depth + 1).join("  ") + (name === "OL" ? n + ". " : "- ") + clean(own));
          each(li.children, function (c) { if (c.tagName === "UL" || c.tagName === "OL") out.push(plainText({ children: [c] }, depth + 1)); });
        });
      } else if (name === "TABLE") {
        each(el.querySelectorAll("tr"), function (tr) {
          var cells = [];
          each(tr.children, function (td) { cells.push(clean(td.textContent)); });
          out.push(cells.join(" | "));
        });
      } else out.push(plainText(el, depth));
    });
    return out.join("\n");
  }

  // A posting pasted elsewhere has no tooltips: the first use of each abbreviation is spelled
  // out ("Mental Health Services Act (MHSA)"), later ones stay short. Works on a copy (pet.takeaway).
  function spellOut(node) {
    var seen = {};
    each(node.querySelectorAll("abbr[title]"), function (abbr) {
      var word = abbr.textContent;
      if (seen[word]) return;
      seen[word] = true;
      abbr.textContent = abbr.getAttribute("title") + " (" + word + ")";
    });
    return node;
  }

  function clean(text) { return text.replace(/\s+/g, " ").trim(); }

  function copyText(text, done) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(legacyCopy(text)); });
    } else done(legacyCopy(text));
  }

  function legacyCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }

  // A text file made in the browser (nothing is sent anywhere). Windows line ends, so old
  // editors such as Notepad show the lines.
  function download(text, name) {
    var blob = new Blob([text.replace(/\n/g, "\r\n")], { type: "text/plain;charset=utf-8" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name.replace(/[^A-Za-z0-9 ._-]+/g, "").trim() || "handout.txt";
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }

  function setup(article) {
    var key = "pet-handout:" + article.getAttribute("data-handout-id");
    var state = load(key);
    state.checks = state.checks && typeof state.checks === "object" ? state.checks : {};
    state.fields = state.fields && typeof state.fields === "object" ? state.fields : {};
    var boxes = article.querySelectorAll("input[data-check-id]");
    var doc = article.querySelector(".pet-handout-doc");
    var tools = article.querySelector(".pet-handout-tools");
    var builder = article.querySelector(".pet-builder");
    var slots = article.querySelectorAll(".pet-slot");
    var inputs = builder ? builder.querySelectorAll("[data-slot-input]") : [];
    var texts = article.querySelectorAll("textarea[data-field-id]");
    state.texts = state.texts && typeof state.texts === "object" ? state.texts : {};

    each(article.querySelectorAll(".pet-js-only"), function (el) { el.hidden = false; });
    if (builder) builder.hidden = false;

    // Tick boxes and rating radios: restore, then save on every change.
    each(boxes, function (box) {
      var saved = state.checks[box.getAttribute("data-check-id")];
      box.checked = box.type === "radio" ? saved === box.value : saved === true;
      box.addEventListener("change", function () {
        var id = box.getAttribute("data-check-id");
        if (box.type === "radio") state.checks[id] = box.value;
        else if (box.checked) state.checks[id] = true;
        else delete state.checks[id];
        save(key, state);
      });
    });

    // Write-in answers (worksheets): restore, save as typed, and grow with the text so the
    // whole answer shows and prints.
    function grow(area) {
      area.style.height = "auto";
      area.style.height = area.scrollHeight + 2 + "px";
    }
    each(texts, function (area) {
      var id = area.getAttribute("data-field-id");
      if (typeof state.texts[id] === "string") area.value = state.texts[id];
      if (area.value) grow(area);
      // Browsers scroll only the caret into view: show the whole box, above the page's edge.
      area.addEventListener("focus", function () { area.scrollIntoView({ block: "nearest" }); });
      area.addEventListener("input", function () {
        if (area.value) state.texts[id] = area.value; else delete state.texts[id];
        save(key, state);
        grow(area);
      });
    });

    // Builder: every slot shows its field's value, or "[Label]" while the field is empty.
    each(slots, function (slot) { slot.setAttribute("data-empty", slot.textContent); });
    function fill() {
      var values = {};
      each(inputs, function (input) {
        var id = input.getAttribute("data-slot-input");
        if (input.type === "radio") { if (input.checked) values[id] = input.getAttribute("data-text"); }
        else if (input.value.trim()) values[id] = input.value.trim();
      });
      each(slots, function (slot) {
        var value = values[slot.getAttribute("data-slot")];
        // "full-time" opens "Full-time, non-exempt." with a capital (handouts.py marks such slots).
        if (value && slot.getAttribute("data-capital") === "true") value = value.charAt(0).toUpperCase() + value.slice(1);
        slot.textContent = value || slot.getAttribute("data-empty");
        slot.classList.toggle("pet-filled", !!value);
      });
    }
    each(inputs, function (input) {
      var id = input.getAttribute("data-slot-input");
      var saved = state.fields[id];
      if (typeof saved === "string") {
        if (input.type === "radio") input.checked = saved === input.value;
        else input.value = saved;
      }
      input.addEventListener(input.type === "radio" ? "change" : "input", function () {
        if (input.type !== "radio" || input.checked) state.fields[id] = input.value;
        save(key, state);
        fill();
      });
    });
    if (builder) {
      builder.addEventListener("submit", function (event) { event.preventDefault(); });
      fill();
    }

    function slotValue(id) {
      var slot = doc && doc.querySelector('.pet-slot[data-slot="' + id + '"]');
      return slot ? clean(slot.textContent) : "";
    }

    // The posting alone: the heading slots (job title, agency) first, then the blocks.
    function posting() {
      var heading = ((builder && builder.getAttribute("data-copy-heading")) || "").split(" ").filter(Boolean).map(slotValue);
      var body = plainText(spellOut(window.pet.takeaway(doc)), 0);
      return (heading.join("\n") + "\n\n" + body).replace(/\n{3,}/g, "\n\n").trim() + "\n";
    }

    function clearAll(root) {
      state = { checks: {}, fields: {}, texts: {} };
      forget(key);
      each(boxes, function (box) { box.checked = false; });
      each(texts, function (area) { area.value = ""; area.style.height = ""; });
      each(inputs, function (input) { if (input.type === "radio") input.checked = false; else input.value = ""; });
      fill();
      say(root, root.getAttribute("data-cleared"));
    }

    each(article.querySelectorAll("button[data-action]"), function (button) {
      var root = button.closest(".pet-builder, .pet-handout-tools") || tools;
      button.addEventListener("click", function () {
        var action = button.getAttribute("data-action");
        if (action === "print") window.print();
        else if (action === "clear") clearAll(root);
        else if (action === "copy") {
          copyText(posting(), function (ok) {
            say(root, root.getAttribute(ok ? "data-copied" : "data-copy-blocked"));
          });
        } else if (action === "download") {
          download(posting(), (slotValue("job-title") || article.getAttribute("data-handout-id")) + ".txt");
          say(root, root.getAttribute("data-saved"));
        }
      });
    });
  }

  window.pet.ready(function () { each(document.querySelectorAll(".pet-handout[data-handout-id]"), setup); });
})();
