"""The benchmarked questions: each asked of our analytics layer and of the pandas baseline, with the check that
both answers are equal, so that a timing never compares a fast wrong answer with a slow right one.

Sample arguments (the busiest country, a linked initiative, the largest programme, a date range...) are picked
from the registry itself, so the same list works on the hand-made fixture and on a demo of any scale.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd
import polars as pl

from analytics.serving import queries
from analytics.serving.db import Database
from analytics.serving.filters import Filters
from benchmarks.baseline import Baseline

REL_TOLERANCE = 1e-9
ABS_TOLERANCE = 1e-12
ALL = Filters()
SIZE_SAMPLE = ("small",)


@dataclass(frozen=True)
class Question:
    name: str
    ours: Callable[[Database], pl.DataFrame]
    baseline: Callable[[Baseline], pd.DataFrame]
    key: tuple[str, ...]      # columns both answers are sorted by before comparing
    columns: tuple[str, ...]  # columns compared (both sides must have them)
    ordered: bool = False     # the row order is part of the answer: rows are compared as returned, `key` only names them


@dataclass(frozen=True)
class Samples:
    today: dt.date
    country: str
    countries: list[str]
    subregion: str
    sector: str
    type: str
    isic: str
    city: str
    page_size: int
    initiative: str
    programme: str | None
    registered_from: dt.date
    registered_to: dt.date
    founded_from: int | None


def _most_common(values: pl.Series, default: str) -> str:
    """The most frequent value, ties to the first alphabetically, so the pick is deterministic."""
    counts = values.drop_nulls().value_counts(name="n").sort(["n", values.name], descending=[True, False])
    return counts[values.name][0] if counts.height else default


def samples(db: Database) -> Samples:
    """Arguments that exercise each question on this registry, read through the public queries only."""
    rows = queries.initiative_rows(db, ALL)
    present = queries.countries_in_registry(db).sort(["initiatives", "iso2"], descending=[True, False])
    country = present["iso2"][0]
    top = present["iso2"].head(3).to_list()
    here = rows.filter(pl.col("country") == country)
    links = queries.collaborations(db, ALL)
    degree = pl.concat([links["initiative_a"], links["initiative_b"]]).alias("id").value_counts(name="links")
    candidates = rows.select("id", "member_firms").join(degree, on="id", how="left").with_columns(pl.col("links").fill_null(0)) \
        .sort(["links", "member_firms", "id"], descending=[True, True, False])["id"].to_list()
    initiative = next((candidate for candidate in candidates[:20] if not queries.member_firms(db, ALL, candidate).is_empty()),
                      candidates[0])
    programmes = queries.programmes(db)
    city = _most_common(rows["city"], "")
    matches = queries.initiative_list(db, ALL, search=city, page_size=1)["total_rows"]
    first, last = rows["registered_on"].min(), rows["registered_on"].max()
    span = last - first
    founded = rows["founded_year"].quantile(0.25, "lower")
    return Samples(
        today=last,
        country=country,
        countries=[top[-1], *top[:-1]],  # not in any natural order: the profiles must keep the order chosen
        subregion=present["subregion"][0],
        sector=_most_common(here["sectors"].str.split(";").explode(), "energy"),
        type=_most_common(rows["type"], "cluster"),
        isic=_most_common(rows["primary_isic"], "C"),
        city=city,
        page_size=max(1, min(10, (matches[0] if matches.len() else 0) // 2)),  # so that page 2 has rows
        initiative=initiative,
        programme=programmes["programme"][0] if programmes.height else None,
        registered_from=first + span / 4,
        registered_to=first + span * 3 / 4,
        founded_from=None if founded is None else int(founded),
    )


def _question(name: str, function: str, key: Sequence[str], columns: Sequence[str], ordered: bool = False,
              **arguments) -> Question:
    """The same call, with the same arguments, on both sides."""
    return Question(name, partial(getattr(queries, function), **arguments), partial(getattr(Baseline, function), **arguments),
                    tuple(key), tuple(columns), ordered)


def _count(filters: Filters) -> tuple[Callable[[Database], pl.DataFrame], Callable[[Baseline], pd.DataFrame]]:
    return (lambda db: pl.DataFrame({"initiatives": [queries.count_initiatives(db, filters)]}),
            lambda baseline: pd.DataFrame({"initiatives": [baseline.count_initiatives(filters)]}))


HEADLINE = ("initiatives", "validated", "validated_share", "member_firms", "countries", "regions_covered", "sectors",
            "added_30d", "added_365d", "first_registered", "last_registered")
COVERAGE = ("country", "iso3", "name_en", "name_es", "name_pt", "subregion", "population", "population_year", "lat", "lon",
            "initiatives", "initiatives_per_million", "member_firms", "firms_per_initiative", "regions_covered",
            "region_count", "regions_covered_share", "validated", "validated_share")
REGIONS = ("region", "name", "kind", "initiatives", "member_firms", "lat", "lon")
REGION_FIGURES = ("region", "country", "name", "kind", "initiatives", "member_firms", "leading_sectors", "cities",
                  "city_population", "initiatives_per_million", "lat", "lon")
MIX = ("sector", "name_en", "name_es", "name_pt", "initiatives", "share", "member_firms")
MATRIX = ("country", "sector", "name_en", "name_es", "name_pt", "initiatives", "country_total", "sector_total", "total",
          "location_quotient")
GAPS = ("country", "sector", "name_en", "name_es", "name_pt", "initiatives")
REGISTRATIONS = ("period", "group", "registrations", "cumulative")
LISTED = ("id", "name", "type", "status", "country", "region", "region_name", "city", "latitude", "longitude",
          "registered_on", "validated_on", "founded_year", "primary_sector", "primary_isic", "member_firms", "synthetic")
PROFILE = ("id", "name", "name_search", "type", "status", "country", "region", "city", "latitude", "longitude",
           "founded_year", "registered_on", "validated_on", "primary_sector", "primary_isic", "managing_entity", "website",
           "member_firms_declared", "member_firms_listed", "member_firms", "members_government", "members_academia",
           "members_civil_society", "source", "synthetic", "region_name", "country_en", "country_es", "country_pt",
           "priority_sectors", "isic_sections")
EDGES = ("initiative_a", "name_a", "country_a", "lat_a", "lon_a", "initiative_b", "name_b", "country_b", "lat_b", "lon_b",
         "programme", "started_on", "cross_border")
NODES = ("id", "name", "country", "lat", "lon", "degree", "cross_border_links", "programmes")
LINKS = ("id", "name", "country", "city", "latitude", "longitude", "programme", "started_on", "cross_border")
POINTS = ("id", "name", "type", "status", "city", "country", "region_name", "latitude", "longitude", "primary_sector",
          "primary_isic", "member_firms", "sectors")
# DuckDB's mode() breaks ties arbitrarily (by the order rows happen to reach the aggregate), so a cell's
# `primary_sector` and `type` cannot be reproduced where two values are equally frequent: they are not compared.
GRID = ("latitude", "longitude", "initiatives", "member_firms")


def questions(db: Database) -> list[Question]:
    s = samples(db)
    by_country_and_sector = Filters(countries=(s.country,), sectors=(s.sector,))
    by_size_and_subregion = Filters(size_classes=SIZE_SAMPLE, subregions=(s.subregion,))
    by_subregion_and_type = Filters(subregions=(s.subregion,), types=(s.type,))
    by_dates = Filters(registered_from=s.registered_from, registered_to=s.registered_to, founded_from=s.founded_from)
    by_size_isic_status = Filters(size_classes=SIZE_SAMPLE, isic_sections=(s.isic,), statuses=("validated", "registered"))
    ours_count, baseline_count = _count(ALL)
    return [
        _question("headline", "headline", (), HEADLINE, filters=ALL, today=s.today),
        _question("headline · filtered", "headline", (), HEADLINE, filters=by_country_and_sector, today=s.today),
        _question("coverage_by_country", "coverage_by_country", ("country",), COVERAGE, filters=ALL),
        _question("coverage_by_country · filtered", "coverage_by_country", ("country",), COVERAGE, filters=by_size_and_subregion),
        _question("region_coverage", "region_coverage", ("region",), REGIONS, filters=ALL, country=s.country),
        _question("region_figures", "region_figures", ("region",), REGION_FIGURES, filters=ALL),
        _question("white_spots", "white_spots", ("region",), REGION_FIGURES, ordered=True, filters=ALL),
        _question("sector_mix", "sector_mix", ("sector",), MIX, filters=ALL),
        _question("sector_mix · primary only", "sector_mix", ("sector",), MIX, filters=ALL, primary_only=True),
        _question("sector_mix · isic_section", "sector_mix", ("sector",), MIX, filters=ALL, scheme="isic_section"),
        _question("sector_mix · filtered", "sector_mix", ("sector",), MIX, filters=by_subregion_and_type),
        _question("country_sector_matrix", "country_sector_matrix", ("country", "sector"), MATRIX, filters=ALL),
        _question("country_sector_matrix · isic_section", "country_sector_matrix", ("country", "sector"), MATRIX,
                  filters=ALL, scheme="isic_section"),
        _question("sector_gaps", "sector_gaps", ("country", "sector"), GAPS, filters=ALL),
        _question("registrations", "registrations", ("group", "period"), REGISTRATIONS, filters=ALL),
        _question("registrations · quarter by country", "registrations", ("group", "period"), REGISTRATIONS, filters=ALL,
                  period="quarter", by="country"),
        _question("registrations · year by sector", "registrations", ("group", "period"), REGISTRATIONS, filters=ALL,
                  period="year", by="sector", until=s.today),
        _question("registrations · filtered", "registrations", ("group", "period"), REGISTRATIONS, filters=by_dates),
        _question("types_by_country", "types_by_country", ("country", "type"), ("country", "type", "initiatives"), filters=ALL),
        _question("firm_sizes", "firm_sizes", ("group", "size_class"), ("group", "size_class", "firms"), filters=ALL),
        _question("firm_sizes · all", "firm_sizes", ("group", "size_class"), ("group", "size_class", "firms"), filters=ALL,
                  by="all"),
        _question("country_profiles", "country_profiles", ("country",), COVERAGE, ordered=True, filters=ALL,
                  countries=s.countries),
        _question("initiative_list", "initiative_list", ("id",), (*LISTED, "total_rows"), ordered=True, filters=ALL,
                  search=s.city, sort="member_firms", descending=True, page=2, page_size=s.page_size),
        _question("initiative_rows", "initiative_rows", ("id",), (*LISTED, "sectors", "isic_sections", "managing_entity", "website"),
                  ordered=True, filters=ALL, sort="founded_year", descending=False),
        _question("initiative_profile", "initiative_profile", ("id",), PROFILE, initiative_id=s.initiative),
        _question("member_firms", "member_firms", ("size_class", "isic_section"), ("size_class", "isic_section", "firms"),
                  filters=ALL),
        _question("member_firms · one initiative", "member_firms", ("size_class", "isic_section"),
                  ("size_class", "isic_section", "firms"), filters=ALL, initiative_id=s.initiative),
        _question("member_firms · filtered", "member_firms", ("size_class", "isic_section"), ("size_class", "isic_section", "firms"),
                  filters=by_size_isic_status),
        _question("collaborations", "collaborations", ("programme", "initiative_a", "initiative_b"), EDGES, filters=ALL),
        _question("collaborations · programme", "collaborations", ("programme", "initiative_a", "initiative_b"), EDGES,
                  filters=ALL, programme=s.programme),
        _question("network_nodes", "network_nodes", ("id",), NODES, filters=ALL),
        _question("network_nodes · programme", "network_nodes", ("id",), NODES, filters=ALL, programme=s.programme),
        _question("cross_border_pairs", "cross_border_pairs", ("country_a", "country_b"), ("country_a", "country_b", "links"),
                  filters=ALL),
        _question("initiative_links", "initiative_links", ("programme", "id", "started_on"), LINKS, initiative_id=s.initiative),
        _question("programmes", "programmes", ("programme",), ("programme", "links")),
        _question("map_points", "map_points", ("id",), POINTS, filters=ALL),
        _question("map_points · largest", "map_points", ("id",), POINTS, ordered=True, filters=ALL, limit=25),
        _question("map_grid", "map_grid", ("latitude", "longitude"), GRID, filters=ALL),
        Question("count_initiatives", ours_count, baseline_count, (), ("initiatives",)),
        _question("countries_in_registry", "countries_in_registry", ("iso2",),
                  ("iso2", "name_en", "name_es", "name_pt", "subregion", "initiatives")),
    ]


# ---------------------------------------------------------------------- the equality check


def _plain(value):
    """One value as plain Python, so both libraries' answers compare: every kind of missing is None, every
    timestamp at midnight is a date, numpy scalars are numbers, lists are tuples."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
    if isinstance(value, dt.datetime):  # pandas.Timestamp included
        if pd.isna(value):
            return None
        return value.date() if value.time() == dt.time(0) and value.tzinfo is None else value.replace(tzinfo=None)
    if isinstance(value, list | tuple | np.ndarray | pl.Series | pd.Series):
        return tuple(_plain(item) for item in value)
    return value


