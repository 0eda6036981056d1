"""Cut the countries around Syria out of world-atlas's countries-50m.json.

The result is still valid TopoJSON: the chosen countries keep their arcs
(renumbered, still quantized with the file's own transform) and nothing else,
so it is about a twentieth of the 756 KB original. Standard library only.

    npm pack world-atlas@2.0.2
    tar xzf world-atlas-2.0.2.tgz package/countries-50m.json
    python3 data/map/extract_region.py package/countries-50m.json data/map/countries-50m-levant.topo.json
"""

import json
import sys

# Natural Earth names as world-atlas spells them. "N. Cyprus" is kept so that
# the island is whole; the map draws it as part of Cyprus.
KEEP = ("Syria", "Turkey", "Iraq", "Jordan", "Lebanon", "Israel", "Palestine",
        "Cyprus", "N. Cyprus", "Egypt", "Saudi Arabia")


def arc_indices(geometry):
    rings = geometry["arcs"] if geometry["type"] == "Polygon" else [r for p in geometry["arcs"] for r in p]
    return [i if i >= 0 else ~i for ring in rings for i in ring]


def renumber(geometry, new_index):
    def ring(r):
        return [new_index[i] if i >= 0 else ~new_index[~i] for i in r]

    if geometry["type"] == "Polygon":
        return [ring(r) for r in geometry["arcs"]]
    return [[ring(r) for r in polygon] for polygon in geometry["arcs"]]


def extract(topology):
    chosen = [g for g in topology["objects"]["countries"]["geometries"] if g["properties"]["name"] in KEEP]
    missing = set(KEEP) - {g["properties"]["name"] for g in chosen}
    if missing:
        raise SystemExit(f"not in the source file: {', '.join(sorted(missing))}")
    used = sorted({i for g in chosen for i in arc_indices(g)})
    new_index = {old: new for new, old in enumerate(used)}
    arcs = [topology["arcs"][old] for old in used]
    geometries = [{**g, "arcs": renumber(g, new_index)} for g in chosen]
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    xs, ys = [], []
    for arc in arcs:
        x = y = 0
        for dx, dy in arc:
            x, y = x + dx, y + dy
            xs.append(x * sx + tx)
            ys.append(y * sy + ty)
    return {"type": "Topology",
            "bbox": [round(min(xs), 6), round(min(ys), 6), round(max(xs), 6), round(max(ys), 6)],
            "transform": topology["transform"],
            "objects": {"countries": {"type": "GeometryCollection", "geometries": geometries}},
            "arcs": arcs}


if __name__ == "__main__":
    source, target = sys.argv[1:3]
    with open(source, encoding="utf-8") as f:
        result = extract(json.load(f))
    with open(target, "w", encoding="utf-8") as f:
        json.dump(result, f, separators=(",", ":"))
        f.write("\n")
    print(f"{target}: {len(result['objects']['countries']['geometries'])} countries, {len(result['arcs'])} arcs")
