"""`make bench`: measure the dashboard at today's scale and at 10 and 100 times it, and write the results.

    python -m benchmarks.run                      # everything (about 20 minutes on 2 cores)
    python -m benchmarks.run --sections queries --scales 1,10
    python -m benchmarks.run --quick              # scale 1 only, fewer repeats: a smoke run
    python -m benchmarks.run --sections serving   # the serving capacity only (about 5 minutes; needs HAProxy)

Writes benchmarks/results.json and benchmarks/results.md and refreshes the Performance block of the
README. It reports and never fails on a missed target; a section that breaks is recorded in the notes
and the others still run. Synthetic registries are written and built once under benchmarks/work/
(git-ignored) and reused while the code that makes them is unchanged. Run it on a quiet machine: the
load average before the run is part of the results.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import time
import traceback
from importlib import metadata
from pathlib import Path

from analytics.serve import find_haproxy
from benchmarks import browser_bench, build_bench, page_bench, query_bench, report, serve_bench
from benchmarks.registries import PROJECT_ROOT, prepare

SECTIONS = ("build", "queries", "pages", "browser", "capacity", "serving")
# The scales each section runs at, of those asked for: the issue asks for the queries at 1, 10 and 100,
# and for the rest at 1 and 100.
SECTION_SCALES = {"build": (1, 100), "queries": (1, 10, 100), "pages": (1, 100), "browser": (1, 100), "capacity": (1, 100),
                  "serving": (1,)}
CAPACITY_LEVELS = (1, 10, 40)
CAPACITY_PACED = (40, 2.0)  # and 40 sessions each asking every 2 s: readers clicking, not a closed loop

METHOD_NOTES = [
    "Queries: median and 95th percentile of repeated calls after one warm-up call, in one process; the baseline "
    "(benchmarks/baseline.py: pandas over the export's CSV files, loaded once) answers the same questions and its "
    "answers are checked equal to ours first. Its CSV load time is reported apart: a typical app pays it once per "
    "process or cache expiry.",
    "Pages: server time of a rerun through a real streamlit run, measured by a websocket client from sending "
    "rerun_script to receiving script_finished. 'First' is the first visit of a page on the server (its queries "
    "run); median and p95 are over the reruns that follow, which is what every later reader and every widget "
    "change costs.",
    "Capacity: every session reruns the Overview without pause (no think time between interactions): a closed "
    "loop that saturates the server, far harsher than 40 people at a workshop; the target is judged on it. The "
    "paced row has 40 sessions each asking once every 2 seconds at random phases. The benchmark's own websocket "
    "clients run on the same two cores.",
    "Browser: headless Chromium in a 1440x900 window, requests that leave the machine refused. 'Cold' is a new "
    "browser context (nothing cached) on the page's first visit on the server; 'warm' a new tab in the same "
    "context afterwards. 'Content' is drawn without waiting for WebGL canvases, which this Chromium paints in "
    "software (no GPU).",
    "Serving: `iapt serve` with 1 and 2 workers behind HAProxy, every tab a websocket client through the balancer on "
    "loopback. Fresh: tabs arriving at random within the arrival window on a just-started cluster (as `make serve` "
    "leaves it: each worker run once, its warm-up under way), each rerunning the "
    "Overview about every so many seconds (±20%), first rerun included; warm: the same again on the same cluster; "
    "closed loop: tabs rerunning without pause. The floor is one streamlit run of a title and one chart "
    "(benchmarks/floor_app.py) against one of app.py, each in a closed loop once its process is idle (the app's "
    "warm-up done), measured in the same run. "
    "HAProxy and the clients share the two cores with the workers.",
    "Why the targets marked ✗ are missed, and what was profiled and fixed: docs/performance.md.",
]


def _git_commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                         if line.startswith("MemTotal"))
    except (OSError, StopIteration):
        memory_kb = 0
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(memory_kb / 2**20, 1),
            "os": f"{platform.system()} {platform.release()}", "python": platform.python_version(),
            "load_before": [round(value, 2) for value in os.getloadavg()]}


def _versions() -> dict:
    packages = ("duckdb", "polars", "pandas", "pyarrow", "streamlit", "plotly", "pydeck", "playwright")
    found = {}
    for package in packages:
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = None
    return found


def _log(message: str) -> None:
    print(message, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,10,100", help="comma-separated registry scales (default 1,10,100)")
    parser.add_argument("--sections", default=",".join(SECTIONS), help=f"comma-separated, of {', '.join(SECTIONS)}")
    parser.add_argument("--quick", action="store_true", help="scale 1 only, fewer repeats, shorter capacity and serving runs")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "benchmarks", help="where results.json/.md go")
    parser.add_argument("--no-readme", action="store_true", help="leave README.md as it is")
    args = parser.parse_args(argv)
    scales = (1,) if args.quick else tuple(int(scale) for scale in args.scales.split(","))
    sections = [section for section in SECTIONS if section in args.sections.split(",")]
    repeats, reruns, capacity_s = (5, 3, 4.0) if args.quick else (15, 10, 15.0)
    log_dir = PROJECT_ROOT / "benchmarks" / "work" / "logs"
    serving_load = serve_bench.QUICK if args.quick else serve_bench.FULL

    results: dict = {"schema": 1, "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                     "git_commit": _git_commit(), "machine": _machine(), "versions": _versions(),
                     "registries": {}, "notes": list(METHOD_NOTES)}
    _log(f"IAPT Atlas benchmark: scales {scales}, sections {sections}; load average {results['machine']['load_before']}")
    registries = {}
    for scale in sorted({s for section in sections for s in SECTION_SCALES[section] if s in scales}):
        registries[scale] = prepare(scale, log=_log)
        results["registries"][str(scale)] = registries[scale].sizes()

    def run(section: str, scale: int, measure) -> None:
        _log(f"{section} at scale {scale}")
        started = time.monotonic()
        try:
            results.setdefault(section, {})[str(scale)] = measure(registries[scale])
        except Exception as error:  # noqa: BLE001 - a broken section is reported, and the others still run
            traceback.print_exc()
            results["notes"].append(f"{section} at scale {scale} did not complete: {type(error).__name__}: {error}"[:500])
        _log(f"  ({time.monotonic() - started:.0f} s)")

    for section in sections:
        if section == "browser" and (reason := browser_bench.unavailable()):
            results["notes"].append(f"browser: not measured, {reason}")
            continue
        if section == "serving" and find_haproxy() is None:
            results["notes"].append("serving: not measured, HAProxy is not installed (apt-get install -y haproxy)")
            continue
        for scale in SECTION_SCALES[section]:
            if scale not in registries:
                continue
            if section == "build":
                run(section, scale, lambda registry: build_bench.measure(registry, log=_log))
            elif section == "queries":
                run(section, scale, lambda registry: query_bench.measure(registry, repeats, log=_log))
            elif section == "pages":
                run(section, scale, lambda registry: page_bench.measure_pages(registry, reruns, log_dir, log=_log))
            elif section == "browser":
                run(section, scale, lambda registry: browser_bench.measure(registry, log_dir, log=_log))
            elif section == "capacity":
                run(section, scale, lambda registry: page_bench.measure_capacity(registry, CAPACITY_LEVELS, capacity_s,
                                                                                  log_dir, log=_log, paced=CAPACITY_PACED))
            elif section == "serving":
                run(section, scale, lambda registry: serve_bench.measure(registry, log_dir, serving_load, log=_log))

    readme = None if args.no_readme else PROJECT_ROOT / "README.md"
    try:
        report.write(results, args.out, readme)
    except ValueError as error:  # a README with only one of the markers: results are written, the README is not
        _log(f"README.md not updated: {error}")
    for verdict in report.evaluate(results):
        _log(f"{report.MARKS[verdict['met']]} {verdict['name']}: {verdict['target']} — {verdict['measured']}")
    _log(f"wrote {args.out / 'results.md'} and {args.out / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
