"""The few figures a briefing or a presenter's slides tell about one selection of the registry.

The exported briefing and presenter mode say the same things in the same order (headline
figures, where the initiatives are, growth, sectors, one country in the spotlight), so they
are gathered once here from `queries`, and each medium only renders them.

Questions are asked through an `Ask` function: `direct(db)` runs each query on the database,
and the app passes its cached runner instead, so slides reuse answers the pages already have.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from analytics.serving import queries
from analytics.serving.db import Database
from analytics.serving.filters import Filters

TOP_COUNTRIES = 10
LATEST = 10
# A briefing or a slide draws the largest initiatives by member firms up to this many: more
# dots would not read at the scale of a continent, and would add megabytes to a file.
MAP_POINTS = 2000

# (query function, filters or None, keyword arguments) → its answer
Ask = Callable[..., pl.DataFrame]


def direct(db: Database) -> Ask:
    """Ask the database itself, with no cache: for a file made once, such as the exported briefing."""
    def ask(function: Callable[..., pl.DataFrame], filters: Filters | None = None, **arguments) -> pl.DataFrame:
        return function(db, **arguments) if filters is None else function(db, filters, **arguments)
    return ask


@dataclass(frozen=True)
class Story:
    filters: Filters
    headline: dict
    growth: pl.DataFrame
    sectors: pl.DataFrame
    coverage: pl.DataFrame
    latest: pl.DataFrame
    points: pl.DataFrame
    outlines: pl.DataFrame
    spotlight: str | None
    spotlight_coverage: dict | None
    spotlight_sectors: pl.DataFrame | None
    vintage: dict
    milestones: pl.DataFrame | None = None  # the registry's public milestones, only when nothing is filtered
    # a selection in one country only: its admin-1 regions, and the sector mix of the whole region (Latin
    # America and the Caribbean, the same filters but for place) to set its own against
    regions: pl.DataFrame | None = None
    region_mix: pl.DataFrame | None = None

    @property
    def is_empty(self) -> bool:
        return not self.headline.get("initiatives")

    @property
    def as_of(self) -> dt.date:
        return as_of(self.vintage)

    @property
    def single_country(self) -> str | None:
        """The one country the selection's initiatives are in, when they are all in one."""
        present = self.coverage.filter(pl.col("initiatives") > 0)["country"].to_list()
        return present[0] if len(present) == 1 else None

    @property
    def countries(self) -> pl.DataFrame:
        """The leading countries of the selection, largest first."""
        return self.coverage.filter(pl.col("initiatives") > 0).head(TOP_COUNTRIES)


def as_of(vintage: dict) -> dt.date:
    """The day the data describes: when the database was built, so "the last 30 days" means the data's, not today's."""
    built = vintage.get("built_at")
    return built.date() if built else dt.date.today()


def choose_spotlight(filters: Filters, countries: pl.DataFrame, requested: str | None = None) -> str | None:
    """The requested country if it has initiatives in the selection, else the only country filtered, else the largest."""
    present = countries.filter(pl.col("initiatives") > 0)["country"].to_list()
    for candidate in (requested, filters.countries[0] if len(filters.countries) == 1 else None):
        if candidate and candidate in present:
            return candidate
    return present[0] if present else None


def gather(ask: Ask, filters: Filters, spotlight: str | None = None) -> Story:
    """Everything a briefing or a slide sequence needs for `filters`, with `spotlight` as the country to feature."""
    info = ask(queries.build_info)
    vintage = info.row(0, named=True) if info.height else {}
    headline = ask(queries.headline, filters, today=as_of(vintage)).row(0, named=True)
    coverage = ask(queries.coverage_by_country, filters)
    chosen = choose_spotlight(filters, coverage, spotlight)
    spotlight_coverage = spotlight_sectors = regions = region_mix = None
    if chosen:
        spotlight_coverage = coverage.filter(pl.col("country") == chosen).row(0, named=True)
        spotlight_sectors = ask(queries.sector_mix, filters.replace(countries=(chosen,)))
    if coverage.filter(pl.col("initiatives") > 0).height == 1:
        regions = ask(queries.region_coverage, filters, country=chosen)
        region_mix = ask(queries.sector_mix, filters.replace(countries=(), subregions=(), regions=()))
    return Story(
        filters=filters,
        headline=headline,
        growth=ask(queries.registrations, filters, period="month"),
        sectors=ask(queries.sector_mix, filters),
        coverage=coverage,
        latest=ask(queries.initiative_list, filters, sort="registered_on", descending=True, page_size=LATEST),
        points=ask(queries.map_points, filters, limit=MAP_POINTS),
        outlines=ask(queries.country_outlines),
        spotlight=chosen,
        spotlight_coverage=spotlight_coverage,
        spotlight_sectors=spotlight_sectors,
        vintage=vintage,
        milestones=ask(queries.milestones) if filters.is_empty else None,
        regions=regions,
        region_mix=region_mix,
    )
