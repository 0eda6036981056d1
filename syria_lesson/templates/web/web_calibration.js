/* Lesson 05's calibration picture in the web edition: the student's scored
   forecasts, grouped by size as syria_lesson.lessons.forecasts.calibration
   groups them, drawn against how often they came true, as inline SVG (no
   library, nothing fetched). Meaning never rests on colour: each point is a
   circle labelled "k of n", the perfect line is dashed, and the whole picture
   is said in words (the same words as forecasts.view.calibration_alt) as the
   SVG's accessible name and in a "The picture in words" note below it.
   Loaded before web_scores.js, which calls SL.calibrationFigure. */
(function () {
  "use strict";
  const SL = window.SL = window.SL || {};
  const NS = "http://www.w3.org/2000/svg";

  /* As forecasts.calibration(pairs, edges): [{low, high, count, mean, happened, share}], empty groups left out. */
  SL.calibrationGroups = function (pairs, edges) {
    const groups = new Map();
    for (const [p, o] of pairs) {
      let index = 0;
      while (!(p < edges[index + 1] || index === edges.length - 2)) index++;
      if (!groups.has(index)) groups.set(index, []);
      groups.get(index).push([p, o]);
    }
    return [...groups.keys()].sort((a, b) => a - b).map(index => {
      const members = groups.get(index), happened = members.reduce((n, [, o]) => n + o, 0);
      return {low: edges[index], high: edges[index + 1], count: members.length,
              mean: members.reduce((s, [p]) => s + p, 0) / members.length, happened: happened,
              share: 100 * happened / members.length};
    });
  };

  /* A whole number as Python's f"{x:.0f}" writes it: an exact half goes to the even neighbour. */
  function whole(x) {
    const floor = Math.floor(x);
    if (x - floor === 0.5) return String(floor % 2 === 0 ? floor : floor + 1);
    return String(Math.round(x));
  }

  /* As forecasts.view.calibration_alt(groups, None). */
  SL.calibrationText = function (groups) {
    const said = groups.map(g => `forecasts of ${g.low}-${g.high}%: ${g.count}, averaging ${whole(g.mean)}%, `
      + `${g.happened} of which happened`).join("; ");
    return "Calibration picture, in one panel. Each point is a group of forecasts: across, their average; up, the "
      + "share of them that happened; a dashed diagonal marks where a perfectly calibrated forecaster's points "
      + `would lie. Your forecasts (circles): ${said || "none scored"}.`;
  };

  function svg(tag, attrs, text) {
    const node = document.createElementNS(NS, tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, String(v)));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The plot: 0-100 on both axes (with a margin of 5 either side), in a 340 x 300 box.
  const LEFT = 52, RIGHT = 326, TOP = 14, BOTTOM = 246;
  const x = v => LEFT + (v + 5) / 110 * (RIGHT - LEFT), y = v => BOTTOM - (v + 8) / 116 * (BOTTOM - TOP);

  function picture(groups, words) {
    const root = svg("svg", {viewBox: "0 0 340 304", width: "100%", role: "img", "aria-label": words,
                             class: "sl-calibration-svg", focusable: "false"});
    root.appendChild(svg("title", {}, "Calibration: your forecasts against what happened"));
    const axes = svg("g", {class: "sl-cal-axes", "aria-hidden": "true"});
    for (let v = 0; v <= 100; v += 20) {
      axes.appendChild(svg("line", {x1: x(v), x2: x(v), y1: TOP, y2: BOTTOM, stroke: "#ccc", "stroke-width": 0.6}));
      axes.appendChild(svg("line", {x1: LEFT, x2: RIGHT, y1: y(v), y2: y(v), stroke: "#ccc", "stroke-width": 0.6}));
      axes.appendChild(svg("text", {x: x(v), y: BOTTOM + 15, "text-anchor": "middle", "font-size": 11}, String(v)));
      axes.appendChild(svg("text", {x: LEFT - 6, y: y(v) + 4, "text-anchor": "end", "font-size": 11}, String(v)));
    }
    axes.appendChild(svg("rect", {x: LEFT, y: TOP, width: RIGHT - LEFT, height: BOTTOM - TOP, fill: "none", stroke: "#333"}));
    axes.appendChild(svg("text", {x: (LEFT + RIGHT) / 2, y: BOTTOM + 34, "text-anchor": "middle", "font-size": 12},
      "Forecast (average of each group, %)"));
    axes.appendChild(svg("text", {x: 14, y: (TOP + BOTTOM) / 2, "text-anchor": "middle", "font-size": 12,
      transform: `rotate(-90 14 ${(TOP + BOTTOM) / 2})`}, "How often it happened (%)"));
    axes.appendChild(svg("line", {x1: x(0), y1: y(0), x2: x(100), y2: y(100), stroke: "#000", "stroke-width": 1.2,
      "stroke-dasharray": "6 4", class: "sl-cal-diagonal"}));
    axes.appendChild(svg("text", {x: LEFT, y: BOTTOM + 52, "font-size": 11},
      "Dashed line: perfectly calibrated"));
    root.appendChild(axes);
    const points = svg("g", {class: "sl-cal-points", "aria-hidden": "true"});
    for (const g of groups) {
      const cx = x(g.mean), cy = y(g.share);
      points.appendChild(svg("circle", {cx: cx, cy: cy, r: 5 + 2.5 * Math.min(g.count, 6), fill: "#0072B2",
        stroke: "#000", "stroke-width": 1, "fill-opacity": 0.85, "data-count": g.count}));
      points.appendChild(svg("text", {x: cx, y: g.share < 90 ? cy - 11 - 2.5 * Math.min(g.count, 6) : cy + 22 + 2.5 * Math.min(g.count, 6),
        "text-anchor": "middle", "font-size": 11, class: "sl-cal-label"}, `${g.happened} of ${g.count}`));
    }
    root.appendChild(points);
    return root;
  }

  /* The figure for lesson 05's scores, or null when nothing is scored (as forecasts.view.figure_html). */
  SL.calibrationFigure = function (result, data) {
    if (!result.scored.length) return null;
    const groups = SL.calibrationGroups(result.scored.map(r => [r.probability, r.happened]), data.binEdges);
    const words = SL.calibrationText(groups);
    const figure = document.createElement("figure"), caption = document.createElement("figcaption");
    const details = document.createElement("details"), summary = document.createElement("summary"), p = document.createElement("p");
    figure.className = "sl-calibration";
    caption.textContent = data.calibrationCaption;
    summary.textContent = "The picture in words";
    p.textContent = words;
    p.className = "sl-calibration-words";
    details.append(summary, p);
    figure.append(picture(groups, words), caption, details);
    return figure;
  };
})();
