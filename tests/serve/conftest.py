"""`make serve` started by the tests: two workers behind HAProxy on free loopback ports, over a copy of the fixture registry.

Every client here is on 127.0.0.1, as a workshop room behind one NAT address is: HAProxy must tell the
tabs apart by its cookie. Which worker answered is in the `X-Worker` response header (analytics/serve.py).

Outside CI the tests skip when HAProxy is missing; with CI set (`.ci/run` installs it) they fail instead.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

# imported once, here: tabs on several threads would otherwise import them at once, which fails ("partially initialized")
from streamlit.proto import Alert_pb2, BackMsg_pb2, ForwardMsg_pb2  # noqa: F401

from analytics import serve
from analytics.serve import COOKIE, WORKER_HEADER, find_haproxy
from harness.live import RERUN_TIMEOUT, Session, free_port, kill_group

PROJECT_ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 120  # two workers importing on a busy 2-core machine
READY_LINE = re.compile(r"IAPT Atlas on http://\S+ : (\d+) worker\(s\) on 127\.0\.0\.1:([\d,]+) behind HAProxy; logs in (\S+)\.")


@dataclass
class Cluster:
    process: subprocess.Popen  # `make serve`, in its own process group
    port: int
    worker_ports: dict[str, int]  # HAProxy's server name (w1, w2) → loopback port
    run_dir: Path
    db: Path
    output: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def get(self, path: str = "/", worker: str | None = None) -> tuple[int, str | None, str | None]:
        """Status, the worker that answered, and the worker named by the cookie HAProxy set (if it set one)."""
        request = urllib.request.Request(self.base_url + path)
        if worker:
            request.add_header("Cookie", f"{COOKIE}={worker}")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.headers.get(WORKER_HEADER), _cookie_worker(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get(WORKER_HEADER), None

    @contextlib.contextmanager
    def session(self, worker: str | None = None):
        """A tab's websocket through the balancer, carrying the tab's cookie when given; yields the session and
        the worker that took it."""
        from websockets.sync.client import connect

        headers = {"Cookie": f"{COOKIE}={worker}"} if worker else {}
        with connect(f"ws://127.0.0.1:{self.port}/_stcore/stream", subprotocols=["streamlit"], additional_headers=headers,
                     open_timeout=RERUN_TIMEOUT, max_size=None) as socket:
            yield Session(socket), socket.response.headers.get(WORKER_HEADER)

    def worker_pid(self, worker: str) -> int | None:
        """The process listening on the worker's port, found by its command line."""
        wanted = f"--server.port {self.worker_ports[worker]} "
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if " run app.py " in command and wanted in command:  # app_support.worker's command
                return int(entry.name)
        return None

    def worker_healthy(self, worker: str) -> bool:
        return serve.healthy(f"http://127.0.0.1:{self.worker_ports[worker]}{serve.HEALTH_PATH}")


def _cookie_worker(headers) -> str | None:
    for value in headers.get_all("Set-Cookie") or []:
        match = re.match(rf"{COOKIE}=([^;]+)", value)
        if match:
            return match.group(1)
    return None


def require_haproxy() -> None:
    if find_haproxy() is None:
        reason = "HAProxy is missing (apt-get install -y haproxy)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI is set, so the tests of make serve must run", pytrace=False)
        pytest.skip(reason)


def start_cluster(db: Path, output: Path, workers: int = 2) -> Cluster:
    """`make serve` as a reader types it, with this interpreter's folder as the venv and a fresh stamp, so make
    neither creates a venv nor reinstalls; returns once the ready line is printed."""
    stamp = output.parent / "installed.stamp"
    stamp.touch()
    port = free_port()
    command = ["make", "--no-print-directory", "serve", f"BIN={Path(sys.executable).parent}", f"STAMP={stamp}",
               f"DB={db}", f"PORT={port}", f"WORKERS={workers}"]
    with output.open("wb") as log:
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        text = output.read_text(errors="replace")
        found = READY_LINE.search(text)
        if found:
            ports = [int(port) for port in found.group(2).split(",")]
            return Cluster(process, port, {f"w{index}": port for index, port in enumerate(ports, start=1)},
                           Path(found.group(3)), db, output)
        if process.poll() is not None:
            break
        time.sleep(0.3)
    kill_group(process)
    pytest.fail(f"make serve did not start:\n{output.read_text(errors='replace')[-3000:]}")


def stop_cluster(cluster: Cluster) -> None:
    kill_group(cluster.process)


@pytest.fixture(scope="module")
def served_db(fixture_db, tmp_path_factory) -> Path:
    """A copy of the fixture registry the cluster serves, which a test may replace with `iapt build`."""
    path = tmp_path_factory.mktemp("served") / "iapt.duckdb"
    shutil.copyfile(fixture_db, path)
    return path


@pytest.fixture(scope="module")
def cluster(served_db, tmp_path_factory):
    require_haproxy()
    running = start_cluster(served_db, tmp_path_factory.mktemp("serve") / "make-serve.log")
    yield running
    stop_cluster(running)
