/* The web edition's page script: whose answers these are (the name bar), each
   question's controls saved as the student types and restored (web_store.js),
   the reveals, progress and earlier answers that follow every change, and the
   start of the page's other parts (their SL.onInit and SL.onChange hooks).
   Student text is only ever set as text (textContent, .value), never as HTML.
   Loaded last of the page's scripts; nothing is fetched. */
(function () {
  "use strict";
  const SL = window.SL = window.SL || {};
  const DATA = window.SL_DATA;
  const DEBOUNCE = 600;
  const store = SL.store, readBook = store.read, saveAnswer = store.save, currentStudent = store.current;
  const checkName = store.checkName;

  // ------------------------------------------------------------ the questions on this page
  const views = {};
  let loading = false;
  function alertHtml(el, text) { el.textContent = ""; const s = document.createElement("strong"); s.className = "sl-alert"; s.textContent = text; el.appendChild(s); }

  function makeView(el) {
    const q = DATA.questions[el.dataset.q], kind = SL.kinds[q.kind], status = el.querySelector(".sl-status");
    const box = el.querySelector(".sl-feedback");
    let timer = null;
    const ui = {
      feedback(content, plain) { if (plain) alertHtml(box, content); else box.innerHTML = content; },
      save(value) {
        const name = currentStudent();
        if (!name) { pending.add(q.id); return alertHtml(status, "Type your name at the top of the page and press Start: your answers are saved under it. What you typed stays here."); }
        if (value === null || value === undefined) {
          const why = kind.incomplete && kind.incomplete(el);
          if (why) alertHtml(status, why);
          return;
        }
        const stamp = saveAnswer(name, q.id, value);
        status.textContent = `Saved for ${name} at ${stamp.slice(11, 16)}` + (store.problem() ? " (on this page only: see the message at the top)" : "");
        const why = !SL.isAnswered(q, value) && kind.incomplete && kind.incomplete(el);
        if (why) { const s = document.createElement("strong"); s.className = "sl-alert"; s.textContent = " " + why; status.appendChild(s); }
        changed();
      },
    };
    const autosave = () => { clearTimeout(timer); timer = null; if (!loading && !kind.onCheck) ui.save(kind.read(el, q)); };
    el.addEventListener("input", e => { if (e.target.matches("textarea, input[type=text]")) { clearTimeout(timer); timer = setTimeout(autosave, DEBOUNCE); } });
    el.addEventListener("change", autosave);
    el.addEventListener("click", e => {
      const action = e.target.closest("[data-action]");
      if (!action) return;
      if (!currentStudent()) return ui.save(null) || alertHtml(status, "Type your name at the top of the page and press Start first.");
      if (action.dataset.action === "check" && kind.check) kind.check(el, q, ui);
      if (action.dataset.action === "compare" && kind.compare) kind.compare(el, q, ui);
    });
    return {q: q, el: el, flush() { if (timer) autosave(); },
      reload(answers) {
        loading = true;
        try {
          const entry = answers[q.id], value = entry ? entry.value : null;
          box.innerHTML = ""; status.textContent = "";
          if (value !== null && value !== undefined && !kind.valid(q, value)) {
            kind.write(el, q, null, ui);
            alertHtml(status, "Your earlier answer to this question could not be restored (the question has changed since). It is kept in this browser; your teacher can see it in your export.");
          } else {
            kind.write(el, q, value === undefined ? null : value, ui);
            if (entry) status.textContent = `Saved for ${currentStudent()} at ${String(entry.saved || "").slice(11, 16)}`;
          }
        } finally { loading = false; }
      }};
  }
  const pending = new Set();

  // ------------------------------------------------------------ what follows every change
  function render() {
    const name = currentStudent(), answers = name ? readBook(name) : {};
    document.querySelectorAll("[data-namebar]").forEach(bar => {
      const who = bar.querySelector(".sl-who"), change = bar.querySelector("[data-action=change]"), form = bar.querySelector("[data-nameform]");
      who.textContent = "";
      if (name) {
        who.append("Answers on this page are saved for ");
        const b = document.createElement("strong"); b.textContent = name; who.append(b, ", in this browser.");
      } else who.textContent = "Type your name and press Start. Your answers are saved under it, in this browser.";
      change.hidden = !name; form.hidden = !!name;
    });
    Object.values(views).forEach(v => v.reload(answers));
    changed();
  }
  function changed() {
    const name = currentStudent(), answers = name ? readBook(name) : {}, value = id => (answers[id] || {}).value;
    const done = id => SL.isAnswered(DATA.questions[id], value(id));
    // Our reading opens after the attempt JupyterLab asks for (SL.showsThought: the kernel's rule, carried per question).
    const earned = id => SL.showsThought(DATA.questions[id], value(id));
    document.querySelectorAll("[data-reveal]").forEach(panel => {
      const ids = panel.dataset.after.split(" ").filter(Boolean), count = ids.filter(earned).length;
      const body = panel.querySelector(".sl-reveal-body"), wait = panel.querySelector(".sl-reveal-wait");
      const open = name && count === ids.length;
      body.hidden = !open; wait.hidden = !!open;
      body.innerHTML = open ? (SL.unseal(`reveal:${panel.dataset.reveal}`, "reading") || "") : "";
      wait.querySelector(".sl-reveal-count").textContent = `(${count} done so far).`;
      const wanted = wait.querySelector(".sl-reveal-wanted");
      wanted.replaceChildren(...(open ? [] : ids.map(id => [DATA.questions[id], SL.stillWanted(DATA.questions[id], value(id))])
        .filter(([, why]) => why).map(([q, why]) => SL.el("li", `Question ${q.number}: ${why}.`))));
    });
    document.querySelectorAll("[data-earlier]").forEach(box => {
      const q = DATA.questions[box.dataset.earlier];
      box.textContent = "";
      const p = document.createElement("p"), quote = document.createElement("blockquote");
      p.innerHTML = `<strong>Your answer in lesson ${q.lesson}:</strong>`; quote.textContent = SL.answerText(q, value(q.id));
      box.append(p, quote);
    });
    const lessonQuestions = lesson => DATA.order.map(id => DATA.questions[id]).filter(q => q.kind !== "selfcheck" && q.lesson === lesson);
    document.querySelectorAll("[data-progress]").forEach(panel => {
      const qs = lessonQuestions(panel.dataset.progress), head = document.createElement("p"), list = document.createElement("ul");
      head.setAttribute("role", "status");
      head.innerHTML = "<strong></strong>";
      head.firstChild.textContent = `${qs.filter(q => done(q.id)).length} of ${qs.length} answered` + (name ? ` by ${name}` : "");
      qs.forEach(q => { const li = document.createElement("li"); li.textContent = `${done(q.id) ? "Done" : "To do"}: ${q.short}`; list.appendChild(li); });
      panel.replaceChildren(head, list);
    });
    (SL.onChange || []).forEach(hook => hook(name, answers));  // lesson 05's scores (web_scores.js)
    document.querySelectorAll("[data-done]").forEach(span => {
      const qs = lessonQuestions(span.dataset.done);
      span.textContent = name ? ` ${qs.filter(q => done(q.id)).length} of ${qs.length} answered.` : "";
    });
  }

  function start(name) {
    store.writeKeySafe("current-student", name);
    const answers = readBook(name);
    // What was typed before a name was given is saved for that name, unless it already holds an answer.
    pending.forEach(id => { const v = views[id]; if (v && !answers[id]) { const val = SL.kinds[v.q.kind].read(v.el, v.q); if (val !== null) saveAnswer(name, id, val); } });
    pending.clear();
    render();
  }

  // ------------------------------------------------------------ wiring
  SL.el = function (tag, text, attrs) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    return node;
  };
  function init() {
    if (!store.available()) store.alert("off");
    document.querySelectorAll(".sl-web-q[data-q]").forEach(el => { if (DATA.questions[el.dataset.q]) views[el.dataset.q] = makeView(el); });
    document.querySelectorAll("[data-namebar]").forEach(bar => {
      const form = bar.querySelector("[data-nameform]"), who = bar.querySelector(".sl-who");
      form.addEventListener("submit", e => {
        e.preventDefault();
        try { start(checkName(form.elements.name.value)); form.elements.name.value = ""; } catch (err) { alertHtml(who, err.message); }
      });
      bar.querySelector("[data-action=change]").addEventListener("click", () => {
        Object.values(views).forEach(v => v.flush());
        form.hidden = false; bar.querySelector("[data-action=change]").hidden = true;
        who.textContent = "Type your own name and press Start. Your answers will be saved under it.";
        form.elements.name.focus();
      });
    });
    // Export and import (web_transfer.js), the explorer and the compare view (web_explore.js, web_compare.js).
    (SL.onInit || []).forEach(begin => begin());
    window.addEventListener("storage", e => { if (e.key && e.key.startsWith(store.prefix)) render(); });
    window.addEventListener("pagehide", () => Object.values(views).forEach(v => v.flush()));
    render();
    document.documentElement.dataset.slReady = "1";
  }
  SL.page = {alert: alertHtml, render: render, flush: () => Object.values(views).forEach(v => v.flush())};
  init();
})();
