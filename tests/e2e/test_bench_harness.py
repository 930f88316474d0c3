"""The benchmark's own machinery, run small on the hand-made registry, so `make bench` cannot rot unseen.

Timings are not checked (the benchmark reports them; a test never asserts wall-clock limits); what is
checked is that every page is served without an error box through the websocket harness, that the
capacity run counts reruns and errors, that a build is measured in its own process, and that every
question's baseline answer equals ours.
"""

from __future__ import annotations

import json

import pytest

from benchmarks import build_bench, page_bench, query_bench, report
from benchmarks.registries import Registry
from tests.fixture_registry import fixture_cities

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def registry(fixture_export, fixture_db) -> Registry:
    return Registry(0, fixture_export, fixture_db, cities=tuple(fixture_cities()))  # as conftest built fixture_db


def test_every_page_is_served_and_measured(registry, tmp_path):
    measured = page_bench.measure_pages(registry, reruns=2, log_dir=tmp_path, log=lambda _: None)
    assert [row["page"] for row in measured["pages"]] == [page.name for page in page_bench.PAGES]
    for row in measured["pages"]:
        assert 0 < row["median_ms"] <= row["p95_ms"] and row["first_ms"] > 0 and row["bytes"] > 1000, row
    assert 50 < measured["peak_rss_mb"] < 4096


def test_capacity_counts_reruns_and_errors(registry, tmp_path):
    measured = page_bench.measure_capacity(registry, (1, 3), seconds=1.5, log_dir=tmp_path, log=lambda _: None)
    assert [level["sessions"] for level in measured["levels"]] == [1, 3]
    for level in measured["levels"]:
        assert level["errors"] == 0, level.get("first_errors")
        assert level["reruns"] >= level["sessions"] and level["p50_ms"] <= level["p95_ms"]


def test_a_page_with_an_error_box_is_an_error(registry, tmp_path, monkeypatch):
    broken = page_bench.Page("nowhere", "no-such-page", ())
    monkeypatch.setattr(page_bench, "PAGES", (broken,))
    with pytest.raises(RuntimeError, match="not found"):
        page_bench.measure_pages(registry, reruns=1, log_dir=tmp_path, log=lambda _: None)


def test_build_is_measured_in_its_own_process(registry):
    measured = build_bench.measure(registry, log=lambda _: None)
    assert measured["wall_s"] > 0 and measured["cpu_s"] > 0 and 50 < measured["peak_rss_mb"] < 8192


def test_every_question_answers_alike_and_the_report_reads_it(registry, tmp_path):
    measured = query_bench.measure(registry, repeats=2, baseline_budget_s=0.5, log=lambda _: None)
    assert measured["questions"] and all(question["equal"] for question in measured["questions"]), \
        [question.get("difference") for question in measured["questions"] if not question["equal"]]
    results = {"schema": 1, "date": "2026-11-27T00:00:00+00:00", "queries": {"0": measured}}
    report.write(results, tmp_path, readme=None)
    assert json.loads((tmp_path / "results.json").read_text())["queries"]["0"]["questions"]
    assert "## Queries" in (tmp_path / "results.md").read_text()
