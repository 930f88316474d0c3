"""What a hostile visitor tries against a running public server, through its real endpoints.

No browser: the attacks come from a client that speaks Streamlit's protocol itself, because the browser's own limits
(a text box's max_chars, an upload size) are exactly what such a client skips. Each attack once worked: a 4,000-word
search took 85 s and 8.5 GB; anonymous uploads of 150 MiB were accepted and kept in memory.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
import requests

from analytics.ingest.build import build
from analytics.serving import queries
from harness.live import RERUN_TIMEOUT, open_sessions, serve
from tests.conftest import FIXTURE_TODAY


@pytest.fixture(scope="module")
def server(fixture_export, tmp_path_factory):
    root = tmp_path_factory.mktemp("attacked")
    live = root / "iapt.duckdb"
    assert build(fixture_export, live, today=FIXTURE_TODAY).ok
    with serve(live, root / "server.log") as started:
        yield started


def rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS")) / 1024


def rerun(socket, page_name: str = "", widgets: dict[str, str] | None = None) -> dict:
    """One rerun: what it drew (element type → protos), and the session id the server gave the tab."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    message = BackMsg()
    message.rerun_script.page_name = page_name
    for widget_id, value in (widgets or {}).items():
        message.rerun_script.widget_states.widgets.add(id=widget_id, string_value=value)
    socket.send(message.SerializeToString())
    drawn: dict = {"elements": {}, "session_id": None}
    while True:
        forward = ForwardMsg()
        forward.ParseFromString(socket.recv(timeout=RERUN_TIMEOUT))
        kind = forward.WhichOneof("type")
        if kind == "new_session":
            drawn["session_id"] = forward.new_session.initialize.session_id
        if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
            element = forward.delta.new_element
            drawn["elements"].setdefault(element.WhichOneof("type"), []).append(element)
        if kind == "script_finished":
            return drawn


def test_a_search_of_4000_words_from_a_crafted_client_is_bounded(server):
    """Sent as the search box's widget value, past the browser's max_chars: answered at once, no memory growth."""
    with contextlib.ExitStack() as stack:
        socket = open_sessions(stack, server.port, 1)[0].socket
        first = rerun(socket, "explorer")
        [search_box] = [e.text_input for e in first["elements"]["text_input"] if e.text_input.id.endswith("explorer_search")]
        assert search_box.max_chars == queries.SEARCH_MAX_CHARS
        before = rss_mb(server.process.pid)
        attack = " ".join(f"w{i}" for i in range(4000))  # about 24 KB
        answered = rerun(socket, "explorer", {search_box.id: attack})
        growth = rss_mb(server.process.pid) - before
    errors = [e for e in answered["elements"].get("exception", [])] + [
        e for e in answered["elements"].get("alert", []) if e.alert.format == e.alert.ERROR]
    assert errors == []
    captions = [e.markdown.body for e in answered["elements"].get("markdown", [])]
    assert any("the rest was ignored" in caption for caption in captions), captions
    assert growth < 200, f"the server grew by {growth:.0f} MB"  # was +8,500 MB


@pytest.mark.parametrize("megabytes", [20, 0.01])
def test_an_anonymous_upload_is_refused(server, megabytes):
    """A real session id and XSRF token, as a crafted client obtains them: the public server still takes nothing."""
    with contextlib.ExitStack() as stack:
        socket = open_sessions(stack, server.port, 1)[0].socket
        session_id = rerun(socket)["session_id"]
        assert session_id
        client = requests.Session()
        client.get(server.base_url + "/_stcore/health", timeout=10)  # sets the XSRF cookie, as for the browser
        token = client.cookies.get("_streamlit_xsrf")
        assert token
        headers = {"X-Xsrftoken": token}
        before = rss_mb(server.process.pid)
        response = client.put(f"{server.base_url}/_stcore/upload_file/{session_id}/attack",
                              files={"file": ("registry.csv", b"x" * int(megabytes * 1024 * 1024), "text/csv")},
                              headers=headers, timeout=60)
        growth = rss_mb(server.process.pid) - before
    assert response.status_code == 413, (response.status_code, response.text[:200])
    assert growth < megabytes + 20
