// Readiness self-assessment (macros/pet_generator/site/assessment.py). Everything stays in this browser: answers,
// notes and the action plan are saved in localStorage, exported and imported as files, and a
// team's files are compared here without uploading anything. Points come from each question's
// data-points (written by the page from the catalog's classification), never from this script.
// Text from files is only ever set with textContent, and only known ids and values are kept.
// Without this script the page still lists every question and the scoring rule.
(function () {
  "use strict";
  var KEY = "pet-assessment";
  var VERSION = 2;
  var MAX_FILE = 512 * 1024;
  var MAX_TEXT = 4000;
  var MAX_TEAM = 100; // files compared at once: bounded memory
  var MAX_PERSON = 80; // characters of a name or role

  var each = window.pet.each;
  var el = window.pet.el;
  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function isMap(v) { return !!v && typeof v === "object" && !Array.isArray(v); }

  function setup(root) {
    // The page's words (assessment.py writes every assessment.js.* message into this block).
    var t = window.pet.messages("pet-assessment-messages");
    var labels = {};
    each(root.getAttribute("data-answers").split(";"), function (part) {
      var i = part.indexOf(":");
      labels[part.slice(0, i)] = part.slice(i + 1);
    });
    var strongAt = +root.getAttribute("data-strong-at");
    var weakBelow = +root.getAttribute("data-weak-below");
    var minShare = +root.getAttribute("data-min-share");
    var edition = +root.getAttribute("data-edition");
    // The answer file's format name is the toolkit's own (assessment.answers_format), the same in every language.
    var FORMAT = root.getAttribute("data-format");
    var tools = root.querySelector(".pet-assessment-tools");
    var status = tools.querySelector(".pet-status");
    var undoButton = tools.querySelector('[data-action="undo"]');
    var confirmBox = tools.querySelector(".pet-confirm");
    var results = root.querySelector(".pet-results");
    var form = root.querySelector(".pet-assessment-form");

    // Questions, with their points per answer, from the page.
    var questions = {};
    each(root.querySelectorAll("fieldset[data-question-id]"), function (f) {
      var pts = {}, top = 0;
      each(f.getAttribute("data-points").split(";"), function (part) {
        var bits = part.split(":");
        pts[bits[0]] = bits[1] === "" ? null : +bits[1];
        if (pts[bits[0]] !== null && pts[bits[0]] > top) top = pts[bits[0]];
      });
      questions[f.getAttribute("data-question-id")] = { el: f, points: pts, top: top, kind: f.getAttribute("data-kind"), text: f.getAttribute("data-text") };
    });
    var noteFields = {};
    each(root.querySelectorAll("textarea[data-note-id]"), function (t) { noteFields[t.getAttribute("data-note-id")] = t; });
    var sections = [];
    each(root.querySelectorAll(".pet-competency-questions"), function (s) {
      var qids = [];
      each(s.querySelectorAll("fieldset[data-question-id]"), function (f) { qids.push(f.getAttribute("data-question-id")); });
      var id = s.getAttribute("data-competency-id");
      sections.push({ el: s, id: id, name: s.getAttribute("data-number") + ". " + s.getAttribute("data-name"), qids: qids,
        details: s.querySelector("details"), offer: s.querySelector(".pet-next-offer"),
        task: root.querySelector('[data-task-for="' + id + '"]'), plan: root.querySelector('[data-plan-for="' + id + '"]') });
      qids.forEach(function (q) { questions[q].section = id; });
    });
    var byId = {};
    sections.forEach(function (s) { byId[s.id] = s; });
    var total = Object.keys(questions).length;

    each(root.querySelectorAll(".pet-js-only"), function (e) { e.hidden = false; });
    results.hidden = false;

    function say(message) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = message; }, 50);
    }

    // ---- state: read from and write to the form -------------------------------------------
    function read() {
      var state = { answers: {}, notes: {}, plan: {} };
      each(form.querySelectorAll("input[type=radio]:checked"), function (r) {
        state.answers[r.closest("fieldset[data-question-id]").getAttribute("data-question-id")] = r.value;
      });
      Object.keys(noteFields).forEach(function (k) { if (noteFields[k].value) state.notes[k] = noteFields[k].value; });
      sections.forEach(function (s) {
        var entry = {};
        each(s.plan.querySelectorAll("[data-plan-field]"), function (f) { if (f.value) entry[f.getAttribute("data-plan-field")] = f.value; });
        if (Object.keys(entry).length) state.plan[s.id] = entry;
      });
      return state;
    }

    function apply(state) {
      each(form.querySelectorAll("input[type=radio]"), function (r) {
        r.checked = state.answers[r.closest("fieldset[data-question-id]").getAttribute("data-question-id")] === r.value;
      });
      Object.keys(noteFields).forEach(function (k) { noteFields[k].value = state.notes[k] || ""; });
      sections.forEach(function (s) {
        each(s.plan.querySelectorAll("[data-plan-field]"), function (f) { f.value = (state.plan[s.id] || {})[f.getAttribute("data-plan-field")] || ""; });
      });
    }

    function save(state) { window.pet.store.save(KEY, state); } // storage off: the page still works

    function stored() {
      try {
        var checked = check(window.pet.store.load(KEY), true);
        return checked.ok ? checked.state : empty();
      } catch (e) { return empty(); }
    }
    function empty() { return { answers: {}, notes: {}, plan: {} }; }
    function count(state) { return Object.keys(state.answers).length; }

    // Validates a saved or imported object; `lenient` (this browser's own storage) skips the
    // file header. Returns {ok, state, error, ignored}; never keeps an unknown id or value.
    function check(data, lenient) {
      var fail = function (id) { return { ok: false, error: t("file." + id) + " " + t("file.nothing_changed") }; };
      var otherEdition = function (named) {
        return { ok: false, error: t("file.other_edition", { file_edition: named, edition: edition }) + " " + t("file.nothing_changed") };
      };
      if (!isMap(data)) return lenient ? { ok: true, state: empty() } : fail("not_answers");
      if (!lenient) {
        if (data.format !== FORMAT) return fail("not_answers");
        if (data.version !== 1 && data.version !== VERSION) return fail("other_version");
        if (data.version === VERSION && data.edition !== edition) {
          return otherEdition(typeof data.edition === "number" ? data.edition : t("file.unknown_edition"));
        }
        if (data.edition !== undefined && data.edition !== null && data.edition !== edition) {
          return otherEdition(typeof data.edition === "number" || typeof data.edition === "string" ? String(data.edition).slice(0, 10) : t("file.unknown_edition"));
        }
      }
      var state = empty(), ignored = 0;
      var answers = data.answers === undefined ? {} : data.answers;
      if (!isMap(answers)) return fail("answers_damaged");
      var keys = Object.keys(answers);
      for (var i = 0; i < keys.length; i += 1) {
        var q = keys[i], v = answers[q];
        if (own(questions, q)) {
          if (typeof v !== "string" || !own(questions[q].points, v)) {
            if (lenient) continue;
            return fail("bad_answer");
          }
          state.answers[q] = v;
        } else if ((own(noteFields, q) && data.version === 1) || lenient) ignored += 1; // an older file (or this browser's copy) answered a line no longer asked
        else return fail("unknown_questions");
      }
      var groups = [["notes", noteFields], ["plan", byId]];
      for (var g = 0; g < groups.length; g += 1) {
        var part = data[groups[g][0]] === undefined ? {} : data[groups[g][0]], known = groups[g][1];
        if (!isMap(part)) return fail(groups[g][0] === "notes" ? "notes_damaged" : "plan_damaged");
        var names = Object.keys(part);
        for (var j = 0; j < names.length; j += 1) {
          var value = part[names[j]];
          if (!own(known, names[j])) { if (lenient) continue; return fail("unknown_notes"); }
          if (groups[g][0] === "notes") {
            if (typeof value !== "string" || value.length > MAX_TEXT) return fail("bad_note");
            state.notes[names[j]] = value;
          } else {
            if (!isMap(value)) return fail("plan_damaged");
            var entry = {};
            var fields = Object.keys(value);
            for (var f = 0; f < fields.length; f += 1) {
              if (["who", "when", "notes"].indexOf(fields[f]) < 0 || typeof value[fields[f]] !== "string" || value[fields[f]].length > MAX_TEXT) {
                return fail("plan_damaged");
              }
              entry[fields[f]] = value[fields[f]];
            }
            state.plan[names[j]] = entry;
          }
        }
      }
      // Who answered (optional): a name or role, as text, kept short.
      var person = typeof data.person === "string" ? data.person.replace(/\s+/g, " ").trim().slice(0, MAX_PERSON) : "";
      return { ok: true, state: state, ignored: ignored, person: person };
    }

    // ---- scoring -----------------------------------------------------------------------------
    function level(row) {
      if (!row.scored) return { text: t("level.none"), key: "none" };
      if (!row.answered) return { text: t("level.unanswered"), key: "few" };
      if (row.counted < Math.ceil((row.scored * minShare) / 100) || !row.max) return { text: t("level.few"), key: "few" };
      if (row.percent >= strongAt) return { text: t("level.strong"), key: "strong" };
      if (row.percent >= weakBelow) return { text: t("level.mid"), key: "mid" };
      return { text: t("level.weak"), key: "weak" };
    }

    function scoreSection(s, answers) {
      var row = { id: s.id, name: s.name, scored: s.qids.length, answered: 0, unsure: 0, counted: 0, points: 0, max: 0, pulled: [] };
      s.qids.forEach(function (qid) {
        var a = answers[qid], q = questions[qid];
        if (!a) return;
        row.answered += 1;
        var p = q.points[a];
        if (p === null) { row.unsure += 1; return; }
        row.counted += 1;
        row.points += p;
        row.max += q.top;
        if (p < q.top) row.pulled.push({ qid: qid, answer: a, points: p });
      });
      row.pulled.sort(function (a, b) { return a.points - b.points || questions[a.qid].kind.localeCompare(questions[b.qid].kind); });
      row.percent = row.max ? Math.round((100 * row.points) / row.max) : null;
      row.level = level(row);
      return row;
    }

    function scoreAll(answers) { return sections.map(function (s) { return scoreSection(s, answers); }); }
    function leveled(rows) { return rows.filter(function (r) { return r.level.key !== "none" && r.level.key !== "few"; }); }
    function names(list) { return list.map(function (r) { return t("score.named", { name: r.name, percent: r.percent }); }).join("; "); }

    function summaryText(rows, answered) {
      var text = [t("summary.answered", { answered: answered, total: total })];
      var scored = leveled(rows);
      if (!scored.length) text.push(t("summary.no_level"));
      else {
        var best = Math.max.apply(null, scored.map(function (r) { return r.percent; }));
        var worst = Math.min.apply(null, scored.map(function (r) { return r.percent; }));
        if (best === worst) text.push(t("summary.all_same", { count: scored.length, percent: best }));
        else {
          text.push(t("summary.strongest_weakest", { strongest: names(scored.filter(function (r) { return r.percent === best; })),
            weakest: names(scored.filter(function (r) { return r.percent === worst; })) }));
        }
        var avg = Math.round(scored.reduce(function (sum, r) { return sum + r.percent; }, 0) / scored.length);
        text.push(t("summary.average", { count: scored.length, percent: avg }));
      }
      var none = rows.filter(function (r) { return r.level.key === "none"; });
      var few = rows.filter(function (r) { return r.level.key === "few"; });
      if (none.length) text.push(t("summary.left_out", { names: none.map(function (r) { return r.name; }).join("; ") }));
      if (few.length && scored.length) text.push(t("summary.left_out_few", { count: few.length }));
      return text.join(" ");
    }

    // ---- rendering ---------------------------------------------------------------------------
    function render(state) {
      var rows = scoreAll(state.answers);
      var answered = count(state);
      each(root.querySelectorAll(".pet-progress"), function (p) { p.textContent = t("progress", { answered: answered, total: total }); });
      rows.forEach(function (r) {
        var s = byId[r.id];
        var st = s.task.querySelector(".pet-task-status"), n = s.task.querySelector(".pet-task-count");
        var key = !r.scored ? "none" : !r.answered ? "todo" : r.answered < r.scored ? "doing" : "done";
        st.textContent = t("task." + key);
        st.className = "pet-task-status pet-task-" + key;
        s.task.setAttribute("data-status", key);
        n.textContent = r.scored ? t("task.count", { answered: r.answered, scored: r.scored }) : t("task.discussion_only");
      });
      var tbody = results.querySelector("tbody");
      tbody.textContent = "";
      rows.forEach(function (r) {
        var tr = el("tr");
        tr.setAttribute("data-competency-id", r.id);
        tr.setAttribute("data-points", r.points);
        tr.setAttribute("data-max", r.max);
        tr.setAttribute("data-percent", r.percent === null ? "" : r.percent);
        tr.setAttribute("data-level", r.level.key);
        var th = el("th", r.name);
        th.setAttribute("scope", "row");
        tr.appendChild(th);
        var cell = el("td");
        if (!r.scored) cell.textContent = t("score.no_questions");
        else {
          cell.appendChild(el("span", r.percent === null ? "–" : t("score.percent", { percent: r.percent, points: r.points, max: r.max })));
          cell.appendChild(el("span", t(r.unsure ? "score.answered_unsure" : "score.answered", { answered: r.answered, scored: r.scored, unsure: r.unsure }), "pet-answered"));
          if (r.pulled.length && r.level.key === "strong") {
            // Strong competencies get no action plan, but still say what held them back.
            var more = el("details", null, "pet-pulled-strong");
            more.appendChild(el("summary", t("score.pulled", { count: r.pulled.length })));
            var list = el("ul");
            r.pulled.forEach(function (p) { list.appendChild(el("li", t("answer_to", { answer: labels[p.answer], question: questions[p.qid].text }))); });
            more.appendChild(list);
            cell.appendChild(more);
          } else if (r.pulled.length && (r.level.key === "weak" || r.level.key === "mid")) {
            cell.appendChild(el("span", t("score.pulled_see_plan", { count: r.pulled.length }), "pet-answered pet-no-print"));
          }
        }
        tr.appendChild(cell);
        tr.appendChild(el("td")).appendChild(el("span", r.level.text, "pet-level pet-level-" + r.level.key));
        tbody.appendChild(tr);
      });
      results.querySelector(".pet-summary").textContent = answered ? summaryText(rows, answered) : t("results_empty");
      var planned = 0;
      rows.forEach(function (r) {
        var plan = byId[r.id].plan;
        var show = r.level.key === "weak" || r.level.key === "mid";
        plan.hidden = !show;
        if (!show) return;
        planned += 1;
        plan.querySelector(".pet-plan-level").textContent = t("plan.level", { level: r.level.text, percent: r.percent });
        var pulled = plan.querySelector(".pet-pulled");
        pulled.textContent = "";
        if (r.pulled.length) {
          // Grouped by answer, lowest points first: "No: ...", then "Partly: ...".
          var groups = [];
          r.pulled.forEach(function (p) {
            var key = questions[p.qid].kind === "reverse" ? t("plan.reverse_answer", { answer: labels[p.answer] }) : labels[p.answer];
            if (!groups.length || groups[groups.length - 1].key !== key) groups.push({ key: key, items: [] });
            groups[groups.length - 1].items.push(p.qid);
          });
          pulled.appendChild(el("p", t("plan.pulled"), "pet-plan-label"));
          groups.forEach(function (g) {
            var box = el("div", null, "pet-pulled-group");
            box.appendChild(el("p", t("plan.answered", { answer: g.key }), "pet-plan-label"));
            var ul = el("ul");
            g.items.forEach(function (qid) {
              var li = el("li", questions[qid].text);
              li.setAttribute("data-question-id", qid);
              ul.appendChild(li);
            });
            box.appendChild(ul);
            pulled.appendChild(box);
          });
        }
      });
      results.querySelector(".pet-plan-intro").textContent = planned
        ? t("plan.intro")
        : t(leveled(rows).length ? "plan.none" : "plan.none_yet");
    }

    function done(s, answers) { return s.qids.length > 0 && s.qids.every(function (q) { return !!answers[q]; }); }

    function openSection(s, focus) {
      s.details.open = true;
      if (focus) {
        var h = s.el.querySelector("h2");
        h.focus();
        if (h.scrollIntoView) h.scrollIntoView({ block: "start" });
      }
    }

    function offerNext(s) {
      var i = sections.indexOf(s), next = null;
      for (var j = i + 1; j < sections.length && !next; j += 1) if (sections[j].qids.length) next = sections[j];
      s.offer.textContent = "";
      s.offer.appendChild(el("p", t("next.done", { name: s.name })));
      var p = el("p");
      if (next) {
        var b = el("button", t("next.button", { name: next.name }), "md-button");
        b.type = "button";
        b.addEventListener("click", function () { openSection(next, true); });
        p.appendChild(b);
        p.appendChild(document.createTextNode(" "));
      }
      var a = el("a", t("see_results"));
      a.href = "#results";
      p.appendChild(a);
      s.offer.appendChild(p);
      s.offer.hidden = false;
      return next;
    }

    var undoState = null;
    function offerUndo(previous, message) {
      undoState = previous;
      undoButton.hidden = false;
      say(t("undo.offer", { message: message }));
    }

    function update() {
      var state = read();
      save(state);
      render(state);
      return state;
    }

    // ---- events ------------------------------------------------------------------------------
    var current = read();
    apply(stored());
    current = read();
    render(current);
    // With the script, one competency is open at a time: the first one not done (or the linked one).
    var linked = window.location.hash.replace(/^#a-/, "");
    var target = linked && own(byId, linked) ? byId[linked] : null;
    var firstOpen = target || sections.filter(function (s) { return s.qids.length && !done(s, current.answers); })[0] || null;
    sections.forEach(function (s) { s.details.open = s === firstOpen; });

    form.addEventListener("change", function (e) {
      if (!e.target.matches("input[type=radio]")) return;
      var before = current;
      current = update();
      var s = byId[questions[e.target.closest("fieldset").getAttribute("data-question-id")].section];
      var n = count(current);
      if (done(s, current.answers) && !done(s, before.answers)) {
        var next = offerNext(s);
        say(t("said.section_done", { name: s.name }) + " " + (next ? t("said.next", { name: next.name }) : t("said.see_results")));
      } else {
        say(t("said.progress", { answered: n, total: total }));
      }
    });
    form.addEventListener("input", function (e) { if (e.target.matches("textarea")) current = update(); });
    results.addEventListener("input", function () { current = update(); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    root.addEventListener("click", function (e) {
      var link = e.target.closest && e.target.closest('a[href^="#a-"]');
      if (link && byId[link.getAttribute("href").slice(3)]) openSection(byId[link.getAttribute("href").slice(3)], false);
    });

    // Printing this page prints the report, from the button or the browser's own Print:
    // the organization (optional), the day, the results and the action plan with each link's
    // address; the answers follow only when asked for.
    var ORG_KEY = "pet-assessment-org";
    var MONTHS = t("months").split(/,\s*/);
    var orgField = results.querySelector("[data-report-org]");
    var withAnswers = results.querySelector("[data-print-answers]");
    var meta = results.querySelector(".pet-report-meta");
    function reportMeta() {
      var d = new Date();  // the style of macros/pet_generator/catalog/dates.py: "12 March 2027"
      var org = orgField.value.trim();
      var printed = t("report.printed", { date: t("date", { day: d.getDate(), month: MONTHS[d.getMonth()], year: d.getFullYear() }) });
      meta.textContent = org ? t("report.org_printed", { org: org, printed: printed }) : printed;
    }
    each(results.querySelectorAll(".pet-plan-links a[href]"), function (a) { a.setAttribute("data-address", a.href); });
    orgField.value = window.pet.store.text(ORG_KEY) || "";
    orgField.addEventListener("input", function () {
      if (orgField.value.trim()) window.pet.store.save(ORG_KEY, orgField.value.slice(0, 200));
      else window.pet.store.forget(ORG_KEY);
      reportMeta();
    });
    withAnswers.addEventListener("change", function () { document.body.classList.toggle("pet-print-answers", withAnswers.checked); });
    document.body.classList.add("pet-print-report");
    reportMeta();
    var closed = [];
    window.addEventListener("beforeprint", function () {
      reportMeta();
      if (!withAnswers.checked) return;
      closed = [];
      each(form.querySelectorAll("details:not([open])"), function (d) { closed.push(d); d.open = true; });
    });
    window.addEventListener("afterprint", function () { closed.forEach(function (d) { d.open = false; }); closed = []; });
    each(root.querySelectorAll('[data-action="print"]'), function (b) {
      b.addEventListener("click", function () { window.print(); });
    });

    var clearButton = tools.querySelector('[data-action="clear"]');
    clearButton.addEventListener("click", function () {
      var state = read();
      confirmBox.querySelector(".pet-confirm-text").textContent = t("clear.ask", {
        answers: t("clear.answers", { count: count(state) }), notes: t("clear.notes", { count: Object.keys(state.notes).length }) });
      confirmBox.hidden = false;
      confirmBox.querySelector('[data-action="clear-cancel"]').focus();
    });
    confirmBox.querySelector('[data-action="clear-cancel"]').addEventListener("click", function () {
      confirmBox.hidden = true;
      clearButton.focus();
      say(t("clear.cancelled"));
    });
    confirmBox.querySelector('[data-action="clear-confirm"]').addEventListener("click", function () {
      var previous = read();
      apply(empty());
      window.pet.store.forget(KEY);
      window.pet.store.forget(ORG_KEY);
      orgField.value = "";
      reportMeta();
      current = read();
      render(current);
      confirmBox.hidden = true;
      each(root.querySelectorAll(".pet-next-offer"), function (o) { o.hidden = true; });
      undoButton.hidden = false;
      undoButton.focus();
      offerUndo(previous, t("clear.done"));
    });
    undoButton.addEventListener("click", function () {
      if (!undoState) return;
      apply(undoState);
      undoState = null;
      current = update();
      undoButton.hidden = true;
      clearButton.focus();
      say(t("undo.done", { answered: count(current), total: total }));
    });

    function download(name, type, text) {
      var link = el("a");
      link.href = URL.createObjectURL(new Blob([text], { type: type }));
      link.download = name;
      document.body.appendChild(link);
      link.click();
      document.body.removeChild(link);
      window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    }
    function day() { return new Date().toISOString().slice(0, 10); }

    // An optional name or role ("Director"): it goes into the exported file and its name, so
    // the team view can say who answered what. Saved in this browser only.
    var PERSON_KEY = "pet-assessment-person";
    var personField = tools.querySelector("[data-export-person]");
    personField.value = window.pet.store.text(PERSON_KEY) || "";
    personField.addEventListener("input", function () {
      if (personField.value.trim()) window.pet.store.save(PERSON_KEY, personField.value.slice(0, MAX_PERSON));
      else window.pet.store.forget(PERSON_KEY);
    });
    function person() { return personField.value.replace(/\s+/g, " ").trim().slice(0, MAX_PERSON); }
    function fileName(ext) {
      var who = person().replace(/[^A-Za-z0-9 _-]+/g, "").trim().replace(/\s+/g, "-").toLowerCase();
      return t("file_name") + "-" + (who ? who + "-" : "") + day() + "." + ext;
    }

    tools.querySelector('[data-action="export"]').addEventListener("click", function () {
      var state = read();
      var data = { format: FORMAT, version: VERSION, edition: edition, exported: new Date().toISOString(),
        answers: state.answers, notes: state.notes, plan: state.plan };
      if (person()) data.person = person();
      download(fileName("json"), "application/json", JSON.stringify(data, null, 1) + "\n");
      say(t("exported.json", { count: count(state) }));
    });

    // Spreadsheet cells: quoted, and text that a spreadsheet would run as a formula is defused.
    function cell(v) { return window.pet.csvCell(v); }  // the project's one CSV rule (pet.js)
    tools.querySelector('[data-action="export-csv"]').addEventListener("click", function () {
      var state = read();
      var rows = [["competency", "question_id", "kind", "question", "answer", "points", "points_possible", "notes"].map(function (k) { return t("csv." + k); })];
      sections.forEach(function (s) {
        each(s.el.querySelectorAll("[data-question-id], [data-prompt-id]"), function (node) {
          var qid = node.getAttribute("data-question-id");
          if (qid) {
            var q = questions[qid], a = state.answers[qid];
            var p = a ? q.points[a] : null;
            rows.push([s.name, qid, t("kind." + q.kind), q.text, a ? labels[a] : "", p === null ? "" : p, a && p !== null ? q.top : "", ""]);
          } else {
            var pid = node.getAttribute("data-prompt-id");
            rows.push([s.name, pid, t("kind.prompt"), node.querySelector(".pet-prompt-text").textContent, "", "", "", state.notes[pid] || ""]);
          }
        });
      });
      var csv = "\ufeff" + rows.map(function (r) { return r.map(cell).join(","); }).join("\r\n") + "\r\n";
      if (person()) rows.unshift([t("csv.answered_by", { person: person() })]);
      download(fileName("csv"), "text/csv", csv);
      say(t("exported.csv", { count: rows.length - 1 }));
    });

    function unread(id) { return { ok: false, error: t("file." + id) + " " + t("file.nothing_changed") }; }
    function readFile(f) {
      return new Promise(function (resolve) {
        if (f.size > MAX_FILE) { resolve(unread("too_large")); return; }
        var reader = new FileReader();
        reader.onload = function () {
          var data;
          try { data = JSON.parse(String(reader.result)); } catch (e) { resolve(unread("not_json")); return; }
          // A crafted file (an edition whose toString throws, say) gets its own message and
          // never stops the import, or the team view's other files.
          try { resolve(check(data, false)); } catch (e) { resolve(unread("damaged")); }
        };
        reader.onerror = function () { resolve(unread("unreadable")); };
        reader.readAsText(f);
      });
    }

    var file = tools.querySelector("#pet-import-file");
    file.addEventListener("change", function () {
      var f = file.files && file.files[0];
      if (!f) return;
      readFile(f).then(function (result) {
        file.value = "";
        if (!result.ok) { say(result.error); return; }
        var previous = read();
        apply(result.state);
        current = update();
        offerUndo(previous, t("imported", { count: count(result.state) }) +
          (result.ignored ? " " + t("imported.ignored", { count: result.ignored }) : "") + " " + t("imported.replaced"));
      });
    });

    setupTeam(root.querySelector(".pet-team"));

    // ---- team view ---------------------------------------------------------------------------
    function setupTeam(team) {
      var input = team.querySelector("#pet-team-files");
      var teamStatus = team.querySelector(".pet-team-status");
      var out = team.querySelector(".pet-team-out");
      input.addEventListener("change", function () {
        var files = Array.prototype.slice.call(input.files || []);
        if (!files.length) return;
        if (files.length > MAX_TEAM) { teamStatus.textContent = t("team.too_many", { max: MAX_TEAM }); return; }
        Promise.all(files.map(readFile)).then(function (list) {
          var people = [], problems = [];
          list.forEach(function (r, i) {
            if (r.ok) people.push({ name: r.person || files[i].name.replace(/\.json$/i, ""), file: files[i].name, answers: r.state.answers });
            else problems.push(t("team.problem", { file: files[i].name, error: r.error.replace(" " + t("file.nothing_changed"), "") }));
          });
          tellApart(people);
          showTeam(out, people, problems);
          teamStatus.textContent = t("team.compared", { count: people.length }) + (problems.length ? " " + t("team.left_out", { count: problems.length }) : "");
        });
      });
    }

    // Two people with the same name or role (or two files of the same name) are told apart:
    // by their file names when those differ, else by number.
    function tellApart(people) {
      var seen = {};
      people.forEach(function (p) { seen[p.name] = (seen[p.name] || 0) + 1; });
      people.forEach(function (p) { if (seen[p.name] > 1 && p.file.replace(/\.json$/i, "") !== p.name) p.name = t("team.same_name_file", { name: p.name, file: p.file }); });
      var n = {};
      people.forEach(function (p) { seen[p.name] = 0; });
      people.forEach(function (p) { seen[p.name] += 1; });
      people.forEach(function (p) { if (seen[p.name] > 1) { n[p.name] = (n[p.name] || 0) + 1; p.name = t("team.same_name_number", { name: p.name, number: n[p.name] }); } });
    }
    // "Director: Yes · Supervisor: No" for one question.
    function whoSaid(people, qid) {
      return people.map(function (p) { var a = p.answers[qid]; return t("team.said", { name: p.name, answer: a ? labels[a] : t("team.no_answer") }); }).join(" · ");
    }

    function counts(people, qid) {
      var c = { yes: 0, partly: 0, no: 0, "dont-know": 0, none: 0 };
      people.forEach(function (p) { var a = p.answers[qid]; if (a && own(c, a)) c[a] += 1; else c.none += 1; });
      return c;
    }
    function countsText(c) {
      var parts = Object.keys(labels).filter(function (k) { return c[k]; }).map(function (k) { return t("team.count", { answer: labels[k], count: c[k] }); });
      if (c.none) parts.push(t("team.count", { answer: t("team.no_answer"), count: c.none }));
      return parts.join(" · ");
    }

    function showTeam(out, people, problems) {
      out.textContent = "";
      if (problems.length) {
        out.appendChild(el("p", t("team.files_left_out")));
        var pl = el("ul", null, "pet-team-problems");
        problems.forEach(function (t) { pl.appendChild(el("li", t)); });
        out.appendChild(pl);
      }
      if (!people.length) return;
      out.appendChild(el("p", t("team.compared_names", { names: people.map(function (p) { return p.name; }).join(", ") })));

      // Per competency: the team's pooled score and how everyone answered.
      out.appendChild(el("h3", t("team.per_competency")));
      var wrap = el("div", null, "pet-table-wrap"), table = el("table", null, "pet-team-table pet-score-table");
      table.appendChild(el("caption", t("team.caption")));
      var head = el("tr");
      [t("team.competency"), t("team.score"), t("team.answers")].concat(people.map(function (p) { return p.name; })).forEach(function (h) {
        var th = el("th", h); th.setAttribute("scope", "col"); head.appendChild(th);
      });
      table.appendChild(el("thead")).appendChild(head);
      var tbody = table.appendChild(el("tbody"));
      var pooledRows = [];
      sections.forEach(function (s) {
        var pooled = { points: 0, max: 0, counted: 0, answered: 0, unsure: 0, scored: s.qids.length * people.length };
        var c = { yes: 0, partly: 0, no: 0, "dont-know": 0, none: 0 };
        people.forEach(function (p) {
          var r = scoreSection(s, p.answers);
          pooled.points += r.points; pooled.max += r.max; pooled.counted += r.counted; pooled.answered += r.answered;
        });
        s.qids.forEach(function (q) { var k = counts(people, q); Object.keys(c).forEach(function (x) { c[x] += k[x]; }); });
        pooled.percent = pooled.max ? Math.round((100 * pooled.points) / pooled.max) : null;
        pooled.level = level(pooled);
        pooled.id = s.id;
        pooled.name = s.name;
        pooledRows.push(pooled);
        var tr = el("tr");
        tr.setAttribute("data-competency-id", s.id);
        tr.setAttribute("data-percent", pooled.percent === null ? "" : pooled.percent);
        ["yes", "partly", "no", "dont-know"].forEach(function (k) { tr.setAttribute("data-" + k, c[k]); });
        var th = el("th", s.name); th.setAttribute("scope", "row"); tr.appendChild(th);
        var leveledRow = pooled.level.key !== "few" && pooled.level.key !== "none";
        tr.appendChild(el("td", leveledRow ? t("team.level_score", { percent: pooled.percent, level: pooled.level.text })
          : pooled.percent === null ? pooled.level.text : t("team.level_so_far", { level: pooled.level.text, percent: pooled.percent })));
        tr.appendChild(el("td", s.qids.length ? countsText(c) : t("team.no_questions")));
        people.forEach(function (p) {  // each person's own score for the competency
          var r = scoreSection(s, p.answers);
          tr.appendChild(el("td", r.level.key === "few" || r.level.key === "none" ? r.level.text : t("team.level_score", { percent: r.percent, level: r.level.text }), "pet-person-score"));
        });
        tbody.appendChild(tr);
      });
      wrap.appendChild(table);
      if (people.length > 1) {  // a column per person: wider than a phone, so a labelled scroll box
        wrap.setAttribute("role", "region");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("aria-label", t("team.scrolls"));
        wrap.classList.add("pet-team-wrap");
      }
      out.appendChild(wrap);

      // Where the team disagrees most: the widest spread of points, then the largest variance.
      var spread = [];
      Object.keys(questions).forEach(function (qid) {
        var q = questions[qid];
        var pts = people.map(function (p) { return p.answers[qid] ? q.points[p.answers[qid]] : null; }).filter(function (p) { return p !== null; });
        if (pts.length < 2) return;
        var mean = pts.reduce(function (a, b) { return a + b; }, 0) / pts.length;
        var variance = pts.reduce(function (a, b) { return a + (b - mean) * (b - mean); }, 0) / pts.length;
        var range = Math.max.apply(null, pts) - Math.min.apply(null, pts);
        if (range > 0) spread.push({ qid: qid, range: range, variance: variance });
      });
      spread.sort(function (a, b) { return b.range - a.range || b.variance - a.variance; });
      out.appendChild(el("h3", t("team.disagree")));
      if (!spread.length) out.appendChild(el("p", t("team.agree")));
      else {
        var dl = el("ol", null, "pet-disagree");
        spread.slice(0, 8).forEach(function (d) {
          var li = el("li");
          li.setAttribute("data-question-id", d.qid);
          li.appendChild(el("span", questions[d.qid].text + " "));
          li.appendChild(el("span", t("team.disagree_where", { competency: byId[questions[d.qid].section].name, counts: countsText(counts(people, d.qid)) }), "pet-answered"));
          li.appendChild(el("span", whoSaid(people, d.qid), "pet-who-said"));
          dl.appendChild(li);
        });
        out.appendChild(dl);
      }

      // Per question, one collapsible list per competency.
      out.appendChild(el("h3", t("team.per_question")));
      sections.forEach(function (s) {
        if (!s.qids.length) return;
        var d = el("details"), sum = el("summary", s.name);
        d.appendChild(sum);
        var ul = el("ul", null, "pet-team-items");
        s.qids.forEach(function (qid) {
          var c = counts(people, qid), li = el("li");
          li.setAttribute("data-question-id", qid);
          ["yes", "partly", "no", "dont-know"].forEach(function (k) { li.setAttribute("data-" + k, c[k]); });
          li.appendChild(el("span", (questions[qid].kind === "reverse" ? t("team.reverse", { question: questions[qid].text }) : questions[qid].text) + " "));
          li.appendChild(el("span", countsText(c), "pet-answered"));
          li.appendChild(el("span", whoSaid(people, qid), "pet-who-said"));
          ul.appendChild(li);
        });
        d.appendChild(ul);
        out.appendChild(d);
      });

      // Combined action plan: competencies the team as a whole rates developing or weaker.
      out.appendChild(el("h3", t("team.plan")));
      var weak = pooledRows.filter(function (r) { return r.level.key === "weak" || r.level.key === "mid"; });
      weak.sort(function (a, b) { return a.percent - b.percent; });
      if (!weak.length) out.appendChild(el("p", t("team.plan_none")));
      weak.forEach(function (r) {
        var box = el("section", null, "pet-team-plan");
        box.setAttribute("data-plan-for", r.id);
        box.appendChild(el("h4", t("team.plan_heading", { name: r.name, level: r.level.text, percent: r.percent })));
        box.appendChild(byId[r.id].plan.querySelector(".pet-plan-links").cloneNode(true));
        out.appendChild(box);
      });
    }
  }

  window.pet.ready(function () { each(document.querySelectorAll(".pet-assessment[data-answers]"), setup); });
})();
