/* One student's answers in this browser's storage, in the answers file's
   format (syria_lesson/live/answers.py): keyed by module version and student,
   each answer with its time and its earlier versions, read again before each
   save. Storage switched off or full is said in plain words on the page, and
   the answers are kept on the page meanwhile. Loaded before web.js. */
(function () {
  "use strict";
  const SL = window.SL = window.SL || {};
  const settings = JSON.parse(document.getElementById("sl-settings").textContent);
  const PREFIX = `syria-lesson/${settings.version}/`;
  const HISTORY = 5;

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
  function writeKeySafe(key, value) { try { writeKey(key, value); } catch (err) { storageAlert(err.message); } }

  SL.store = {prefix: PREFIX, history: HISTORY, available: storage, read: readBook, write: writeBook, save: saveAnswer,
              now: now, same: same, sorted: sorted, current: currentStudent, checkName: checkName, writeKey: writeKey,
              writeKeySafe: writeKeySafe, alert: storageAlert, problem: () => storageProblem, words: STORAGE_WORDS};
})();
