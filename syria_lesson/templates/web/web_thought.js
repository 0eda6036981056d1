/* What earns our reading in the web edition: the kernel's rule (syria_lesson/kinds/base.py,
   Kind.shows_thought), which the page carries as data for every question (q.thought: where the
   student's reason is, how many words it needs, how many different, and what a word is), applied
   the same way here: answered, with a reason of a sentence. Clicks alone, or one letter, never
   earn it. Also what is still wanted, in words. Loaded after web_kinds.js; nothing is fetched. */
(function () {
  "use strict";
  const SL = window.SL = window.SL || {};
  const isDict = v => v !== null && typeof v === "object" && !Array.isArray(v);
  const str = v => (v === null || v === undefined) ? "" : String(v);

  /* The words the student wrote to explain the answer (Kind.reason): a field of the answer, or the answer. */
  function reasonOf(q, value) {
    const where = q.thought.reasonIn;
    if (where) return isDict(value) ? str(value[where]) : "";
    return Array.isArray(value) ? value.map(str).join(" ") : str(value);
  }
  const wordsIn = (text, rule) => str(text).match(new RegExp(rule.word, "gu")) || [];
  function thoughtful(text, rule) {
    const found = wordsIn(text, rule).map(w => w.toLowerCase());
    return found.length >= rule.minWords && new Set(found).size >= rule.minDistinct;
  }
  /* What to write before a button shows our reading, as the kernel's reason_wanted says it; null when enough. */
  function reasonWanted(q, text, before) {
    if (thoughtful(text, q.thought)) return null;
    return `Say why in a sentence first, in the box (at least ${q.thought.minWords} words; you have ${wordsIn(text, q.thought).length}), then ${before}.`;
  }

  /* Answered with the reason the kernel asks for: what opens our reading (kinds.base.Kind.shows_thought). */
  function showsThought(q, value) { return SL.isAnswered(q, value) && thoughtful(reasonOf(q, value), q.thought); }

  /* What a question still wants before our reading opens, in words; null when nothing. */
  function stillWanted(q, value) {
    if (!SL.isAnswered(q, value)) return "answer it first";
    if (showsThought(q, value)) return null;
    const rule = q.thought, have = wordsIn(reasonOf(q, value), rule).length;
    return have >= rule.minWords ? "write a reason in your own words first, not one word over and over"
      : `write a reason of at least ${rule.minWords} words first, in its box (you have ${have})`;
  }

  SL.thoughtful = thoughtful;
  SL.reasonWanted = reasonWanted;
  SL.showsThought = showsThought;
  SL.stillWanted = stillWanted;
  SL.wordsIn = text => wordsIn(text, Object.values(SL_DATA.questions)[0].thought);
})();
