/* Export and Import in the web edition: one student's answers from every
   lesson as the JSON file syria_lesson/live/exports.py writes (which the class
   view and collect read), and such a file taken back, checked whole before
   anything changes (not an export, another version, damaged or huge: a plain
   message, nothing changed). Loaded before web.js, which starts it. */
(function () {
  "use strict";
  const SL = window.SL = window.SL || {};
  const settings = JSON.parse(document.getElementById("sl-settings").textContent);
  const DATA = window.SL_DATA;
  const store = SL.store, readBook = store.read, writeBook = store.write, writeKey = store.writeKey, now = store.now;
  const sorted = store.sorted, same = store.same, currentStudent = store.current, checkName = store.checkName;
  const HISTORY = store.history, STORAGE_WORDS = store.words;
  const alertHtml = (el, text) => SL.page.alert(el, text), render = () => SL.page.render();

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
    SL.page.flush();
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

  SL.onInit = (SL.onInit || []).concat([function () {
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
  }]);
  SL.importText = importText;
})();
