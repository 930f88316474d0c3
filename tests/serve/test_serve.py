"""`make serve`: the app as two workers behind HAProxy, as a workshop room reaches it (every client on one IP).

The tests share one cluster and run in the order written: the last two replace the database and kill a
worker, and the very last stops the cluster and checks that nothing it started is left running.
"""

from __future__ import annotations

import http.cookiejar
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from analytics.serve import COOKIE, WORKER_HEADER
from tests.fixture_registry import export_without
from tests.serve.conftest import PROJECT_ROOT, Cluster

pytestmark = pytest.mark.serve

PAGE_PATHS = ("", "map", "countries", "growth", "sectors", "explorer", "network", "data")
FIXTURE_INITIATIVES = "12"  # tests/fixture_registry.py
# bounds on waiting, not performance targets: generous for a busy 2-core machine
REPLACED_WITHIN = 60
PRIMED_WITHIN = 90  # seconds after it is back: a first rerun on a busy machine
ATTEMPTS = 12
STOPPED_WITHIN = 60
XSRF_COOKIE = "_streamlit_xsrf"


def _clean(rerun, what: str) -> None:
    assert not rerun.page_not_found, f"{what}: page not found"
    assert not rerun.errors, f"{what}: {rerun.errors[:3]}"


def _cookie_for(cluster: Cluster, worker: str) -> str:
    """A new visitor's cookie that names `worker` (the balancer hands the workers out in turn)."""
    for _ in range(ATTEMPTS):
        status, _, cookie = cluster.get("/")
        assert status == 200
        if cookie == worker:
            return cookie
    pytest.fail(f"no new visitor was sent to {worker} in {ATTEMPTS} tries")


def test_pages_answer_through_the_balancer(cluster: Cluster):
    status, worker, cookie = cluster.get("/")
    assert status == 200 and worker in cluster.worker_ports and cookie == worker
    with cluster.session() as (session, _):
        overview = session.rerun("")
        _clean(overview, "overview")
        assert overview.initiatives == FIXTURE_INITIATIVES
        for path in PAGE_PATHS[1:]:
            _clean(session.rerun(path), path)


def test_two_workers_serve_new_visitors(cluster: Cluster):
    cookies = {cluster.get("/")[2] for _ in range(8)}
    assert cookies == {"w1", "w2"}
    # four tabs open at once, none with a cookie yet: both workers hold sessions
    with cluster.session() as (a, worker_a), cluster.session() as (b, worker_b), \
            cluster.session() as (c, worker_c), cluster.session() as (d, worker_d):
        assert {worker_a, worker_b, worker_c, worker_d} == {"w1", "w2"}
        for session in (a, b, c, d):
            rerun = session.rerun("")
            _clean(rerun, "overview")
            assert rerun.initiatives == FIXTURE_INITIATIVES


@pytest.mark.parametrize("worker", ["w1", "w2"])
def test_every_request_of_a_tab_reaches_its_worker(cluster: Cluster, worker: str):
    """Same IP for everyone: the websocket and the tab's HTTP requests follow the cookie, whatever the load."""
    cookie = _cookie_for(cluster, worker)
    with cluster.session(cookie) as (first, first_worker), cluster.session(cookie) as (second, second_worker), \
            cluster.session(cookie) as (third, third_worker):
        # three open websockets on one worker: balancing by load alone would have sent some to the other
        assert first_worker == second_worker == third_worker == worker
        for session in (first, second, third):
            _clean(session.rerun("explorer"), "explorer")
        for path in ("/", "/_stcore/health", "/_stcore/host-config", "/explorer"):
            status, answered, reissued = cluster.get(path, worker=cookie)
            assert (status, answered) == (200, worker), path
            assert reissued is None  # a valid cookie is kept, not replaced


