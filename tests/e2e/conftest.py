"""Browser tests: one `streamlit run` on a loopback port, one headless Debian Chromium, pages in sequence.

The server reads the hand-made fixture registry (`fixture_db` in tests/conftest.py), so the
initiative named like an HTML injection is on the pages. The browser context aborts every
request that leaves the machine and counts it by host: a page that still draws its charts and
map proves it needs no internet. The hosts and the seconds each page took are printed after
the run and written to artifacts/e2e-network.json and artifacts/e2e-timings.json.

Outside CI the tests skip when Chromium or the playwright package is missing; with CI set
(`.ci/run` sets CI=1) they fail instead, so a CI machine cannot pass by running none of them.
"""

from __future__ import annotations

import json
import os
import time
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from google.protobuf.message import DecodeError
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from app_support.chrome import CAPTION_COLOUR

# the server, the browser's settings and what a drawn page is: shared with the browser benchmark
from harness.live import (  # noqa: F401 - PLOTLY, DECK, PLOTLY_MAP are the page list's names (test_pages.py)
    ALL_PLOTLY_DRAWN_JS,
    CHROMIUM,
    CHROMIUM_ARGS,
    DECK,
    LOOPBACK_HOSTS,
    PLOTLY,
    PLOTLY_MAP,
    SETTLED_JS,
    VIEWPORT,
    ServerFailed,
    canvas_colours,
    kill_group,
    start_server,
    wait_for_painted,
)
from viz.style import PNG_BUTTON, SVG_BUTTON_CLASS

PROJECT_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = PROJECT_ROOT / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
# what a page cannot draw without: one of these fetched from the internet means the page is not offline-safe
ESSENTIAL_RESOURCES = {"document", "script", "stylesheet", "font"}
SERVER_START_TIMEOUT = 60
RENDER_TIMEOUT_MS = 60_000  # generous: other work on a 2-core machine can triple page times
PAINT_TIMEOUT = 20  # seconds for a WebGL canvas (software-rendered here) to show something

LANGUAGE_PARAM = "lang"  # app_support/state.py: LANG_PARAM
LEGEND_CHART_KEYS = ("map_legend", "map_scale")  # app_pages/map.py

def unavailable(reason: str) -> None:
    """Skip on a developer machine; fail in CI, where a missing browser must not pass as green."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so the browser tests must run)", pytrace=False)
    pytest.skip(reason)


def require_browser() -> None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        unavailable("the playwright Python package is not installed (pip install -e '.[test]')")
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} is missing (apt-get install -y chromium chromium-driver fonts-dejavu-core)")


@dataclass
class NetworkLog:
    """Requests the browser tried to send off the machine, all aborted."""

    hosts: Counter = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)  # host → the first request to it
    essential: list[str] = field(default_factory=list)
    by_test: dict[str, Counter] = field(default_factory=dict)
    current_test: str = ""

    def record(self, host: str, resource_type: str, url: str) -> None:
        self.hosts[host] += 1
        self.by_test.setdefault(self.current_test, Counter())[host] += 1
        self.examples.setdefault(host, f"{resource_type} {url}")
        if resource_type in ESSENTIAL_RESOURCES:
            self.essential.append(f"{resource_type} {url}")

    def as_dict(self) -> dict:
        return {"aborted_by_host": dict(self.hosts.most_common()), "first_request_by_host": self.examples,
                "aborted_by_test": {test: dict(hosts) for test, hosts in self.by_test.items()},
                "essential_resources_aborted": self.essential}


_NETWORK_LOG = NetworkLog()
# test → phase → seconds (load to rendered, to drawn, screenshot, whole test)
_TIMINGS: dict[str, dict[str, float]] = {}


@pytest.fixture(scope="session")
def network_log() -> NetworkLog:
    return _NETWORK_LOG


@pytest.fixture(autouse=True)
def _attribute_requests(request):
    """Requests aborted during a test are counted under its name."""
    _NETWORK_LOG.current_test = request.node.name


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so a fixture can tell whether its test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def pytest_terminal_summary(terminalreporter) -> None:
    if not _TIMINGS and not _NETWORK_LOG.hosts:
        return
    terminalreporter.section("e2e: requests aborted because they left the machine")
    if not _NETWORK_LOG.hosts:
        terminalreporter.write_line("none")
    for host, count in _NETWORK_LOG.hosts.most_common():
        terminalreporter.write_line(f"{count:5d}  {host}  (first: {_NETWORK_LOG.examples[host][:110]})")
    terminalreporter.section("e2e: seconds per phase")
    for test, phases in _TIMINGS.items():
        terminalreporter.write_line(f"{test:52s} " + "  ".join(f"{phase} {seconds:5.2f}" for phase, seconds in phases.items()))


@pytest.fixture(scope="session")
def server_process(fixture_db, tmp_path_factory):
    """`streamlit run app.py` over the fixture registry on a free loopback port, started but not yet awaited.

    It runs in its own process group, killed at the end of the session, so no server (nor any
    helper it starts) outlives the tests. Chromium starts while the server boots.
    """
    require_browser()
    if not (PROJECT_ROOT / "app.py").exists():
        unavailable("app.py does not exist yet")
    server = start_server(fixture_db, tmp_path_factory.mktemp("streamlit") / "server.log")
    try:
        yield server
    finally:
        kill_group(server.process)


@pytest.fixture(scope="session")
def app_server(server_process, chromium) -> str:
    """The server's base URL, once `/_stcore/health` answers."""
    try:
        server_process.wait_until_healthy(SERVER_START_TIMEOUT)
    except ServerFailed as failure:
        pytest.fail(str(failure), pytrace=False)
    return server_process.base_url


