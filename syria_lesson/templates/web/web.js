/* The web edition's page script: whose answers these are, saving them as the
   student types (in this browser's storage, in the answers file's format),
   restoring them, the reveals, progress, and Export / Import in the JSON
   format of syria_lesson/live/exports.py. Student text is only ever set as
   text (textContent, .value), never as HTML. Nothing is fetched. */
(function () {
  "use strict";
  const SL = window.SL = window.SL || {};
  const settings = JSON.parse(document.getElementById("sl-settings").textContent);
  const sealedTexts = JSON.parse(document.getElementById("sl-sealed").textContent);
  const DATA = window.SL_DATA;
  const PREFIX = `syria-lesson/${settings.version}/`;
  const HISTORY = 5, DEBOUNCE = 600;

  // ------------------------------------------------------------ SHA-256 (synchronous; works on file:// and http://)
  const K = new Uint32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
    0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
    0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
    0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2]);
  function sha256(bytes) {
    const len = bytes.length, total = ((len + 9 + 63) >> 6) << 6, m = new Uint8Array(total);
    m.set(bytes); m[len] = 0x80;
    const bits = len * 8, view = new DataView(m.buffer);
    view.setUint32(total - 8, Math.floor(bits / 0x100000000)); view.setUint32(total - 4, bits >>> 0);
    const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
    const w = new Uint32Array(64), rot = (x, n) => (x >>> n) | (x << (32 - n));
    for (let off = 0; off < total; off += 64) {
      for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
      for (let i = 16; i < 64; i++) {
        const s0 = rot(w[i - 15], 7) ^ rot(w[i - 15], 18) ^ (w[i - 15] >>> 3), s1 = rot(w[i - 2], 17) ^ rot(w[i - 2], 19) ^ (w[i - 2] >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
      }
      let [a, b, c, d, e, f, g, hh] = h;
      for (let i = 0; i < 64; i++) {
        const t1 = (hh + (rot(e, 6) ^ rot(e, 11) ^ rot(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) >>> 0;
        const t2 = ((rot(a, 2) ^ rot(a, 13) ^ rot(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
        hh = g; g = f; f = e; e = (d + t1) >>> 0; d = c; c = b; b = a; a = (t1 + t2) >>> 0;
      }
      [a, b, c, d, e, f, g, hh].forEach((v, i) => { h[i] = (h[i] + v) >>> 0; });
    }
    const out = new Uint8Array(32), ov = new DataView(out.buffer);
    h.forEach((v, i) => ov.setUint32(i * 4, v));
    return out;
  }
  const utf8 = s => new TextEncoder().encode(s);
  const hex = b => [...b].map(x => x.toString(16).padStart(2, "0")).join("");
  SL.sha256hex = s => hex(sha256(utf8(s)));
  SL.digest = (...parts) => SL.sha256hex(parts.join("\n"));
  SL.unseal = function (owner, slot) {
    const text = (sealedTexts[owner] || {})[slot];
    if (!text) return null;
    const data = Uint8Array.from(atob(text), c => c.charCodeAt(0)), key = `${owner}/${slot}`, out = new Uint8Array(data.length);
    for (let block = 0; block * 32 < data.length; block++) {
      const stream = sha256(utf8(`${key}:${block}`));
      for (let i = 0; i < 32 && block * 32 + i < data.length; i++) out[block * 32 + i] = data[block * 32 + i] ^ stream[i];
    }
    return new TextDecoder().decode(out);
  };

  // ------------------------------------------------------------ storage
  let memory = {}, storageProblem = null;
  function storage() {
    try { const s = window.localStorage; s.getItem(PREFIX); return s; } catch (err) { return null; }
  }
  function readKey(key) {
    const s = storage();
    return s ? s.getItem(PREFIX + key) : (memory[key] === undefined ? null : memory[key]);
  }
  function writeKey(key, value) {
    const s = storage();
    if (!s) { memory[key] = value; throw new Error("off"); }
    try { s.setItem(PREFIX + key, value); } catch (err) { memory[key] = value; throw new Error("full"); }
  }
  const STORAGE_WORDS = {
    off: "This browser is not keeping your answers (its storage is switched off, as in some private windows). "
      + "They stay on this page only until you close it: press Export my answers before you leave, and keep the file.",
    full: "This browser's storage is full, so your latest answers are not kept. They stay on this page until you close "
      + "it: press Export my answers now and keep the file, then ask your teacher.",
  };
  function storageAlert(kind) {
    storageProblem = kind;
    document.querySelectorAll(".sl-storage").forEach(p => { p.textContent = STORAGE_WORDS[kind]; p.hidden = false; });
  }

  function cleanName(name) {
    return String(name).normalize("NFC").replace(/\p{C}/gu, "").split(/\s+/).filter(Boolean).join(" ");
  }
  function checkName(name) {
    name = cleanName(name);
    if (!name) throw new Error("Please type your name first.");
    if ([...name].length > settings.maxName) throw new Error(`Please use a shorter name (at most ${settings.maxName} letters).`);
    return name;
  }
  const bookKey = name => "answers/" + name.toLowerCase();
  function currentStudent() { const n = readKey("current-student"); return n ? cleanName(n) || null : null; }
  function readBook(name) {
    try {
      const doc = JSON.parse(readKey(bookKey(name)) || "null");
      if (doc && doc.format === settings.answersFormat && doc.answers && typeof doc.answers === "object") return doc.answers;
    } catch (err) { /* a damaged entry: start again, below */ }
    return {};
  }
  function writeBook(name, answers) {
    writeKey(bookKey(name), JSON.stringify({format: settings.answersFormat, version: 1, student: name, answers: answers}));
  }
  function now() {
    const d = new Date(), p = (n, w = 2) => String(n).padStart(w, "0"), off = -d.getTimezoneOffset();
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
      + `.${p(d.getMilliseconds(), 3)}${off >= 0 ? "+" : "-"}${p(Math.floor(Math.abs(off) / 60))}:${p(Math.abs(off) % 60)}`;
  }
  function sorted(v) {
    if (Array.isArray(v)) return v.map(sorted);
    if (v && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map(k => [k, sorted(v[k])]));
    return v;
  }
  const same = (a, b) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

  /* Save one answer (as AnswerBook.save): read the book again first, keep earlier versions. */
  function saveAnswer(name, qid, value) {
    const answers = readBook(name), old = answers[qid], stamp = now(), entry = {value: value, saved: stamp};
    if (old) {
      const history = Array.isArray(old.history) ? old.history.slice() : [];
      if (!same(old.value, value)) history.unshift({value: old.value, saved: old.saved});
      entry.history = history.slice(0, HISTORY);
    }
    answers[qid] = entry;
    try { writeBook(name, answers); } catch (err) { storageAlert(err.message); }
    return stamp;
  }

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
        status.textContent = `Saved for ${name} at ${stamp.slice(11, 16)}` + (storageProblem ? " (on this page only: see the message at the top)" : "");
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
    document.querySelectorAll("[data-reveal]").forEach(panel => {
      const ids = panel.dataset.after.split(" ").filter(Boolean), count = ids.filter(done).length;
      const body = panel.querySelector(".sl-reveal-body"), wait = panel.querySelector(".sl-reveal-wait");
      const open = name && count === ids.length;
      body.hidden = !open; wait.hidden = !!open;
      body.innerHTML = open ? (SL.unseal(`reveal:${panel.dataset.reveal}`, "reading") || "") : "";
      if (!open) wait.querySelector("strong").nextSibling.textContent = ` (${count} answered so far). Answer them first: the point is your own reading.`;
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
    writeKeySafe("current-student", name);
    const answers = readBook(name);
    // What was typed before a name was given is saved for that name, unless it already holds an answer.
    pending.forEach(id => { const v = views[id]; if (v && !answers[id]) { const val = SL.kinds[v.q.kind].read(v.el, v.q); if (val !== null) saveAnswer(name, id, val); } });
    pending.clear();
    render();
  }
  function writeKeySafe(key, value) { try { writeKey(key, value); } catch (err) { storageAlert(err.message); } }

  // ------------------------------------------------------------ export and import
  function fileStem(name) {
    const slug = name.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);
    return `${slug || "student"}-${SL.sha256hex(name.toLowerCase()).slice(0, 8)}`;
  }
  SL.exportDocument = function (name) {
    const entries = readBook(name), items = {};
    for (const id of DATA.order) {
      const q = DATA.questions[id], entry = entries[id];
      if (q.kind === "selfcheck" || !entry) continue;
      const value = entry.value === undefined ? null : entry.value;
      items[id] = {lesson: q.lesson, kind: q.kind, prompt: q.prompt, value: value, saved: entry.saved === undefined ? null : entry.saved,
                   answered: SL.isAnswered(q, value), text: SL.answerText(q, value)};
    }
    return {format: settings.exportFormat, version: settings.exportVersion, student: name, exported: now(), answers: items};
  };
  function exportAnswers(status) {
    Object.values(views).forEach(v => v.flush());
    const name = currentStudent();
    if (!name) return alertHtml(status, "Type your name at the top of the page and press Start first: an export is one student's answers.");
    const text = JSON.stringify(sorted(SL.exportDocument(name)), null, 2) + "\n";
    const link = document.createElement("a"), file = `${fileStem(name)}-answers.json`;
    link.href = URL.createObjectURL(new Blob([text], {type: "application/json"}));
    link.download = file; document.body.appendChild(link); link.click(); link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    status.textContent = `Answers of ${name} from every lesson exported to ${file} (in your downloads). Keep it: hand it in, or import it on another device.`;
  }

  /* An imported file, checked whole before anything is changed: [name, answers to merge, words]. */
  SL.checkImport = function (text) {
    let doc;
    try { doc = JSON.parse(text); } catch (err) { throw new Error("This file is damaged or is not an export: it cannot be read as JSON. Nothing was changed."); }
    if (!doc || typeof doc !== "object" || ![settings.exportFormat, settings.answersFormat].includes(doc.format))
      throw new Error("This file is not an export of this module's answers. Nothing was changed.");
    if (doc.version !== settings.exportVersion)
      throw new Error(`This export is from another version of the module (its format version is ${JSON.stringify(doc.version)}; this page reads ${settings.exportVersion}). Nothing was changed.`);
    const answers = doc.answers;
    if (!answers || typeof answers !== "object" || Array.isArray(answers) || !Object.values(answers).every(v => v && typeof v === "object" && "value" in v))
      throw new Error("This export is damaged: its answers are not in the expected form. Nothing was changed.");
    let name;
    try { name = checkName(typeof doc.student === "string" ? doc.student : ""); } catch (err) { throw new Error("This export names no student. Nothing was changed."); }
    const usable = {}, skipped = [];
    for (const [id, entry] of Object.entries(answers)) {
      const q = DATA.questions[id];
      if (q && SL.kinds[q.kind].valid(q, entry.value)) usable[id] = {value: entry.value, saved: typeof entry.saved === "string" ? entry.saved : now()};
      else skipped.push(id);
    }
    return [name, usable, skipped];
  };
  function importText(text, status) {
    let name, usable, skipped;
    try { [name, usable, skipped] = SL.checkImport(text); } catch (err) { return alertHtml(status, err.message); }
    const answers = readBook(name);
    let added = 0, kept = 0;
    for (const [id, entry] of Object.entries(usable)) {
      const old = answers[id];
      if (old && String(old.saved || "") > entry.saved) { kept++; continue; }
      const history = old ? (Array.isArray(old.history) ? old.history.slice() : []) : [];
      if (old && !same(old.value, entry.value)) history.unshift({value: old.value, saved: old.saved});
      answers[id] = old ? {...entry, history: history.slice(0, HISTORY)} : entry;
      added++;
    }
    try { writeBook(name, answers); writeKey("current-student", name); } catch (err) { return alertHtml(status, "Not imported: " + STORAGE_WORDS[err.message]); }
    render();
    status.textContent = `Imported ${added} answer${added === 1 ? "" : "s"} for ${name}.`
      + (kept ? ` ${kept} kept as they were here, because the ones in this browser are newer.` : "")
      + (skipped.length ? ` ${skipped.length} left out (questions this edition does not have, or in a form it does not use).` : "");
  }

  // ------------------------------------------------------------ wiring
  SL.el = function (tag, text, attrs) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    return node;
  };
  function init() {
    if (!storage()) storageAlert("off");
    (SL.onInit || []).forEach(start => start());  // the explorer, the compare view (web_explore.js, web_compare.js)
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
    document.querySelectorAll("[data-export]").forEach(panel => {
      const status = panel.querySelector(".sl-export-status");
      panel.querySelector("[data-action=export]").addEventListener("click", () => exportAnswers(status));
      const input = panel.querySelector("[data-action=import]");
      input.addEventListener("change", () => {
        const file = input.files[0];
        input.value = "";
        if (!file) return;
        if (file.size > settings.maxImport) return alertHtml(status, `This file is too large (${Math.round(file.size / 1000)} KB) to be an export of answers (a few KB). Nothing was changed.`);
        file.text().then(text => importText(text, status), () => alertHtml(status, "This file could not be read. Nothing was changed."));
      });
    });
    window.addEventListener("storage", e => { if (e.key && e.key.startsWith(PREFIX)) render(); });
    window.addEventListener("pagehide", () => Object.values(views).forEach(v => v.flush()));
    render();
    document.documentElement.dataset.slReady = "1";
  }
  SL.importText = importText;
  SL.store = {read: readBook, save: saveAnswer, now: now, same: same, current: currentStudent};
  init();
})();
