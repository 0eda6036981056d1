"""Every code the data files use, with what it means on screen and on paper.

One home for each list: the validators in ``data/`` accept exactly these codes,
and the lessons, widgets, worksheets and figures print exactly these labels, so
the two cannot disagree. A code added to a data file but not here fails
validation with the list of codes that exist; a code added here needs its
labels, or this module does not load.

Colours are Okabe-Ito (safe for the common forms of colour blindness), and a
code that has a colour also has a symbol or a marker: colour never carries a
meaning alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    code: str
    label: str              # on screen, in tables and figures
    paper: str = ""         # on a worksheet, where a row must fit one line ("" = the label)
    option: str = ""        # as an option a student chooses, on screen ("" = the label)
    symbol: str = ""        # printed beside the label: readers without colour still see it
    colour: str = ""        # repeats the symbol, never replaces it
    marker: str = ""        # a matplotlib marker shape, for figures

    def __post_init__(self) -> None:
        if not self.code or not self.label:
            raise ValueError(f"vocabulary code {self.code!r} needs a code and a label")
        if self.colour and not (self.symbol or self.marker):
            raise ValueError(f"vocabulary code {self.code!r} has a colour but no symbol or marker")

    @property
    def on_paper(self) -> str:
        return self.paper or self.label

    @property
    def as_option(self) -> str:
        return self.option or self.label


class Vocabulary:
    """An ordered list of codes: the order is the order of tables and legends."""

    def __init__(self, name: str, *codes: Code) -> None:
        self.name = name
        self._codes = {c.code: c for c in codes}
        if len(self._codes) != len(codes):
            raise ValueError(f"vocabulary {name!r} lists a code twice")

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self._codes)

    def __iter__(self) -> Iterator[Code]:
        return iter(self._codes.values())

    def __contains__(self, code: object) -> bool:
        return code in self._codes

    def __len__(self) -> int:
        return len(self._codes)

    def __getitem__(self, code: str) -> Code:
        try:
            return self._codes[code]
        except KeyError:
            raise KeyError(f"{code!r} is not a {self.name} code; the codes are: {', '.join(self._codes)}") from None

    def label(self, code: str) -> str:
        return self[code].label

    def labels(self) -> dict[str, str]:
        return {c.code: c.label for c in self}


def plain(name: str, *codes: str) -> Vocabulary:
    """Codes whose label is the code in words (``in_force`` -> ``in force``)."""
    return Vocabulary(name, *(Code(c, c.replace("_", " ")) for c in codes))


# -- events (data/events.csv)

TRACKS = Vocabulary(
    "track",
    Code("us_russia", "U.S.–Russia"),
    Code("un_geneva", "UN / Geneva"),
    Code("astana", "Astana (Russia, Iran, Turkey)"),
    Code("southwest", "Jordan / southwest"),
    Code("russia_syria", "Russia–Syria bases"),
    Code("us_syria", "U.S. forces, ISIS, sanctions"),
    Code("turkey_kurds", "Turkey and the Kurds"),
    Code("israel_syria", "Israel and Syria"),
    Code("chemical", "Chemical weapons"),
    Code("fall_of_assad", "The fall of Assad"),
    Code("transition", "Syria's transition"),
    Code("other", "Battlefield and politics"),
)
CATEGORIES = Vocabulary(
    "category",
    Code("agreement", "Agreement or statement", colour="#0072B2", marker="s"),
    Code("ceasefire", "Ceasefire", colour="#009E73", marker="^"),
    Code("un_resolution", "UN resolution", colour="#56B4E9", marker="D"),
    Code("talks", "Talks or conference", colour="#E69F00", marker="o"),
    Code("military", "Military action", colour="#D55E00", marker="X"),
    Code("bases", "Bases", colour="#CC79A7", marker="P"),
    Code("political", "Political change", colour="#000000", marker="v"),
)
ARTICLE_LINKS = Vocabulary(
    "article link",
    Code("explicit", "named in the article"),
    Code("allusion", "alluded to in the article"),
    Code("context", "context (not in the article)"),
    Code("later", "after the article"),
)
DATE_KINDS = Vocabulary(
    "date kind",
    Code("signed", "signed"), Code("announced", "announced"), Code("in_force", "in force"),
    Code("held", "held"), Code("began", "began"), Code("occurred", "occurred"),
)
DATE_PRECISIONS = plain("date precision", "day", "month", "year")
SOURCE_KINDS = plain("source kind", "primary", "news", "reference")

# -- actors and positions (data/actors.csv, data/positions.csv)

ACTOR_KINDS = plain("actor kind", "state", "state_part", "non_state", "international")
STANCES = Vocabulary(
    "stance",
    Code("supports", "Supports", option="Supports (yes)", paper="Supports (yes)", symbol="+", colour="#0072B2"),
    Code("opposes", "Opposes", option="Opposes (no)", paper="Opposes (no)", symbol="−", colour="#D55E00"),
    Code("conditional", "Conditional", option="Conditional (yes, if ...)", paper="Conditional (yes, if …)",
         symbol="±", colour="#E69F00"),
    Code("ambiguous", "Ambiguous", option="Ambiguous (left open)", paper="Ambiguous", symbol="?", colour="#CC79A7"),
    Code("not_stated", "Not stated", option="Not stated", paper="Not stated", symbol="·", colour="#FFFFFF"),
)
BASES = Vocabulary(
    "basis",
    Code("article", "the article", option="The article says so", paper="The article", symbol="A"),
    Code("record", "the public record", option="A dated public source says so", paper="A dated source", symbol="R"),
    Code("article_and_record", "the article and the record", option="Both say so", paper="Both", symbol="A+R"),
    Code("not_stated", "neither says", option="Neither says so", paper="Neither"),
)

# -- the article and the author's predictions (data/article.yaml, data/predictions.yaml)

CLAIM_KINDS = Vocabulary(
    "claim kind",
    Code("reported_fact", "Reported fact"),
    Code("interpretation", "Interpretation"),
    Code("prediction", "Prediction"),
    Code("opinion", "Opinion"),
)
VERDICTS = Vocabulary(
    "verdict",
    Code("right", "Right"), Code("wrong", "Wrong"), Code("mixed", "Partly right"),
    Code("overtaken", "Overtaken by events"), Code("open", "Still open"),
)
# How well a paragraph of the joint statement is attested (data/joint_statement.yaml).
STATEMENT_STATUS = Vocabulary(
    "statement status",
    Code("verified", "in two or more copies"),
    Code("one_english_copy", "in one copy only"),
    Code("partial", "only in part"),
    Code("not_found", "not found"),
)

# -- questions and plans (data/questions/, data/lessons/)

LEVELS = plain("thinking level", "recall", "explain", "analyse", "evaluate")
TIERS = plain("tier", "core", "extension")

# -- the map (data/map_places.csv, data/map_zones.yaml)

PLACE_KINDS = plain("place kind", "capital", "city", "russian_base", "us_base", "crossing")
ZONE_KINDS = plain("zone kind", "astana", "southwest")
AREA_KINDS = plain("area kind", "occupied", "separation")

ALL = (TRACKS, CATEGORIES, ARTICLE_LINKS, DATE_KINDS, DATE_PRECISIONS, SOURCE_KINDS, ACTOR_KINDS, STANCES, BASES,
       CLAIM_KINDS, VERDICTS, STATEMENT_STATUS, LEVELS, TIERS, PLACE_KINDS, ZONE_KINDS, AREA_KINDS)
