/* The positions compare view in the web edition: two actors, topic by topic,
   from the positions embedded in the page (build/web_views.py). The script
   shows the two choosers and hides the static table, which a page without its
   script keeps. A cell the lesson asks students to predict stays sealed until
   the student has answered its prediction, as in JupyterLab. Loaded before
   web.js, which calls it. */
(function () {
  "use strict";
  const SL = window.SL = window.SL || {};

  /* As positions.cells.relation. */
  SL.relation = function (a, b) {
    if (a === "not_stated" || b === "not_stated") return "one or both silent";
    if (a === b && a !== "ambiguous") return "agree";
    return "diverge";
  };

  /* One cell: {html, stance} if the student may see it, else {blank} (the module's own HTML, escaped at build). */
  function cell(data, actor, topic, answers) {
    const slot = `${actor}:${topic}`, c = data.cells[slot];
    if (!c.blank) return c;
    const q = window.SL_DATA.questions[c.question], entry = answers[c.question];
    if (q && entry && SL.showsThought(q, entry.value)) {
      try { return JSON.parse(SL.unseal(`compare:${data.lesson}`, `cell:${slot}`)); } catch (err) { /* stays blank */ }
    }
    return c;
  }

  SL.compareRows = function (data, a, b, answers) {
    return data.topics.map(t => {
      const ca = cell(data, a, t.id, answers), cb = cell(data, b, t.id, answers);
      return {topic: t.title, a: ca, b: cb,
              relation: ca.blank || cb.blank ? "compare with your prediction" : SL.relation(ca.stance, cb.stance)};
    });
  };

  function render(name, answers) {
    document.querySelectorAll("[data-compare]").forEach(view => {
      const data = view.sl || (view.sl = JSON.parse(view.querySelector(".sl-view-data").textContent)), el = SL.el;
      const pick = field => view.querySelector(`[data-field=${field}]`).value;
      const actors = Object.fromEntries(data.actors.map(x => [x.id, x])), a = pick("a"), b = pick("b");
      const t = el("table", null, {class: "sl-table"}), head = el("tr"), body = el("tbody");
      t.appendChild(el("caption", `${actors[a].short} and ${actors[b].short} compared`));
      ["Topic", "Relation", actors[a].short, actors[b].short].forEach(h => head.appendChild(el("th", h, {scope: "col"})));
      t.appendChild(el("thead")).appendChild(head);
      for (const row of SL.compareRows(data, a, b, name ? answers : {})) {
        const tr = el("tr"), ta = el("td"), tb = el("td");
        ta.innerHTML = row.a.html || row.a.blank;  // built and escaped by the module (web_views.py), never student text
        tb.innerHTML = row.b.html || row.b.blank;
        tr.append(el("th", row.topic, {scope: "row"}), el("td", row.relation), ta, tb);
        body.appendChild(tr);
      }
      t.appendChild(body);
      view.querySelector(".sl-view-live").replaceChildren(t);
    });
  }

  SL.onInit = (SL.onInit || []).concat([function () {
    document.querySelectorAll("[data-compare]").forEach(view => {
      const data = view.sl = JSON.parse(view.querySelector(".sl-view-data").textContent);
      const form = view.querySelector(".sl-view-controls");
      view.querySelector("[data-field=a]").value = data.a;
      view.querySelector("[data-field=b]").value = data.b;
      form.hidden = false;
      view.querySelector(".sl-view-static").hidden = true;
      form.addEventListener("submit", e => e.preventDefault());
      form.addEventListener("change", () => { const name = SL.store.current(); render(name, name ? SL.store.read(name) : {}); });
    });
  }]);
  SL.onChange = (SL.onChange || []).concat([render]);
})();
