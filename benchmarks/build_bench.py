"""`iapt build` timed as a user runs it: a fresh process, its wall time, CPU time and peak memory."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.registries import PROJECT_ROOT, Registry


def measure(registry: Registry, log=print) -> dict:
    with tempfile.TemporaryDirectory(prefix="iapt-bench-build-") as folder:
        db = Path(folder) / "iapt.duckdb"
        command = [sys.executable, "-m", "analytics.cli", "build", str(registry.export), "--db", str(db)]
        started = time.monotonic()
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)  # this child's own CPU time and peak memory
        wall = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        errors = process.stderr.read().decode(errors="replace") if process.stderr else ""
        if process.returncode != 0:
            raise RuntimeError(f"iapt build exited with {process.returncode}: {errors[-1000:]}")
    result = {"wall_s": round(wall, 2), "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
              "peak_rss_mb": round(usage.ru_maxrss / 1024, 1)}
    log(f"  scale {registry.scale}: {result['wall_s']} s wall, {result['cpu_s']} s CPU, {result['peak_rss_mb']:.0f} MB peak")
    return result