@pytest.fixture(scope="session")
def chromium(server_process):
    """One headless Debian Chromium for the whole session, driven by playwright (never `playwright install`)."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def browser_context(chromium, network_log):
    """A context that lets through loopback requests only; everything else is aborted and counted."""
    context = chromium.new_context(viewport=VIEWPORT, locale="en-GB")

    def only_loopback(route, request):
        url = urllib.parse.urlsplit(request.url)
        if url.scheme not in ("http", "https", "ws", "wss") or url.hostname in LOOPBACK_HOSTS:
            route.continue_()
            return
        network_log.record(url.hostname, request.resource_type, request.url)
        route.abort("internetdisconnected")

    context.route("**/*", only_loopback)
    yield context
    context.close()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "e2e-network.json").write_text(json.dumps(network_log.as_dict(), indent=2) + "\n")
    (ARTIFACTS / "e2e-timings.json").write_text(json.dumps(_TIMINGS, indent=2) + "\n")


# Every Plotly chart on the page: its title, its visible traces and how many marks they carry.
_PLOTLY_SUMMARY = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => {
    const layout = gd._fullLayout || {};
    const keys = ['x', 'y', 'z', 'values', 'locations', 'lat', 'lon', 'r', 'labels', 'ids'];
    const traces = (gd._fullData || []).filter(t => t.visible === true);
    const marks = traces.map(t => typeof t._length === 'number' ? t._length
        : Math.max(0, ...keys.map(k => (t[k] && typeof t[k].length === 'number') ? t[k].length : 0)));
    return {title: (layout.title && layout.title.text) || '', types: traces.map(t => t.type),
            marks: marks.reduce((a, b) => a + b, 0), drawn: gd.querySelector('.main-svg') !== null};
})"""

# Trimmed text of every visible text node in the body, SVG text (chart axes, legends) included;
# a collapsed expander, an unselected tab or an icon's ligature name is not read
_TEXT_NODES = """() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const texts = new Set();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(parent.tagName)) continue;
        // a Material icon is drawn from its name's ligature ("table"): a picture, not a word to translate
        if (parent.closest('[data-testid="stIconMaterial"]')) continue;
        if (!parent.checkVisibility({visibilityProperty: true})) continue;
        const text = node.textContent.trim();
        if (text) texts.add(text);
    }
    return Array.from(texts);
}"""

# Resolves after two animation frames: by then the page has handled the websocket messages that had arrived
# and React has committed what they changed
_NEXT_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"

