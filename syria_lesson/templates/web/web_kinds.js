/* Each question kind in the browser: reading and setting its form controls,
   what a saved value means (the same rules and words as syria_lesson/kinds/*.py,
   so an export's "text" and "answered" are what JupyterLab's would be), and
   its checks. Feedback and readings are sealed in the page (build/web_kinds.py)
   and opened here only after the attempt JupyterLab asks for. */
(function () {
  "use strict";
  const SL = window.SL = window.SL || {};
  const isDict = v => v !== null && typeof v === "object" && !Array.isArray(v);
  const str = v => (v === null || v === undefined) ? "" : String(v);
  const blank = v => !str(v).trim();
  const field = (el, name) => el.querySelector(`[data-field="${name}"]`);
  const fields = (el, name) => [...el.querySelectorAll(`[data-field="${name}"]`)];
  const checked = (el, name) => { const c = fields(el, name).find(i => i.checked); return c ? c.value : null; };
  const setRadio = (el, name, value) => fields(el, name).forEach(i => { i.checked = value !== null && i.value === String(value); });
  const setSelect = (el, name, value, allowed) => { field(el, name).value = allowed.includes(value) ? value : ""; };
  const sealedOr = (q, slot) => SL.unseal(q.id, slot) || "";

  function parseForecast(text) {
    const cleaned = text.trim().replace(/%+$/, "").trim();
    if (!cleaned) return [null, "Type a whole number from 0 to 100 (how likely, in per cent)."];
    if (/^(0?[.,]\d+|1[.,]0*)$/.test(cleaned)) {  // 0.7: a fraction; say how to type it, never guess
      const percent = Math.round(parseFloat(cleaned.replace(",", ".")) * 100);
      return [null, `“${text.trim()}” looks like a fraction: type ${percent} for ${percent}% (a whole number from 0 to 100).`];
    }
    if (/^\d{1,3}[.,]\d+$/.test(cleaned)) return [null, `“${text.trim()}” is not a whole number: type a whole number from 0 to 100, such as 70.`];
    if (!/^\d{1,3}$/.test(cleaned)) return [null, `“${text.trim()}” is not a number: type a whole number from 0 to 100, such as 70.`];
    const n = parseInt(cleaned, 10);
    if (n > 100) return [null, `${n} is more than 100: a probability goes from 0 (it will not happen) to 100 (it will).`];
    return [n, null];
  }

  const reasonText = (value, lead) => value.reason ? `${lead}${str(value.reason)}` : "";
  const becauseText = value => blank(value.reason) ? "" : `. Because: ${str(value.reason)}`;
  const reasonBox = el => field(el, "reason").value;

  function matchRight(q, item, chosen) {
    return typeof chosen === "string" && (q.right[item.id] || []).includes(SL.digest(q.id, item.id, chosen));
  }

  function matchNotes(el, q, value) {
    const chosen = (value && value.chosen) || {}, tries = (value && value.tries) || {};
    for (const item of q.items) {
      const note = el.querySelector(`[data-note="${CSS.escape(item.id)}"]`);
      const pick = chosen[item.id], t = Number(tries[item.id] || 0);
      if (!pick || !t) { note.innerHTML = ""; continue; }
      note.innerHTML = sealedOr(q, matchRight(q, item, pick) ? `right:${item.id}` : (t >= 2 ? `final:${item.id}` : `hint:${item.id}`));
    }
  }

  const KINDS = {
    open: {
      valid: (q, v) => typeof v === "string",
      answered: (q, v) => !blank(v),
      text: (q, v) => v,
      read: el => field(el, "text").value,
      write: (el, q, v) => { field(el, "text").value = typeof v === "string" ? v : ""; },
    },
    choice: {
      valid: (q, v) => typeof v === "string",
      answered: (q, v) => q.options.includes(v),
      text: (q, v) => v,
      read: el => checked(el, "choice"),
      write: (el, q, v) => setRadio(el, "choice", q.options.includes(v) ? v : null),
    },
    selfcheck: {
      valid: (q, v) => isDict(v) && typeof v.choice === "string",
      answered: (q, v) => q.options.includes(v.choice),
      text: (q, v) => v.choice + (v.correct ? " (right)" : " (not right yet)") + becauseText(v),
      read: (el, q) => { const c = checked(el, "choice"); return c === null ? null : {choice: c, correct: SL.digest(q.id, c) === q.right, reason: reasonBox(el)}; },
      write: (el, q, v, ui) => {
        const c = isDict(v) && q.options.includes(v.choice) ? v.choice : null;
        setRadio(el, "choice", c);
        field(el, "reason").value = isDict(v) ? str(v.reason) : "";
        ui.feedback(c && SL.showsThought(q, v) ? sealedOr(q, `option:${c}`) : "");
      },
      onCheck: true,
      check: (el, q, ui) => {
        const v = KINDS.selfcheck.read(el, q);
        if (!v) return ui.feedback("Choose an option first.", true);
        const wanted = SL.reasonWanted(q, v.reason, "press Check");  // a choice and a reason: clicks alone never earn it
        if (wanted) return ui.feedback(wanted, true);
        ui.feedback(sealedOr(q, `option:${v.choice}`));
        ui.save(v);
      },
    },
    scale: {
      valid: (q, v) => isDict(v) && (v.score === null || v.score === undefined || Number.isInteger(v.score)),
      answered: (q, v) => v.score !== null && v.score !== undefined,
      text: (q, v) => `${v.score} / ${q.max}` + reasonText(v, ". Reason: "),
      partial: (q, v) => blank(v.reason) ? null : `Reason: ${v.reason}`,
      read: el => {
        const s = checked(el, "score"), reason = field(el, "reason").value;
        if (s === null && blank(reason)) return null;
        return {score: s === null ? null : parseInt(s, 10), reason: reason};
      },
      write: (el, q, v) => {
        v = isDict(v) ? v : {};
        setRadio(el, "score", Number.isInteger(v.score) && v.score >= q.min && v.score <= q.max ? v.score : null);
        field(el, "reason").value = str(v.reason);
      },
    },
    ranking: {
      valid: (q, v) => Array.isArray(v) && v.every(x => typeof x === "string"),
      answered: (q, v) => JSON.stringify([...v].sort()) === JSON.stringify([...q.options].sort()),
      text: (q, v) => v.map((item, n) => `${n + 1}. ${item}`).join("; "),
      read: (el, q) => {
        const drops = fields(el, "rank"), ranks = drops.map(d => parseInt(d.value || "0", 10));
        if (JSON.stringify([...ranks].sort((a, b) => a - b)) !== JSON.stringify(q.options.map((_, n) => n + 1))) return null;
        return drops.map((d, n) => [ranks[n], d.dataset.option]).sort((a, b) => a[0] - b[0]).map(p => p[1]);
      },
      incomplete: el => fields(el, "rank").some(d => d.value) ? "Give each item a different rank." : null,
      write: (el, q, v) => {
        const whole = Array.isArray(v) && KINDS.ranking.answered(q, v);
        fields(el, "rank").forEach(d => { d.value = whole ? String(v.indexOf(d.dataset.option) + 1) : ""; });
      },
    },
    classify: {
      valid: (q, v) => isDict(v) && typeof v.kind === "string",
      answered: (q, v) => q.options.includes(v.kind),
      text: (q, v) => v.kind + (v.correct ? " (right)" : " (not right yet)")
        + (Array.isArray(v.vague) && v.vague.length ? "; vague words marked: " + v.vague.join(", ") : "") + becauseText(v),
      read: (el, q) => {
        const k = checked(el, "kind");
        if (k === null) return null;
        return {kind: k, vague: fields(el, "vague").filter(b => b.checked).map(b => b.value),
                attempts: Number(el.dataset.attempts || 0), correct: SL.digest(q.id, k) === q.right, reason: reasonBox(el)};
      },
      feedbackOf: (q, v) => sealedOr(q, `${Number(v.attempts) >= 2 ? "final" : "first"}:${v.kind}`),
      write: (el, q, v, ui) => {
        v = isDict(v) ? v : {};
        setRadio(el, "kind", q.options.includes(v.kind) ? v.kind : null);
        fields(el, "vague").forEach(b => { b.checked = Array.isArray(v.vague) && v.vague.includes(b.value); });
        field(el, "reason").value = str(v.reason);
        el.dataset.attempts = String(Number(v.attempts) || 0);
        ui.feedback(Number(v.attempts) && SL.showsThought(q, v) ? KINDS.classify.feedbackOf(q, v) : "");
      },
      onCheck: true,
      check: (el, q, ui) => {
        if (checked(el, "kind") === null) return ui.feedback("Choose a kind of claim first.", true);
        const wanted = SL.reasonWanted(q, reasonBox(el), "press Check");
        if (wanted) return ui.feedback(wanted, true);
        el.dataset.attempts = String(Number(el.dataset.attempts || 0) + 1);
        const v = KINDS.classify.read(el, q);
        ui.feedback(KINDS.classify.feedbackOf(q, v));
        ui.save(v);
      },
    },
    match: {
      valid: (q, v) => isDict(v) && isDict(v.chosen),
      answered: (q, v) => q.items.every(i => v.chosen[i.id]),
      text: (q, v) => {
        const labels = Object.fromEntries(q.choices.map(c => [c.id, c.label]));
        return q.items.map(i => `${i.text} → ${Object.prototype.hasOwnProperty.call(labels, v.chosen[i.id]) ? labels[v.chosen[i.id]] : "(none)"}`
          + (matchRight(q, i, v.chosen[i.id]) ? " (right)" : "")).join("; ") + becauseText(v);
      },
      read: el => {
        const chosen = {};
        fields(el, "match").forEach(d => { if (d.value) chosen[d.dataset.item] = d.value; });
        if (!Object.keys(chosen).length) return null;
        return {chosen: chosen, tries: JSON.parse(el.dataset.tries || "{}"), reason: reasonBox(el)};
      },
      write: (el, q, v) => {
        v = isDict(v) ? v : {};
        const chosen = isDict(v.chosen) ? v.chosen : {}, ids = q.choices.map(c => c.id), tries = {};
        fields(el, "match").forEach(d => { d.value = ids.includes(chosen[d.dataset.item]) ? chosen[d.dataset.item] : ""; });
        q.items.forEach(i => { tries[i.id] = Number((isDict(v.tries) && v.tries[i.id]) || 0); });
        el.dataset.tries = JSON.stringify(tries);
        field(el, "reason").value = str(v.reason);
        matchNotes(el, q, SL.thoughtful(v.reason, q.thought) ? {chosen: chosen, tries: tries} : null);
      },
      onCheck: true,
      check: (el, q, ui) => {
        const v = KINDS.match.read(el);
        if (!v) return ui.feedback("Choose a match for at least one item first.", true);
        const wanted = SL.reasonWanted(q, v.reason, "press Check");
        if (wanted) return ui.feedback(wanted, true);
        for (const item of q.items) {
          const pick = v.chosen[item.id];
          if (pick && !(v.tries[item.id] && matchRight(q, item, pick))) v.tries[item.id] = Number(v.tries[item.id] || 0) + 1;
        }
        el.dataset.tries = JSON.stringify(v.tries);
        matchNotes(el, q, v);
        const done = q.items.filter(i => matchRight(q, i, v.chosen[i.id])).length;
        ui.feedback(`<p role="status">${done} of ${q.items.length} right.</p>`);
        ui.save(v);
      },
    },
    predict: {
      valid: (q, v) => isDict(v) && [null, undefined, ...Object.keys(SL_DATA.stances)].includes(v.stance)
        && [null, undefined, ...Object.keys(SL_DATA.bases)].includes(v.basis),
      answered: (q, v) => !!v.stance && !!v.basis,
      text: (q, v) => `${SL_DATA.stances[v.stance]}; ${SL_DATA.bases[v.basis]}` + reasonText(v, ". ")
        + (SL.digest(q.id, v.stance) === q.right ? " (the same stance as the module's table)" : " (the table says otherwise)"),
      read: el => {
        const s = field(el, "stance").value || null, b = field(el, "basis").value || null, r = field(el, "reason").value;
        return (s || b || !blank(r)) ? {stance: s, basis: b, reason: r} : null;
      },
      write: (el, q, v, ui) => {
        v = isDict(v) ? v : {};
        setSelect(el, "stance", v.stance, Object.keys(SL_DATA.stances));
        setSelect(el, "basis", v.basis, Object.keys(SL_DATA.bases));
        field(el, "reason").value = str(v.reason);
        ui.feedback(SL.showsThought(q, v) ? sealedOr(q, "reading") : "");
      },
      compare: (el, q, ui) => {
        const v = KINDS.predict.read(el);
        if (!(v && v.stance && v.basis)) return ui.feedback("Choose a position and how we would know it first.", true);
        const wanted = SL.reasonWanted(q, v.reason, "compare with the table");
        if (wanted) return ui.feedback(wanted, true);
        ui.save(v);
        ui.feedback(sealedOr(q, "reading"));
      },
    },
    verdict: {
      valid: (q, v) => isDict(v) && [null, undefined, ...Object.keys(SL_DATA.verdicts)].includes(v.verdict),
      answered: (q, v) => !!v.verdict,
      text: (q, v) => SL_DATA.verdicts[v.verdict] + reasonText(v, ". Because: "),
      read: el => {
        const d = field(el, "verdict").value || null, r = field(el, "reason").value;
        return (d || !blank(r)) ? {verdict: d, reason: r} : null;
      },
      write: (el, q, v, ui) => {
        v = isDict(v) ? v : {};
        setSelect(el, "verdict", v.verdict, Object.keys(SL_DATA.verdicts));
        field(el, "reason").value = str(v.reason);
        ui.feedback(SL.showsThought(q, v) ? sealedOr(q, "reading") : "");
      },
      compare: (el, q, ui) => {
        const v = KINDS.verdict.read(el);
        if (!(v && v.verdict)) return ui.feedback("Choose your verdict first.", true);
        const wanted = SL.reasonWanted(q, v.reason, "compare with the module");
        if (wanted) return ui.feedback(wanted, true);
        ui.save(v);
        ui.feedback(sealedOr(q, "reading"));
      },
    },
    forecast: {
      valid: (q, v) => isDict(v) && (v.probability === null || v.probability === undefined || Number.isInteger(v.probability)),
      answered: (q, v) => Number.isInteger(v.probability) && v.probability >= 0 && v.probability <= 100,
      text: (q, v) => `${v.probability}%` + reasonText(v, ". Because: "),
      partial: (q, v) => blank(v.reason) ? null : `Because: ${v.reason}`,
      read: el => {
        const [p] = parseForecast(field(el, "probability").value), r = field(el, "reason").value;
        return (p === null && blank(r)) ? null : {probability: p, reason: r};
      },
      incomplete: el => {
        const text = field(el, "probability").value, [, why] = parseForecast(text);
        return (text.trim() || blank(field(el, "reason").value)) ? why : null;
      },
      write: (el, q, v) => {
        v = isDict(v) ? v : {};
        field(el, "probability").value = Number.isInteger(v.probability) ? String(v.probability) : "";
        field(el, "reason").value = str(v.reason);
      },
    },
  };

  /* An answer as text, as syria_lesson.live.worksheet.answer_text writes it. */
  function answerText(q, value) {
    const kind = KINDS[q.kind];
    if (value === null || value === undefined) return "(not answered)";
    if (!kind.valid(q, value)) return "(saved in a form this question no longer uses)";
    if (!kind.answered(q, value)) {
      const partial = kind.partial ? kind.partial(q, value) : null;
      return partial ? `(not finished) ${partial}` : "(not answered)";
    }
    return kind.text(q, value);
  }

  function isAnswered(q, value) {
    const kind = KINDS[q.kind];
    return value !== null && value !== undefined && kind.valid(q, value) && kind.answered(q, value);
  }

  SL.kinds = KINDS;
  SL.answerText = answerText;
  SL.isAnswered = isAnswered;
  SL.parseForecast = parseForecast;
})();
