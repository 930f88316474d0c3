"""Shared fixtures: the hand-made registry (tests/fixture_registry.py) as an export and as a database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analytics.ingest.build import build
from analytics.serving.db import Database
from tests.fixture_registry import fixture_cities, write_fixture_export

FIXTURE_TODAY = dt.date(2025, 10, 15)


@pytest.fixture(scope="session")
def fixture_export(tmp_path_factory) -> Path:
    """The hand-made registry as a folder of CSV files, as a registry keeper would export it."""
    return write_fixture_export(tmp_path_factory.mktemp("fixture_export"))


@pytest.fixture(scope="session")
def fixture_db(fixture_export, tmp_path_factory) -> Path:
    """The hand-made registry built into a DuckDB file, with the fixture's own city list (round populations)
    in place of the gazetteer's; fails loudly if the build finds problems."""
    path = tmp_path_factory.mktemp("fixture_db") / "iapt.duckdb"
    result = build(fixture_export, path, today=FIXTURE_TODAY, cities=fixture_cities())
    assert result.ok, "\n".join(map(str, result.problems))
    return path


@pytest.fixture(scope="session")
def db(fixture_db) -> Database:
    return Database(fixture_db)


def pytest_sessionfinish(session, exitstatus):
    """Let the app's background warm-ups (started by AppTest runs of app.py) finish before the interpreter exits: a
    daemon thread stopped inside a DuckDB query at exit aborts the process ("FATAL: exception not rethrown")."""
    import threading

    from app_support.warmup import THREAD_NAME

    for thread in threading.enumerate():
        if thread.name == THREAD_NAME:
            thread.join(timeout=120)
