// The HTML slide deck: one slide at a time, by keyboard, buttons or the address (#3 is slide 3).
(function () {
  "use strict";
  const root = document.documentElement;
  root.classList.add("js");
  const slides = Array.from(document.querySelectorAll(".slide"));
  const where = document.getElementById("where");
  let current = 0;

  function show(n) {
    current = Math.max(0, Math.min(slides.length - 1, n));
    slides.forEach((slide, i) => {
      const on = i === current;
      slide.classList.toggle("current", on);
      slide.setAttribute("aria-hidden", on ? "false" : "true");
      const notes = document.getElementById(slide.id + "-notes");
      if (notes) notes.classList.toggle("current", on);
    });
    where.textContent = "Slide " + (current + 1) + " of " + slides.length;
    if (location.hash !== "#" + (current + 1)) history.replaceState(null, "", "#" + (current + 1));
  }

  function fromHash() {
    const n = parseInt(location.hash.slice(1), 10);
    return Number.isFinite(n) ? n - 1 : 0;
  }

  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (target && target.tagName === "BUTTON" && (event.key === " " || event.key === "Enter")) return;
    const moves = {ArrowRight: 1, ArrowDown: 1, PageDown: 1, " ": 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1};
    if (event.key in moves) show(current + (event.shiftKey && event.key === " " ? -1 : moves[event.key]));
    else if (event.key === "Home") show(0);
    else if (event.key === "End") show(slides.length - 1);
    else if (event.key === "n" || event.key === "N") root.classList.toggle("show-notes");
    else return;
    event.preventDefault();
  });
  document.getElementById("prev").addEventListener("click", () => show(current - 1));
  document.getElementById("next").addEventListener("click", () => show(current + 1));
  window.addEventListener("hashchange", () => show(fromHash()));
  show(fromHash());
})();
