"""The background warm-up (app_support/warmup.py) computes what the pages' first screens ask, under the same keys."""

from __future__ import annotations

import shutil
import threading

import pytest

from app_support import data, warmup
from tests.app.conftest import PAGES

# what the warm-up fills: query results and the parsed reference; a page's memoised views (figures, tables) are
# keyed by its own functions, which only the page defines, and are built from these in milliseconds
WARMED_KINDS = ("query", "reference")


def _keys() -> set:
    return {key for key in data._results.keys() if key[0] in WARMED_KINDS}


@pytest.fixture
def no_background_warm_up(monkeypatch):
    """Keep app.py from starting the warm-up, so the cache holds only what the pages themselves asked; a warm-up
    started by an earlier test (over another database, which it may still be asking about) is waited for first."""
    for thread in threading.enumerate():
        if thread.name == warmup.THREAD_NAME:
            thread.join(timeout=120)
    data.clear()
    monkeypatch.setattr(warmup, "start", lambda: None)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_warm_up_computes_every_key_of_every_first_screen(open_app, no_background_warm_up, lang):
    for page in PAGES:
        open_app(page, lang=lang)
    asked_by_pages = _keys()
    assert any(key[1] == "headline" for key in asked_by_pages)  # the pages did run their queries

    data.clear()
    warmup.first_screens()
    missing = asked_by_pages - _keys()
    # a page asks something its first screen did not ask before: add it to warmup.first_screens
    assert not missing, sorted(f"{key[1]}: {'no filter' if key[4] is None or key[4].is_empty else key[4]} {key[5]}" for key in missing)


def test_views_seen_in_one_language_are_built_in_every_language(open_app, no_background_warm_up):
    """The Overview's charts and table (memoised views) asked for in English are built in Spanish and Portuguese
    under the keys a Spanish or Portuguese visitor's Overview asks for."""
    for lang in ("es", "pt"):
        open_app("overview", lang=lang)
    other_languages = {key for key in data._results.keys() if key[0] == "view"}
    assert len(other_languages) >= 6  # growth, two leading charts and the latest table, in two languages

    data.clear()
    open_app("overview", lang="en")
    data._results.clear()  # what is cached goes, what the pages asked for stays
    warmup.views_in_every_language()
    missing = other_languages - set(data._results.keys())
    assert not missing, sorted(f"{key[2]} {key[5]}" for key in missing)


def test_start_warms_each_database_version_once(fixture_db, tmp_path, monkeypatch):
    served = tmp_path / "iapt.duckdb"
    shutil.copyfile(fixture_db, served)
    monkeypatch.setenv("IAPT_DB", str(served))
    data.clear()
    warmup.forget()

    thread = warmup.start()
    assert thread is not None
    thread.join(timeout=60)
    first_version = data.database().version
    assert any(key[1] == "network_nodes" and key[3] == first_version for key in data._results.keys())
    assert warmup.start() is None  # the same version: nothing to do

    # `iapt build` renames a new file over the old one: a new version, warmed again
    replacement = tmp_path / "new.duckdb"
    shutil.copyfile(fixture_db, replacement)
    replacement.rename(served)
    thread = warmup.start()
    assert thread is not None
    thread.join(timeout=60)
    second_version = data.database().version
    assert second_version != first_version
    assert any(key[1] == "network_nodes" and key[3] == second_version for key in data._results.keys())
    warmup.forget()


def test_start_without_a_database_does_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("IAPT_DB", str(tmp_path / "missing.duckdb"))
    data.clear()
    assert warmup.start() is None
