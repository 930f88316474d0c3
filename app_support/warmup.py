"""Compute the first screen of every page, unfiltered, in the background, once per database version.

A workshop opens the link together, and a rebuilt registry changes every cache key at once: without
this, the first visitors of each page pay for all of its queries while the others wait for them (single
flight in `app_support.data` makes them wait for one computation instead of running their own). The
warm-up runs on a thread of its own, started by a session's rerun when the worker sees a database
version it has not warmed yet (so on the first session after start, and on the first rerun after a
swap), and never holds a visitor up: it only fills the shared cache through `data.query` and
`data.reference`, with the very arguments the pages pass, so the keys are the pages' own; then it builds
in every language each memoised view a page has asked for with no filter (the Overview's charts: the first
visitor, or `iapt serve`'s priming run, shows which).
tests/app/test_warmup.py runs every page with no filter and fails if a key the page computes is missing
here: a page that changes what its first screen asks must change `first_screens` with it.

No Streamlit here: this runs outside any session.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

import polars as pl

from analytics import i18n
from analytics.serving import queries
from analytics.serving.db import DatabaseMissing
from analytics.serving.filters import Filters
from app_support import data
from viz import maps

log = logging.getLogger(__name__)

# the pages' defaults that decide what their first screen asks (kept equal to the pages' by tests/app/test_warmup.py)
OVERVIEW_LATEST = 10  # app_pages/overview.py: LATEST
COUNTRIES_COMPARED = 3  # app_pages/countries.py: the first three countries are compared at first
SECTOR_SCHEMES = ("eclac_sector", "isic_section")  # app_pages/sectors.py: SCHEMES
EXPLORER_PAGE_SIZE = 25  # app_pages/explorer.py: PAGE_SIZES[0]
DATA_STATUSES = ("registered", "validated", "inactive")  # app_pages/data_methods.py: STATUS_COUNTS

THREAD_NAME = "iapt-warm-up"
_lock = threading.Lock()
_warmed: set[tuple] = set()  # (path, version) of each database version warmed or being warmed


def first_screens() -> None:
    """Every query of the shared shell and of each page's first screen, with no filter: what the pages ask."""
    unfiltered = Filters()
    data.reference()
    info = data.build_info()
    # the shell: sidebar choices and the count of matching initiatives
    data.query(queries.countries_in_registry)
    data.query(queries.region_names)
    data.query(queries.registry_dates)
    count = data.query(queries.count_initiatives, unfiltered)
    # Overview
    as_of = info["built_at"].date() if info.get("built_at") else dt.date.today()
    data.query(queries.headline, unfiltered, today=as_of)
    data.query(queries.registrations, unfiltered, period="month")
    coverage = data.query(queries.coverage_by_country, unfiltered)
    data.query(queries.sector_mix, unfiltered, scheme="eclac_sector")
    data.query(queries.initiative_list, unfiltered, sort="registered_on", descending=True, page_size=OVERVIEW_LATEST)
    # Map: points (or grid cells past MAX_POINTS) coloured by sector, countries shaded by initiatives
    if count > maps.MAX_POINTS:
        data.query(queries.map_grid, unfiltered, cell_degrees=maps.CELL_DEGREES)
    else:
        data.query(queries.map_points, unfiltered)
    data.query(queries.sector_mix, unfiltered, scheme="eclac_sector", primary_only=True)
    # Countries: the first three countries compared
    chosen = tuple(coverage.filter(pl.col("initiatives") > 0)["country"].to_list()[:COUNTRIES_COMPARED])
    if len(chosen) >= 2:
        compared = unfiltered.replace(countries=chosen)
        data.query(queries.country_profiles, unfiltered, countries=chosen)
        data.query(queries.registrations, compared, period="month", by="country")
        data.query(queries.firm_sizes, compared, by="country")
        data.query(queries.country_sector_matrix, compared, scheme="eclac_sector")
        data.query(queries.types_by_country, compared)
    # Growth: per month, no split, with the registry's milestones
    data.query(queries.registrations, unfiltered, period="month", by=None)
    data.query(queries.milestones)
    # Regions: every region's figures and the white spots
    data.query(queries.region_figures, unfiltered)
    data.query(queries.white_spots, unfiltered)
    # Sectors: both schemes' mix, the matrix of the first, gaps at the default threshold (0)
    for scheme in SECTOR_SCHEMES:
        data.query(queries.sector_mix, unfiltered, scheme=scheme)
    data.query(queries.country_sector_matrix, unfiltered, scheme=SECTOR_SCHEMES[0])
    data.query(queries.sector_gaps, unfiltered, max_initiatives=0)
    # Explorer: the match count and the first page, newest first
    listing = {"search": "", "sort": "registered_on", "descending": True, "page": 1}
    data.query(queries.initiative_list, unfiltered, **listing, page_size=1)
    data.query(queries.initiative_list, unfiltered, **listing, page_size=EXPLORER_PAGE_SIZE)
    # Network: every programme
    data.query(queries.programmes)
    for question in (queries.collaborations, queries.network_nodes, queries.cross_border_pairs):
        data.query(question, unfiltered, programme=None)
    # Data and methods
    for status in DATA_STATUSES:
        data.query(queries.count_initiatives, Filters(statuses=(status,)))


def views_in_every_language() -> None:
    """The pages' memoised views (figures, formatted tables) asked for with no filter in this process, built in
    every language: only a page defines them, so what a page has asked for once is what is built."""
    for view in data.default_views():
        for lang in i18n.LANGUAGES:
            view.in_language(lang)


def _run(version: tuple) -> None:
    try:
        first_screens()
        views_in_every_language()
    except DatabaseMissing:
        pass  # the pages say how to build one
    except Exception:  # a warm-up that fails only leaves the work to the visitors; the failure is logged
        log.exception("warm-up of %s failed", version[0])
        with _lock:
            _warmed.discard(version)


def start() -> threading.Thread | None:
    """Start the warm-up for the current database version unless it has been started already; returns the
    thread it started (None when there was nothing to do). Cheap enough for every rerun: one `stat`."""
    db = data.database()
    try:
        version = (str(db.path), db.version)
    except DatabaseMissing:
        return None
    with _lock:
        if version in _warmed:
            return None
        _warmed.add(version)
    thread = threading.Thread(target=_run, args=(version,), name=THREAD_NAME, daemon=True)
    thread.start()
    return thread


def forget() -> None:
    """Warm again on the next `start` (tests, after clearing the cache)."""
    with _lock:
        _warmed.clear()
