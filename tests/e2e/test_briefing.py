"""The exported briefing opened from disk in Chromium with no network: charts drawn, names shown as text.

The file is written from the hand-made registry and opened by its file:// address in a
browser context that is offline and aborts (and records) any request that is not for the
file itself, so a chart that needed the internet would stay blank and be caught. The
screenshots land in artifacts/screenshots/briefing-*.png; look at them.

Every chart must also be readable on a screen and on A4 paper: inside its frame, with no label,
title or legend entry cut or dropped and no axis title over the tick labels. The file is made
in this process, where Streamlit is imported and its Plotly template is the default, as in the
app that exports it: that is how the growth chart's missing margins were found.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics.serving import story
from analytics.serving.filters import Filters
from tests.e2e.conftest import SCREENSHOTS
from tests.fixture_registry import XSS_NAME
from viz import briefing

pytestmark = pytest.mark.e2e

LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
# Every chart has finished drawing (viz/briefing.py marks each one when Plotly is done with it)
ALL_DRAWN = f"""() => {{
    const charts = document.querySelectorAll('.plotly-graph-div');
    return charts.length > 0 && Array.from(charts).every(chart => chart.hasAttribute('{briefing.DRAWN}'));
}}"""
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
    page.wait_for_function(ALL_DRAWN, timeout=30_000)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    charts = page.evaluate(CHART_SUMMARY)
    assert all(chart["drawn"] for chart in charts)
    if country is None:
        # map, growth, sectors, countries, the spotlight's sectors
        the_map, growth, sectors, countries, spotlight = charts
        assert sectors["bars"] and countries["bars"] and spotlight["bars"]
    else:
        # one country: map, growth, its regions, its sectors against the region's (two bars a sector)
        the_map, growth, regions, against = charts
        assert regions["bars"] == 4 and against["bars"] == 2 * 5
    # every country outline is a filled shape, and every initiative of the selection a dot
    assert the_map["fills"] >= 33
    assert the_map["points"] == (12 if country is None else 5)
    assert growth["lines"] >= 1

    assert seen["remote"] == [], "the briefing asked the network for something"
    assert seen["errors"] == []
    # the injection-named initiative (CO-05) is in the latest registrations, as text
    assert seen["dialogs"] == []
    assert page.locator('img[src="x"]').count() == 0
    assert page.get_by_text(XSS_NAME, exact=True).count() == 1


# Per chart, what a reader could not read: the chart wider than its frame, a label, title or legend entry
# drawn outside the chart (or dropped by Plotly for want of room: an empty box), an axis title over tick
# labels, two unturned month labels on top of each other.
UNREADABLE = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => {
    const frame = gd.parentElement.getBoundingClientRect();
    const chart = gd.querySelector('.main-svg').getBoundingClientRect();
    const problems = [];
    const box = r => [r.left, r.top, r.right, r.bottom].map(Math.round).join(',');
    if (chart.left < frame.left - 1 || chart.right > frame.right + 1)
        problems.push(`chart ${chart.width} px wide in a ${frame.width} px frame`);
    const texts = Array.from(gd.querySelectorAll('.xtick text, .ytick text, .g-xtitle text, .g-ytitle text, .legendtext,'
            + ' .bartext, .cbaxis text, .cbtitle text, .textpoint text'))
        .filter(t => t.textContent.trim())
        .map(t => ({text: t.textContent, box: t.getBoundingClientRect(), kind: t.closest('g').getAttribute('class'),
                    turned: /rotate\\((?!0[,)])/.test((t.getAttribute('transform') || '')
                                                      + (t.parentElement.getAttribute('transform') || ''))}));
    for (const t of texts) {
        const b = t.box;
        if (!b.width || b.left < chart.left - 1 || b.right > chart.right + 1 || b.top < chart.top - 1 || b.bottom > chart.bottom + 1)
            problems.push(`"${t.text}" (${t.kind}) cut: ${box(b)} in ${box(chart)}`);
    }
    const overlap = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    const ticks = texts.filter(t => /tick/.test(t.kind));
    for (const title of texts.filter(t => /title/.test(t.kind)))
        for (const tick of ticks) if (overlap(title.box, tick.box)) problems.push(`"${title.text}" over "${tick.text}"`);
    const months = texts.filter(t => t.kind === 'xtick' && !t.turned);
    for (let i = 1; i < months.length; i++)
        if (overlap(months[i - 1].box, months[i].box)) problems.push(`"${months[i - 1].text}" on "${months[i].text}"`);
    return problems;
})"""

# Recorded when the print layout is known, after the briefing's own handler has redrawn the charts: each
# chart's width and its frame's, on paper.
RECORD_PRINT = """() => matchMedia('print').addEventListener('change', event => {
    if (event.matches) window.printedCharts = Array.from(document.querySelectorAll('.js-plotly-plot')).map(
        gd => [gd.querySelector('.main-svg').getBoundingClientRect().width, gd.parentElement.getBoundingClientRect().width]);
})"""

def readable(page) -> bool:
    """Whether every chart is readable, allowing Plotly a moment to finish a redraw (a window resize starts one)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(f"() => ({UNREADABLE})().every(problems => problems.length === 0)", timeout=5_000)
    except PlaywrightTimeout:
        return False
    return True


# A4 is 210 mm wide; less the briefing's 12 mm margins, 186 mm: 703 CSS pixels
A4_CONTENT_WIDTH = 703


@pytest.mark.parametrize(("filters", "lang", "country"), [
    pytest.param(Filters(), "en", None, id="whole registry, English"),
    pytest.param(Filters(countries=("CO",)), "es", "CO", id="Colombia, Spanish"),
    pytest.param(Filters(countries=("MX",)), "pt", "MX", id="Mexico, Portuguese"),
])
def test_every_chart_is_readable_on_screen_and_on_a4(db, tmp_path, chromium, filters, lang, country):
    path: Path = tmp_path / "briefing.html"
    path.write_text(briefing.render(story.gather(story.direct(db), filters), lang, country=country), encoding="utf-8")
    context = chromium.new_context(viewport={"width": 1280, "height": 1000}, offline=True)
    try:
        page = context.new_page()
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_function(ALL_DRAWN, timeout=30_000)
        assert readable(page), page.evaluate(UNREADABLE)

        # printed on A4: the charts are redrawn at the paper's width when the print layout is known
        page.evaluate(RECORD_PRINT)
        page.pdf(path=str(tmp_path / "briefing.pdf"), format="A4")
        printed = page.evaluate("window.printedCharts")
        assert printed and all(chart <= frame + 1 and frame <= A4_CONTENT_WIDTH + 1 for chart, frame in printed), printed

        # and what a page of A4 shows, read as on a screen of its width
        page.set_viewport_size({"width": A4_CONTENT_WIDTH, "height": 1000})
        page.emulate_media(media="print")
        page.wait_for_timeout(500)  # Plotly redraws a responsive chart a moment after the window changes
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"briefing-a4-{lang}.png"), full_page=True)
        assert readable(page), page.evaluate(UNREADABLE)
    finally:
        context.close()
