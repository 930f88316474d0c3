"""Every page in real Chromium: rendered with no exception box, titled, its charts and map drawn, offline.

What only a browser shows: Plotly charts drawn with marks in them (each with its "download as image" button), WebGL canvases (the deck.gl
map, Plotly's MapLibre maps) with something painted on them, no English left on a Spanish or
Portuguese page, and the initiative named `<img src=x onerror=alert(1)>` shown as text (no
dialog, no <img> element, no request for `x`), and no accessibility failure axe-core rates serious or
critical. Each page leaves a screenshot in
artifacts/screenshots/ named `<page>-<language>.png` (presenter slides `presenter-<n>-en.png`):
look at them.

To test a new page, add one line to PAGES. Run: `.venv/bin/python -m pytest tests/e2e/test_pages.py`;
`IAPT_E2E_LANGUAGES=en,es,pt` runs every page in every language.
"""

from __future__ import annotations

import os
import re
import urllib.parse
from dataclasses import dataclass
from functools import cache

import pytest
from babel.messages.pofile import read_po

from analytics import i18n
from analytics.reference import taxonomy
from tests.e2e.conftest import DECK, PLOTLY, PLOTLY_MAP
from tests.fixture_registry import XSS_NAME

pytestmark = pytest.mark.e2e

# Each page runs in the languages its line names; IAPT_E2E_LANGUAGES=en,es,pt runs every page in those
# instead (about twice as long: the default keeps the suite near 90 s on two cores).
LANGUAGES_OVERRIDE = tuple(code for code in os.environ.get("IAPT_E2E_LANGUAGES", "").split(",") if code)


@dataclass(frozen=True)
class Page:
    name: str  # screenshot name
    path: str  # URL path after the host; "" is the default page
    title: str  # the page's title (its English msgid), looked for as a heading
    draws: tuple[str, ...]  # what must be drawn: PLOTLY charts, the DECK map canvas, a PLOTLY_MAP canvas
    languages: tuple[str, ...] = ("en",)
    lists_initiatives: bool = False  # shows initiative names as text, so the injection-named one must be there
    params: tuple[tuple[str, str], ...] = ()  # query parameters besides the language


PAGES = [
    Page("overview", "", "Registry overview", (PLOTLY,), ("en", "es", "pt"), lists_initiatives=True),
    Page("map", "map", "Map of initiatives", (DECK,)),
    Page("countries", "countries", "Countries", (PLOTLY, PLOTLY_MAP)),
    Page("regions", "regions", "Regions and white spots", (), ("en", "es")),
    Page("growth", "growth", "Growth of the registry", (PLOTLY,), ("en", "es")),
    Page("sectors", "sectors", "Sectors", (PLOTLY,), ("en", "pt")),
    Page("explorer", "explorer", "Explore the initiatives", (), lists_initiatives=True),
    Page("network", "network", "Collaboration network", (PLOTLY, DECK)),
    Page("data", "data", "Data and methods", (), ("en", "es")),
    # the injection-named initiative's own profile: its name as a heading, its place on a small map
    # (a link with parameters starts a new session, so it comes after the pages reached through the sidebar)
    Page("explorer-profile", "explorer", "Explore the initiatives", (DECK,), lists_initiatives=True, params=(("initiative", "CO-05"),)),
    # a region's profile by its link (its sector mix against its country's), and two regions side by side
    Page("regions-profile", "regions", "Regions and white spots", (PLOTLY,), params=(("region", "CO-ANT"),)),
    Page("regions-compare", "regions", "Regions and white spots", (PLOTLY,), params=(("region", "CO-ANT,CL-BI"),)),
]

# Grouped by language, so that one session per language serves its pages through the sidebar
CASES = [pytest.param(page, language, id=f"{page.name}-{language}")
         for language in i18n.LANGUAGES for page in PAGES if language in (LANGUAGES_OVERRIDE or page.languages)]


@cache
def english_only(language: str) -> frozenset[str]:
    """Interface words whose English differs from `language`'s: seen whole on that language's page, untranslated."""
    with i18n.catalog_path(language).open("rb") as po:
        catalog = read_po(po, locale=language)
    words = {message.id for message in catalog
             if message.id and isinstance(message.id, str) and message.string != message.id and "{" not in message.id}
    for table in taxonomy.TABLES:
        english, translated = taxonomy.labels(table, "en"), taxonomy.labels(table, language)
        words |= {name for code, name in english.items() if name != translated[code]}
    for month in range(1, 13):
        english, translated = i18n.month_name(month, "en"), i18n.month_name(month, language)
        if english.lower() != translated.lower():
            words |= {english, english[:3], i18n.month_name(month, "en", short=True)}
    return frozenset(words)


