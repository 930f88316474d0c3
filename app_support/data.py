"""Cached access to the registry for the pages.

Query results, and the page views derived from them (`memoised`), are cached by function, filters,
arguments and the database's version (its file identity), so a database replaced by `iapt build` is
picked up on the next rerun without a restart. The language is not part of a query's key: results
hold codes, and names are attached after the cache, so three languages share one cached result.

The cache is a plain LRU shared by every session, not `st.cache_data`: that one hashes its arguments
with Streamlit's generic hasher and copies the value on every hit, which together cost more than
half of a cached Overview rerun (measured with yappi; benchmarks/results.md has the figures). Keys
here are ordinary hashable values (a `Filters` is a frozen dataclass of tuples), and a hit returns
the stored object itself, so what is cached is never changed afterwards: Polars frames are immutable
in use, and a memoised view's figure (kept as a `FrozenFigure`) goes straight to `st.plotly_chart`, which
only reads it. Sessions missing the same key at once wait for one computation (single flight), and
app_support/warmup.py fills the cache with every page's first screen in the background.
"""

from __future__ import annotations

import functools
import inspect
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

import plotly.graph_objects as go
import polars as pl

from analytics.serving import queries
from analytics.serving.db import Database, database_path
from analytics.serving.filters import Filters
from viz.maps import Outline, parse_outlines, simplified

MAX_ENTRIES = 600


class _Flight:
    """One computation in progress, which other threads missing the same key wait for."""

    def __init__(self):
        self.done = threading.Event()
        self.value: object = None
        self.error: BaseException | None = None


class _LRU:
    """A thread-safe least-recently-used map with single flight: threads missing the same key at once wait for
    one computation instead of each running it. A workshop room opening the link together, or a database
    swap that changes every key, would otherwise run every query once per waiting session (measured: 200
    sessions on a fresh server, p95 30 s). A computation that raises is not cached; its waiters get the same
    exception, and the next caller tries again. The lock is never held while computing."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict[Hashable, object] = OrderedDict()
        self._flights: dict[Hashable, _Flight] = {}
        self._lock = threading.Lock()

    def get_or_compute(self, key: Hashable, compute: Callable[[], object]) -> object:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            flight = self._flights.get(key)
            leading = flight is None
            if leading:
                flight = self._flights[key] = _Flight()
        if not leading:
            flight.done.wait()
            if flight.error is not None:
                raise flight.error
            return flight.value
        try:
            flight.value = compute()
        except BaseException as error:
            flight.error = error
            raise
        else:
            with self._lock:
                self._items[key] = flight.value
                self._items.move_to_end(key)
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
        finally:
            with self._lock:
                del self._flights[key]
            flight.done.set()
        return flight.value

    def keys(self) -> list[Hashable]:
        """Oldest first (tests, and checking what the warm-up computed)."""
        with self._lock:
            return list(self._items)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_results = _LRU(MAX_ENTRIES)
_databases: dict[str, Database] = {}
_databases_lock = threading.Lock()


def clear() -> None:
    """Forget every cached result and open database (tests; a server never needs to)."""
    _results.clear()
    with _databases_lock:
        _databases.clear()
    with _default_views_lock:
        _default_views.clear()


def database() -> Database:
    """The registry named by `IAPT_DB` (read at every rerun, so a test can point the app elsewhere)."""
    configured = os.environ.get("IAPT_DB", "")
    found = _databases.get(configured)
    if found is None:
        with _databases_lock:
            found = _databases.setdefault(configured, Database(database_path().resolve()))
    return found


_run = threading.local()


def begin_run() -> None:
    """Called where a script run (app.py) or a fragment's own rerun starts: the database's version is then looked up
    once for the run, not once per query (a `stat` per call was 6% of a cached Overview rerun: system calls are dear
    in a VM). A file replaced by `iapt build` is seen by the next run. Threads that never call this (the warm-up)
    look the version up on every call."""
    _run.versions = {}


def _version(db: Database) -> tuple[int, int, int]:
    versions = getattr(_run, "versions", None)
    if versions is None:
        return db.version
    found = versions.get(db.path)
    if found is None:
        found = versions[db.path] = db.version
    return found


def query(function: Callable[..., pl.DataFrame], filters=None, **arguments) -> pl.DataFrame:
    """Run a function of `analytics.serving.queries`, or return its cached answer for this database version."""
    if getattr(queries, function.__name__, None) is not function:
        raise ValueError(f"{function!r} is not a function of analytics.serving.queries")
    db = database()
    key = ("query", function.__name__, str(db.path), _version(db), filters, tuple(sorted(arguments.items())))
    if filters is None:
        return _results.get_or_compute(key, lambda: function(db, **arguments))
    return _results.get_or_compute(key, lambda: function(db, filters, **arguments))


class FrozenFigure(go.Figure):
    """A figure whose dict form is worked out once. `st.plotly_chart` calls `to_dict` on every rerun (a deep
    copy that also base64-encodes every numeric array): 40% of a cached Overview rerun, measured with yappi.
    Only for a figure that nothing changes any more, such as a memoised view's."""

    def __init__(self, figure: go.Figure):
        super().__init__(figure)
        self._frozen = figure.to_dict()

    def to_dict(self) -> dict:
        return self._frozen


