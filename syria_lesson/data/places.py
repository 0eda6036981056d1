"""The map's own data: places (``data/map_places.csv``) and zones (``data/map_zones.yaml``).

Checked like every other data file (one ``DataError`` naming file, row, column
and fix), and also against the vendored boundaries: every coordinate must lie
on the map, and each place inside the country and governorate it claims.
"""

from __future__ import annotations

from typing import Any

from syria_lesson.core import geo, paths, vocab
from syria_lesson.core.readers import check_field, display_name, read_csv, read_yaml, unique
from syria_lesson.core.validate import Column, DataError, Invalid, Problem, ident, integer, one_of, text, url

# The map's frame: longitude west-east, latitude south-north (degrees).
BOUNDS = (32.2, 42.6, 31.3, 37.7)
SIDES = ("N", "S", "E", "W", "NE", "NW", "SE", "SW")
# A coastal place may fall just offshore of the simplified 1:50m coastline.
COAST_TOLERANCE_KM = 3.0
BOUNDS_TEXT = (f"the map covers longitudes {BOUNDS[0]} to {BOUNDS[1]} (east) and latitudes "
               f"{BOUNDS[2]} to {BOUNDS[3]} (north)")
COORD_FIX = ("write decimal degrees, longitude (east) first: Damascus is lon 36.28, lat 33.51; "
             + BOUNDS_TEXT)


def number(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise Invalid("is not a number", COORD_FIX) from None


def lon_in_bounds(value: str) -> float:
    lon = number(value)
    if not BOUNDS[0] <= lon <= BOUNDS[1]:
        raise Invalid("is outside the map", COORD_FIX)
    return lon


def lat_in_bounds(value: str) -> float:
    lat = number(value)
    if not BOUNDS[2] <= lat <= BOUNDS[3]:
        raise Invalid("is outside the map", COORD_FIX)
    return lat


def point(value: Any) -> tuple[float, float]:
    """A [lon, lat] pair from YAML, on the map."""
    if not (isinstance(value, list) and len(value) == 2
            and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)):
        raise Invalid("is not a [longitude, latitude] pair", "write it as [36.28, 33.51]")
    lon, lat = float(value[0]), float(value[1])
    if not (BOUNDS[0] <= lon <= BOUNDS[1] and BOUNDS[2] <= lat <= BOUNDS[3]):
        raise Invalid("is outside the map", COORD_FIX)
    return lon, lat


PLACE_COLUMNS = [
    Column("id", ident),
    Column("name", text(45)),
    Column("kind", one_of(*vocab.PLACE_KINDS.codes)),
    Column("lon", lon_in_bounds),
    Column("lat", lat_in_bounds),
    Column("country", text(40)),
    Column("governorate", text(10), required=False),
    Column("label_side", one_of(*SIDES)),
    Column("inset_label_side", one_of(*SIDES), required=False),
    Column("source_title", text(250)),
    Column("source_url", url),
    Column("note", text(500), required=False),
]


def _governorate_list(ids: dict[str, str]) -> str:
    return ", ".join(f"{k} ({v})" for k, v in sorted(ids.items()))


def governorate_names() -> dict[str, str]:
    """HASC id -> name, for Syria's 14 governorates (the UNDOF feature left out)."""
    return {k: s.name for k, s in geo.governorates().shapes.items() if k.startswith("SY.")}


def _located(world: geo.Topology, key: str, point: tuple[float, float]) -> bool:
    """Inside the shape, or a coastal point just offshore of its simplified outline."""
    shape = world.shapes[key]
    if geo.inside(shape, point):
        return True
    elsewhere = any(geo.inside(s, point) for k, s in world.shapes.items() if k != key)
    return not elsewhere and geo.km_to_lines(point, [*shape.rings]) <= COAST_TOLERANCE_KM


def _where_is(world: geo.Topology, point: tuple[float, float]) -> str:
    found = [k for k, s in world.shapes.items() if geo.inside(s, point)]
    return f"it lies in {found[0]}" if found else "it lies in no shape of the boundary file"


def check_place(row: dict, name: str, world: geo.Topology, govs: geo.Topology,
                gov_names: dict[str, str]) -> list[Problem]:
    where = f"row {row['_row']}"
    lon, lat, country, gov = row.get("lon"), row.get("lat"), row.get("country"), row.get("governorate")
    problems = []
    if country is not None and country not in world.shapes:
        problems.append(Problem(name, where, "country", country, "is not a country in "
                                + geo.shown_name(geo.COUNTRIES_FILE),
                                "use one of: " + ", ".join(sorted(world.shapes))))
        country = None
    if gov is not None and gov not in gov_names:
        problems.append(Problem(name, where, "governorate", gov, "is not a known governorate id",
                                "use one of: " + _governorate_list(gov_names)))
        gov = None
    elif country == "Syria" and gov is None:
        problems.append(Problem(name, where, "governorate", None, "is empty, but the place is in Syria",
                                "give the governorate's id: " + _governorate_list(gov_names)))
    elif country not in (None, "Syria") and gov is not None:
        problems.append(Problem(name, where, "governorate", gov, f"is a Syrian governorate, but the "
                                f"country is {country}", "leave 'governorate' empty outside Syria"))
        gov = None
    if lon is None or lat is None:
        return problems
    spot = (lon, lat)
    if country and not _located(world, country, spot):
        problems.append(Problem(name, where, "country", country,
                                f"does not contain the point ({lon} E, {lat} N): {_where_is(world, spot)}",
                                "check lon and lat against the source (lon is east-west, lat north-south), "
                                "or correct the country"))
    elif gov and not _located(govs, gov, spot):
        problems.append(Problem(name, where, "governorate", gov,
                                f"({gov_names[gov]}) does not contain the point ({lon} E, {lat} N): "
                                f"{_where_is(govs, spot)}",
                                "check lon and lat against the source, or correct the governorate"))
    return problems


