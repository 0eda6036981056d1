"""Options that give nothing away (issue 23, item 3): a student who picks the
longest option, or the last word, must not score well by it.

- In the self-checks of every lesson, the longest option is the right one in no
  more than 1 in 3 (test writers tend to make the right answer the careful, long one).
- In the claim sorts, the odd word (the one vague word, or the one that is not)
  sits at each position about equally often, as a student sees them.
Each check is also run on a deliberately broken copy, to show it can fail."""

from collections import Counter

from syria_lesson import kinds
from syria_lesson.data import load_all
from syria_lesson.kinds.classify import odd_word

MAX_LONGEST_RIGHT = 1 / 3


def selfchecks() -> list[dict]:
    return [q for q in load_all().questions if q["kind"] == "selfcheck"]


def longest_is_right(questions: list[dict]) -> list[str]:
    """The self-checks whose longest option (in characters) is the right one."""
    return [q["id"] for q in questions
            if max((o["text"] for o in q["options"]), key=len) == q["answer"]]


def spread(positions: list[int], slots: int) -> tuple[int, int]:
    """(most, fewest) times any one position holds the odd word."""
    counts = Counter(positions)
    return max(counts.values()), min(counts.get(p, 0) for p in range(slots))


def odd_positions(order) -> list[int]:
    """Where the odd word sits in each claim sort, with ``order(q)`` the words as shown."""
    out = []
    for q in load_all().questions:
        if q["kind"] == "classify" and odd_word(q["claim_data"].get("words") or []) is not None:
            out.append(order(q).index(odd_word(q["claim_data"]["words"])))
    return out


def test_the_longest_option_is_right_in_no_more_than_one_self_check_in_three():
    questions = selfchecks()
    hits = longest_is_right(questions)
    assert len(questions) >= 12
    assert len(hits) <= MAX_LONGEST_RIGHT * len(questions), (
        f"the longest option is the right one in {len(hits)} of {len(questions)} self-checks: {hits}. "
        "Shorten the right option or give a wrong one more detail (same meaning, your own words)")


def test_the_length_check_fails_when_the_right_option_is_the_longest():
    padded = []
    for q in selfchecks():  # broken on purpose: the right option is made the longest everywhere
        longer = q["answer"] + " (and this is explained in full detail)" * 5
        padded.append({**q, "answer": longer, "options": [{**o, "text": longer} if o["text"] == q["answer"] else o
                                                           for o in q["options"]]})
    assert len(longest_is_right(padded)) == len(padded) > MAX_LONGEST_RIGHT * len(padded)


def test_the_odd_word_of_a_claim_sort_sits_at_every_position_about_equally():
    classify = kinds.get("classify")
    positions = odd_positions(lambda q: classify.words(q))
    assert len(positions) >= 9
    most, fewest = spread(positions, 3)
    assert most - fewest <= 2 and most <= len(positions) / 2, Counter(positions)


def test_the_position_check_fails_on_the_order_the_file_gives():
    """As authors write them (the file's order), the odd word is usually last: the check catches it."""
    positions = odd_positions(lambda q: q["claim_data"]["words"])
    most, fewest = spread(positions, 3)
    assert not (most - fewest <= 2 and most <= len(positions) / 2), Counter(positions)