def _order(value) -> tuple:
    """A sort key that orders any mix of values and None (last) without comparing unlike types."""
    if value is None:
        return (1, 0, 0)
    if isinstance(value, bool | int | float):
        return (0, 0, float(value))
    if isinstance(value, dt.datetime):
        return (0, 1, value.isoformat())
    if isinstance(value, dt.date):
        return (0, 1, value.isoformat())
    if isinstance(value, tuple):
        return (0, 2, tuple(_order(item) for item in value))
    return (0, 3, str(value))


def _same(ours, theirs) -> bool:
    if ours is None or theirs is None:
        return ours is None and theirs is None
    if isinstance(ours, tuple) or isinstance(theirs, tuple):
        return (isinstance(ours, tuple) and isinstance(theirs, tuple) and len(ours) == len(theirs)
                and all(_same(a, b) for a, b in zip(ours, theirs, strict=True)))
    if isinstance(ours, bool) or isinstance(theirs, bool):
        return isinstance(ours, bool) and isinstance(theirs, bool) and ours == theirs
    if isinstance(ours, int | float) and isinstance(theirs, int | float):
        if isinstance(ours, int) and isinstance(theirs, int):
            return ours == theirs
        return math.isclose(ours, theirs, rel_tol=REL_TOLERANCE, abs_tol=ABS_TOLERANCE)
    return type(ours) is type(theirs) and ours == theirs