def _open_tab(cluster: Cluster, worker: str) -> tuple[http.cookiejar.CookieJar, str]:
    """A browser's cookies after loading the app from `worker` (the balancer's cookie and Streamlit's XSRF one), and
    the header that sends them."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    for _ in range(ATTEMPTS):
        jar.clear()
        opener.open(cluster.base_url + "/", timeout=10).read()
        if {cookie.name: cookie.value for cookie in jar}.get(COOKIE) == worker:
            break
    opener.open(cluster.base_url + "/_stcore/health", timeout=10).read()  # the worker sets its XSRF cookie here
    cookies = {cookie.name: cookie.value for cookie in jar}
    assert cookies.get(COOKIE) == worker and XSRF_COOKIE in cookies, cookies
    return jar, "; ".join(f"{name}={value}" for name, value in cookies.items())


def _session_and_download(socket, page: str) -> tuple[str, str | None]:
    """Rerun `page` on an open websocket: the Streamlit session's id, and the URL of its first ready download."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    request = BackMsg()
    request.rerun_script.page_name = page
    socket.send(request.SerializeToString())
    session_id, download = "", None
    while True:
        message = ForwardMsg()
        message.ParseFromString(socket.recv(timeout=60))
        kind = message.WhichOneof("type")
        if kind == "new_session":
            session_id = message.new_session.initialize.session_id
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            # a deferred download (the sidebar's briefing) has no URL until clicked
            if element.WhichOneof("type") == "download_button" and element.download_button.url and download is None:
                download = element.download_button.url
        elif kind == "script_finished":
            return session_id, download


def _put_upload(cluster: Cluster, path: str, cookies: str, xsrf: str) -> tuple[int, str | None]:
    boundary = "iapt-test-boundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"note.csv\"\r\n"
            f"Content-Type: text/csv\r\n\r\nid,name\r\nX-1,Test\r\n--{boundary}--\r\n").encode()
    request = urllib.request.Request(cluster.base_url + path, data=body, method="PUT", headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}", "Cookie": cookies, "X-Xsrftoken": xsrf})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get(WORKER_HEADER)
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get(WORKER_HEADER)


def _get_with(cluster: Cluster, path: str, cookies: str) -> tuple[int, str | None]:
    request = urllib.request.Request(cluster.base_url + path, headers={"Cookie": cookies})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            response.read()
            return response.status, response.headers.get(WORKER_HEADER)
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get(WORKER_HEADER)


def test_a_tabs_uploads_and_downloads_reach_the_worker_holding_its_session(cluster: Cluster):
    """Streamlit keeps a session's uploads and download files in the process that runs it: with the tab's cookie
    they reach that process (where the public app refuses the upload for its size: it takes none); an upload sent
    to the other worker finds no session there."""
    from websockets.sync.client import connect

    jar, cookies = _open_tab(cluster, "w1")
    xsrf = next(cookie.value for cookie in jar if cookie.name == XSRF_COOKIE)
    elsewhere = cookies.replace(f"{COOKIE}=w1", f"{COOKIE}=w2")
    with connect(f"ws://127.0.0.1:{cluster.port}/_stcore/stream", subprotocols=["streamlit"],
                 additional_headers={"Cookie": cookies}, max_size=None) as socket:
        assert socket.response.headers.get(WORKER_HEADER) == "w1"
        session_id, download = _session_and_download(socket, "data")  # Data and methods offers the format as a download
        assert session_id and download, (session_id, download)
        upload = f"/_stcore/upload_file/{session_id}/iapt-test-file"
        assert _put_upload(cluster, upload, cookies, xsrf) == (413, "w1")  # the session is known: only its size refused
        # the same request on the other worker: its XSRF check passes (one cookie secret for all), the session is unknown
        assert _put_upload(cluster, upload, elsewhere, xsrf) == (400, "w2")
        # (a download's id is a hash of its content, so another worker may hold the same file from its own sessions)
        assert _get_with(cluster, download, cookies) == (200, "w1")


