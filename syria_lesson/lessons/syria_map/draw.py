"""Drawing pieces for the map of Syria (``syria_map``): styles, layers, labels, legend.

Colour never carries meaning alone: every zone has its own hatching (and the
south-west zone a dashed outline), every kind of place its own marker shape,
and the legend names each one. Colours are from the Okabe-Ito palette.
matplotlib is imported inside the functions, so importing the package stays cheap.
"""

from __future__ import annotations

import math
import textwrap

from syria_lesson.core import geo

SEA, LAND, SYRIA, INK, GREY = "#BFD7EA", "#E6E2D8", "#FFFFFF", "#333333", "#8A8A8A"
ASPECT = 1 / math.cos(math.radians(34.5))  # lon/lat drawn to scale at the map's middle latitude
ZONE_STYLE = {
    "astana": {"facecolor": "#F6DCC7", "hatch": "///", "hatchcolor": "#D55E00", "edgecolor": "#D55E00",
               "linewidth": 0.9},
    "southwest": {"facecolor": "none", "hatch": "\\\\\\", "hatchcolor": "#0072B2", "edgecolor": "#0072B2",
                  "linewidth": 2.0, "linestyle": (0, (5, 2))},
    "occupied": {"facecolor": SYRIA, "hatch": "||", "hatchcolor": "#555555", "edgecolor": INK, "linewidth": 0.8},
    "separation": {"facecolor": "#8C8C8C", "hatch": "", "edgecolor": "#444444", "linewidth": 0.5},
}
ZONE_LEGEND = {
    "southwest": "South-west ceasefire zone (U.S., Russia, Jordan, July 2017), dashed outline",
    "occupied": "Israeli-occupied Syrian Golan (UN usage)",
    "separation": "UNDOF area of separation (1974)",
}
PLACE_STYLE = {  # marker, size, face colour, legend
    "capital": ("*", 15, "#000000", "Capital city"),
    "city": ("o", 7, "#FFFFFF", "City or town"),
    "russian_base": ("^", 11, "#CC79A7", "Russian base"),
    "us_base": ("s", 9, "#56B4E9", "U.S. garrison"),
    "crossing": ("D", 8, "#F0E442", "Border crossing"),
}
OFFSETS = {"N": (0, 7, "center", "bottom"), "S": (0, -8, "center", "top"), "E": (7, 0, "left", "center"),
           "W": (-7, 0, "right", "center"), "NE": (5, 5, "left", "bottom"), "NW": (-5, 5, "right", "bottom"),
           "SE": (5, -5, "left", "top"), "SW": (-5, -5, "right", "top")}
GOLAN_LINE = (0, (2, 2))


def wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width))


def backing(colour: str = "white") -> dict:
    """A box of the ground's own colour behind a label, so it stays legible over hatching and
    borders. (A stroked "halo" would turn every label into outlines in the SVG file: ten times
    the size, and no text a screen reader or a search can find.)"""
    return {"boxstyle": "round,pad=0.12", "facecolor": colour, "alpha": 0.85, "edgecolor": "none"}


def text(ax, x, y, label, size=10, ground: str | None = "white", **kw):
    """A label; ``ground`` is the colour it sits on (None: no box)."""
    if ground:
        kw["bbox"] = backing(ground)
    return ax.text(x, y, label, fontsize=size, zorder=kw.pop("zorder", 9), **kw)


def patches(polygons, **style):
    """One matplotlib patch per polygon, holes included (a compound path)."""
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path

    result = []
    for polygon in polygons:
        vertices, codes = [], []
        for ring in polygon:
            vertices += [*ring, ring[0]]
            codes += [Path.MOVETO] + [Path.LINETO] * (len(ring) - 1) + [Path.CLOSEPOLY]
        result.append(PathPatch(Path(vertices, codes), **style))
    return result


def lines(ax, points, **style):
    from matplotlib.collections import LineCollection

    ax.add_collection(LineCollection(points, **style))


def zone_shapes(zone, govs) -> list:
    polygons = [p for g in zone["governorates"] for p in govs.shapes[g].polygons]
    if zone["polygon"]:
        polygons.append([zone["polygon"]])
    if zone.get("feature"):
        polygons += govs.shapes[zone["feature"]].polygons
    return polygons


def _zones(ax, govs, zones, clip) -> None:
    for zone in zones["zones"] + zones["areas"]:
        style = dict(ZONE_STYLE[zone["kind"]])
        if zone["kind"] == "southwest":  # edge-less fill, then one dashed outline round the whole zone
            lines(ax, govs.outline(zone["governorates"]), colors=style["edgecolor"], linewidths=style["linewidth"],
                  linestyles=[style.pop("linestyle")], zorder=5)
            style["edgecolor"] = "none"
        within = "Israel" if zone["kind"] == "occupied" else "Syria"  # the Golan lies in Israel in the file
        for patch in patches(zone_shapes(zone, govs), zorder={"southwest": 4, "separation": 4.5}.get(zone["kind"], 3),
                             **style):
            ax.add_patch(patch)
            if zone["kind"] != "separation":
                patch.set_clip_path(clip[within])


