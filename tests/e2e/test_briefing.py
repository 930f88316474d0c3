"""The exported briefing opened from disk in Chromium with no network: charts drawn, names shown as text.

The file is written from the hand-made registry and opened by its file:// address in a
browser context that is offline and aborts (and records) any request that is not for the
file itself, so a chart that needed the internet would stay blank and be caught. The
screenshots land in artifacts/screenshots/briefing-*.png; look at them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics import story
from analytics.filters import Filters
from tests.e2e.conftest import SCREENSHOTS
from tests.fixture_registry import XSS_NAME
from viz import briefing

pytestmark = pytest.mark.e2e

LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
# Per chart: is it drawn, how many filled shapes (the map's countries) and points it shows.
CHART_SUMMARY = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => ({
    drawn: gd.querySelector('.main-svg') !== null,
    fills: gd.querySelectorAll('path.js-fill').length,
    points: gd.querySelectorAll('.scatterlayer path.point').length,
    bars: gd.querySelectorAll('.barlayer path').length,
    lines: gd.querySelectorAll('.scatterlayer path.js-line').length,
}))"""


@pytest.fixture
def offline_tab(chromium):
    """A tab in an offline context that records every request leaving the file, and every dialog and script error."""
    context = chromium.new_context(viewport={"width": 1200, "height": 3400}, offline=True)
    seen = {"remote": [], "dialogs": [], "errors": []}

    def local_only(route, request):
        if request.url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            seen["remote"].append(request.url)
            route.abort("internetdisconnected")

    context.route("**/*", local_only)
    page = context.new_page()
    page.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    yield page, seen
    context.close()


@pytest.mark.parametrize(("filters", "lang", "country", "name"), [
    pytest.param(Filters(), "en", None, "briefing-en", id="whole registry, English"),
    pytest.param(Filters(countries=("CO",)), "es", "CO", "briefing-co-es", id="Colombia, Spanish"),
])
def test_briefing_opens_offline_with_charts_drawn(db, tmp_path, offline_tab, filters, lang, country, name):
    page, seen = offline_tab
    path: Path = tmp_path / f"{name}.html"
    path.write_text(briefing.render(story.gather(story.direct(db), filters), lang, country=country), encoding="utf-8")

    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_selector(".main-svg", timeout=30_000)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    charts = page.evaluate(CHART_SUMMARY)
    # map, growth, sectors, countries, the spotlight's sectors: all drawn
    assert len(charts) == 5 and all(chart["drawn"] for chart in charts)
    the_map, growth, sectors, countries, spotlight = charts
    # every country outline is a filled shape, and every initiative of the selection a dot
    assert the_map["fills"] >= 33
    assert the_map["points"] == (12 if country is None else 5)
    assert growth["lines"] >= 1
    assert sectors["bars"] and countries["bars"] and spotlight["bars"]

    assert seen["remote"] == [], "the briefing asked the network for something"
    assert seen["errors"] == []
    # the injection-named initiative (CO-05) is in the latest registrations, as text
    assert seen["dialogs"] == []
    assert page.locator('img[src="x"]').count() == 0
    assert page.get_by_text(XSS_NAME, exact=True).count() == 1