def _rows(frame: pl.DataFrame | pd.DataFrame, columns: list[str]) -> list[tuple]:
    if isinstance(frame, pl.DataFrame):
        raw = frame.select(columns).rows()
    else:
        raw = frame[columns].itertuples(index=False, name=None)
    return [tuple(_plain(value) for value in row) for row in raw]


def _describe(key: Sequence[str], row: tuple, position: int) -> str:
    if not key:
        return f"row {position + 1}"
    return ", ".join(f"{column}={value!r}" for column, value in zip(key, row, strict=False))


def check_equal(question: Question, ours: pl.DataFrame, theirs: pd.DataFrame) -> None:
    """Raises AssertionError naming the first difference: a missing column, a row only one side has, or a value."""
    name = question.name
    for side, present in (("ours", list(ours.columns)), ("baseline", list(theirs.columns))):
        missing = [column for column in question.columns if column not in present]
        if missing:
            raise AssertionError(f"{name}: {side} has no column {missing[0]!r}")
    key = list(question.key)
    columns = [*key, *(column for column in question.columns if column not in key)]
    left, right = _rows(ours, columns), _rows(theirs, columns)
    if not question.ordered:
        left.sort(key=lambda row: tuple(_order(value) for value in row))
        right.sort(key=lambda row: tuple(_order(value) for value in row))
    width = len(key)
    i = j = 0
    while i < len(left) and j < len(right):
        a, b = left[i], right[j]
        if not all(_same(x, y) for x, y in zip(a[:width], b[:width], strict=True)):
            if question.ordered:
                raise AssertionError(f"{name}: row {i + 1} is {_describe(key, a, i)} in ours but {_describe(key, b, j)} "
                                     f"in the baseline")
            if tuple(map(_order, a[:width])) < tuple(map(_order, b[:width])):
                raise AssertionError(f"{name}: row {_describe(key, a, i)} only in ours")
            raise AssertionError(f"{name}: row {_describe(key, b, j)} only in the baseline")
        for column, x, y in zip(columns[width:], a[width:], b[width:], strict=True):
            if not _same(x, y):
                raise AssertionError(f"{name}: column {column!r} differs at {_describe(key, a, i)}: "
                                     f"ours={x!r}, baseline={y!r}")
        i, j = i + 1, j + 1
    if i < len(left):
        raise AssertionError(f"{name}: row {_describe(key, left[i], i)} only in ours "
                             f"({len(left)} rows, baseline {len(right)})")
    if j < len(right):
        raise AssertionError(f"{name}: row {_describe(key, right[j], j)} only in the baseline "
                             f"({len(left)} rows, baseline {len(right)})")
