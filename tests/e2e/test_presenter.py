"""Presenter mode on a projector: every slide inside the window at 1280x720 and 1920x1080, moved by the keyboard.

A slide "fits" when the bounding box of everything on it (the notice, the bar of buttons, the
title, the figures, the chart, the keys line) lies inside the viewport and the page cannot
scroll. A label is "cut" when its text is wider than its box (Streamlit truncates a button or a
metric label with an ellipsis then). The keys are the ones a presenter or a clicker sends; Space
must turn the slide, not scroll it. Screenshots land in artifacts/screenshots/slide-<n>-<lang>-<w>x<h>.png:
look at them.

The slides are served from a copy of the hand-made registry marked synthetic, as the demo is, so
that the synthetic notice is on them: it takes its share of the window.
"""

from __future__ import annotations

import shutil
import time

import duckdb
import pytest

from analytics import i18n
from app_support.presenter import SLIDES
from tests.e2e.conftest import SCREENSHOTS, SERVER_START_TIMEOUT, AppPage, ServerFailed, kill_group, start_server

pytestmark = pytest.mark.e2e

SIZES = {"720p": {"width": 1280, "height": 720}, "1080p": {"width": 1920, "height": 1080}}

# The union of the boxes of every visible element of the slide, and whether anything can scroll.
SLIDE_BOX = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const boxes = Array.from(main.querySelectorAll('[data-testid="stElementContainer"], [data-testid="stHorizontalBlock"],'
        + ' .js-plotly-plot, h1, .iapt-card, button'))
        .filter(e => e.checkVisibility()).map(e => e.getBoundingClientRect()).filter(r => r.width && r.height);
    const scroller = document.scrollingElement;
    return {
        left: Math.min(...boxes.map(r => r.left)), top: Math.min(...boxes.map(r => r.top)),
        right: Math.max(...boxes.map(r => r.right)), bottom: Math.max(...boxes.map(r => r.bottom)),
        scrollable: main.scrollHeight > main.clientHeight || scroller.scrollHeight > scroller.clientHeight,
        scrolled: main.scrollTop + scroller.scrollTop,
    };
}"""

# Visible texts drawn outside a box that clips them (Streamlit truncates a long button label, and a card its value, with an
# ellipsis), or outside the window: their text's own box, from a Range, against every clipping ancestor's box.
CUT_LABELS = """() => {
    const selector = ['button p', '.iapt-card-label', '.iapt-card-value', 'h1',
                      '[data-testid="stAlert"] p', '[data-testid="stCaptionContainer"] p', '[data-testid="stMarkdownContainer"] p']
        .map(s => '[data-testid="stMain"] ' + s).join(', ');
    const main = document.querySelector('[data-testid="stMain"]');
    const cut = [];
    for (const element of document.querySelectorAll(selector)) {
        if (!element.checkVisibility() || !element.textContent.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(element);
        const text = range.getBoundingClientRect();
        let outside = text.right > innerWidth + 1 || text.bottom > innerHeight + 1;
        for (let a = element; a && a !== main && !outside; a = a.parentElement) {
            const style = getComputedStyle(a);
            if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
            const box = a.getBoundingClientRect();
            outside = a.scrollWidth > a.clientWidth + 1 || text.left < box.left - 1 || text.right > box.right + 1
                || text.top < box.top - 2 || text.bottom > box.bottom + 2;
        }
        if (outside) cut.push(element.textContent.trim());
    }
    return cut;
}"""

# Whether every Plotly chart on the slide is drawn inside its own frame (nothing of the SVG outside the element).
CHARTS_DRAWN = """() => Array.from(document.querySelectorAll('.st-key-present_body .js-plotly-plot')).every(gd => {
    const svg = gd.querySelector('.main-svg');
    return svg !== null && gd._fullLayout !== undefined;
})"""


@pytest.fixture(scope="module")
def synthetic_server(fixture_db, app_server, tmp_path_factory) -> str:
    """A second server, over the fixture registry marked as synthetic demonstration data (started once the first
    one answers, so that the two cannot be given the same port)."""
    folder = tmp_path_factory.mktemp("synthetic")
    path = folder / "iapt.duckdb"
    shutil.copy(fixture_db, path)
    with duckdb.connect(str(path)) as con:
        con.execute("UPDATE build_info SET synthetic = true")
    server = start_server(path, folder / "server.log")
    try:
        server.wait_until_healthy(SERVER_START_TIMEOUT)
    except ServerFailed as failure:
        kill_group(server.process)
        pytest.fail(str(failure), pytrace=False)
    yield server.base_url
    kill_group(server.process)


@pytest.fixture
def slides_page(browser_context, synthetic_server, request):
    """A fresh tab on the synthetic registry's server."""
    page = browser_context.new_page()
    started = time.monotonic()
    timings: dict[str, float] = {}
    yield AppPage(page, synthetic_server, timings)
    page.close()
    timings["test"] = time.monotonic() - started


def counter(number: int) -> str:
    return f"{number} / {len(SLIDES)}"


def show_slide(app_page, number: int, *, size: str, lang: str) -> dict:
    """Wait until slide `number` is drawn, screenshot it, and return its bounding box and cut labels."""
    page = app_page.page
    page.get_by_text(counter(number), exact=True).wait_for(timeout=60_000)
    app_page.wait_until_rendered()
    if SLIDES[number - 1] != "headline":
        page.wait_for_function(CHARTS_DRAWN, timeout=60_000)
        page.locator(".st-key-present_body .main-svg").first.wait_for(timeout=60_000)
    app_page.wait_until_rendered()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    viewport = SIZES[size]
    page.screenshot(path=str(SCREENSHOTS / f"slide-{number}-{lang}-{viewport['width']}x{viewport['height']}.png"))
    return {"box": page.evaluate(SLIDE_BOX), "cut": page.evaluate(CUT_LABELS)}


def press(app_page, key: str, expected: int) -> None:
    app_page.page.keyboard.press(key)
    app_page.page.get_by_text(counter(expected), exact=True).wait_for(timeout=60_000)


@pytest.mark.parametrize(("lang", "size"), [
    pytest.param("en", "720p", id="en-1280x720"),
    pytest.param("en", "1080p", id="en-1920x1080"),
    pytest.param("es", "720p", id="es-1280x720"),
    pytest.param("pt", "720p", id="pt-1280x720"),
    pytest.param("es", "1080p", id="es-1920x1080"),
])
def test_every_slide_fits_the_window_and_the_keys_walk_them(slides_page, lang, size):
    viewport = SIZES[size]
    slides_page.page.set_viewport_size(viewport)
    slides_page.open("", present="1", lang=lang)
    # the keys a clicker (Page Down) and a keyboard (arrows, Space) send, one after another, from the first slide
    forward = ["ArrowRight", "Space", "PageDown", "ArrowRight"]
    for number in range(1, len(SLIDES) + 1):
        seen = show_slide(slides_page, number, size=size, lang=lang)
        box = seen["box"]
        # everything on the slide inside the window: no scrolling, nothing off the right edge
        assert box["top"] >= 0 and box["left"] >= 0, (number, box)
        assert box["bottom"] <= viewport["height"] and box["right"] <= viewport["width"], (number, box)
        assert not box["scrollable"], f"slide {number} scrolls at {size} in {lang}"
        assert seen["cut"] == [], f"labels cut on slide {number} at {size} in {lang}"
        if number < len(SLIDES):
            press(slides_page, forward[number - 1], number + 1)
            # Space turned the slide and did not scroll it away
            assert slides_page.page.evaluate(SLIDE_BOX)["scrolled"] == 0
    # the synthetic notice is one line on every slide
    notice = slides_page.page.locator('[data-testid="stAlert"] p').first
    assert notice.inner_text() == i18n.t("Synthetic demonstration data, not ECLAC's registry", lang)
    line_height = float(notice.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
    assert notice.bounding_box()["height"] <= line_height * 1.5
    assert slides_page.exceptions() == [] and slides_page.page_errors == []


def test_home_end_and_the_backward_keys(slides_page):
    slides_page.page.set_viewport_size(SIZES["720p"])
    slides_page.open("", present="1")
    slides_page.page.get_by_text(counter(1), exact=True).wait_for(timeout=60_000)
    press(slides_page, "End", len(SLIDES))
    press(slides_page, "ArrowLeft", len(SLIDES) - 1)
    press(slides_page, "PageUp", len(SLIDES) - 2)
    press(slides_page, "Home", 1)
    # past either end nothing moves: the buttons for that direction are disabled and answer no key
    slides_page.page.keyboard.press("ArrowLeft")
    slides_page.wait_until_rendered()
    assert slides_page.page.get_by_text(counter(1), exact=True).is_visible()


def test_space_after_clicking_next_moves_one_slide(slides_page):
    """A presenter who clicked Next has it focused: Space must still move exactly one slide, not two."""
    slides_page.page.set_viewport_size(SIZES["720p"])
    slides_page.open("", present="1")
    slides_page.page.get_by_role("button", name=i18n.t("Next", "en")).click()
    slides_page.page.get_by_text(counter(2), exact=True).wait_for(timeout=60_000)
    slides_page.wait_until_rendered()
    slides_page.page.keyboard.press("Space")
    slides_page.page.get_by_text(counter(3), exact=True).wait_for(timeout=60_000)
    slides_page.wait_until_rendered()
    slides_page.page.wait_for_timeout(500)
    slides_page.wait_until_rendered()
    assert slides_page.page.get_by_text(counter(3), exact=True).is_visible()
