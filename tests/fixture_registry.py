"""A small registry made by hand, whose answers are worked out in tests/unit/test_queries.py.

12 initiatives in 3 countries (5 CO, 3 MX, 4 CL), 40 firms, 42 memberships (F01 and F07 belong
to two initiatives each), 4 collaboration links (2 cross-border). CO-05 lists no firms but
declares 10, and is named like an HTML injection to prove names are shown as text.
CITIES replaces the gazetteer's GeoNames list in the fixture database, with round populations, so that
the region figures (city population, initiatives per million, white spots, population-weighted centres)
can be worked out by hand in tests/unit/test_regions.py: 11 regions with initiatives, 5 without but with
listed people (MX-JAL, CO-ATL, CO-BOL, CO-MAG, CL-AR), 1 whose only place has an unknown population (CO-AMA).
Firm n has size class SIZES[n % 4]: F04, F08, ... micro; F01, F05, ... small;
F02, F06, ... medium; F03, F07, ... large.
"""

from __future__ import annotations

import csv
from pathlib import Path

import polars as pl

from analytics.reference.gazetteer import City

XSS_NAME = "<img src=x onerror=alert(1)>"
SIZES = ("micro", "small", "medium", "large")

INITIATIVE_COLUMNS = (
    "id", "name", "type", "status", "country", "region", "city", "latitude", "longitude", "founded_year",
    "registered_on", "validated_on", "priority_sectors", "isic_sections", "managing_entity", "website",
    "member_firms_declared", "members_government", "members_academia", "members_civil_society", "source",
)

INITIATIVES = [
    ("CO-01", "Test software cluster Bogotá", "cluster", "validated", "CO", "Bogotá", "Bogotá", 4.711, -74.0721, 2012,
     "2023-12-12", "2024-01-15", "digital;services", "J;M", "Test chamber", "https://example.org/co01", 6, 2, 1, 0),
    ("CO-02", "Test energy cluster", "cluster", "validated", "Colombia", "Antioquia", "Medellín", 6.2442, -75.5812, 2010,
     "2023-12-12", "2024-02-01", "energy", "D", "", "", 6, 1, 1, 1),
    ("CO-03", "Test snacks network", "business_network", "registered", "CO", "Valle del Cauca", "Cali", 3.4516, -76.532, 2018,
     "2024-06-10", "", "agri", "C;A", "", "", 5, 0, 0, 0),
    ("CO-04", "Test construction route", "competitiveness_route", "inactive", "COL", "Santander", "Bucaramanga", 7.1193,
     -73.1227, 2015, "2024-11-20", "", "", "F", "", "", 3, 0, 0, 0),
    ("CO-05", XSS_NAME, "cluster", "registered", "CO", "Antioquia", "Medellín", 6.25, -75.57, 2020,
     "2025-03-05", "", "tourism", "I", XSS_NAME, "", 10, 0, 0, 0),
    ("MX-01", "Test automotive cluster", "cluster", "validated", "MX", "Nuevo León", "Monterrey", 25.6866, -100.3161, 2008,
     "2023-12-12", "2023-12-20", "advmfg;nearshoring", "C", "", "", 5, 1, 2, 0),
    ("MX-02", "Test aerospace cluster", "cluster", "validated", "México", "Querétaro", "Querétaro", 20.5888, -100.3899, 2011,
     "2024-03-15", "2024-05-01", "advmfg", "C;H", "", "", 4, 0, 1, 0),
    ("MX-03", "Test education district", "industrial_district", "registered", "MX", "Puebla", "Puebla", 19.0414, -98.2063,
     2019, "2025-07-01", "", "care", "P", "", "", 3, 0, 0, 0),
    ("CL-01", "Test mining suppliers", "regional_programme", "validated", "CL", "Antofagasta", "Antofagasta", -23.6509,
     -70.3975, 2009, "2023-12-12", "2024-01-10", "energy;circular", "B", "", "", 4, 1, 1, 0),
    ("CL-02", "Test wine network", "business_network", "validated", "Chile", "Valparaíso", "Valparaíso", -33.0472, -71.6127,
     2014, "2024-08-01", "2024-09-01", "agri", "A;C", "", "", 3, 0, 0, 0),
    ("CL-03", "Test tourism co-operative", "cooperative", "inactive", "CL", "CL-RM", "Santiago", -33.4489, -70.6693, 2016,
     "2025-01-15", "", "tourism", "I", "", "", 2, 0, 0, 0),
    ("CL-04", "Test forestry cluster", "cluster", "registered", "CL", "Biobío", "Concepción", -36.827, -73.0498, 2021,
     "2025-09-30", "", "bioeconomy;agri", "A", "", "", 1, 0, 0, 0),
]

# initiative → firm numbers listed as members
MEMBERS = {
    "CO-01": range(1, 7), "CO-02": [*range(7, 12), 1], "CO-03": [*range(12, 16), 7], "CO-04": range(16, 19),
    "CO-05": [], "MX-01": range(19, 24), "MX-02": range(24, 28), "MX-03": range(28, 31),
    "CL-01": range(31, 35), "CL-02": range(35, 38), "CL-03": range(38, 40), "CL-04": [40],
}

