"""A real `streamlit run app.py` on a loopback port, and clients that speak to it as a browser tab does.

Shared by the benchmark and the end-to-end tests: the server runs in its own process group (killed
with everything it started), and a `Session` is one websocket to `/_stcore/stream` that sends a
BackMsg `rerun_script` and reads ForwardMsgs up to `script_finished`, which is what the frontend
does on every interaction. The Chromium launch settings and the scripts that tell when a page is
drawn live here too, so the browser tests and the browser benchmark wait for the same thing.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from analytics.serve import HEALTH_PATH, healthy
from viz.cards import card_values

PROJECT_ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT = 60
RERUN_TIMEOUT = 60

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LOOPBACK_HOSTS = {"127.0.0.1", "localhost"}
# A full-page screenshot misses what lies in Streamlit's scrolling container, so the window is tall instead
VIEWPORT = {"width": 1400, "height": 2600}

# What a page draws: Plotly charts, the deck.gl map canvas, and Plotly's `*_map` traces, which draw on a
# MapLibre canvas some time after the chart's SVG
PLOTLY = ".main-svg"
DECK = '[data-testid="stDeckGlJsonChart"] canvas'
PLOTLY_MAP = ".js-plotly-plot canvas.maplibregl-canvas"

# The script has run and the frontend has replaced every placeholder (widgets load their code lazily)
SETTLED_JS = """() => document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]') !== null
    && document.querySelector('[data-testid="stSkeleton"], [data-testid="stSkeletonElement"], [data-testid="stAppSkeleton"]') === null"""

# Every Streamlit Plotly element holds a drawn Plotly graph (the first chart drawn says nothing of the others)
ALL_PLOTLY_DRAWN_JS = """() => {
    const charts = Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]'));
    return charts.length > 0 && charts.every(chart => chart.querySelector('.main-svg'));
}"""

def canvas_colours(page, selector: str) -> list[int]:
    """Distinct colours in each matching canvas as the screen shows it (1 means blank): WebGL canvases
    cannot be read back from script, so this looks at a screenshot of each."""
    from PIL import Image

    counts = []
    for canvas in page.locator(selector).all():
        image = Image.open(io.BytesIO(canvas.screenshot())).convert("RGB")
        image.thumbnail((200, 200))
        counts.append(len(image.getcolors(maxcolors=200 * 200)))
    return counts


def wait_for_painted(page, selector: str, seconds: float) -> bool:
    """Wait until every matching canvas shows more than a blank's few colours; False if `seconds` pass first
    (the caller decides whether that is a failure)."""
    deadline = time.monotonic() + seconds
    while not all(colours > 4 for colours in canvas_colours(page, selector)):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def free_port() -> int:
    """A free loopback port: any, or one of `IAPT_PORTS` ("8900-8999") on a machine where ports are shared out."""
    first, _, last = os.environ.get("IAPT_PORTS", "0-0").partition("-")
    # in random order: a server started a moment ago may not have bound the first free port yet
    for port in random.sample(range(int(first), int(last or first) + 1), int(last or first) - int(first) + 1):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise OSError(f"no free port in IAPT_PORTS={os.environ['IAPT_PORTS']}")


def kill_group(process: subprocess.Popen) -> None:
    for sig, grace in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


class ServerFailed(RuntimeError):
    """The server exited or did not answer its health check in time; the message ends with its log."""


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log_path: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def stream_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/_stcore/stream"

    def log_tail(self) -> str:
        return self.log_path.read_text(errors="replace")[-3000:]

    def memory_mb(self) -> dict[str, float]:
        """Resident memory of the server process now and at its peak (VmHWM), in MB."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        values = {line.split(":")[0]: int(line.split()[1]) for line in status.splitlines() if line.startswith("Vm")}
        return {"rss_mb": values.get("VmRSS", 0) / 1024, "peak_rss_mb": values.get("VmHWM", 0) / 1024}

    def wait_until_healthy(self, timeout: float = START_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while not healthy(f"{self.base_url}{HEALTH_PATH}", timeout=1):
            if self.process.poll() is not None:
                raise ServerFailed(f"streamlit exited with {self.process.returncode}:\n{self.log_tail()}")
            if time.monotonic() > deadline:
                raise ServerFailed(f"streamlit not healthy after {timeout} s:\n{self.log_tail()}")
            time.sleep(0.2)


def start_server(db: Path, log_path: Path, extra_env: dict[str, str] | None = None, script: str = "app.py") -> Server:
    """`streamlit run app.py` (or another `script` of the project) over `db` on a free loopback port, started but
    not yet awaited.

    Without an admin password, so the admin page is not served; the project's .streamlit/config.toml applies.
    """
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", script,
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]
    env = {key: value for key, value in os.environ.items() if key != "IAPT_ADMIN_PASSWORD"}
    env |= {"IAPT_DB": str(db), **(extra_env or {})}
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    return Server(process, port, log_path)


@contextlib.contextmanager
def serve(db: Path, log_path: Path, script: str = "app.py") -> Iterator[Server]:
    """A healthy server over `db` for the length of the block; killed with its process group afterwards."""
    server = start_server(db, log_path, script=script)
    try:
        server.wait_until_healthy()
        yield server
    finally:
        kill_group(server.process)


@dataclass
class Rerun:
    started: float
    finished: float
    initiatives: str | None  # the Overview's "Initiatives" card, when the page shows it
    errors: list[str]
    page_not_found: bool = False
    elements: list[str] = field(default_factory=list)
    bytes_received: int = 0

    @property
    def seconds(self) -> float:
        return self.finished - self.started


class Session:
    """One browser tab, as far as the server can tell: an open websocket to the server's stream."""

    def __init__(self, socket):
        self.socket = socket

    def rerun(self, page_name: str = "", query_string: str = "") -> Rerun:
        from streamlit.proto.Alert_pb2 import Alert
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        message = BackMsg()
        message.rerun_script.query_string = query_string
        message.rerun_script.page_name = page_name
        started = time.monotonic()
        self.socket.send(message.SerializeToString())
        result = Rerun(started, 0.0, None, [])
        while True:
            payload = self.socket.recv(timeout=RERUN_TIMEOUT)
            result.bytes_received += len(payload)
            forward = ForwardMsg()
            forward.ParseFromString(payload)
            kind = forward.WhichOneof("type")
            if kind == "page_not_found":
                result.page_not_found = True
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                element_type = element.WhichOneof("type")
                result.elements.append(element_type)
                if element_type == "exception":
                    result.errors.append(f"exception: {element.exception.message}")
                elif element_type == "alert" and element.alert.format == Alert.ERROR:
                    result.errors.append(f"error box: {element.alert.body}")
                elif element_type == "html" and "Initiatives" in (cards := card_values(element.html.body)):
                    result.initiatives = cards["Initiatives"]
            if kind == "script_finished":
                result.finished = time.monotonic()
                return result


def open_sessions(stack: contextlib.ExitStack, port: int, count: int) -> list[Session]:
    """`count` websocket sessions, closed when `stack` closes."""
    from websockets.sync.client import connect

    return [Session(stack.enter_context(connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
                                                open_timeout=RERUN_TIMEOUT, max_size=None)))
            for _ in range(count)]
