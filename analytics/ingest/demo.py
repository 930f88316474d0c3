"""A synthetic registry export, so that the app, its tests and its benchmarks run without real data.

The shape mirrors what ECLAC has said in public about the IAPT registry: a launch cohort of 258 initiatives in 8
countries on 2023-12-12 with more than 40,000 firms, nearly 400 initiatives by July 2025 and
about 480 late in 2026, Chile, Colombia and Mexico largest, Ecuador sixth with about 20, a
sector mix led by agri-food, tourism and manufacturing, and the cross-border "Programa
interclúster de la economía del conocimiento" of 29 initiatives in 8 countries.
Every name is plainly synthetic and every initiative row says so in `source`: no real
initiative is ever given invented figures.

Everything is drawn with numpy in whole columns, so that scale 100 (about 48,000
initiatives and 5 million memberships) takes seconds, not hours; the output depends only on
(scale, seed, as_of).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl

from analytics.ingest.registry_format import COLLABORATIONS, FIRMS, INITIATIVES, MEMBERSHIPS, MILESTONES, Table
from analytics.reference import gazetteer, taxonomy

LAUNCH_DAY = date(2023, 12, 12)
# The real registry's public figures (/work/shared/reference facts, README): not invented, so the demo lists them as
# milestones with their sources; those after the demo's `as_of` day are left out.
PUBLIC_MILESTONES = (
    (LAUNCH_DAY, 258, "Launch, 12 Dec 2023: about 258", "Lanzamiento, 12 dic 2023: unas 258",
     "Lançamento, 12 dez 2023: cerca de 258", "ECLAC, launch of the IAPT platform, 12 December 2023"),
    (date(2025, 7, 1), 400, "Mid 2025: nearly 400", "Mediados de 2025: casi 400", "Meados de 2025: quase 400",
     "ECLAC, IAPT deep-dive session, Barranquilla, July 2025"),
)
LAUNCH_COHORT = {"CL": 98, "CO": 84, "MX": 21, "CR": 16, "AR": 15, "DO": 12, "EC": 11, "PE": 1}

# Registrations after the launch: 19 months at 7 a month take the registry from 258 to about
# 391 by July 2025 ("nearly 400"); 6 a month afterwards reach about 480 by November 2026.
GROWTH_START = np.datetime64("2024-01", "M")
MID_2025 = np.datetime64("2025-07", "M")
PER_MONTH_TO_MID_2025 = 7.0
PER_MONTH_LATER = 6.0

# Shares of the registrations after the launch. With the launch cohort they put Chile,
# Colombia and Mexico first and Ecuador sixth with 20, ahead of Costa Rica and Peru.
LATER_COUNTRY_WEIGHTS = {
    "CL": 32, "CO": 31, "MX": 29, "BR": 25, "AR": 15, "PE": 15, "UY": 10, "EC": 9, "PA": 8, "GT": 8,
    "SV": 6, "HN": 5, "PY": 5, "BO": 4, "DO": 3, "JM": 3, "TT": 3, "CR": 2, "NI": 2, "VE": 2,
    "BB": 1, "BS": 1, "BZ": 1, "GY": 1, "HT": 1,
}

ISIC = taxonomy.codes("isic_section")
SECTORS = taxonomy.codes("eclac_sector")
TYPES = taxonomy.codes("type")
SIZE_CLASSES = taxonomy.codes("size_class")

# Primary ISIC sections: at launch agriculture led (60 of 259), tourism and manufacturing just over 40 each.
ISIC_WEIGHTS = {
    "A": 23, "C": 16, "I": 15.5, "J": 7, "Q": 4.5, "B": 4, "D": 3.5, "F": 3.5, "H": 3.5, "M": 3.5,
    "P": 3, "R": 3, "G": 2.5, "E": 1.5, "N": 1.5, "S": 1, "K": 0.8, "L": 0.4, "O": 0.3,
}
COUNTRY_ISIC_FACTORS = {
    "CL": {"B": 3}, "PE": {"B": 3}, "BO": {"B": 2}, "MX": {"C": 1.5}, "BR": {"C": 1.3}, "AR": {"A": 1.2},
    "CR": {"I": 1.4, "Q": 1.6}, "DO": {"I": 1.6}, "PA": {"H": 3}, "UY": {"J": 1.5},
    "JM": {"I": 2.5}, "BS": {"I": 3}, "BB": {"I": 3}, "TT": {"D": 3, "I": 1.5},
}
# Sections that often go with a primary one (agro-processing with agriculture, culture with tourism...).
RELATED_ISIC = {
    "A": {"C": 3, "G": 1.5, "I": 1, "M": 1, "H": 1, "E": 0.5},
    "B": {"C": 2, "M": 2, "H": 1, "F": 1, "D": 1, "E": 1},
    "C": {"G": 2, "M": 1.5, "H": 1.5, "J": 1, "A": 1, "E": 0.5},
    "D": {"M": 2, "C": 1.5, "F": 1, "E": 1},
    "E": {"C": 1, "M": 1, "D": 1, "F": 0.5},
    "F": {"C": 1.5, "L": 1.5, "M": 1.5, "D": 0.5},
    "G": {"H": 2, "C": 1.5, "I": 1, "J": 1},
    "H": {"G": 2, "N": 1.5, "C": 1, "J": 1},
    "I": {"R": 3, "H": 1.5, "G": 1, "A": 1, "N": 0.5},
    "J": {"M": 3, "N": 1.5, "P": 1, "K": 1, "C": 0.5},
    "K": {"J": 2, "M": 1.5},
    "L": {"F": 2, "M": 1, "N": 1},
    "M": {"J": 2, "P": 1.5, "Q": 1, "C": 1},
    "N": {"J": 1, "H": 1, "M": 1, "I": 0.5},
    "O": {"P": 1, "M": 1, "Q": 1},
    "P": {"M": 2, "J": 1.5, "Q": 1, "R": 0.5},
    "Q": {"C": 2, "M": 2, "P": 1},
    "R": {"I": 3, "J": 1.5, "P": 1, "S": 0.5},
    "S": {"R": 1, "N": 1, "I": 1},
}
# ECLAC driving sectors that fit an ISIC section, so that the priority sectors agree with the activity.
SECTOR_AFFINITY = {
    "A": {"agri": 10, "bioeconomy": 1.5, "water": 1, "circular": 0.5},
    "B": {"energy": 3, "circular": 1, "water": 1, "nearshoring": 0.5, "advmfg": 0.5},
    "C": {"advmfg": 8, "agri": 1.6, "nearshoring": 1.4, "circular": 0.7, "emobility": 0.6, "pharma": 0.6,
          "meddev": 0.5, "bioeconomy": 0.5},
    "D": {"energy": 6, "emobility": 1},
    "E": {"circular": 4, "water": 3},
    "F": {"circular": 2, "energy": 1, "advmfg": 0.5},
    "G": {"digital": 2, "nearshoring": 1.5, "services": 1},
    "H": {"nearshoring": 3, "emobility": 1.5, "digital": 1},
    "I": {"tourism": 10, "agri": 0.5, "care": 0.3},
    "J": {"digital": 5, "services": 3},
    "K": {"services": 3, "digital": 2},
    "L": {"services": 1, "circular": 1},
    "M": {"services": 3, "digital": 2, "pharma": 1, "energy": 0.5},
    "N": {"services": 3, "digital": 1, "care": 0.5},
    "O": {"digital": 1, "services": 1},
    "P": {"digital": 2, "services": 1.5, "care": 1},
    "Q": {"care": 3, "pharma": 2.5, "meddev": 2.5},
    "R": {"tourism": 3, "digital": 1.5, "services": 0.5},
    "S": {"care": 2, "services": 1},
    "T": {"care": 1},
    "U": {"services": 1},
}
ISIC_COUNT_PROBABILITIES = (0.5, 0.35, 0.15)  # 1, 2 or 3 sections
SECTOR_COUNT_PROBABILITIES = (0.12, 0.45, 0.30, 0.13)  # 0 to 3 driving sectors

# Brazil's local productive arrangements (APL), Colombia's competitiveness routes and Chile's
# regional strategic programmes are national policies: those types stay (mostly) at home.
TYPE_WEIGHTS = {"cluster": 72, "business_network": 8, "value_chain": 7, "cooperative": 5, "industrial_district": 4,
                "local_productive_arrangement": 1}
COUNTRY_TYPE_WEIGHTS = {
    "BR": {"local_productive_arrangement": 110, "cluster": 66},
    "CO": {"competitiveness_route": 16},
    "CL": {"regional_programme": 20},
}

SIZE_CLASS_PROBABILITIES = (0.52, 0.31, 0.12, 0.05)
# Members per initiative: log-logistic (heavy-tailed). The mature launch cohort is larger, so that
# its 258 initiatives list about 40,000 firms as at the launch; scale 100 gives about 5 million memberships.
MEDIAN_MEMBERS_LAUNCH = 85
MEDIAN_MEMBERS_LATER = 16
MEMBERS_TAIL = 1.6
MIN_MEMBERS, MAX_MEMBERS = 5, 15_000
SHARED_SLOT_SHARE = 0.08  # about 8% of firms end up in more than one initiative

INTERCLUSTER_PROGRAMME = "Programa interclúster de la economía del conocimiento"
INTERCLUSTER_MEMBERS = {"CL": 5, "CO": 6, "MX": 4, "AR": 3, "CR": 3, "EC": 3, "PE": 3, "PA": 2}
INTERCLUSTER_ISIC = ("A", "Q", "I", "C", "F", "J")  # agri-food, health, tourism, fashion/automotive, construction, digital
INTERCLUSTER_START = date(2024, 4, 15)
INTERCLUSTER_CHORDS = 6
DOMESTIC_LINKS = 25

JITTER_DEGREES = 0.02
COORDINATE_DECIMALS = 5
MANAGING_ENTITY_KINDS = ("chamber of commerce", "regional development agency", "business association",
                         "university", "municipal government", "cluster management office")


@dataclass(frozen=True)
class _Places:
    """Every usable city, sorted by country then region, with the ranges that let draws stay in a group."""

    country: np.ndarray
    region: np.ndarray
    name: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    cumulative_weight: np.ndarray
    country_range: dict[str, tuple[int, int]]
    region_start: np.ndarray
    region_end: np.ndarray


@dataclass(frozen=True)
class _Drawn:
    """Per-initiative draws that the firms and the links depend on, kept as arrays beside the frame."""

    country: np.ndarray
    registered: np.ndarray
    launch: np.ndarray
    isic: np.ndarray  # n x 3 section indices, -1 where absent
    city: np.ndarray
    country_range: np.ndarray  # n x 2: the country's cities in _Places
    members: np.ndarray
    founded_year: np.ndarray  # -1 where unknown


def _places(countries: list[str]) -> _Places:
    """Cities whose own point lies in their country and whose region the gazetteer knows.

    A city outside its country's outline (a coastal point on a coarse outline) could not be
    used as the fallback for a jittered point, so it is left out here once.
    """
    rows = []
    for iso2 in countries:
        region_names = {region.code: region.name for region in gazetteer.regions(iso2)}
        for city in gazetteer.cities(iso2):
            if city.region_code in region_names:
                rows.append((iso2, region_names[city.region_code], city.name,
                             round(float(city.lat), COORDINATE_DECIMALS), round(float(city.lon), COORDINATE_DECIMALS),
                             max(int(city.population or 0), 0)))
    if not rows:
        raise LookupError(f"the gazetteer lists no city with a known region in {', '.join(countries)}")
    rows.sort()
    country, region, name, lat, lon, population = (np.array(column) for column in zip(*rows, strict=True))
    inside = np.array(gazetteer.locate(lat.tolist(), lon.tolist()), dtype=object) == country
    country, region, name, lat, lon, population = (a[inside] for a in (country, region, name, lat, lon, population))
    # A floor and a power below 1 spread initiatives beyond the capitals, as regional programmes do.
    weight = (population.astype(float) + 1000.0) ** 0.75
    country_range = {}
    for iso2 in np.unique(country):
        positions = np.flatnonzero(country == iso2)
        country_range[str(iso2)] = (int(positions[0]), int(positions[-1]) + 1)
    group_key = np.char.add(np.char.add(country.astype(str), "\x1f"), region.astype(str))
    change = np.flatnonzero(np.r_[True, group_key[1:] != group_key[:-1], True])
    sizes = np.diff(change)
    return _Places(country, region, name, lat.astype(float), lon.astype(float), np.cumsum(weight),
                   country_range, np.repeat(change[:-1], sizes), np.repeat(change[1:], sizes))


def _draw_in_ranges(rng: np.random.Generator, cumulative: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """One weighted pick per row inside that row's own group [start, end) (a country, a region),
    for millions of rows at once: one search in the cumulative weights instead of a loop."""
    before = np.where(start > 0, cumulative[np.maximum(start - 1, 0)], 0.0)
    target = before + rng.random(len(start)) * (cumulative[end - 1] - before)
    return np.clip(np.searchsorted(cumulative, target, side="right"), start, end - 1)


def _weighted_top(rng: np.random.Generator, weights: np.ndarray, k: int) -> np.ndarray:
    """k weighted picks without replacement for every row at once (Gumbel top-k), so that a code
    list never repeats a code; -1 once a row runs out of positive weight."""
    with np.errstate(divide="ignore"):
        keys = np.log(weights) + rng.gumbel(size=weights.shape)
    order = np.argsort(-keys, axis=1, kind="stable")[:, :k]
    return np.where(np.take_along_axis(weights, order, axis=1) > 0, order, -1)


def _matrix(rows: dict[str, dict[str, float]], row_codes: tuple[str, ...], column_codes: tuple[str, ...]) -> np.ndarray:
    matrix = np.zeros((len(row_codes), len(column_codes)))
    for i, code in enumerate(row_codes):
        for column, weight in rows.get(code, {}).items():
            matrix[i, column_codes.index(column)] = weight
    return matrix


def _day_number(day: date) -> int:
    return int(np.datetime64(day, "D").astype(np.int64))


def _largest_remainder(weights: dict[str, float], total: int) -> dict[str, int]:
    """Whole counts proportional to weights that add up exactly to total, so shares hold at every scale."""
    codes = sorted(weights)
    quotas = np.array([weights[code] for code in codes], dtype=float)
    quotas = quotas / quotas.sum() * total
    counts = np.floor(quotas).astype(int)
    for i in np.argsort(-(quotas - counts), kind="stable")[: total - counts.sum()]:
        counts[i] += 1
    return dict(zip(codes, counts.tolist(), strict=True))


def _later_registration_days(rng: np.random.Generator, scale: float, as_of: date) -> np.ndarray:
    """Registration days after the launch month by month, with a monthly rhythm that varies by seed.

    The noise is normalised within each period (to July 2025, then every 12 months), so that the
    totals the public facts give hold for every seed.
    """
    last_month = np.datetime64(as_of, "M")
    if last_month < GROWTH_START:
        return np.array([], dtype=np.int64)
    months = np.arange(GROWTH_START, last_month + 1)
    first_period = int(MID_2025 - GROWTH_START) + 1
    later_blocks = max(0, -(-(len(months) - first_period) // 12))
    noise = rng.gamma(8.0, size=first_period + 12 * later_blocks)
    expected = noise[:first_period] / noise[:first_period].sum() * PER_MONTH_TO_MID_2025 * first_period
    for block in range(later_blocks):
        chunk = noise[first_period + 12 * block: first_period + 12 * (block + 1)]
        expected = np.r_[expected, chunk / chunk.sum() * PER_MONTH_LATER * 12]
    expected = expected[: len(months)]
    first_days = months.astype("datetime64[D]").astype(np.int64)
    lengths = (months + 1).astype("datetime64[D]").astype(np.int64) - first_days
    lengths[-1] = as_of.day
    expected[-1] *= as_of.day / calendar.monthrange(as_of.year, as_of.month)[1]
    cumulative = np.round(scale * np.cumsum(expected)).astype(np.int64)
    counts = np.diff(np.r_[0, cumulative])
    days = np.repeat(first_days, counts) + np.floor(rng.random(counts.sum()) * np.repeat(lengths, counts)).astype(np.int64)
    return np.sort(days)


def _gather(values: tuple[str, ...] | np.ndarray, index: np.ndarray) -> pl.Series:
    """Text by index without numpy's fixed-width strings, which would take gigabytes for millions of firms."""
    return pl.Series(values, dtype=pl.String).gather(index)


