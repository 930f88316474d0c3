"""The serving benchmark (benchmarks/serve_bench.py), run tiny on the hand-made registry, so `make bench` cannot rot unseen.

Timings are not checked; what is: both worker counts run every load through the balancer without an error,
the floor and the Overview are measured in one process each, each worker's memory is read, and the report
judges the result.
"""

from __future__ import annotations

import pytest

from benchmarks import report, serve_bench
from benchmarks.registries import Registry
from tests.serve.conftest import require_haproxy

pytestmark = pytest.mark.serve

TINY = serve_bench.Load(arrivals=4, arrival_s=1.0, every_s=1.0, paced_s=3.0, closed_sessions=2, closed_s=2.0)


def test_every_load_runs_through_the_balancer_without_an_error(fixture_export, fixture_db, tmp_path):
    require_haproxy()
    measured = serve_bench.measure(Registry(0, fixture_export, fixture_db), tmp_path, TINY, log=lambda _: None)
    assert [(run["workers"], run["scenario"]) for run in measured["runs"]] == [
        (workers, scenario) for workers in (1, 2) for scenario in ("fresh", "warm", "closed")]
    for run in measured["runs"]:
        assert run["errors"] == 0 and run["reruns"] >= (TINY.arrivals if run["scenario"] != "closed" else 1), run
        assert 0 < run["p50_ms"] <= run["p95_ms"], run
    assert set(measured["floor"]) == {"floor", "overview"}
    assert all(row["errors"] == 0 and row["reruns"] > 0 for row in measured["floor"].values())
    assert [len(measured["memory"][str(workers)]["loaded_rss_mb"]) for workers in (1, 2)] == [1, 2]
    assert all(50 < mb < 4096 for memory in measured["memory"].values() for mb in memory["loaded_rss_mb"])
    verdicts = {v["name"]: v for v in report.evaluate({"serving": {"1": measured}})}
    assert all(verdicts[name]["met"] is not None for name in verdicts if name.startswith("Serving"))
