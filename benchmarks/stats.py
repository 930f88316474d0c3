"""Summaries of repeated timings."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values lie (nearest rank; the largest for few values)."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, int(round(share * len(ordered) + 0.5)) - 1))
    return ordered[rank]


def summary_ms(seconds: list[float]) -> dict[str, float]:
    return {"median": round(statistics.median(seconds) * 1000, 2), "p95": round(percentile(seconds, 0.95) * 1000, 2)}


def repeat(call: Callable[[], object], times: int, budget_s: float | None = None, at_least: int = 3) -> list[float]:
    """Wall-clock seconds of `times` calls; with a budget, stop early once it is spent (after `at_least` calls)."""
    seconds: list[float] = []
    spent_from = time.perf_counter()
    for _ in range(times):
        started = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - started)
        if budget_s is not None and len(seconds) >= at_least and time.perf_counter() - spent_from > budget_s:
            break
    return seconds


def rerun_row(durations: list[float], errors: list[str], elapsed: float, sessions: int) -> dict:
    """One load level's figures: reruns answered, their rate, median and 95th percentile, and errors (the first few
    quoted)."""
    row = {"sessions": sessions, "reruns": len(durations),
           "reruns_per_s": round(len(durations) / elapsed, 1) if elapsed else 0.0,
           "p50_ms": round(percentile(durations, 0.5) * 1000, 1) if durations else None,
           "p95_ms": round(percentile(durations, 0.95) * 1000, 1) if durations else None,
           "errors": len(errors)}
    if errors:
        row["first_errors"] = errors[:3]
    return row