def _optional_codes(codes: tuple[str, ...], index: np.ndarray) -> pl.Series:
    return pl.Series(np.array(codes)[np.maximum(index, 0)]).set(pl.Series(index < 0), None)


def _registrations(rng: np.random.Generator, scale: float, as_of: date,
                   places: _Places) -> tuple[np.ndarray, np.ndarray]:
    """Country and registration day of every initiative, sorted by country then registration.

    Countries after the launch get exact quotas (largest remainder) in a random order, so that
    the ranking the public facts give (Ecuador sixth with 20...) holds at every seed.
    """
    launch_counts = {iso2: round(scale * count) for iso2, count in LAUNCH_COHORT.items() if iso2 in places.country_range}
    later_days = _later_registration_days(rng, scale, as_of)
    later_weights = {iso2: w for iso2, w in LATER_COUNTRY_WEIGHTS.items() if iso2 in places.country_range}
    later_counts = _largest_remainder(later_weights, len(later_days))
    country = np.r_[np.repeat(list(launch_counts), list(launch_counts.values())),
                    rng.permutation(np.repeat(list(later_counts), list(later_counts.values())))].astype(str)
    registered = np.r_[np.full(sum(launch_counts.values()), _day_number(LAUNCH_DAY)), later_days].astype(np.int64)
    order = np.lexsort((rng.random(len(country)), registered, country))
    return country[order], registered[order]


