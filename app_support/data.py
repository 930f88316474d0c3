"""Cached access to the registry for the pages.

Query results are cached by query, filters, arguments and the database's version (its file
identity), so a database replaced by `iapt build` is picked up on the next rerun without a
restart. The language is not part of the key: results hold codes, and names are attached
after the cache, so three languages share one cached result. Entries are small aggregates:
`st.cache_data` copies a value on every hit, which would be slow for big frames.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import polars as pl
import streamlit as st

from analytics import queries
from analytics.db import Database, database_path
from analytics.filters import Filters
from viz.maps import Outline, parse_outlines


@st.cache_resource(show_spinner=False, max_entries=4)
def _database(path: str) -> Database:
    return Database(path)


def database() -> Database:
    """The registry named by `IAPT_DB` (read at every rerun, so a test can point the app elsewhere)."""
    return _database(str(database_path().resolve()))


@st.cache_data(show_spinner=False, max_entries=600, ttl=dt.timedelta(hours=6))
def _cached(name: str, path: str, version: tuple[int, int, int], filters: Filters | None,
            arguments: tuple[tuple[str, object], ...]) -> pl.DataFrame:
    function = getattr(queries, name)
    if filters is None:
        return function(_database(path), **dict(arguments))
    return function(_database(path), filters, **dict(arguments))


def query(function: Callable[..., pl.DataFrame], filters: Filters | None = None, **arguments) -> pl.DataFrame:
    """Run a function of `analytics.queries`, or return its cached answer for this database version."""
    if getattr(queries, function.__name__, None) is not function:
        raise ValueError(f"{function!r} is not a function of analytics.queries")
    db = database()
    return _cached(function.__name__, str(db.path), db.version, filters, tuple(sorted(arguments.items())))


@dataclass(frozen=True)
class Reference:
    """Country outlines and names: the same for every filter, parsed once per database version."""

    outlines: dict[str, Outline]
    names: dict[str, dict[str, str]]  # language → iso2 → name
    centres: dict[str, tuple[float, float]]  # iso2 → (latitude, longitude): where bundled arcs meet

    def country_names(self, lang: str) -> dict[str, str]:
        return self.names[lang]


@st.cache_resource(show_spinner=False, max_entries=4)
def _reference(path: str, version: tuple[int, int, int]) -> Reference:
    frame = queries.country_outlines(_database(path))
    names = {lang: dict(zip(frame["iso2"], frame[f"name_{lang}"], strict=True)) for lang in ("en", "es", "pt")}
    centres = {iso2: (lat, lon) for iso2, lat, lon in zip(frame["iso2"], frame["lat"], frame["lon"], strict=True)}
    return Reference(parse_outlines(frame), names, centres)


def reference() -> Reference:
    db = database()
    return _reference(str(db.path), db.version)


def build_info() -> dict:
    """The database's vintage; raises `DatabaseMissing` when there is no usable database."""
    frame = query(queries.build_info)
    return frame.row(0, named=True) if frame.height else {}
