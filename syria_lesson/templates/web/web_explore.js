/* The timeline explorer in the web edition: filter the events of one period by
   track, kind, link to the article and years, and sort them, in this browser,
   from the events embedded in the page (build/web_views.py). The script shows
   the controls and hides the static table, which a page without its script
   keeps. Which paragraph each event is linked to stays sealed until the
   student has answered the question the lesson holds it back for. Every text
   is set as text, never as HTML. Loaded before web.js, which calls it. */
(function () {
  "use strict";
  const SL = window.SL = window.SL || {};

  function paragraphs(data, name, answers) {
    if (!data.holdBack) return null;
    const q = window.SL_DATA.questions[data.holdBack], entry = answers[data.holdBack];
    if (!name || !q || !entry || !SL.showsThought(q, entry.value)) return null;
    try { return JSON.parse(SL.unseal(`explorer:${data.name}`, "paragraphs") || "null"); } catch (err) { return null; }
  }

  /* The events the controls choose, in the order they ask for (as timeline.explore.explorer's chosen()). */
  SL.exploreEvents = function (data, choice) {
    const lo = Math.min(Number(choice.from), Number(choice.to)), hi = Math.max(Number(choice.from), Number(choice.to));
    const rows = data.events.filter(e => (!choice.track || e.track === choice.track)
      && (!choice.category || e.category === choice.category) && (!choice.link || e.link === choice.link)
      && lo <= e.year && e.year <= hi);
    const cmp = (x, y) => (x < y ? -1 : x > y ? 1 : 0), key = choice.order;
    if (key !== "date") rows.sort((a, b) => cmp(a[key], b[key]) || cmp(a.sort, b.sort));
    return rows;
  };

  function table(data, rows, linked) {
    const el = SL.el, label = list => Object.fromEntries(list);
    const tracks = label(data.tracks), kinds = label(data.categories);
    const t = el("table", null, {class: "sl-table sl-events"}), head = el("tr"), body = el("tbody");
    t.appendChild(el("caption", "Events matching the filters"));
    ["No.", "Date (which date)", "Event", "Track", "Kind", "In the article?", "Source"]
      .forEach(h => head.appendChild(el("th", h, {scope: "col"})));
    t.appendChild(el("thead")).appendChild(head);
    for (const e of rows) {
      const tr = el("tr", null, {"data-event": e.id}), what = el("td"), source = el("td"), a = el("a", e.sourceTitle);
      what.append(el("strong", e.title), el("br"), e.summary);
      a.href = e.sourceUrl;
      source.appendChild(a);
      tr.append(el("th", String(e.no), {scope: "row"}), el("td", e.when), what, el("td", tracks[e.track]),
        el("td", kinds[e.category]), el("td", linked ? linked[e.id] : e.linkLabel), source);
      body.appendChild(tr);
    }
    t.appendChild(body);
    return t;
  }

  function render(name, answers) {
    document.querySelectorAll("[data-explore]").forEach(view => {
      const data = view.sl || (view.sl = JSON.parse(view.querySelector(".sl-view-data").textContent));
      const form = view.querySelector(".sl-view-controls"), choice = {};
      form.querySelectorAll("select").forEach(s => { choice[s.dataset.field] = s.value; });
      const rows = SL.exploreEvents(data, choice), linked = paragraphs(data, name, answers);
      const live = view.querySelector(".sl-view-live"), parts = [];
      view.querySelector(".sl-view-count").textContent = `${rows.length} of ${data.events.length} events`;
      if (data.holdBack && !linked) parts.push(SL.el("p", data.heldBack, {class: "sl-reveal-wait"}));
      parts.push(rows.length ? table(data, rows, linked) : SL.el("p", "No event matches these filters: choose All in one of them."));
      live.replaceChildren(...parts);
    });
  }

  SL.onInit = (SL.onInit || []).concat([function () {
    document.querySelectorAll("[data-explore]").forEach(view => {
      const form = view.querySelector(".sl-view-controls");
      form.hidden = false;
      view.querySelector(".sl-view-static").hidden = true;
      form.addEventListener("submit", e => e.preventDefault());
      form.addEventListener("change", () => { const name = SL.store.current(); render(name, name ? SL.store.read(name) : {}); });
    });
  }]);
  SL.onChange = (SL.onChange || []).concat([render]);
})();
