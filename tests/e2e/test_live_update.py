"""A running `streamlit run app.py` whose database `iapt build` replaces while sessions keep asking for pages.

No browser: each session is a websocket client that speaks Streamlit's own protocol (a BackMsg `rerun_script`,
then ForwardMsgs up to `script_finished`), which is what a browser does on every interaction. Three sessions
rerun the overview without pause while builds swap the registry between 11 and 12 initiatives. No session may
ever receive an exception or an error box, and every rerun that starts after a swap must show the new count.
"""

from __future__ import annotations

import contextlib
import threading
import time
from pathlib import Path

import pytest

from analytics.ingest.build import build
from harness.live import RERUN_TIMEOUT, START_TIMEOUT, Rerun, ServerFailed, Session, kill_group, open_sessions, start_server
from tests.conftest import FIXTURE_TODAY
from tests.fixture_registry import export_without

SWAPS = 4


@pytest.fixture(scope="module")
def served(fixture_export, tmp_path_factory):
    """The fixture registry built into a fresh folder, an export without CO-04, and a server over the registry.

    CO-04 sets no end of any sidebar range (founding year, registration date): a session keeps the ranges it
    was shown, so removing an initiative at an end would narrow them and hide it from that session afterwards."""
    root = tmp_path_factory.mktemp("live")
    live = root / "data" / "iapt.duckdb"
    assert build(fixture_export, live, today=FIXTURE_TODAY).ok
    smaller = export_without(fixture_export, root / "smaller", "CO-04")
    server = start_server(live, root / "server.log")
    try:
        try:
            server.wait_until_healthy(START_TIMEOUT)
        except ServerFailed as failure:
            pytest.fail(str(failure), pytrace=False)
        yield server.port, live, {"12": fixture_export, "11": smaller}
    finally:
        kill_group(server.process)


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
