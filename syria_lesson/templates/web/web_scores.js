/* Lesson 05's "Your forecasts, scored" in the web edition: lesson 04's forecasts,
   read from this browser's storage, scored with the Brier score by the rules of
   syria_lesson/lessons/forecasts/__init__.py (score, unseal, seal). The first time
   the scores are shown to a student, their forecasts are sealed in their answers
   under the same key as in JupyterLab; a forecast changed or made later is listed
   apart and never scored. The outcomes are in the page (build/web_forecasts.py).
   Every text is set as text, never as HTML. Loaded before web.js, which calls it. */
(function () {
  "use strict";
  const SL = window.SL = window.SL || {};

  function readProbability(value, problems) {
    if (value === null || value === undefined) return [null, problems.missing];
    const p = (value && typeof value === "object" && !Array.isArray(value)) ? value.probability : value;
    if (typeof p !== "number" || !Number.isFinite(p)) return [null, problems.unusable];
    if (p < 0 || p > 100) return [null, problems.range];
    return [p, null];
  }
  const brier = pairs => pairs.length ? pairs.reduce((sum, [p, o]) => sum + (p / 100 - o) ** 2, 0) / pairs.length : null;
  const isSeal = v => !!v && typeof v === "object" && typeof v.sealed === "string" && !!v.forecasts && typeof v.forecasts === "object";

  /* As forecasts.score(questions, values): values are question id -> saved value, with the seal if any. */
  SL.scoreForecasts = function (data, values) {
    const theSeal = values[data.seal], later = [], scoredValues = {...values};
    if (isSeal(theSeal)) {
      for (const o of data.outcomes) {
        const now = values[o.id], before = theSeal.forecasts[o.id];
        scoredValues[o.id] = before === undefined ? null : before;
        if (now !== null && now !== undefined && !SL.store.same(now, before === undefined ? null : before))
          later.push({id: o.id, question: o.question, sealed: theSeal.sealed,
                      original: readProbability(before, data.problems)[0], now: readProbability(now, data.problems)[0]});
      }
    }
    const rows = data.outcomes.map(o => {
      let [p, problem] = readProbability(scoredValues[o.id], data.problems);
      if (o.happened === null) problem = problem === null ? data.problems.open : `${problem}; and ${data.problems.open}`;
      return {id: o.id, question: o.question, outcome: o, happened: o.happened, probability: p, problem: problem,
              score: problem ? null : (p / 100 - o.happened) ** 2};
    });
    const scored = rows.filter(r => r.score !== null);
    return {rows: rows, scored: scored, later: later,
            missing: rows.filter(r => r.happened !== null && r.problem === data.problems.missing),
            unusable: rows.filter(r => r.happened !== null && [data.problems.unusable, data.problems.range].includes(r.problem)),
            open: rows.filter(r => r.happened === null),
            student: brier(scored.map(r => [r.probability, r.happened])),
            noSkill: brier(scored.map(r => [data.noSkill, r.happened]))};
  };

  /* Two decimals as Python's f"{x:.2f}" writes them (an exact tie, such as 0.125, goes to the even digit). */
  function fmt(x) {
    if (x === null) return "–";
    if (Number.isInteger(x * 8) && !Number.isInteger(x * 4)) {
      const f = Math.floor(x * 100);
      return ((f % 2 === 0 ? f : f + 1) / 100).toFixed(2);
    }
    return x.toFixed(2);
  }
  SL.fmtScore = fmt;
  function verdictWords(student, noSkill) {
    if (Math.abs(student - noSkill) < 0.005) return "about the same as the no-skill forecaster";
    return student < noSkill ? "better than the no-skill forecaster" : "worse than the no-skill forecaster";
  }
  const pct = v => v === null ? "no forecast" : `${v}%`;

  const el = (tag, text, attrs) => SL.el(tag, text, attrs);  // web.js
  function list(lead, rows) {
    const p = el("p", lead + ":"), ul = el("ul");
    rows.forEach(r => ul.appendChild(el("li", r.question)));
    return [p, ul];
  }

  function view(result, data) {
    const parts = [], n = result.scored.length;
    if (n) {
      const p = el("p", null, {role: "status", class: "sl-score-line"});
      p.append(el("strong", `Your Brier score: ${fmt(result.student)}`),
        ` on ${n} settled outcome${n === 1 ? "" : "s"} (${verdictWords(result.student, result.noSkill)}). `
        + `The no-skill forecaster (50% on everything) scores ${fmt(result.noSkill)} on the same outcomes. ${data.laterAuthor}`);
      parts.push(p);
      const picture = SL.calibrationFigure(result, data);  // web_calibration.js
      if (picture) parts.push(picture);
    } else {
      const p = el("p", null, {role: "status", class: "sl-score-line"});
      p.append(el("strong", "No forecast of yours can be scored yet."), " The forecasts are at the end of lesson 04: "
        + "make them there, in November 2017's shoes, before you read what happened.");
      parts.push(p);
    }
    if (result.missing.length) parts.push(...list("Not scored, because no forecast of yours is saved (if you typed words, go back to lesson 04 and type a whole number)", result.missing));
    if (result.unusable.length) parts.push(...list("Not scored, because the saved forecast is not a number from 0 to 100 (it is never counted as 0): go back to lesson 04 and type a whole number", result.unusable));
    if (result.open.length) parts.push(...list("Not scored for anyone, because the record has not settled it yet", result.open));
    if (result.later.length) {
      const box = el("div", null, {class: "sl-later"}), head = el("p"), ul = el("ul"), when = result.later[0].sealed;
      head.append(el("strong", "Later revisions, kept apart."), ` Your forecasts were sealed on ${when.slice(0, 10)} at ${when.slice(11, 16)}, `
        + "when this lesson first showed you what happened. A forecast changed or made after that is shown here and never scored: hindsight is not forecasting.");
      result.later.forEach(r => ul.appendChild(el("li", `${r.question}: before you saw the outcomes, ${pct(r.original)} (this is what is scored); changed later to ${pct(r.now)} (not scored)`)));
      box.append(head, ul);
      parts.push(box);
    }
    parts.push(table(result));
    return parts;
  }

  function table(result) {
    const revised = Object.fromEntries(result.later.map(r => [r.id, r]));
    const t = el("table", null, {class: "sl-table sl-forecasts"}), head = el("tr"), body = el("tbody");
    t.appendChild(el("caption", "Your forecasts and what happened"));
    ["As of 20 November 2017: how likely is it that …", "Your forecast", "Did it happen? (what happened, and the source)", "Your score"]
      .forEach(h => head.appendChild(el("th", h, {scope: "col"})));
    t.appendChild(el("thead")).appendChild(head);
    for (const r of result.rows) {
      const tr = el("tr", null, {"data-outcome": r.id}), yours = el("td", r.probability === null ? "–" : `${r.probability}%`);
      if (revised[r.id]) { yours.appendChild(el("br")); yours.appendChild(el("small", `changed later to ${pct(revised[r.id].now)}: not scored`)); }
      const happened = el("td"), link = el("a", r.outcome.source_title);
      link.href = r.outcome.source_url;
      const small = el("small", "Source: ");
      small.appendChild(link);
      happened.append(el("strong", {1: "Yes (1)", 0: "No (0)"}[r.happened] || "Still open: not scored"), ` ${r.outcome.resolved} `, small);
      tr.append(el("td", r.question), yours, happened, el("td", r.score === null ? "not scored" : fmt(r.score), {"data-score": ""}));
      body.appendChild(tr);
    }
    t.appendChild(body);
    return t;
  }

  function render(name, answers) {
    document.querySelectorAll("[data-scores]").forEach(panel => {
      const data = JSON.parse(panel.querySelector(".sl-scores-data").textContent), live = panel.querySelector(".sl-scores-live");
      if (!name) {
        live.replaceChildren(el("p", "Type your name at the top of this lesson to see your forecasts scored.", {role: "status"}));
        return;
      }
      const values = Object.fromEntries(Object.entries(answers).map(([id, entry]) => [id, entry ? entry.value : null]));
      if (!isSeal(values[data.seal])) {  // the outcomes are shown now: keep the forecasts as they stand (forecasts.seal)
        const forecasts = {};
        data.outcomes.forEach(o => { if (values[o.id] !== null && values[o.id] !== undefined) forecasts[o.id] = values[o.id]; });
        values[data.seal] = {sealed: SL.store.now().replace(/\.\d{3}/, ""), forecasts: forecasts};
        SL.store.save(name, data.seal, values[data.seal]);
      }
      live.replaceChildren(...view(SL.scoreForecasts(data, values), data));
    });
  }
  SL.onChange = (SL.onChange || []).concat([render]);
})();