COLLABORATIONS = [
    ("CO-01", "MX-01", "Test interclúster programme", "2024-04-01"),
    ("CO-01", "CL-01", "Test interclúster programme", "2024-04-01"),
    ("CO-02", "CO-01", "Test national network", "2024-05-01"),
    ("MX-01", "MX-02", "Test corridor", "2024-06-01"),
]


# date, count, labels in English, Spanish, Portuguese (empty: the English one), source. By 2023-12-12 four initiatives
# had registered (CO-01, CO-02, MX-01, CL-01), by 2025-01-01 eight; the pilot of 2022 lies before the data.
MILESTONES = [
    ("2022-06-01", 2, "Test pilot: 2", "Piloto de prueba: 2", "Piloto de teste: 2", "Hand-made test fixture"),
    ("2023-12-12", 4, "Test launch: 4", "Lanzamiento de prueba: 4", "", "Hand-made test fixture"),
    ("2025-01-01", 8, "Test new year: 8", "Año nuevo de prueba: 8", "Ano novo de teste: 8", "Hand-made test fixture"),
]

# name, country, ISO 3166-2 region, lat, lon, population (0: unknown, as GeoNames marks it)
CITIES = [
    ("Bogotá", "CO", "CO-DC", 4.71, -74.07, 8_000_000),
    ("Medellín", "CO", "CO-ANT", 6.25, -75.56, 2_500_000),
    ("Bello", "CO", "CO-ANT", 6.34, -75.56, 500_000),
    ("Cali", "CO", "CO-VAC", 3.45, -76.53, 2_000_000),
    ("Bucaramanga", "CO", "CO-SAN", 7.12, -73.12, 500_000),
    ("Barranquilla", "CO", "CO-ATL", 10.96, -74.80, 1_200_000),
    ("Cartagena", "CO", "CO-BOL", 10.39, -75.51, 1_000_000),
    ("Santa Marta", "CO", "CO-MAG", 11.24, -74.20, 500_000),
    ("Ciénaga", "CO", "CO-MAG", 11.00, -74.26, 100_000),
    ("Leticia", "CO", "CO-AMA", -4.21, -69.94, 0),
    ("Monterrey", "MX", "MX-NLE", 25.69, -100.32, 1_000_000),
    ("Querétaro", "MX", "MX-QUE", 20.59, -100.39, 1_000_000),
    ("Puebla", "MX", "MX-PUE", 19.04, -98.21, 1_500_000),
    ("Guadalajara", "MX", "MX-JAL", 20.67, -103.35, 1_500_000),
    ("Antofagasta", "CL", "CL-AN", -23.65, -70.40, 400_000),
    ("Valparaíso", "CL", "CL-VS", -33.05, -71.61, 300_000),
    ("Santiago", "CL", "CL-RM", -33.45, -70.67, 5_000_000),
    ("Concepción", "CL", "CL-BI", -36.83, -73.05, 200_000),
    ("Temuco", "CL", "CL-AR", -38.74, -72.60, 300_000),
]


def fixture_cities() -> list[City]:
    return [City(*row) for row in CITIES]


def firm_rows() -> list[dict]:
    home: dict[int, tuple] = {}
    for initiative in INITIATIVES:
        for number in MEMBERS[initiative[0]]:
            home.setdefault(number, initiative)
    return [{
        "id": f"F{number:02d}", "name": f"Test firm {number:02d}", "size_class": SIZES[number % 4],
        "isic_section": home[number][13].split(";")[0], "country": home[number][4], "city": home[number][6],
    } for number in range(1, 41)]


def write_fixture_export(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "initiatives.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(INITIATIVE_COLUMNS)
        for row in INITIATIVES:
            writer.writerow([*row, "Hand-made test fixture"])
    firms = firm_rows()
    with (folder / "firms.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(firms[0]))
        writer.writeheader()
        writer.writerows(firms)
    with (folder / "memberships.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("firm_id", "initiative_id", "joined_on"))
        for initiative, numbers in MEMBERS.items():
            for number in numbers:
                writer.writerow((f"F{number:02d}", initiative, "2023-01-01"))
    with (folder / "collaborations.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("initiative_a", "initiative_b", "programme", "started_on"))
        writer.writerows(COLLABORATIONS)
    with (folder / "milestones.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("date", "count", "label_en", "label_es", "label_pt", "source"))
        writer.writerows(MILESTONES)
    return folder


def export_without(source: Path, folder: Path, initiative_id: str) -> Path:
    """A copy of the export at `source` without one initiative and its memberships (a registry update to swap in)."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in source.glob("*.csv"):
        frame = pl.read_csv(path, infer_schema=False)
        column = {"initiatives.csv": "id", "memberships.csv": "initiative_id"}.get(path.name)
        (frame.filter(pl.col(column) != initiative_id) if column else frame).write_csv(folder / path.name)
    return folder
