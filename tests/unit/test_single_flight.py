"""The shared result cache (app_support/data.py): concurrent misses for one key compute it once."""

from __future__ import annotations

import threading
import time

import pytest

from app_support.data import _LRU

THREADS = 16
# long enough that every thread asks while the first computation is still running
COMPUTE_SECONDS = 0.3


def _ask_together(cache: _LRU, key, compute, threads: int = THREADS) -> list:
    """Start `threads` threads at one barrier, each asking `cache` for `key`; what each got back (or raised)."""
    outcomes: list = [None] * threads
    start = threading.Barrier(threads)

    def ask(index: int) -> None:
        start.wait()
        try:
            outcomes[index] = cache.get_or_compute(key, compute)
        except Exception as error:  # noqa: BLE001 - the test looks at what each thread saw
            outcomes[index] = error

    workers = [threading.Thread(target=ask, args=(index,)) for index in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=30)
    return outcomes


class TestSingleFlight:
    def test_concurrent_misses_compute_once_and_share_the_value(self):
        cache = _LRU(10)
        calls = []

        def compute():
            calls.append(threading.get_ident())
            time.sleep(COMPUTE_SECONDS)
            return object()

        outcomes = _ask_together(cache, ("query", "headline"), compute)
        assert len(calls) == 1  # one computation for sixteen sessions
        assert all(outcome is outcomes[0] for outcome in outcomes)  # every waiter got the very object computed
        assert cache.get_or_compute(("query", "headline"), lambda: pytest.fail("recomputed a cached key")) is outcomes[0]

    def test_an_error_reaches_every_waiter_and_is_not_cached(self):
        cache = _LRU(10)
        calls = []

        def failing():
            calls.append(1)
            time.sleep(COMPUTE_SECONDS)
            raise ValueError("database busy")

        outcomes = _ask_together(cache, "key", failing)
        assert len(calls) == 1
        assert all(isinstance(outcome, ValueError) and str(outcome) == "database busy" for outcome in outcomes)
        # the failure was not remembered: the next caller computes again, and succeeds
        assert cache.get_or_compute("key", lambda: "fresh") == "fresh"
        assert cache.keys() == ["key"]

    def test_different_keys_compute_at_the_same_time(self):
        """No lock is held while computing: a computation for one key can wait on one for another."""
        cache = _LRU(10)
        other_started = threading.Event()

        def first():
            assert other_started.wait(timeout=10), "the second key waited for the first one's computation"
            return "first"

        def second():
            other_started.set()
            return "second"

        results = {}
        thread = threading.Thread(target=lambda: results.setdefault("first", cache.get_or_compute("a", first)))
        thread.start()
        results["second"] = cache.get_or_compute("b", second)
        thread.join(timeout=15)
        assert results == {"first": "first", "second": "second"}

    def test_least_recently_used_entries_leave_first(self):
        cache = _LRU(2)
        cache.get_or_compute("a", lambda: 1)
        cache.get_or_compute("b", lambda: 2)
        cache.get_or_compute("a", lambda: pytest.fail("a was cached"))  # a is now the most recent
        cache.get_or_compute("c", lambda: 3)
        assert cache.keys() == ["a", "c"]
