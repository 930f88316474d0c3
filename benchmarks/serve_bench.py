"""Serving capacity: `iapt serve` with 1 and 2 workers behind HAProxy, loaded as a workshop loads it.

Every client is a websocket tab (harness/live.py) through the balancer on loopback. For each number
of workers, on a freshly started cluster:

- fresh: `arrivals` tabs open within `arrival_s` seconds (each at a random moment), and each then clicks
  (reruns the Overview) about every `every_s` seconds until `paced_s` have passed; the first rerun of
  each tab, on cold caches, counts;
- warm: the same again on the same cluster, its caches now warm;
- closed loop: `closed_sessions` tabs rerunning without pause for `closed_s` seconds.

Then the floor: one `streamlit run` of a title and one chart (benchmarks/floor_app.py) and one of app.py,
each with `closed_sessions` tabs in a closed loop once its process is idle (the app's warm-up done), so the
Overview's cached reruns/s is compared with Streamlit's own cost on the same settings in the same run.
Memory: resident size of each worker after the loads.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

# imported here, once: the first reruns of many client threads at once would each import them, and Python's import of
# one module from several threads at a time fails ("partially initialized module")
from streamlit.proto import Alert_pb2, BackMsg_pb2, ForwardMsg_pb2  # noqa: F401

from benchmarks.page_bench import _check, _keep_rerunning
from benchmarks.registries import Registry
from benchmarks.stats import rerun_row
from harness.live import (
    PROJECT_ROOT,
    RERUN_TIMEOUT,
    ServerFailed,
    Session,
    free_port,
    kill_group,
    open_sessions,
    serve,
)

READY_LINE = re.compile(r"IAPT Atlas on http://\S+ : \d+ worker\(s\) on 127\.0\.0\.1:([\d,]+) behind HAProxy")
START_TIMEOUT = 180
WORKER_COUNTS = (1, 2)


@dataclass(frozen=True)
class Load:
    arrivals: int = 200
    arrival_s: float = 10.0
    every_s: float = 10.0
    paced_s: float = 40.0
    closed_sessions: int = 40
    closed_s: float = 15.0


FULL = Load()
QUICK = Load(arrivals=20, arrival_s=5.0, every_s=5.0, paced_s=10.0, closed_sessions=10, closed_s=5.0)


@contextlib.contextmanager
def cluster(db: Path, workers: int, log_path: Path):
    """`iapt serve` over `db` on a free loopback port; yields (port, worker ports); stopped afterwards."""
    port = free_port()
    command = [sys.executable, "-m", "analytics.cli", "serve", "--port", str(port), "--workers", str(workers),
               "--db", str(db), "--address", "127.0.0.1"]
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not (found := READY_LINE.search(log_path.read_text(errors="replace"))):
            if process.poll() is not None or time.monotonic() > deadline:
                raise ServerFailed(f"iapt serve did not start:\n{log_path.read_text(errors='replace')[-3000:]}")
            time.sleep(0.3)
        yield port, [int(worker_port) for worker_port in found.group(1).split(",")]
    finally:
        kill_group(process)


def _open(port: int) -> Session:
    from websockets.sync.client import connect

    return Session(connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"], open_timeout=RERUN_TIMEOUT,
                           max_size=None))


def paced(port: int, load: Load, page: str = "") -> dict:
    """Tabs arriving at random within `arrival_s`, each clicking about every `every_s` (±20%) until `paced_s`."""
    durations: list[float] = []
    errors: list[str] = []
    started = time.monotonic()
    stop_at = started + load.paced_s

    def tab(index: int) -> None:
        pace = random.Random(index)
        time.sleep(pace.uniform(0, load.arrival_s))
        try:
            session = _open(port)
        except Exception as error:  # noqa: BLE001 - counted and reported
            errors.append(f"open: {type(error).__name__}: {error}"[:200])
            return
        with session.socket:
            while True:
                began = time.monotonic()
                try:
                    rerun = session.rerun(page)
                    _check(rerun, page or "overview")
                    durations.append(rerun.seconds)
                except Exception as error:  # noqa: BLE001
                    errors.append(f"{type(error).__name__}: {error}"[:200])
                    return
                next_click = began + load.every_s * pace.uniform(0.8, 1.2)
                if next_click > stop_at:
                    return
                time.sleep(max(0.0, next_click - time.monotonic()))

    tabs = [threading.Thread(target=tab, args=(index,), daemon=True) for index in range(load.arrivals)]
    for thread in tabs:
        thread.start()
    for thread in tabs:
        thread.join(timeout=load.paced_s + 2 * RERUN_TIMEOUT)
    elapsed = time.monotonic() - started
    return rerun_row(durations, errors, elapsed, sessions=load.arrivals)


def closed_loop(port: int, sessions: int, seconds: float, page: str = "") -> dict:
    durations, errors, elapsed = _keep_rerunning(SimpleNamespace(port=port), sessions, seconds, page)
    return rerun_row(durations, errors, elapsed, sessions=sessions)


def _wait_until_idle(pid: int, most_s: float = 60.0, busy_share: float = 0.03) -> None:
    """Until the process used under `busy_share` of a core over one second (at most `most_s`)."""
    ticks = os.sysconf("SC_CLK_TCK")

    def cpu_s() -> float:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / ticks

    deadline = time.monotonic() + most_s
    while time.monotonic() < deadline:
        before = cpu_s()
        time.sleep(1.0)
        if cpu_s() - before < busy_share:
            return


def _rss_mb(port: int) -> float | None:
    """Resident memory of the worker listening on `port` (found by its command line), in MB."""
    wanted = f"--server.port {port} "
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if wanted in (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode():
                status = (entry / "status").read_text()
                return round(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024, 1)
        except (OSError, AttributeError):
            continue
    return None


def _log_row(log, label: str, row: dict) -> None:
    log(f"  {label:34s} {row['reruns']:5d} reruns {row['reruns_per_s']:6.1f}/s  p50 {row['p50_ms']} ms  "
        f"p95 {row['p95_ms']} ms  {row['errors']} errors")


def measure(registry: Registry, log_dir: Path, load: Load = FULL, log=print) -> dict:
    runs = []
    memory = {}
    for workers in WORKER_COUNTS:
        with cluster(registry.db, workers, log_dir / f"serve-w{workers}-s{registry.scale}.log") as (port, worker_ports):
            idle = [_rss_mb(worker_port) for worker_port in worker_ports]
            for scenario in ("fresh", "warm"):
                row = {"workers": workers, "scenario": scenario, **paced(port, load)}
                runs.append(row)
                _log_row(log, f"{workers} worker(s), {scenario}, {load.arrivals} tabs", row)
            row = {"workers": workers, "scenario": "closed", **closed_loop(port, load.closed_sessions, load.closed_s)}
            runs.append(row)
            _log_row(log, f"{workers} worker(s), closed loop", row)
            memory[str(workers)] = {"idle_rss_mb": idle, "loaded_rss_mb": [_rss_mb(p) for p in worker_ports]}
    floor = {}
    for name, script in (("floor", "benchmarks/floor_app.py"), ("overview", "app.py")):
        with serve(registry.db, log_dir / f"serve-{name}-s{registry.scale}.log", script=script) as server:
            with contextlib.ExitStack() as stack:
                _check(open_sessions(stack, server.port, 1)[0].rerun(""), name)  # imports and caches: not counted
            # the first rerun starts the app's warm-up of every page in every language (app_support/warmup.py):
            # both pages are measured once their process has nothing else to do, as cached reruns
            _wait_until_idle(server.process.pid)
            floor[name] = closed_loop(server.port, load.closed_sessions, load.closed_s)
            _log_row(log, f"one process, {name}, closed loop", floor[name])
    return {"page": "overview", "load": load.__dict__, "runs": runs, "floor": floor, "memory": memory}