_CONTENT_HEIGHT = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    return Math.ceil(main ? main.scrollHeight : document.documentElement.scrollHeight);
}"""


class AppPage:
    """One browser tab on the app, with what it saw: dialogs, uncaught script errors, requests for `x`."""

    def __init__(self, page, base_url: str, timings: dict[str, float]):
        self.page = page
        self.base_url = base_url
        self.timings = timings
        self.dialogs: list[str] = []
        self.page_errors: list[str] = []
        self.requests_for_x: list[str] = []
        self.path: str | None = None  # the page shown, once one was opened
        self.language: str | None = None  # the session's language (a URL's `lang` is read when a session starts)
        # script runs the server finished for this tab, counted from its websocket (ForwardMsg script_finished):
        # a page switch is told apart from the page it leaves, whose headings may be the same. The DOM's
        # script-state attribute was not enough: a fast cached rerun can start and end between two renders.
        self.finished_runs = 0
        page.on("websocket", lambda socket: socket.on("framereceived", self._on_frame))
        page.on("dialog", self._on_dialog)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        # an <img src=x> that reached the DOM would ask the server for a path ending in /x
        page.on("request", lambda request: self.requests_for_x.append(request.url)
                if urllib.parse.urlsplit(request.url).path.endswith("/x") else None)

    def _on_frame(self, payload) -> None:
        if not isinstance(payload, bytes | bytearray):
            return
        message = ForwardMsg()
        try:
            message.ParseFromString(payload)
        except DecodeError:
            return
        if message.WhichOneof("type") == "script_finished":
            self.finished_runs += 1

    def _on_dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def forget_records(self) -> None:
        for record in (self.dialogs, self.page_errors, self.requests_for_x):
            record.clear()

    def open(self, path: str, **params: str) -> None:
        """Load a page in a new session and wait until its script has run."""
        query = f"?{urllib.parse.urlencode(params)}" if params else ""
        started = time.monotonic()
        self.page.goto(f"{self.base_url}/{path}{query}", wait_until="domcontentloaded")
        self.wait_until_rendered()
        self.path, self.language = path, params.get(LANGUAGE_PARAM, "en")
        self.timings["rendered"] = time.monotonic() - started

    def go(self, path: str, language: str = "en", **params: str) -> None:
        """Show a page: through the sidebar's navigation when this tab's session can (about 4 times faster
        than a load, since the frontend's code stays loaded), by loading its URL when the language or the
        parameters differ."""
        if self.page.viewport_size != VIEWPORT:
            self.page.set_viewport_size(VIEWPORT)
        if params or language != self.language or path == self.path:
            self.open(path, **params, **({LANGUAGE_PARAM: language} if language != "en" else {}))
            return
        started = time.monotonic()
        links = self.page.locator('[data-testid="stSidebarNav"] a').all()
        link = next(link for link in links if urllib.parse.urlsplit(link.get_attribute("href")).path.strip("/") == path)
        runs = self.finished_runs
        link.click()
        deadline = time.monotonic() + RENDER_TIMEOUT_MS / 1000
        while self.finished_runs <= runs:  # websocket events are delivered while playwright waits
            if time.monotonic() > deadline:
                raise TimeoutError(f"no script run finished within {RENDER_TIMEOUT_MS} ms of opening {path!r}")
            self.page.wait_for_timeout(25)
        self.page.evaluate(_NEXT_FRAMES)
        self.wait_until_rendered()
        self.path = path
        self.timings["rendered"] = time.monotonic() - started

    def wait_until_rendered(self) -> None:
        # "notRunning" appears only after a first run ("initial" before it); placeholders go once widgets load
        self.page.wait_for_function(SETTLED_JS, timeout=RENDER_TIMEOUT_MS)

    def wait_for_drawn(self, draws: tuple[str, ...]) -> None:
        """Wait until every Plotly chart has its SVG and every WebGL canvas shows something."""
        started = time.monotonic()
        for selector in draws:
            self.page.wait_for_selector(selector, state="visible", timeout=RENDER_TIMEOUT_MS)
        if PLOTLY in draws:
            self.page.wait_for_function(ALL_PLOTLY_DRAWN_JS, timeout=RENDER_TIMEOUT_MS)
        for selector in (DECK, PLOTLY_MAP):
            if selector in draws or self.page.locator(selector).count():
                self.wait_for_painted(selector)
        # a widget callback or st.rerun can start another run once the first one drew
        self.wait_until_rendered()
        self.timings["drawn"] = time.monotonic() - started

    def wait_for_painted(self, selector: str) -> None:
        wait_for_painted(self.page, selector, PAINT_TIMEOUT)  # a blank canvas fails the test's own assertion

    def plotly_charts(self) -> list[dict]:
        return self.page.evaluate(_PLOTLY_SUMMARY)

    def canvas_colours(self, selector: str) -> list[int]:
        return canvas_colours(self.page, selector)

    def exceptions(self) -> list[str]:
        return [box.inner_text() for box in self.page.locator('[data-testid="stException"]').all()]

    def headings(self) -> list[str]:
        return [text.strip() for text in self.page.locator("h1, h2, h3").all_inner_texts()]

    def accessibility_problems(self) -> list[str]:
        # the app's page style (app_support/chrome.py) lands a moment after the script has finished
        self.page.wait_for_function(f"""() => Array.from(document.querySelectorAll('style'))
            .some(style => style.textContent.includes('{CAPTION_COLOUR}'))""", timeout=RENDER_TIMEOUT_MS)
        return serious_accessibility_problems(self.page)

    def charts_without_image_download(self) -> int:
        """How many Plotly charts lack the toolbar's "download as image" buttons, PNG and SVG (viz/style.py).

        The Map page's legends (a bar per colour, a colour strip) are drawn with Plotly but are not charts.
        """
        legends = ", ".join(f".st-key-{key} .js-plotly-plot" for key in LEGEND_CHART_KEYS)
        return self.page.evaluate(f"""() => Array.from(document.querySelectorAll('.js-plotly-plot'))
            .filter(gd => !gd.matches('{legends}'))
            .filter(gd => !gd.querySelector('{PNG_BUTTON}') || !gd.querySelector('.{SVG_BUTTON_CLASS}')).length""")

    def text_nodes(self) -> set[str]:
        return set(self.page.evaluate(_TEXT_NODES))

    def shows_text(self, text: str, timeout_ms: int = 10_000) -> bool:
        """Whether `text` is on the page as a whole text node (a data grid may fill its cells a moment later)."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        try:
            self.page.get_by_text(text, exact=True).first.wait_for(state="attached", timeout=timeout_ms)
        except PlaywrightTimeout:
            return False
        return True

    def screenshot(self, name: str) -> Path:
        """Save the whole page as the window shows it, the window first made as tall as the page."""
        started = time.monotonic()
        height = self.page.evaluate(_CONTENT_HEIGHT)
        if height > self.page.viewport_size["height"]:
            self.page.set_viewport_size({"width": VIEWPORT["width"], "height": height + 40})
            for selector in (DECK, PLOTLY_MAP):
                if self.page.locator(selector).count():
                    self.wait_for_painted(selector)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path))
        self.timings["screenshot"] = time.monotonic() - started
        return path