def load_places() -> list[dict]:
    path = paths.data_dir() / "map_places.csv"
    name = display_name(path)
    rows, problems = read_csv(path, PLACE_COLUMNS)
    problems += unique(rows, "id", name)
    world, govs = geo.countries(), geo.governorates()
    gov_names = governorate_names()
    for row in rows:
        problems += check_place(row, name, world, govs, gov_names)
    if problems:
        raise DataError(problems)
    return rows


# ---------------------------------------------------------------- zones


def _sources(problems: list[Problem], name: str, where: str, item: dict) -> None:
    sources = item.get("sources")
    if not isinstance(sources, list) or not sources:
        problems.append(Problem(name, where, "sources", None, "is missing",
                                "list at least one source, each with title: and url:"))
        return
    for s, source in enumerate(sources, start=1):
        swhere = f"{where}, source {s}"
        if not isinstance(source, dict):
            problems.append(Problem(name, swhere, "sources", source, "is not a source",
                                    "write each source as title: ... and url: ..."))
            continue
        check_field(problems, name, swhere, source, "title", text(250))
        check_field(problems, name, swhere, source, "url", url)


def _polygon(problems: list[Problem], name: str, where: str, item: dict) -> list:
    raw = item.get("polygon") or []
    if not isinstance(raw, list) or 0 < len(raw) < 3:
        problems.append(Problem(name, where, "polygon", raw, "is not a polygon",
                                "list at least three [longitude, latitude] points, or leave it empty: []"))
        return []
    points = [check_field(problems, name, f"{where}, point {p}", {"polygon": v}, "polygon", point)
              for p, v in enumerate(raw, start=1)]
    return [p for p in points if p]


def check_zone(problems: list[Problem], name: str, where: str, item: dict, kinds: tuple,
               gov_names: dict[str, str], features: set[str]) -> dict:
    zone = {"id": check_field(problems, name, where, item, "id", ident)}
    for key, checker in (("name", text(80)), ("kind", one_of(*kinds)), ("label", text(60)),
                         ("label_at", point), ("description", text(400)), ("note", text(800))):
        zone[key] = check_field(problems, name, where, item, key, checker)
    if "number" in item or kinds == vocab.ZONE_KINDS.codes:
        zone["number"] = check_field(problems, name, where, item, "number", integer(1, 9))
    zone["polygon"] = _polygon(problems, name, where, item)
    zone["governorates"] = []
    for gov in item.get("governorates") or []:
        if gov in gov_names:
            zone["governorates"].append(gov)
        else:
            problems.append(Problem(name, where, "governorates", gov, "is not a known governorate id",
                                    "use one of: " + _governorate_list(gov_names)))
    zone["feature"] = item.get("feature")
    if zone["feature"] is not None and zone["feature"] not in features:
        problems.append(Problem(name, where, "feature", zone["feature"],
                                f"is not a feature of {geo.shown_name(geo.GOVERNORATES_FILE)}",
                                "use one of: " + ", ".join(sorted(features))))
    if not (zone["polygon"] or zone["governorates"] or zone["feature"] or item.get("polygon")
            or item.get("governorates")):
        problems.append(Problem(name, where, "polygon", None, "is empty, and so are governorates and feature",
                                "give the shape: a polygon, a list of governorate ids, or both"))
    _sources(problems, name, where, item)
    zone["sources"] = item.get("sources") or []
    return zone


def load_zones() -> dict:
    """{'note': text, 'zones': [...], 'areas': [...]}, every field checked."""
    path = paths.data_dir() / "map_zones.yaml"
    name = display_name(path)
    doc = read_yaml(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("zones"), list):
        raise DataError([Problem(name, "", "zones", None, "is missing",
                                 "the file needs note:, a list under zones: and a list under areas:")])
    problems: list[Problem] = []
    check_field(problems, name, "", doc, "note", text(600))
    gov_names = governorate_names()
    features = {k for k in geo.governorates().shapes if k not in gov_names}
    result: dict[str, Any] = {"note": doc.get("note"), "zones": [], "areas": []}
    seen: dict[str, str] = {}
    for section, kinds in (("zones", vocab.ZONE_KINDS.codes), ("areas", vocab.AREA_KINDS.codes)):
        for n, item in enumerate(doc.get(section) or [], start=1):
            where = f"{section[:-1]} {n}"
            if not isinstance(item, dict):
                problems.append(Problem(name, where, "", item, "is not a mapping", "start the item with '- id:'"))
                continue
            where += f" (id {item.get('id')!r})"
            zone = check_zone(problems, name, where, item, kinds, gov_names, features)
            if zone["id"] in seen:
                problems.append(Problem(name, where, "id", zone["id"], f"is used twice (also {seen[zone['id']]})",
                                        "give each zone and area its own id"))
            seen.setdefault(zone["id"], where)
            result[section].append(zone)
    if problems:
        raise DataError(problems)
    return result
