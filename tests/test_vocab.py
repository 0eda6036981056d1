"""One vocabulary: the validators accept exactly the codes the views can print."""

import csv
import shutil

import pytest

from syria_lesson.core import paths, vocab
from syria_lesson.core.validate import DataError
from syria_lesson.data import load_all
from syria_lesson.data.people import load_actors, load_positions, load_topics
from syria_lesson.kinds.predict import cell_label


def test_a_code_with_a_colour_must_also_have_a_symbol_or_a_marker():
    with pytest.raises(ValueError, match="has a colour but no symbol"):
        vocab.Code("red_only", "Red", colour="#D55E00")
    assert vocab.Code("ok", "OK", colour="#D55E00", symbol="+").colour


def test_an_unknown_code_is_a_key_error_that_lists_the_codes():
    with pytest.raises(KeyError) as error:
        vocab.STANCES["neutral"]
    assert "'neutral' is not a stance code" in str(error.value) and "supports" in str(error.value)


def test_every_code_in_the_data_has_its_labels():
    content = load_all()
    used = {
        vocab.TRACKS: {e["track"] for e in content.events},
        vocab.CATEGORIES: {e["category"] for e in content.events},
        vocab.ARTICLE_LINKS: {e["article_link"] for e in content.events},
        vocab.DATE_KINDS: {e["date_kind"] for e in content.events},
        vocab.STANCES: {p["stance_code"] for p in content.positions},
        vocab.BASES: {p["basis"] for p in content.positions},
        vocab.VERDICTS: {p["verdict"] for p in content.predictions},
    }
    for words, codes in used.items():
        assert codes <= set(words.codes), words.name
        assert all(words[c].label and words[c].on_paper and words[c].as_option for c in codes), words.name


def test_every_stance_and_basis_prints_as_a_cell():
    for stance in vocab.STANCES:
        for basis in vocab.BASES:
            label = cell_label({"stance_code": stance.code, "basis": basis.code})
            assert label.startswith(f"{stance.symbol} {stance.label}")


def test_a_new_stance_code_fails_validation_with_file_row_column_and_fix(tmp_path, monkeypatch):
    """It used to pass validation and then raise KeyError in the positions table."""
    data = shutil.copytree(paths.data_dir(), tmp_path / "data")
    table = data / "positions.csv"
    with table.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    column = rows[0].index("stance_code")
    row = next(i for i, cells in enumerate(rows) if cells[column] == "supports")
    rows[row][column] = "neutral"
    with table.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    monkeypatch.setenv("SYRIA_LESSON_DATA", str(data))
    with pytest.raises(DataError) as error:
        load_positions(load_actors(), load_topics())
    message = str(error.value)
    # rows are counted as a spreadsheet shows them: the header is row 1
    assert f"positions.csv, row {row + 1}, column 'stance_code': 'neutral'" in message
    assert all(code in message for code in vocab.STANCES.codes)


def test_every_vocabulary_is_listed_once_with_unique_codes():
    names = [v.name for v in vocab.ALL]
    assert len(names) == len(set(names))
    assert all(len(v) == len(set(v.codes)) > 0 for v in vocab.ALL)
