"""Time from navigation to a drawn page in headless Chromium, for every page, and what the map sends.

"Cold" is a new browser context (no HTTP cache: Streamlit's 9 MB of frontend code fetched, parsed and
run again) on a page whose queries the server has not answered yet; "warm" is a new tab in that same
context afterwards (code cached, server caches filled), as a returning reader. A page counts as drawn
when its script has finished, no placeholder is left, every Plotly chart has its SVG and every WebGL
canvas shows something; "content" is the same without waiting for WebGL canvases, which this headless
Chromium paints in software (SwiftShader, --disable-gpu): deck.gl's first frame takes seconds here
that a machine with a GPU does not spend. Requests that leave the
machine are aborted, as offline. The server is warmed by one websocket run of the Data page first,
so the first page does not include the one-off imports of a fresh process.
"""

from __future__ import annotations

import contextlib
import time
import urllib.parse
from pathlib import Path

from benchmarks.page_bench import PAGES, WARM_UP_PAGE, sample_initiative
from benchmarks.registries import Registry
from harness.live import (
    ALL_PLOTLY_DRAWN_JS,
    CHROMIUM,
    CHROMIUM_ARGS,
    DECK,
    LOOPBACK_HOSTS,
    PLOTLY,
    PLOTLY_MAP,
    SETTLED_JS,
    open_sessions,
    serve,
    wait_for_painted,
)

TIMEOUT_MS = 120_000
PAINT_TIMEOUT_S = 30
# a laptop or projector screen (the browser tests use a taller window, for their screenshots)
SCREEN = {"width": 1440, "height": 900}


def unavailable() -> str | None:
    """Why the browser part cannot run here, or None."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install -y chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing"
    return None


def _drawn(page, draws: tuple[str, ...], started: float) -> tuple[float, float]:
    """Waits for the page to be drawn; seconds from `started` to its content, and to everything painted."""
    page.wait_for_function(SETTLED_JS, timeout=TIMEOUT_MS)
    canvases = [selector for selector in draws if selector in (DECK, PLOTLY_MAP)]
    for selector in draws:
        if selector not in canvases:
            page.wait_for_selector(selector, state="visible", timeout=TIMEOUT_MS)
    if PLOTLY in draws:
        page.wait_for_function(ALL_PLOTLY_DRAWN_JS, timeout=TIMEOUT_MS)
    content = time.monotonic() - started
    for selector in canvases:
        page.wait_for_selector(selector, state="visible", timeout=TIMEOUT_MS)
        wait_for_painted(page, selector, PAINT_TIMEOUT_S)
    return content, time.monotonic() - started


def _load(context, url: str, draws: tuple[str, ...]) -> tuple[float, float, int]:
    """Seconds to the drawn content and to everything painted, and the websocket bytes received."""
    received = [0]
    page = context.new_page()
    try:
        page.on("websocket", lambda socket: socket.on(
            "framereceived", lambda payload: received.__setitem__(0, received[0] + len(payload))))
        started = time.monotonic()
        page.goto(url, wait_until="domcontentloaded", timeout=TIMEOUT_MS)
        content, drawn = _drawn(page, draws, started)
        return content, drawn, received[0]
    finally:
        page.close()


def _offline_context(browser, refused: list[str]):
    context = browser.new_context(viewport=SCREEN, locale="en-GB")

    def only_loopback(route, request):
        if urllib.parse.urlsplit(request.url).hostname in LOOPBACK_HOSTS:
            route.continue_()
        else:
            refused.append(request.url)
            route.abort("internetdisconnected")

    context.route("**/*", only_loopback)
    return context


def measure(registry: Registry, log_dir: Path, log=print) -> dict:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    initiative = sample_initiative(registry)
    rows = []
    with serve(registry.db, log_dir / f"browser-s{registry.scale}.log") as server, sync_playwright() as playwright:
        with contextlib.ExitStack() as stack:
            open_sessions(stack, server.port, 1)[0].rerun(WARM_UP_PAGE)
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for page in PAGES:
                query = page.query.format(initiative=initiative)
                url = f"{server.base_url}/{page.path}" + (f"?{query}" if query else "")
                refused: list[str] = []
                context = _offline_context(browser, refused)
                try:
                    content, cold, received = _load(context, url, page.draws)
                    _, warm, _ = _load(context, url, page.draws)
                except PlaywrightError as error:  # one page that never draws is reported; the others still run
                    rows.append({"page": page.name, "content_s": None, "cold_s": None, "warm_s": None, "ws_bytes": None,
                                 "error": str(error).splitlines()[0][:300]})
                    log(f"  {page.name:18s} not drawn: {rows[-1]['error']}")
                    continue
                finally:
                    context.close()
                rows.append({"page": page.name, "content_s": round(content, 2), "cold_s": round(cold, 2),
                             "warm_s": round(warm, 2), "ws_bytes": received, "refused_requests": len(refused)})
                log(f"  {page.name:18s} cold: content {content:5.2f} s, drawn {cold:5.2f} s   warm {warm:5.2f} s"
                    f"   websocket {received / 1024:6.0f} kB   {len(refused)} requests refused")
        finally:
            browser.close()
    map_row = next(row for row in rows if row["page"] == "map")
    return {"pages": rows, "map_payload_bytes": map_row["ws_bytes"], "screen": f"{SCREEN['width']}x{SCREEN['height']}"}
