"""Writes data/reference/outlines.geojson (Natural Earth 10m outlines, simplified).
Run it (or `make reference`) when the source package is updated; the app only reads the file it writes.
`python tools/reference/outlines.geojson.py [output path]`."""

from __future__ import annotations

import importlib.metadata
import json
import math
from pathlib import Path
from typing import Any

import shapely

from analytics.reference.gazetteer import LAC_ISO2, NATURAL_EARTH_SOURCE, OUTLINES_GEOJSON, SUBREGION_OF, natural_earth_path

# Douglas-Peucker tolerance and coordinate grid of the committed outlines:
# about 550 m and 11 m at the equator. A coarser grid drops islets.
OUTLINE_TOLERANCE_DEG = 0.005
OUTLINE_GRID_DEG = 0.0001
# Natural Earth's English name reads "The Bahamas"; ECLAC lists "Bahamas".
NAME_OVERRIDES: dict[tuple[str, str], str] = {("BS", "en"): "Bahamas"}



def _rounded(value: Any, digits: int) -> Any:
    if isinstance(value, float):
        return round(value, digits)
    if isinstance(value, list | tuple):
        return [_rounded(item, digits) for item in value]
    if isinstance(value, dict):
        return {key: _rounded(item, digits) for key, item in value.items()}
    return value


def write(
    path: Path = OUTLINES_GEOJSON, tolerance_deg: float = OUTLINE_TOLERANCE_DEG, grid_deg: float = OUTLINE_GRID_DEG
) -> Path:
    """Write outlines.geojson: one simplified Natural Earth 10m feature per LAC country.

    Each feature's properties hold what a map needs without another lookup:
    iso2, iso3, names in three languages, a label point inside the outline,
    the bounding box and the area. Natural Earth's own label point is kept
    unless simplification left it at sea (Antigua and Barbuda, Saint Vincent
    and the Grenadines, Trinidad and Tobago); then the pole of inaccessibility
    of the largest island is used.
    """
    import shapefile
    from countryinfo import CountryInfo
    from shapely.geometry import mapping, shape
    from shapely.ops import polylabel

    digits = max(0, round(-math.log10(grid_deg)))
    wanted = ["ISO_A2_EH", "ISO_A3_EH", "ADM0_A3", "NAME_EN", "NAME_ES", "NAME_PT", "LABEL_X", "LABEL_Y"]
    features = {}
    with shapefile.Reader(str(natural_earth_path()), encoding="utf-8") as reader:
        for shape_record in reader.iterShapeRecords(fields=wanted):
            record = shape_record.record.as_dict()
            iso2 = record["ISO_A2_EH"]
            # Skip detached features such as "Brazilian Island": the country is its ADM0 feature.
            if iso2 not in SUBREGION_OF or record["ADM0_A3"] != record["ISO_A3_EH"]:
                continue
            full = shape(shape_record.shape.__geo_interface__)
            simple = shapely.set_precision(shapely.simplify(full, tolerance_deg, preserve_topology=True), grid_deg)
            label = shapely.Point(record["LABEL_X"], record["LABEL_Y"])
            if not simple.contains(label):
                largest = max(shapely.get_parts(simple), key=lambda part: part.area)
                label = polylabel(largest, tolerance=grid_deg)
            names = {lang: NAME_OVERRIDES.get((iso2, lang), record[f"NAME_{lang.upper()}"]) for lang in ("en", "es", "pt")}
            features[iso2] = {
                "type": "Feature",
                "id": iso2,
                "properties": {
                    "iso2": iso2,
                    "iso3": record["ISO_A3_EH"],
                    "name_en": names["en"],
                    "name_es": names["es"],
                    "name_pt": names["pt"],
                    "label_lon": round(label.x, digits),
                    "label_lat": round(label.y, digits),
                    "bbox": [round(v, digits) for v in simple.bounds],
                    "area_km2": float(CountryInfo(iso2).area()),
                    "area_source": f"countryinfo {importlib.metadata.version('countryinfo')} (total area, land and inland water)",
                    "outline_source": f"{NATURAL_EARTH_SOURCE}, simplified to {tolerance_deg} degrees",
                },
                "geometry": _rounded(mapping(simple), digits),
            }
    missing = [iso2 for iso2 in LAC_ISO2 if iso2 not in features]
    if missing:
        raise ValueError(f"Natural Earth has no feature for {', '.join(missing)}")
    collection = {"type": "FeatureCollection", "features": [features[iso2] for iso2 in LAC_ISO2]}
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return path


def main() -> None:
    import sys

    path = Path(sys.argv[1]) if len(sys.argv) > 1 else OUTLINES_GEOJSON
    print(write(path))


if __name__ == "__main__":
    main()