def untranslated(texts: set[str], language: str) -> list[str]:
    """Texts that are, or start with (as Plotly's "Jan 2024" date ticks do), an English-only word."""
    words = english_only(language)
    return sorted(text for text in texts if text in words or re.split(r"[\s,]", text, maxsplit=1)[0] in words)


@pytest.mark.parametrize(("page", "language"), CASES)
def test_page_renders_offline_and_safely(shared_app_page, network_log, page: Page, language: str):
    app_page = shared_app_page
    essential_before = len(network_log.essential)
    try:
        app_page.go(page.path, language, **dict(page.params))
        # the script has finished: an exception box is there now, and nothing will be drawn after it
        assert app_page.exceptions() == [], "the page shows an exception box"
        app_page.wait_for_drawn(page.draws)
    finally:
        app_page.screenshot(f"{page.name}-{language}")

    assert app_page.exceptions() == [], "the page shows an exception box"
    assert i18n.t(page.title, language) in app_page.headings()

    if PLOTLY in page.draws:
        charts = app_page.plotly_charts()
        empty = [chart for chart in charts if not (chart["drawn"] and chart["marks"])]
        assert charts and not empty, f"Plotly charts drawn without marks: {empty}"
    for canvas in (DECK, PLOTLY_MAP):
        if canvas in page.draws:
            # a blank canvas is one colour; outlines and points make many
            colours = app_page.canvas_colours(canvas)
            assert colours and all(count > 4 for count in colours), f"blank canvas {canvas}: {colours} colours"

    # it drew with every request off the machine aborted, and none of those was a script, style or font
    assert network_log.essential[essential_before:] == []

    # every chart can be saved as an image; nothing axe-core rates serious or critical (WCAG 2.1 AA)
    assert app_page.charts_without_image_download() == 0
    assert app_page.accessibility_problems() == []

    if language != "en":
        assert untranslated(app_page.text_nodes(), language) == []

    # the initiative named like an HTML injection stays text
    assert app_page.dialogs == [], "a script from the data opened a dialog"
    assert app_page.page.locator('img[src="x"]').count() == 0
    assert app_page.requests_for_x == []
    if page.lists_initiatives:
        assert app_page.shows_text(XSS_NAME), f"{XSS_NAME} is not on the page as text"

    assert app_page.page_errors == [], "uncaught errors in the page's scripts"


def test_navigation_lists_exactly_the_pages(shared_app_page):
    """`st.navigation` replaces the automatic pages/ discovery: the sidebar lists these pages and no others."""
    app_page = shared_app_page
    if app_page.path is None:
        app_page.open("")
    links = app_page.page.locator('[data-testid="stSidebarNav"] a').all()
    paths = {urllib.parse.urlsplit(link.get_attribute("href")).path.strip("/") for link in links}
    assert paths == {page.path for page in PAGES}


PRESENTER_SLIDES = 5  # app_support/presenter.py: SLIDES


def test_presenter_mode_hides_the_sidebar_and_steps_through_the_slides(app_page):
    """`?present=1`: no sidebar or toolbar, and every slide (headline, map, growth, sectors, spotlight) drawn."""
    app_page.open("", present="1")
    for number in range(1, PRESENTER_SLIDES + 1):
        if number > 1:
            app_page.page.get_by_role("button", name=i18n.t("Next", "en")).click()
            app_page.page.get_by_text(f"{number} / {PRESENTER_SLIDES}", exact=True).wait_for(timeout=60_000)
        app_page.wait_until_rendered()
        draws = (PLOTLY,) if number > 1 else ()  # the headline slide is figures only
        try:
            app_page.wait_for_drawn(draws)
        finally:
            app_page.screenshot(f"presenter-{number}-en")
        assert app_page.exceptions() == [], f"slide {number} shows an exception box"
        for chrome in ("stSidebar", "stToolbar"):
            assert not app_page.page.locator(f'[data-testid="{chrome}"]').is_visible(), f"{chrome} shown on slide {number}"
        if draws:
            charts = app_page.plotly_charts()
            assert charts and all(chart["drawn"] and chart["marks"] for chart in charts), charts
        assert app_page.accessibility_problems() == [], f"slide {number}"
    assert app_page.dialogs == [] and app_page.page_errors == []


def test_the_browser_cannot_reach_the_internet(browser_context, network_log):
    """The offline claim is only as good as the blocking: a request off the machine fails and is counted."""
    from playwright.sync_api import Error as PlaywrightError

    page = browser_context.new_page()
    try:
        with pytest.raises(PlaywrightError, match="ERR_INTERNET_DISCONNECTED"):
            page.goto("https://offline-probe.invalid/")
    finally:
        page.close()
    assert network_log.hosts["offline-probe.invalid"] >= 1