def test_a_database_swap_under_load_gives_no_error(cluster: Cluster, fixture_export, tmp_path):
    """`iapt build` renames a new registry over the served one while tabs on both workers keep clicking.

    The new registry is the fixture without CO-04, which sets no end of a sidebar range: an open tab keeps the
    ranges it was shown (tests/e2e/test_live_update.py), so only then is its next count the whole new registry."""
    export = export_without(fixture_export, tmp_path / "export", "CO-04")
    errors: list[str] = []
    stop = threading.Event()
    sessions_ready = threading.Barrier(5)
    last_seen: dict[str, str | None] = {}

    def click(worker: str, index: int) -> None:
        try:
            with cluster.session(worker) as (session, answered):
                assert answered == worker
                sessions_ready.wait(timeout=60)
                while not stop.is_set():
                    rerun = session.rerun("")
                    errors.extend(rerun.errors + (["page not found"] if rerun.page_not_found else []))
                # after the build: this tab's next rerun shows the new registry
                rerun = session.rerun("")
                errors.extend(rerun.errors)
                last_seen[f"{worker}-{index}"] = rerun.initiatives
        except Exception as error:  # noqa: BLE001 - any failure of a tab is an error of the swap
            errors.append(f"{worker}-{index}: {type(error).__name__}: {error}")

    tabs = [threading.Thread(target=click, args=(worker, index)) for worker in ("w1", "w2") for index in (1, 2)]
    for tab in tabs:
        tab.start()
    sessions_ready.wait(timeout=60)
    build = subprocess.run([sys.executable, "-m", "analytics.cli", "build", str(export), "--db", str(cluster.db)],
                           cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)
    stop.set()
    for tab in tabs:
        tab.join(timeout=120)
    assert build.returncode == 0, build.stderr[-2000:]
    assert not errors, errors[:5]
    assert last_seen == {f"{worker}-{index}": "11" for worker in ("w1", "w2") for index in (1, 2)}


def test_a_killed_worker_is_replaced_and_new_visitors_go_to_the_live_one(cluster: Cluster):
    with cluster.session("w2") as (other, answered):
        assert answered == "w2"
        _clean(other.rerun(""), "overview on w2")
        killed = cluster.worker_pid("w1")
        assert killed is not None
        os.kill(killed, signal.SIGKILL)
        died = time.monotonic()
        while _running(killed) and time.monotonic() < died + 5:  # the signal is delivered, not waited for
            time.sleep(0.01)
        # at once: visitors, new or sent to w1 by their cookie, are answered, by w2 until a new w1 is up (supervisord
        # may restart it within these few requests on a quiet machine)
        for cookie in (None, "w1") * 4:
            status, worker, _ = cluster.get("/", worker=cookie)
            assert status == 200, cookie
            assert worker == "w2" or cluster.worker_pid("w1") not in (None, killed), (cookie, worker)
        _clean(other.rerun(""), "overview on w2 after w1 died")  # a session on the other worker sees nothing

        # supervisord starts a new w1, and HAProxy's health check puts it back
        deadline = died + REPLACED_WITHIN
        while time.monotonic() < deadline:
            replaced = cluster.worker_pid("w1")
            if replaced not in (None, killed) and cluster.get("/", worker="w1")[1] == "w1":
                break
            time.sleep(0.2)
        else:
            pytest.fail(f"w1 not back through the balancer {REPLACED_WITHIN} s after SIGKILL")
        print(f"w1 back through the balancer {time.monotonic() - died:.1f} s after SIGKILL")
        # the new w1 primes itself as the first one did (app_support/worker.py): twice "Primed" in its log
        log = cluster.run_dir / "worker-w1.log"
        while log.read_text(errors="replace").count("Primed in") < 2 and time.monotonic() < deadline + PRIMED_WITHIN:
            time.sleep(0.2)
        assert log.read_text(errors="replace").count("Primed in") >= 2, log.read_text(errors="replace")[-2000:]
    with cluster.session("w1") as (session, answered):
        assert answered == "w1"
        _clean(session.rerun(""), "overview on the new w1")


def test_sigterm_stops_everything_it_started(cluster: Cluster):
    pids = {worker: cluster.worker_pid(worker) for worker in cluster.worker_ports}
    assert all(pids.values())
    os.killpg(cluster.process.pid, signal.SIGTERM)  # what Ctrl-C or a service manager sends to `make serve`
    cluster.process.wait(timeout=60)
    # make returns at once; supervisord stops the workers (each given up to 10 s) and then `iapt serve` cleans up
    deadline = time.monotonic() + STOPPED_WITHIN
    while time.monotonic() < deadline and (cluster.run_dir.exists() or any(_running(pid) for pid in pids.values())):
        time.sleep(0.2)
    for worker, pid in pids.items():
        assert not _running(pid), f"{worker} still running"
        assert not cluster.worker_healthy(worker)
    try:
        urllib.request.urlopen(cluster.base_url + "/_stcore/health", timeout=2)
        pytest.fail("the balancer still answers")
    except OSError:
        pass
    assert not cluster.run_dir.exists()  # the generated configuration is removed


def _running(pid: int) -> bool:
    try:
        return " Z " not in open(f"/proc/{pid}/stat").read()
    except OSError:
        return False
