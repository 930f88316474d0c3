"""Server time of every page, and capacity under concurrent sessions, through a real `streamlit run`.

Each session is a websocket client (harness/live.py) that asks for a rerun and waits for
`script_finished`, as a browser tab does when a reader opens a page or moves a control: the time is
the server's work for that page (on loopback the transfer adds well under a millisecond).

A page's first visit runs its queries (their cache is cold); the repeats that follow are what every
later reader and every widget change costs. The server is warmed by one run of the light Data page
first, so a first visit does not include the one-off imports of a fresh process.
"""

from __future__ import annotations

import contextlib
import random
import statistics
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from analytics.serving.db import Database
from benchmarks.registries import Registry
from benchmarks.stats import percentile, rerun_row
from harness.live import DECK, PLOTLY, PLOTLY_MAP, Rerun, Server, open_sessions, serve


@dataclass(frozen=True)
class Page:
    name: str
    path: str  # the page's URL path ("" is the Overview)
    draws: tuple[str, ...]  # what the browser must have drawn
    query: str = ""  # query string; "{initiative}" is replaced by a sample initiative id


PAGES = (
    Page("overview", "", (PLOTLY,)),
    Page("map", "map", (DECK,)),
    Page("countries", "countries", (PLOTLY, PLOTLY_MAP)),
    Page("growth", "growth", (PLOTLY,)),
    Page("sectors", "sectors", (PLOTLY,)),
    Page("explorer", "explorer", ()),
    Page("explorer-profile", "explorer", (DECK,), "initiative={initiative}"),
    Page("network", "network", (PLOTLY, DECK)),
    Page("data", "data", ()),
)
WARM_UP_PAGE = "data"


def sample_initiative(registry: Registry) -> str:
    """The initiative with the most listed firms: the heaviest profile."""
    return Database(registry.db).rows("SELECT id FROM initiatives ORDER BY member_firms_listed DESC, id LIMIT 1")[0][0]


def _check(rerun: Rerun, page: str) -> None:
    if rerun.page_not_found or rerun.errors:
        raise RuntimeError(f"page {page!r}: {'not found' if rerun.page_not_found else rerun.errors[:3]}")


def measure_pages(registry: Registry, reruns: int, log_dir: Path, log=print) -> dict:
    initiative = sample_initiative(registry)
    rows = []
    with serve(registry.db, log_dir / f"pages-s{registry.scale}.log") as server, contextlib.ExitStack() as stack:
        session = open_sessions(stack, server.port, 1)[0]
        _check(session.rerun(WARM_UP_PAGE), WARM_UP_PAGE)
        for page in PAGES:
            query = page.query.format(initiative=initiative)
            first = session.rerun(page.path, query)
            _check(first, page.name)
            repeats = [session.rerun(page.path, query) for _ in range(reruns)]
            for rerun in repeats:
                _check(rerun, page.name)
            seconds = [rerun.seconds for rerun in repeats]
            rows.append({"page": page.name, "first_ms": round(first.seconds * 1000, 1),
                         "median_ms": round(statistics.median(seconds) * 1000, 1),
                         "p95_ms": round(percentile(seconds, 0.95) * 1000, 1), "bytes": first.bytes_received})
            log(f"  {page.name:18s} first {rows[-1]['first_ms']:8.0f} ms   median {rows[-1]['median_ms']:7.0f} ms"
                f"   p95 {rows[-1]['p95_ms']:7.0f} ms   {first.bytes_received / 1024:8.0f} kB")
        memory = server.memory_mb()
    return {"reruns": reruns, "peak_rss_mb": round(memory["peak_rss_mb"], 1), "pages": rows}


def _keep_rerunning(server: Server, sessions: int, seconds: float, page: str,
                    every: float = 0.0) -> tuple[list[float], list[str], float]:
    """`sessions` clients rerun `page` for `seconds`, without pause or (with `every`) each starting a rerun
    every `every` seconds at a random phase, like readers clicking; their durations, errors and the time taken."""
    durations: list[list[float]] = [[] for _ in range(sessions)]
    errors: list[str] = []
    ready = threading.Barrier(sessions + 1)
    stop = threading.Event()

    def client(index: int, session) -> None:
        try:
            _check(session.rerun(page), page)  # a new session's first run sets up its state: not counted
        except Exception as error:  # noqa: BLE001 - counted and reported, never hidden
            errors.append(f"{type(error).__name__}: {error}"[:200])
        ready.wait()
        pace = random.Random(index)
        if every:
            stop.wait(pace.uniform(0, every))
        while not stop.is_set():
            began = time.monotonic()
            try:
                rerun = session.rerun(page)
                _check(rerun, page)
                durations[index].append(rerun.seconds)
            except Exception as error:  # noqa: BLE001
                errors.append(f"{type(error).__name__}: {error}"[:200])
                return
            if every:
                stop.wait(max(0.0, every - (time.monotonic() - began)))

    with contextlib.ExitStack() as stack:
        clients = open_sessions(stack, server.port, sessions)
        threads = [threading.Thread(target=client, args=(index, session), daemon=True) for index, session in enumerate(clients)]
        for thread in threads:
            thread.start()
        ready.wait()
        started = time.monotonic()
        time.sleep(seconds)
        stop.set()
        for thread in threads:
            thread.join(timeout=120)
        elapsed = time.monotonic() - started
    return [duration for done in durations for duration in done], errors, elapsed


def measure_capacity(registry: Registry, levels: tuple[int, ...], seconds: float, log_dir: Path, log=print,
                     paced: tuple[int, float] | None = None) -> dict:
    """Reruns per second and latency of the Overview with 1, 10 and 40 sessions rerunning without pause, and
    (`paced`: sessions, seconds) that many sessions each asking once every so many seconds."""
    rows = []
    runs = [(sessions, 0.0) for sessions in levels] + ([paced] if paced else [])
    with serve(registry.db, log_dir / f"capacity-s{registry.scale}.log") as server:
        with contextlib.ExitStack() as stack:
            warm = open_sessions(stack, server.port, 1)[0]
            _check(warm.rerun(), "overview")
        for sessions, every in runs:
            durations, errors, elapsed = _keep_rerunning(server, sessions, seconds, "", every)
            row = rerun_row(durations, errors, elapsed, sessions=sessions)
            if every:
                row["every_s"] = every
            rows.append(row)
            log(f"  {sessions:3d} sessions{f' (one rerun every {every:g} s each)' if every else ''}: {row['reruns']:5d} reruns, "
                f"{row['reruns_per_s']:6.1f}/s, p50 {row['p50_ms']} ms, p95 {row['p95_ms']} ms, {len(errors)} errors")
        memory = server.memory_mb()
    return {"duration_s": seconds, "page": "overview", "peak_rss_mb": round(memory["peak_rss_mb"], 1), "levels": rows}
