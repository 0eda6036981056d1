"""The student release carries no plain answer key (issue 23): a student who opens its files in
JupyterLab's file browser reads no self-check's explanation, no claim's kind and reason, no held-back
position and no verdict, yet every lesson still reads them (sealed, core/sealed.py)."""

import json
import subprocess
import sys

import pytest

from syria_lesson import build
from syria_lesson.build.release import SEALED
from syria_lesson.core import sealed
from syria_lesson.data import load_all


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    return build.build_release(tmp_path_factory.mktemp("sealed") / "release")


def words(text: str, n: int = 10) -> str:
    return " ".join(str(text).split()[:n])


def answer_texts() -> dict[str, str]:
    """What only an attempt may open, in the words the data gives it (long enough to be unmistakable)."""
    content = load_all()
    found = {}
    for q in content.questions:
        for option in q.get("options") or []:
            if isinstance(option, dict) and option.get("text") == q.get("answer") and option.get("feedback"):
                found[f"{q['id']}: feedback"] = words(option["feedback"])
    for part in content.article["parts"]:
        for claim in part.get("claims") or []:
            found[f"{claim['id']}: why"] = words(claim["why"])
    for p in content.predictions:
        found[f"{p['id']}: outcome"] = words(p["outcome"])
    return {key: text for key, text in found.items() if len(text.split()) >= 8}


def test_no_file_of_the_release_shows_an_answer(release):
    wanted = answer_texts()
    assert len(wanted) > 40
    shown = {}
    for path in release.rglob("*"):
        if path.is_file() and "syria_lesson" not in path.relative_to(release).parts:
            text = " ".join(path.read_bytes().decode("utf-8", errors="ignore").split())
            shown.update({key: path.name for key, needle in wanted.items() if needle in text})
    assert shown == {}, f"answers readable in the release: {shown}"


def test_every_file_that_holds_answers_is_sealed_and_none_plain(release):
    data = release / "data"
    for pattern in SEALED:
        assert not list(data.glob(pattern)), pattern
        assert list(data.glob(pattern + sealed.SUFFIX)), pattern
    one = data / "positions.csv.sealed"
    assert one.read_text(encoding="ascii").startswith(sealed.HEADER)
    # the check can fail: the checkout's own plain file holds the answers the test looks for
    plain = " ".join((build.ROOT / "data" / "predictions.yaml").read_text(encoding="utf-8").split())
    assert any(text in plain for text in answer_texts().values())


def test_the_release_reads_its_sealed_files_as_the_checkout_reads_the_plain_ones(release):
    script = ("import json; from syria_lesson.data import load_all; c = load_all(); "
              "print(json.dumps({'questions': [[q['id'], q.get('answer')] for q in c.questions], "
              "'positions': len(c.positions), 'events': len(c.events), 'verdicts': [p['verdict'] for p in c.predictions]}))")
    env = {"SYRIA_LESSON_ROOT": str(release), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", script], cwd=release / "notebooks", env=env, capture_output=True,
                         text=True, check=True).stdout
    got = json.loads(out)
    content = load_all()
    assert got == {"questions": [[q["id"], q.get("answer")] for q in content.questions],
                   "positions": len(content.positions), "events": len(content.events),
                   "verdicts": [p["verdict"] for p in content.predictions]}


def test_sealing_round_trips_any_bytes():
    raw = "Réponse: “a sealed line” ✓\n".encode() * 50
    assert sealed.unseal(sealed.seal(raw)) == raw
    assert "sealed line" not in sealed.seal(raw)