def _borders(ax, world, govs) -> None:
    inner = [govs.lines[a] for a, n in govs.arc_use([k for k in govs.shapes if k.startswith("SY.")]).items()
             if n == 2 and a not in govs.shapes["SY"].arcs]
    lines(ax, inner, colors=GREY, linewidths=0.6, zorder=6)
    cyprus = world.shapes["Cyprus"].arcs & world.shapes["N. Cyprus"].arcs  # one island, drawn whole
    golan = world.shapes["Israel"].arcs & world.shapes["Syria"].arcs
    land, coast = [], []
    for arc, n in world.arc_use(list(world.shapes)).items():
        if arc not in cyprus | golan:
            (land if n > 1 else coast).append(world.lines[arc])
    lines(ax, coast, colors="#7A8C99", linewidths=0.7, zorder=6)
    lines(ax, land, colors=INK, linewidths=1.3, zorder=7)
    lines(ax, [world.lines[a] for a in golan], colors=INK, linewidths=1.0, linestyles=[GOLAN_LINE], zorder=7)


def _places(ax, places, inset_frame, inset: bool) -> None:
    for place in places:
        lon0, lon1, lat0, lat1 = inset_frame
        in_inset = lon0 <= place["lon"] <= lon1 and lat0 <= place["lat"] <= lat1
        if (inset and not in_inset) or (not inset and in_inset and place["kind"] == "city"):
            continue  # cities close together near Damascus are shown in the inset only
        marker, size, colour, _ = PLACE_STYLE[place["kind"]]
        ax.plot(place["lon"], place["lat"], marker=marker, markersize=size, markerfacecolor=colour,
                markeredgecolor="black", markeredgewidth=1.0, linestyle="", zorder=10)
        dx, dy, ha, va = OFFSETS[(inset and place.get("inset_label_side")) or place["label_side"]]
        ax.annotate(wrap(place["name"], 14), (place["lon"], place["lat"]), xytext=(dx, dy),
                    textcoords="offset points", ha=ha, va=va, fontsize=10.5, linespacing=0.95,
                    fontweight="normal" if place["kind"] == "city" else "bold", bbox=backing(), zorder=11,
                    multialignment="right" if ha == "right" else "left")


def _visible(polygons, frame, margin=0.5):
    box = (frame[0] - margin, frame[1] + margin, frame[2] - margin, frame[3] + margin)
    clipped = [[geo.clip_ring(ring, box) for ring in polygon] for polygon in polygons]
    return [[ring for ring in polygon if len(ring) > 2] for polygon in clipped if len(polygon[0]) > 2]


def layers(ax, world, govs, places, zones, frame, inset_frame, inset: bool) -> None:
    """Everything the main map and the inset both show, in drawing order."""
    ax.set_facecolor(SEA)
    clip = {}
    for key, shape in world.shapes.items():
        shown = _visible(shape.polygons, frame)
        for patch in patches(shown, facecolor=SYRIA if key == "Syria" else LAND, edgecolor="none", zorder=1):
            ax.add_patch(patch)
            clip.setdefault(key, patch)
    _zones(ax, govs, zones, clip)
    _borders(ax, world, govs)
    _places(ax, places, inset_frame, inset)
    ax.set_aspect(ASPECT)


def scale_bar(ax, lon, lat, km) -> None:
    width = km / (geo.KM_PER_DEGREE * math.cos(math.radians(lat)))
    ax.plot([lon, lon + width], [lat, lat], color="black", linewidth=4, solid_capstyle="butt", zorder=12)
    ax.plot([lon, lon + width / 2], [lat, lat], color="white", linewidth=2, solid_capstyle="butt", zorder=13)
    for share, label in ((0, "0"), (1, f"{km} km")):
        ax.annotate(label, (lon + share * width, lat), xytext=(0, 5), textcoords="offset points", ha="center",
                    va="bottom", fontsize=9.5, bbox=backing(), zorder=13)


def _target(zone, govs):
    if zone["polygon"]:
        xs, ys = zip(*zone["polygon"])
        return sum(xs) / len(xs), sum(ys) / len(ys)
    ring = max(zone_shapes(zone, govs)[0], key=len)
    return ring[len(ring) // 2]


def callout(ax, zone, govs, label, size=10.5, bbox=None) -> None:
    """A zone's label at its label point, with a leader line when that point is outside the zone."""
    target, spot = _target(zone, govs), tuple(zone["label_at"])
    outside = not any(geo.inside(geo.Shape("", "", [polygon]), spot) for polygon in zone_shapes(zone, govs))
    side = "center" if not outside or bbox else ("right" if spot[0] < target[0] else "left")
    ax.annotate(label, target, xytext=spot, textcoords="data", fontsize=size, ha=side, va="center",
                weight="bold", bbox=bbox or backing(), zorder=15,
                arrowprops={"arrowstyle": "-", "color": "black", "linewidth": 0.9, "shrinkA": 3, "shrinkB": 0}
                if outside else None)


def number(ax, zone, govs) -> None:
    callout(ax, zone, govs, str(zone["number"]), size=11,
            bbox={"boxstyle": "circle,pad=0.25", "facecolor": "white", "edgecolor": "black", "linewidth": 1})


def legend_handles(used_kinds, astana_text):
    """(zone handles, place and line handles), each told apart by hatch, line style or marker shape."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    zones = [Patch(label=astana_text if kind == "astana" else ZONE_LEGEND[kind], **style)
             for kind, style in ZONE_STYLE.items()]
    places = [Line2D([], [], linestyle="", marker=marker, markersize=size * 0.9, markerfacecolor=colour,
                     markeredgecolor="black", label=label)
              for kind, (marker, size, colour, label) in PLACE_STYLE.items() if kind in used_kinds]
    places += [Line2D([], [], color=INK, linewidth=1.3, label="International boundary"),
               Line2D([], [], color=INK, linewidth=1.0, linestyle=GOLAN_LINE,
                      label="Line between the occupied\nGolan and the rest of Syria"),
               Line2D([], [], color=GREY, linewidth=0.6, label="Governorate boundary")]
    return zones, places
