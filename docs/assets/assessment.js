// Readiness self-assessment (macros/assessment.py): saves answers in this browser only
// (localStorage), scores each competency, names the strongest and weakest areas, shows the
// next steps for weak areas (links rendered on the server), and exports/imports answers as
// a JSON file. Imported text is never inserted as HTML: only known question ids and answer
// values are used. Without this script the page still lists every question, printable.
(function () {
  "use strict";
  var KEY = "pet-assessment";
  var FORMAT = "peer-employer-toolkit/readiness-assessment";
  var MAX_FILE = 512 * 1024;

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function el(name, text, cls) {
    var e = document.createElement(name);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function setup(root) {
    // The scoring rule comes from the page (assessment.py), e.g. "yes:2:Yes;dont-know::Don't know".
    var points = {}, labels = {};
    each(root.getAttribute("data-answers").split(";"), function (part) {
      var bits = part.split(":");
      points[bits[0]] = bits[1] === "" ? null : +bits[1];
      labels[bits[0]] = bits.slice(2).join(":");
    });
    var strongAt = +root.getAttribute("data-strong-at");
    var weakBelow = +root.getAttribute("data-weak-below");
    var tools = root.querySelector(".pet-assessment-tools");
    var status = tools.querySelector(".pet-status");
    var results = root.querySelector(".pet-results");
    var sections = root.querySelectorAll(".pet-competency-questions");
    var questions = {};
    each(root.querySelectorAll("fieldset[data-question-id]"), function (f) { questions[f.getAttribute("data-question-id")] = f; });

    tools.hidden = false;
    each(root.querySelectorAll(".pet-js-only"), function (e) { e.hidden = false; });

    function say(message) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = message; }, 50);
    }

    function read() {
      var answers = {};
      each(root.querySelectorAll(".pet-assessment-form input[type=radio]:checked"), function (r) {
        answers[r.closest("fieldset[data-question-id]").getAttribute("data-question-id")] = r.value;
      });
      return answers;
    }

    function apply(answers) {
      each(root.querySelectorAll(".pet-assessment-form input[type=radio]"), function (r) {
        var qid = r.closest("fieldset[data-question-id]").getAttribute("data-question-id");
        r.checked = answers[qid] === r.value;
      });
    }

    function store(answers) {
      try { window.localStorage.setItem(KEY, JSON.stringify({ answers: answers })); } catch (e) { /* storage off */ }
    }

    function stored() {
      try { return clean((JSON.parse(window.localStorage.getItem(KEY) || "{}") || {}).answers).answers; } catch (e) { return {}; }
    }

    // Keeps only known question ids with known answer values; counts what it dropped.
    function clean(answers) {
      var out = {}, unknown = 0, invalid = 0;
      if (!answers || typeof answers !== "object" || Array.isArray(answers)) return { answers: out, unknown: 0, invalid: 0, ok: false };
      Object.keys(answers).forEach(function (qid) {
        if (!Object.prototype.hasOwnProperty.call(questions, qid)) { unknown += 1; return; }
        var v = answers[qid];
        if (typeof v === "string" && Object.prototype.hasOwnProperty.call(points, v)) out[qid] = v;
        else invalid += 1;
      });
      return { answers: out, unknown: unknown, invalid: invalid, ok: true };
    }

    function level(percent) {
      if (percent === null) return ["Not scored", "none"];
      if (percent >= strongAt) return ["Strong", "strong"];
      if (percent >= weakBelow) return ["Partly in place", "mid"];
      return ["Needs attention", "weak"];
    }

    // Score every competency: points / (2 x scored answers); "don't know" is left out.
    function score(answers) {
      var rows = [];
      each(sections, function (s) {
        var ids = [];
        each(s.querySelectorAll("fieldset[data-question-id]"), function (f) { ids.push(f.getAttribute("data-question-id")); });
        var got = 0, max = 0, answered = 0, unsure = 0;
        ids.forEach(function (qid) {
          var a = answers[qid];
          if (!a) return;
          answered += 1;
          if (points[a] === null) { unsure += 1; return; }
          got += points[a];
          max += 2;
        });
        var percent = max ? Math.round((100 * got) / max) : null;
        rows.push({ id: s.getAttribute("data-competency-id"), name: s.getAttribute("data-name"), questions: ids.length,
          answered: answered, unsure: unsure, points: got, max: max, percent: percent, level: level(percent) });
      });
      return rows;
    }

    function names(list) {
      return list.map(function (r) { return r.name + " (" + r.percent + "%)"; }).join("; ");
    }

    function render(answers) {
      var rows = score(answers);
      var total = Object.keys(questions).length;
      var answered = Object.keys(answers).length;
      results.hidden = answered === 0;
      var tbody = results.querySelector("tbody");
      tbody.textContent = "";
      rows.forEach(function (r) {
        var tr = el("tr");
        tr.setAttribute("data-competency-id", r.id);
        tr.setAttribute("data-points", r.points);
        tr.setAttribute("data-max", r.max);
        tr.setAttribute("data-percent", r.percent === null ? "" : r.percent);
        tr.setAttribute("data-level", r.level[1]);
        var th = el("th", r.name);
        th.setAttribute("scope", "row");
        tr.appendChild(th);
        tr.appendChild(el("td", r.questions ? r.answered + " of " + r.questions + (r.unsure ? " (" + r.unsure + " don't know)" : "") : "No questions"));
        var cell = el("td", r.percent === null ? "–" : r.points + " of " + r.max + " points (" + r.percent + "%)");
        if (r.percent !== null) {
          var bar = el("span", null, "pet-bar");
          bar.setAttribute("aria-hidden", "true");
          var fill = el("span");
          fill.style.width = r.percent + "%";
          bar.appendChild(fill);
          cell.appendChild(bar);
        }
        tr.appendChild(cell);
        tr.appendChild(el("td")).appendChild(el("span", r.level[0], "pet-level pet-level-" + r.level[1]));
        tbody.appendChild(tr);
      });

      var scored = rows.filter(function (r) { return r.percent !== null; });
      var summary = "You have answered " + answered + " of " + total + " questions. ";
      var weak = [];
      if (!scored.length) summary += "No competency has a scored answer yet (\"don't know\" is not scored).";
      else {
        var best = Math.max.apply(null, scored.map(function (r) { return r.percent; }));
        var worst = Math.min.apply(null, scored.map(function (r) { return r.percent; }));
        var top = scored.filter(function (r) { return r.percent === best; });
        var bottom = scored.filter(function (r) { return r.percent === worst; });
        if (best === worst) summary += "All " + scored.length + " scored areas score the same: " + best + "%. ";
        else summary += "Strongest: " + names(top) + ". Weakest: " + names(bottom) + ". ";
        weak = scored.filter(function (r) { return r.level[1] === "weak"; });
        summary += weak.length ? weak.length + " area" + (weak.length > 1 ? "s need" : " needs") + " attention (below " + weakBelow + "%): see the next steps below."
          : "No area is below " + weakBelow + "%.";
        if (!weak.length && worst < 100) weak = bottom;
      }
      results.querySelector(".pet-summary").textContent = summary;

      var next = results.querySelector(".pet-next-steps");
      next.textContent = "";
      if (weak.length) {
        next.appendChild(el("h3", "Next steps for " + (weak[0].level[1] === "weak" ? "the areas that need attention" : "your weakest area")));
        weak.forEach(function (r) {
          var template = root.querySelector('.pet-next-templates [data-next-for="' + r.id + '"]');
          if (template) next.appendChild(template.cloneNode(true));
        });
      }
      return answered;
    }

    function update() {
      var answers = read();
      store(answers);
      render(answers);
    }

    apply(stored());
    render(read());
    root.querySelector(".pet-assessment-form").addEventListener("change", function () {
      update();
      var n = Object.keys(read()).length;
      say(n + " of " + Object.keys(questions).length + " questions answered. Results updated.");
    });
    root.querySelector(".pet-assessment-form").addEventListener("submit", function (e) { e.preventDefault(); });

    tools.querySelector('[data-action="print"]').addEventListener("click", function () { window.print(); });
    tools.querySelector('[data-action="clear"]').addEventListener("click", function () {
      apply({});
      try { window.localStorage.removeItem(KEY); } catch (e) { /* nothing saved */ }
      render({});
      say("All answers cleared from this browser.");
    });
    tools.querySelector('[data-action="export"]').addEventListener("click", function () {
      var data = { format: FORMAT, version: 1, edition: +root.getAttribute("data-edition") || null,
        exported: new Date().toISOString(), answers: read() };
      var blob = new Blob([JSON.stringify(data, null, 1) + "\n"], { type: "application/json" });
      var link = el("a");
      link.href = URL.createObjectURL(blob);
      link.download = "readiness-assessment-" + new Date().toISOString().slice(0, 10) + ".json";
      document.body.appendChild(link);
      link.click();
      document.body.removeChild(link);
      window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
      say("Exported " + Object.keys(data.answers).length + " answers to a file in your downloads.");
    });

    var file = tools.querySelector("#pet-import-file");
    file.addEventListener("change", function () {
      var f = file.files && file.files[0];
      if (!f) return;
      if (f.size > MAX_FILE) { say("That file is too large to be an answers file; nothing was imported."); return; }
      var reader = new FileReader();
      reader.onload = function () {
        var data = null;
        try { data = JSON.parse(String(reader.result)); } catch (e) { data = null; }
        if (!data || typeof data !== "object" || Array.isArray(data) || data.format !== FORMAT || data.version !== 1) {
          say("That file is not a readiness self-assessment answers file; nothing was imported.");
          return;
        }
        var result = clean(data.answers);
        if (!result.ok || result.invalid) {
          say("That file has answers that are not yes, partly, no or don't know; nothing was imported.");
          return;
        }
        apply(result.answers);
        update();
        var n = Object.keys(result.answers).length;
        say("Imported " + n + " answer" + (n === 1 ? "" : "s") + "." +
          (result.unknown ? " " + result.unknown + " entries for questions not on this page were ignored." : ""));
        file.value = "";
      };
      reader.readAsText(f);
    });
  }

  function init() { each(document.querySelectorAll(".pet-assessment[data-answers]"), setup); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
