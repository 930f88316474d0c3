"""A running `streamlit run app.py` whose database `iapt build` replaces while sessions keep asking for pages.

No browser: each session is a websocket client that speaks Streamlit's own protocol (a BackMsg `rerun_script`,
then ForwardMsgs up to `script_finished`), which is what a browser does on every interaction. Three sessions
rerun the overview without pause while builds swap the registry between 11 and 12 initiatives. No session may
ever receive an exception or an error box, and every rerun that starts after a swap must show the new count.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
import pytest
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

from analytics.build import build
from tests.conftest import FIXTURE_TODAY

PROJECT_ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 60
RERUN_TIMEOUT = 60
SWAPS = 4


@dataclass
class Rerun:
    started: float
    finished: float
    initiatives: str | None
    errors: list[str]
    page_not_found: bool = False
    elements: list[str] = field(default_factory=list)


class Session:
    """One browser tab, as far as the server can tell: an open websocket to the server's stream."""

    def __init__(self, socket):
        self.socket = socket

    def rerun(self, page_name: str = "") -> Rerun:
        message = BackMsg()
        message.rerun_script.query_string = ""
        message.rerun_script.page_name = page_name
        started = time.monotonic()
        self.socket.send(message.SerializeToString())
        result = Rerun(started, 0.0, None, [])
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(self.socket.recv(timeout=RERUN_TIMEOUT))
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
                elif element_type == "metric" and element.metric.label == "Initiatives":
                    result.initiatives = element.metric.body
            if kind == "script_finished":
                result.finished = time.monotonic()
                return result


def open_sessions(stack: contextlib.ExitStack, port: int, count: int) -> list[Session]:
    return [Session(stack.enter_context(connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
                                                open_timeout=RERUN_TIMEOUT))) for _ in range(count)]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def served(fixture_export, tmp_path_factory):
    """The fixture registry built into a fresh folder, an export without CO-04, and a server over the registry.

    CO-04 sets no end of any sidebar range (founding year, registration date): a session keeps the ranges it
    was shown, so removing an initiative at an end would narrow them and hide it from that session afterwards."""
    root = tmp_path_factory.mktemp("live")
    live = root / "data" / "iapt.duckdb"
    assert build(fixture_export, live, today=FIXTURE_TODAY).ok
    smaller = root / "smaller"
    smaller.mkdir()
    for path in fixture_export.glob("*.csv"):
        frame = pl.read_csv(path, infer_schema=False)
        column = {"initiatives.csv": "id", "memberships.csv": "initiative_id"}.get(path.name)
        (frame.filter(pl.col(column) != "CO-04") if column else frame).write_csv(smaller / path.name)
    port = _free_port()
    log = root / "server.log"
    env = {key: value for key, value in os.environ.items() if key != "IAPT_ADMIN_PASSWORD"} | {"IAPT_DB": str(live)}
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.address",
             "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=PROJECT_ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not start:\n{log.read_text(errors='replace')[-3000:]}", pytrace=False)
            time.sleep(0.2)
        yield port, live, {"12": fixture_export, "11": smaller}
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_swapping_the_database_under_busy_sessions(served):
    port, live, exports = served
    with contextlib.ExitStack() as stack:
        sessions = open_sessions(stack, port, 3)
        swaps, reruns, failures = swap_while_asking(sessions, live, exports)
    assert failures == []
    every = [rerun for done in reruns for rerun in done]
    assert [error for rerun in every for error in rerun.errors] == []
    assert all(rerun.initiatives in ("11", "12") for rerun in every)
    for (swapped_at, count), (next_swap, _) in zip(swaps, [*swaps[1:], (float("inf"), "")], strict=True):
        after = [rerun.initiatives for rerun in every if swapped_at < rerun.started and rerun.finished < next_swap]
        assert after and set(after) == {count}


def swap_while_asking(sessions: list[Session], live: Path, exports: dict[str, Path]):
    """Every session reruns without pause while builds swap the registry; returns when each swap happened, with the
    count it brings, every session's reruns, and any error that ended a session's loop."""
    reruns: list[list[Rerun]] = [[] for _ in sessions]
    failures: list[BaseException] = []
    stop = threading.Event()

    def keep_asking(index: int) -> None:
        try:
            while not stop.is_set():
                reruns[index].append(sessions[index].rerun())
        except BaseException as error:  # noqa: B036 - a dropped connection is a failure to report, not to hide
            failures.append(error)

    threads = [threading.Thread(target=keep_asking, args=(i,)) for i in range(len(sessions))]
    for thread in threads:
        thread.start()
    swaps: list[tuple[float, str]] = []  # when each build's swap was complete, and the count it brings
    try:
        for count in ("11", "12") * (SWAPS // 2):
            assert build(exports[count], live, today=FIXTURE_TODAY).ok
            swaps.append((time.monotonic(), count))
            # wait until every session has finished a rerun that started after this swap
            deadline = time.monotonic() + RERUN_TIMEOUT
            while not all(any(r.started > swaps[-1][0] for r in done) for done in reruns):
                assert not failures and time.monotonic() < deadline, failures
                time.sleep(0.05)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=RERUN_TIMEOUT)
    return swaps, reruns, failures


def test_the_admin_page_is_not_served_by_url_without_a_password(served):
    port, _, _ = served
    with contextlib.ExitStack() as stack:
        session = open_sessions(stack, port, 1)[0]
        session.rerun()
        asked = session.rerun(page_name="admin")
    assert asked.page_not_found
    assert "file_uploader" not in asked.elements and asked.initiatives is not None  # the overview instead