# axe-core's impacts that fail a test: "serious" and "critical" (WCAG 2.1 A and AA failures such as text contrast,
# missing names of controls); "moderate" and "minor" ones are best practice and are not asserted
FAILING_IMPACTS = ("serious", "critical")


def serious_accessibility_problems(page) -> list[str]:
    """axe-core (bundled by axe-playwright-python, nothing fetched) run on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    return [f"{violation['id']} ({violation['impact']}, {len(violation['nodes'])}x): {violation['help']}; first at "
            f"{violation['nodes'][0]['target']}" for violation in violations if violation["impact"] in FAILING_IMPACTS]


@pytest.fixture
def app_page(browser_context, app_server, request):
    """A fresh tab per test (so its dialog and error records are its own), closed afterwards."""
    page = browser_context.new_page()
    started = time.monotonic()
    timings = _TIMINGS.setdefault(request.node.name, {})
    yield AppPage(page, app_server, timings)
    page.close()
    timings["test"] = time.monotonic() - started


@pytest.fixture(scope="session")
def _shared_tabs(browser_context):
    tabs: list[AppPage] = []
    yield tabs
    for tab in tabs:
        tab.page.close()


@pytest.fixture
def shared_app_page(_shared_tabs, browser_context, app_server, request):
    """One tab kept from test to test, so that `go` can switch pages without reloading the frontend.

    Its records start empty in every test; after a failed test the tab is closed, and the next
    test starts from a fresh one.
    """
    started = time.monotonic()
    timings = _TIMINGS.setdefault(request.node.name, {})
    if not _shared_tabs:
        _shared_tabs.append(AppPage(browser_context.new_page(), app_server, timings))
    tab = _shared_tabs[0]
    tab.timings = timings
    tab.forget_records()
    yield tab
    timings["test"] = time.monotonic() - started
    if getattr(request.node, "report_call", None) is None or not request.node.report_call.passed:
        _shared_tabs.pop().page.close()