def _classification(rng: np.random.Generator, country: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """ISIC sections (n x 3), driving sectors (n x 3), -1 where absent, and the type of each initiative.

    Secondary sections come from those that usually go with the primary one, and the driving
    sectors from those that fit the sections, so that a row reads like a real profile.
    """
    n = len(country)
    countries = tuple(sorted(set(country.tolist())))
    country_index = np.searchsorted(countries, country)
    isic_weights = np.tile([ISIC_WEIGHTS.get(code, 0.0) for code in ISIC], (len(countries), 1))
    type_weights = np.tile([TYPE_WEIGHTS.get(code, 0.0) for code in TYPES], (len(countries), 1))
    for i, iso2 in enumerate(countries):
        for code, factor in COUNTRY_ISIC_FACTORS.get(iso2, {}).items():
            isic_weights[i, ISIC.index(code)] *= factor
        for code, weight in COUNTRY_TYPE_WEIGHTS.get(iso2, {}).items():
            type_weights[i, TYPES.index(code)] = weight

    primary = _weighted_top(rng, isic_weights[country_index], 1)[:, 0]
    related = _matrix(RELATED_ISIC, ISIC, ISIC)
    np.fill_diagonal(related, 0)
    secondary = _weighted_top(rng, related[primary], 2)
    isic_count = rng.choice(3, size=n, p=ISIC_COUNT_PROBABILITIES) + 1
    isic = np.c_[primary, np.where(np.arange(2) < (isic_count - 1)[:, None], secondary, -1)]

    affinity = _matrix(SECTOR_AFFINITY, ISIC, SECTORS)
    sector_weights = affinity[primary] + 0.35 * sum(np.where(isic[:, [j]] >= 0, affinity[isic[:, j]], 0) for j in (1, 2))
    sector_weights += 0.005 * (sector_weights.sum(axis=1, keepdims=True) > 0)
    sector_count = rng.choice(4, size=n, p=SECTOR_COUNT_PROBABILITIES)
    sectors = np.where(np.arange(3) < sector_count[:, None], _weighted_top(rng, sector_weights, 3), -1)

    type_weights = type_weights[country_index]
    type_weights[:, TYPES.index("cooperative")] *= np.where(primary == ISIC.index("A"), 3.0, 1.0)
    return isic, sectors, _weighted_top(rng, type_weights, 1)[:, 0]


def _locations(rng: np.random.Generator, country: np.ndarray,
               places: _Places) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A city per initiative, its country's range of cities, and the city's point moved a little.

    The jitter keeps initiatives of one city apart on the map; a jittered point that leaves
    the country (a coastal city) falls back to the city's own point, which _places checked.
    """
    n = len(country)
    codes, country_index = np.unique(country, return_inverse=True)
    ranges = np.array([places.country_range[iso2] for iso2 in codes.tolist()], dtype=np.int64).reshape(-1, 2)[country_index]
    city = _draw_in_ranges(rng, places.cumulative_weight, ranges[:, 0], ranges[:, 1])
    lat = np.round(places.lat[city] + rng.uniform(-JITTER_DEGREES, JITTER_DEGREES, n), COORDINATE_DECIMALS)
    lon = np.round(places.lon[city] + rng.uniform(-JITTER_DEGREES, JITTER_DEGREES, n), COORDINATE_DECIMALS)
    outside = np.array(gazetteer.locate(lat, lon), dtype=object) != country
    lat[outside], lon[outside] = places.lat[city[outside]], places.lon[city[outside]]
    return city, ranges, lat, lon


def _reviews(rng: np.random.Generator, registered: np.ndarray, launch: np.ndarray,
             as_of_day: int) -> tuple[np.ndarray, np.ndarray]:
    """Validation day (-1 if none yet) and status.

    Launch initiatives had been characterised beforehand and were validated within weeks;
    later ones wait months, some never complete their profile, and validated ones may close.
    """
    n = len(registered)
    lag = np.where(launch, rng.lognormal(np.log(20), 0.8, n), rng.lognormal(np.log(90), 0.9, n))
    validated = registered + 1 + np.floor(lag).astype(np.int64)
    is_validated = (validated <= as_of_day) & (rng.random(n) >= np.where(launch, 0.0, 0.1))
    years_validated = np.maximum(as_of_day - validated, 0) / 365.25
    is_inactive = is_validated & (rng.random(n) < np.clip(0.01 + 0.02 * years_validated, 0, 0.3))
    status = np.where(is_inactive, "inactive", np.where(is_validated, "validated", "registered"))
    return np.where(is_validated, validated, -1), status


def _member_counts(rng: np.random.Generator, launch: np.ndarray) -> np.ndarray:
    """Firms per initiative from a log-logistic law: most tens to hundreds, a few thousands.

    Quantiles are stratified (one draw per 1/n slice), so the heavy tail is there at every
    seed and the total stays near its expectation even at scale 1.
    """
    sizes = np.zeros(len(launch))
    for cohort, median in ((launch, MEDIAN_MEMBERS_LAUNCH), (~launch, MEDIAN_MEMBERS_LATER)):
        count = int(cohort.sum())
        u = np.minimum((rng.permutation(count) + rng.random(count)) / max(count, 1), 1 - 1e-12)
        sizes[cohort] = median * (u / (1 - u)) ** (1 / MEMBERS_TAIL)
    return np.clip(np.round(sizes), MIN_MEMBERS, MAX_MEMBERS).astype(np.int64)


def _initiatives(rng: np.random.Generator, scale: float, seed: int, as_of: date,
                 places: _Places) -> tuple[pl.DataFrame, _Drawn]:
    country, registered = _registrations(rng, scale, as_of, places)
    launch = registered == _day_number(LAUNCH_DAY)
    n = len(country)
    isic, sectors, initiative_type = _classification(rng, country)
    city, country_range, lat, lon = _locations(rng, country, places)
    validated, status = _reviews(rng, registered, launch, _day_number(as_of))
    members = _member_counts(rng, launch)

    registered_year = registered.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
    founded = np.maximum(registered_year - np.floor(rng.lognormal(np.log(7), 0.75, n)).astype(np.int64), 1950)
    founded = np.where(rng.random(n) < 0.96, founded, -1)
    # Profiles still waiting for review are the incomplete ones.
    reviewed = validated >= 0
    has_website = rng.random(n) < np.where(reviewed, 0.5, 0.2)
    has_member_counts = rng.random(n) >= np.where(reviewed, 0.0, 0.3)
    managing_kind = np.array(MANAGING_ENTITY_KINDS)[rng.integers(len(MANAGING_ENTITY_KINDS), size=n)]
    has_managing_entity = rng.random(n) < 0.92
    intensity = 1 + 0.25 * np.log10(1 + members)
    other_members = {"members_government": rng.poisson(1.2 * intensity), "members_academia": rng.poisson(1.5 * intensity),
                     "members_civil_society": rng.poisson(0.8 * intensity)}

    # Names read "Synthetic cluster initiative 0042 · Sustainable tourism · Cusco": plainly not real.
    type_labels = np.array([taxonomy.label("type", code).lower() for code in TYPES])
    topic = np.where(sectors[:, 0] >= 0,
                     np.array([taxonomy.label("eclac_sector", code) for code in SECTORS])[np.maximum(sectors[:, 0], 0)],
                     np.array([taxonomy.label("isic_section", code) for code in ISIC])[isic[:, 0]])
    sequence = np.arange(n) - np.searchsorted(country, country, side="left") + 1
    id_width = max(4, len(str(int(sequence.max(initial=0)))))
    number_width = max(4, len(str(n)))
    frame = pl.DataFrame({
        "number": np.arange(1, n + 1),
        "country": country,
        "sequence": sequence,
        "type": np.array(TYPES)[initiative_type],
        "type_label": type_labels[initiative_type],
        "topic": topic,
        "status": status,
        "region": _gather(places.region, city),
        "city": _gather(places.name, city),
        "latitude": lat,
        "longitude": lon,
        "founded_year": founded,
        "registered_on": registered,
        "validated_on": validated,
        **{f"isic_{j}": _optional_codes(ISIC, isic[:, j]) for j in range(3)},
        **{f"sector_{j}": _optional_codes(SECTORS, sectors[:, j]) for j in range(3)},
        "managing_kind": managing_kind,
        "has_managing_entity": has_managing_entity,
        "has_website": has_website,
        "has_member_counts": has_member_counts,
        **other_members,
    })
    initiative_id = pl.format("{}-{}", "country", pl.col("sequence").cast(pl.String).str.zfill(id_width))
    frame = frame.with_columns(
        id=initiative_id,
        name=pl.format("Synthetic {} {} · {} · {}", "type_label",
                       pl.col("number").cast(pl.String).str.zfill(number_width), "topic", "city"),
        founded_year=pl.when(pl.col("founded_year") >= 0).then("founded_year"),
        registered_on=pl.col("registered_on").cast(pl.Int32).cast(pl.Date),
        validated_on=pl.when(pl.col("validated_on") >= 0).then(pl.col("validated_on").cast(pl.Int32).cast(pl.Date)),
        priority_sectors=pl.when(pl.col("sector_0").is_not_null())
        .then(pl.concat_str("sector_0", "sector_1", "sector_2", separator=";", ignore_nulls=True)),
        isic_sections=pl.concat_str("isic_0", "isic_1", "isic_2", separator=";", ignore_nulls=True),
        managing_entity=pl.when("has_managing_entity").then(pl.format("Synthetic {} · {}", "managing_kind", "city")),
        website=pl.when("has_website").then(pl.format("https://example.org/iapt-demo/{}", initiative_id.str.to_lowercase())),
        source=pl.lit(f"SYNTHETIC DEMO DATA (iapt demo, seed {seed})"),
        **{column: pl.when("has_member_counts").then(column) for column in other_members},
    )
    drawn = _Drawn(country=country, registered=registered, launch=launch, isic=isic, city=city,
                   country_range=country_range, members=members, founded_year=founded)
    return frame, drawn


def _firms_and_memberships(rng: np.random.Generator, ids: pl.Series, drawn: _Drawn, places: _Places,
                           as_of: date) -> tuple[pl.DataFrame, pl.DataFrame, np.ndarray]:
    """Each initiative gets its own firms, then some slots go to firms of other initiatives of its country.

    Firms are numbered initiative by initiative and initiatives are sorted by country, so a
    country's firms are one contiguous range: a shared slot is a uniform draw in that range.
    Also returns the members listed per initiative, which the declared count starts from.
    """
    n = len(ids)
    members, country = drawn.members, drawn.country
    shared = np.minimum(rng.binomial(members, SHARED_SLOT_SHARE), members - 1)
    own = members - shared
    firm_home = np.repeat(np.arange(n), own)
    firm_count = len(firm_home)
    firm_first = np.r_[0, np.cumsum(own)]
    country_start = np.searchsorted(country, country, side="left")
    country_end = np.searchsorted(country, country, side="right")

    slot_initiative = np.repeat(np.arange(n), shared)
    low, high = firm_first[country_start[slot_initiative]], firm_first[country_end[slot_initiative]]
    slot_firm = low + np.floor(rng.random(len(slot_initiative)) * (high - low)).astype(np.int64)
    keep = firm_home[slot_firm] != slot_initiative
    shared_key = np.unique(slot_initiative[keep] * firm_count + slot_firm[keep])
    member_initiative = np.r_[firm_home, shared_key // firm_count]
    member_firm = np.r_[np.arange(firm_count), shared_key % firm_count]
    order = np.lexsort((member_firm, member_initiative))
    member_initiative, member_firm = member_initiative[order], member_firm[order]
    listed = np.bincount(member_initiative, minlength=n)

    # A firm's activity is mostly the initiative's primary section, else one of its others,
    # else a supporting service (trade, consulting, logistics...).
    home_isic = drawn.isic[firm_home]
    choice = rng.random(firm_count)
    other_sections = (home_isic[:, 1:] >= 0).sum(axis=1)
    pick = np.minimum(np.floor(rng.random(firm_count) * np.maximum(other_sections, 1)).astype(np.int64), 1) + 1
    secondary = np.take_along_axis(home_isic, pick[:, None], axis=1)[:, 0]
    general = rng.choice([ISIC.index(code) for code in "GMHNCJ"], size=firm_count, p=[0.3, 0.2, 0.15, 0.15, 0.1, 0.1])
    firm_isic = np.where(choice < 0.72, home_isic[:, 0],
                         np.where((choice < 0.87) & (secondary >= 0), secondary, general))

    # Most firms sit in the initiative's city; the rest elsewhere in its region or its country.
    home_city = drawn.city[firm_home]
    where = rng.random(firm_count)
    home_range = drawn.country_range[firm_home]
    start = np.where(where < 0.92, places.region_start[home_city], home_range[:, 0])
    end = np.where(where < 0.92, places.region_end[home_city], home_range[:, 1])
    firm_city = np.where(where < 0.8, home_city, _draw_in_ranges(rng, places.cumulative_weight, start, end))

    firm_width = max(7, len(str(firm_count)))
    firm_number = pl.col("number").cast(pl.String).str.zfill(firm_width)
    firms = pl.DataFrame({
        "number": np.arange(1, firm_count + 1),
        "size_class": _gather(SIZE_CLASSES, rng.choice(len(SIZE_CLASSES), size=firm_count, p=SIZE_CLASS_PROBABILITIES)),
        "isic_section": _gather(ISIC, firm_isic),
        "country": pl.Series(country).gather(firm_home),
        "city": _gather(places.name, firm_city),
    }).select(
        id=pl.format("F{}", firm_number), name=pl.format("Synthetic firm {}", firm_number),
        size_class="size_class", isic_section="isic_section", country="country", city="city",
    )

    # Firms joined between the initiative's founding and its registration; some joined since.
    registered = drawn.registered
    founded_day = (drawn.founded_year - 1970).astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)
    start_day = np.where(drawn.founded_year > 0, founded_day, registered - 5 * 365)[member_initiative]
    end_day = np.where(rng.random(len(member_initiative)) < 0.85, registered[member_initiative], _day_number(as_of))
    joined = start_day + np.floor(rng.random(len(member_initiative)) * (end_day - start_day + 1)).astype(np.int64)
    memberships = pl.DataFrame({
        "firm_number": member_firm + 1,
        "initiative_id": ids.gather(member_initiative),
        "joined_on": np.where(rng.random(len(member_initiative)) < 0.95, joined, -1),
    }).select(
        firm_id=pl.format("F{}", pl.col("firm_number").cast(pl.String).str.zfill(firm_width)),
        initiative_id="initiative_id",
        joined_on=pl.when(pl.col("joined_on") >= 0).then(pl.col("joined_on").cast(pl.Int32).cast(pl.Date)),
    )
    return firms, memberships, listed


def _ring_with_chords(rng: np.random.Generator, size: int) -> np.ndarray:
    """Positions linked in a programme: everyone to the next one round a ring, plus a few chords across."""
    if size < 2:
        return np.zeros((0, 2), dtype=np.int64)
    ring = [(i, (i + 1) % size) for i in range(size if size > 2 else 1)]
    chords = [(i, j) for i in range(size) for j in range(i + 2, size) if (i, j) != (0, size - 1)]
    chosen = rng.choice(len(chords), size=min(INTERCLUSTER_CHORDS, len(chords)), replace=False) if chords else []
    return np.array(ring + [chords[c] for c in sorted(chosen)], dtype=np.int64)


def _links(rng: np.random.Generator, ids: pl.Series, drawn: _Drawn, scale: float, as_of: date) -> pl.DataFrame:
    """The interclúster programme as a ring with chords (one more synthetic cross-border programme
    per unit of scale, so links grow with the registry), and domestic programmes between pairs."""
    country, registered, primary_isic = drawn.country, drawn.registered, drawn.isic[:, 0]
    as_of_day = _day_number(as_of)
    fits = np.isin(primary_isic, [ISIC.index(code) for code in INTERCLUSTER_ISIC])
    preference = np.where(fits, 3.0, 1.0) * np.where(drawn.launch, 4.0, 1.0)

    candidates = {iso2: np.flatnonzero(country == iso2) for iso2 in INTERCLUSTER_MEMBERS}
    pairs: list[np.ndarray] = []
    names: list[str] = []
    starts: list[np.ndarray] = []
    for programme in range(max(1, round(scale))):
        members = []
        for iso2, wanted in INTERCLUSTER_MEMBERS.items():
            pool = candidates[iso2]
            if len(pool):
                p = preference[pool] / preference[pool].sum()
                members.extend(rng.choice(pool, size=min(wanted, len(pool)), replace=False, p=p).tolist())
        link = np.sort(np.array(members, dtype=np.int64)[_ring_with_chords(rng, len(members))], axis=1)
        if programme == 0:
            name, programme_start = INTERCLUSTER_PROGRAMME, _day_number(INTERCLUSTER_START)
        else:
            name = f"Synthetic cross-border programme {programme + 1:04d}"
            programme_start = _day_number(INTERCLUSTER_START) + int(rng.integers(0, 720))
        later = registered[link].max(axis=1) if len(link) else np.zeros(0, np.int64)
        pairs.append(link)
        names.extend([name] * len(link))
        starts.append(np.maximum(programme_start, later + 1 + rng.integers(0, 120, len(link))))

    domestic = _domestic_pairs(rng, drawn, round(DOMESTIC_LINKS * scale))
    pairs.append(domestic)
    names.extend(f"Synthetic domestic programme {i + 1:04d}" for i in range(len(domestic)))
    starts.append(registered[domestic].max(axis=1, initial=0) + 1 + rng.integers(30, 400, len(domestic)))

    link = np.concatenate(pairs)
    return pl.DataFrame({
        "initiative_a": ids.gather(link[:, 0]),
        "initiative_b": ids.gather(link[:, 1]),
        "programme": pl.Series(names, dtype=pl.String),
        "started_on": pl.Series(np.minimum(np.concatenate(starts), as_of_day), dtype=pl.Int32).cast(pl.Date),
    })


def _domestic_pairs(rng: np.random.Generator, drawn: _Drawn, wanted: int) -> np.ndarray:
    """Distinct pairs of initiatives of one country, sharing their primary section more often than not.

    Twice as many pairs as wanted are drawn, so that enough remain once a country with a single
    initiative (a pair with itself) and repeated pairs are dropped.
    """
    n, country, primary_isic = len(drawn.country), drawn.country, drawn.isic[:, 0]
    draws = 2 * wanted + 20 if n else 0
    first = rng.integers(0, max(n, 1), draws)
    country_code = np.unique(country, return_inverse=True)[1]
    group = country_code * len(ISIC) + primary_isic
    by_group = np.lexsort((np.arange(n), group))
    group_lo = np.searchsorted(group[by_group], group[first], side="left")
    group_hi = np.searchsorted(group[by_group], group[first], side="right")
    country_lo = np.searchsorted(country, country[first], side="left")
    country_hi = np.searchsorted(country, country[first], side="right")
    same_section = (rng.random(draws) < 0.6) & (group_hi - group_lo > 1)
    lo, hi = np.where(same_section, group_lo, country_lo), np.where(same_section, group_hi, country_hi)
    position = lo + np.floor(rng.random(draws) * (hi - lo)).astype(np.int64)
    second = np.where(same_section, by_group[position], position)
    pairs = np.sort(np.c_[first, second], axis=1)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    _, first_seen = np.unique(pairs[:, 0] * n + pairs[:, 1], return_index=True)
    return pairs[np.sort(first_seen)][:wanted]


def _write(frame: pl.DataFrame, table: Table, out_dir: Path) -> int:
    frame = frame.select(table.column_names)
    frame.write_csv(out_dir / f"{table.name}.csv", float_precision=COORDINATE_DECIMALS, date_format="%Y-%m-%d")
    return frame.height


def write_demo(out_dir: Path, scale: float = 1, seed: int = 2023, as_of: date | None = None) -> dict[str, int]:
    """Write a synthetic export (the five CSV files of the registry format) and return rows per file.

    scale multiplies every count (1: about 480 initiatives at the end of 2026); as_of is the
    day the registry is seen, so a demo can be replayed for any day since the launch.
    """
    as_of = as_of or date.today()
    if scale <= 0:
        raise ValueError(f"scale must be positive, not {scale}")
    if as_of < LAUNCH_DAY:
        raise ValueError(f"the registry opened on {LAUNCH_DAY}; as_of {as_of} is before it")
    streams = [np.random.default_rng(stream) for stream in np.random.SeedSequence(seed).spawn(4)]
    countries = sorted((set(LAUNCH_COHORT) | set(LATER_COUNTRY_WEIGHTS)) & set(gazetteer.LAC_ISO2))
    places = _places(countries)

    initiatives, drawn = _initiatives(streams[0], scale, seed, as_of, places)
    firms, memberships, listed = _firms_and_memberships(streams[1], initiatives["id"], drawn, places, as_of)
    declared_extra = np.where(streams[2].random(len(listed)) < 0.2, streams[2].uniform(0.05, 0.8, len(listed)), 0.0)
    initiatives = initiatives.with_columns(
        member_firms_declared=pl.Series(np.ceil(listed * (1 + declared_extra)).astype(np.int64)))
    collaborations = _links(streams[3], initiatives["id"], drawn, scale, as_of)

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return {
        INITIATIVES.name: _write(initiatives, INITIATIVES, out_dir),
        FIRMS.name: _write(firms, FIRMS, out_dir),
        MEMBERSHIPS.name: _write(memberships, MEMBERSHIPS, out_dir),
        COLLABORATIONS.name: _write(collaborations, COLLABORATIONS, out_dir),
        MILESTONES.name: _write(pl.DataFrame([row for row in PUBLIC_MILESTONES if row[0] <= as_of],
                                             schema=list(MILESTONES.column_names), orient="row"), MILESTONES, out_dir),
    }