def memoised(function: Callable) -> Callable:
    """Cache a page's view (a figure, a formatted table) built from queries, by its arguments and the
    database version. Its arguments must be hashable (filters, language, options) and it must not
    depend on anything else that changes between reruns.

    A call with no filter is remembered, so that app_support/warmup.py can build the same view in every language,
    and again after a database swap, before visitors ask for it: a call with an empty `Filters` and a `lang`
    argument, or a call whose arguments other than `lang` are all empty tuples (the sidebar's lists with nothing
    chosen)."""
    parameters = list(inspect.signature(function).parameters)
    lang_position = parameters.index("lang") if "lang" in parameters else None

    @functools.wraps(function)
    def cached(*args, **kwargs):
        db = database()
        key = ("view", function.__module__, function.__qualname__, str(db.path), _version(db), args,
               tuple(sorted(kwargs.items())))
        if _unfiltered(lang_position, args, kwargs):
            _remember_default_view(cached, lang_position, args, kwargs)
        return _results.get_or_compute(key, lambda: _frozen(function(*args, **kwargs)))

    return cached


def _unfiltered(lang_position: int | None, args: tuple, kwargs: dict) -> bool:
    values = (*args, *kwargs.values())
    if any(isinstance(value, Filters) for value in values):
        return lang_position is not None and any(isinstance(value, Filters) and value.is_empty for value in values)
    others = [value for index, value in enumerate(args) if index != lang_position]
    others += [value for name, value in kwargs.items() if name != "lang"]
    return all(value == () for value in others)


@dataclass(frozen=True)
class DefaultView:
    """A call of a memoised view with no filter, as a page made it; `in_language` makes the same call in another."""

    view: Callable
    lang_position: int | None  # None: a view the same in every language
    args: tuple
    kwargs: tuple

    def in_language(self, lang: str) -> object:
        args, kwargs = list(self.args), dict(self.kwargs)
        if self.lang_position is not None and ("lang" in kwargs or self.lang_position >= len(args)):
            kwargs["lang"] = lang
        elif self.lang_position is not None:
            args[self.lang_position] = lang
        return self.view(*args, **kwargs)


_default_views: dict[tuple, DefaultView] = {}
_default_views_lock = threading.Lock()


def _remember_default_view(view: Callable, lang_position: int | None, args: tuple, kwargs: dict) -> None:
    """Keep the latest wrapper of each view for each set of arguments other than the language (a page's functions
    are made anew on every rerun, so the same view keeps one entry)."""
    others = tuple(value for index, value in enumerate(args) if index != lang_position)
    others_named = tuple(sorted((name, value) for name, value in kwargs.items() if name != "lang"))
    identity = (view.__module__, view.__qualname__, others, others_named)
    with _default_views_lock:
        _default_views[identity] = DefaultView(view, lang_position, args, tuple(kwargs.items()))


def default_views() -> list[DefaultView]:
    """Every memoised view a page has asked for with no filter in this process, once per set of arguments."""
    with _default_views_lock:
        return list(_default_views.values())


def _frozen(value: object) -> object:
    return FrozenFigure(value) if isinstance(value, go.Figure) else value


@dataclass(frozen=True)
class Reference:
    """Country outlines and names: the same for every filter, parsed once per database version."""

    outlines: dict[str, Outline]  # as stored (about 500 m): for maps zoomed in on a place
    overview_outlines: dict[str, Outline]  # simplified to about 2 km: for maps of the whole region
    names: dict[str, dict[str, str]]  # language → iso2 → name
    centres: dict[str, tuple[float, float]]  # iso2 → (latitude, longitude): where bundled arcs meet

    def country_names(self, lang: str) -> dict[str, str]:
        return self.names[lang]


def _reference(db: Database) -> Reference:
    frame = queries.country_outlines(db)
    names = {lang: dict(zip(frame["iso2"], frame[f"name_{lang}"], strict=True)) for lang in ("en", "es", "pt")}
    centres = {iso2: (lat, lon) for iso2, lat, lon in zip(frame["iso2"], frame["lat"], frame["lon"], strict=True)}
    outlines = parse_outlines(frame)
    return Reference(outlines, simplified(outlines), names, centres)


def reference() -> Reference:
    db = database()
    return _results.get_or_compute(("reference", str(db.path), _version(db)), lambda: _reference(db))


def build_info() -> dict:
    """The database's vintage; raises `DatabaseMissing` when there is no usable database."""
    frame = query(queries.build_info)
    return frame.row(0, named=True) if frame.height else {}
