"""Files the reader takes away, fetched through the real buttons in Chromium and read back.

The Explorer's three downloads must hold the rows the Explorer lists (`queries.initiative_list`,
every page of it, in its order) with the filters in their metadata; the sidebar's "Export
briefing" must give a file that opens offline with its charts drawn. Presenter mode must
answer the keys a presentation clicker sends.
"""

from __future__ import annotations

import io
import json
from urllib.parse import parse_qs

import openpyxl
import pandas
import pytest

from analytics.serving import downloads, queries
from analytics.serving.db import Database
from analytics.serving.filters import Filters
from tests.e2e.conftest import PLOTLY, SCREENSHOTS
from tests.e2e.test_briefing import ALL_DRAWN, CHART_SUMMARY, LOCAL_SCHEMES
from tests.fixture_registry import XSS_NAME
from viz.style import PNG_BUTTON, SVG_BUTTON_CLASS

pytestmark = pytest.mark.e2e

COLOMBIA = Filters(countries=("CO",))


def fetch(app_page, label: str, tmp_path) -> bytes:
    """Click the download button with this label and return the file the browser received."""
    with app_page.page.expect_download(timeout=60_000) as download:
        app_page.page.get_by_role("button", name=label, exact=True).click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    return path.read_bytes()


def listed_ids(fixture_db) -> list[str]:
    return queries.initiative_list(Database(fixture_db), COLOMBIA, page_size=queries.MAX_PAGE_SIZE)["id"].to_list()


def test_explorer_downloads_hold_the_listed_rows(app_page, fixture_db, tmp_path):
    app_page.open("explorer", country="CO")
    expected = listed_ids(fixture_db)

    # a CSV and a workbook have the page's headers (English here); the GeoJSON keeps the format's keys
    csv = fetch(app_page, "CSV", tmp_path)
    rows, meta = downloads.read_csv_export(csv, fetch(app_page, "CSV metadata", tmp_path))
    assert rows["Registry id"].to_list() == expected
    # as Excel or pandas would open it: header first, accents intact
    assert pandas.read_csv(io.BytesIO(csv))["Registry id"].to_list() == expected
    assert rows.filter(rows["Registry id"] == "CO-05")["Initiative"][0] == XSS_NAME
    assert set(rows["Country (code)"]) == {"CO"} and set(rows["Country"]) == {"Colombia"}
    assert parse_qs(meta["filters"]) == {"country": ["CO"]}

    workbook = openpyxl.load_workbook(io.BytesIO(fetch(app_page, "Excel", tmp_path)), read_only=True)
    header, *cells = workbook["initiatives"].iter_rows(values_only=True)
    assert [row[header.index("Registry id")] for row in cells] == expected
    assert dict(workbook["metadata"].iter_rows(min_row=2, values_only=True))["filters"] == "country=CO"

    collection = json.loads(fetch(app_page, "GeoJSON (points)", tmp_path))
    assert [feature["id"] for feature in collection["features"]] == expected
    assert collection["properties"]["filters"] == {"country": "CO"}
    assert app_page.exceptions() == []


def test_the_briefing_exported_from_the_sidebar_opens_offline(app_page, chromium, tmp_path):
    app_page.open("", lang="es")
    data = fetch(app_page, "Exportar nota informativa", tmp_path)
    path = tmp_path / "briefing.html"
    path.write_bytes(data)

    context = chromium.new_context(viewport={"width": 1200, "height": 3400}, offline=True)
    remote: list[str] = []
    context.route("**/*", lambda route, request: route.continue_() if request.url.startswith(LOCAL_SCHEMES)
                  else (remote.append(request.url), route.abort("internetdisconnected")))
    try:
        page = context.new_page()
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_function(ALL_DRAWN, timeout=30_000)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "briefing-exported-es.png"), full_page=True)
        charts = page.evaluate(CHART_SUMMARY)
        assert len(charts) == 5 and all(chart["drawn"] for chart in charts)
        assert page.get_by_text("Nota informativa: iniciativas clúster en América Latina y el Caribe").count() == 1
        assert remote == []
    finally:
        context.close()


def test_presenter_mode_answers_a_clicker(app_page):
    """Page Down and Page Up move between slides; the sidebar is hidden; Exit brings the page back."""
    app_page.open("growth", present="1")
    assert not app_page.page.locator('[data-testid="stSidebar"]').is_visible()
    app_page.page.get_by_text("1 / 5", exact=True).wait_for()
    app_page.page.keyboard.press("PageDown")
    app_page.page.get_by_text("2 / 5", exact=True).wait_for(timeout=60_000)
    app_page.page.keyboard.press("PageDown")
    app_page.page.get_by_text("3 / 5", exact=True).wait_for(timeout=60_000)
    app_page.page.keyboard.press("PageUp")
    app_page.page.get_by_text("2 / 5", exact=True).wait_for(timeout=60_000)
    app_page.wait_for_drawn((PLOTLY,))
    app_page.screenshot("presenter-keys-en")
    app_page.page.get_by_role("button", name="Exit").click()
    app_page.page.get_by_role("heading", name="Growth of the registry").wait_for(timeout=60_000)
    assert app_page.page.locator('[data-testid="stSidebar"]').is_visible()
    assert app_page.exceptions() == []


def test_selecting_a_row_opens_the_profile_and_gives_it_a_link(app_page):
    """The grid is a canvas: click the first row's selection box where the grid draws it."""
    app_page.open("explorer", country="MX")
    grid = app_page.page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for()
    box = grid.bounding_box()
    # the row-marker column is at the left; the header row and each row are about 35 px high
    app_page.page.mouse.click(box["x"] + 15, box["y"] + 35 + 17)
    app_page.page.get_by_role("heading", name="Profile").wait_for(timeout=60_000)
    app_page.wait_until_rendered()
    # MX-03 (1 Jul 2025) is Mexico's latest registration, the first row
    assert "initiative=MX-03" in app_page.page.url
    assert app_page.page.get_by_text("Test education district").count() >= 1
    app_page.screenshot("explorer-selected-en")
    assert app_page.exceptions() == []


def test_a_chart_saves_as_png_and_svg_offline(app_page, tmp_path):
    """The toolbar's two image buttons, drawn by plotly.js in the browser: nothing is asked of a server."""
    app_page.open("growth")
    app_page.wait_for_drawn((PLOTLY,))
    chart = app_page.page.locator(".js-plotly-plot").first
    chart.hover()
    files = {}
    for kind, selector in (("png", PNG_BUTTON), ("svg", f".{SVG_BUTTON_CLASS}")):
        with app_page.page.expect_download(timeout=60_000) as download:
            chart.locator(selector).click()
        path = tmp_path / download.value.suggested_filename
        download.value.save_as(path)
        files[kind] = path
    assert files["png"].name == "iapt-growth.png" and files["png"].read_bytes().startswith(b"\x89PNG")
    assert files["svg"].name == "iapt-growth.svg" and files["svg"].read_text().startswith("<svg")
    assert app_page.exceptions() == [] and app_page.page_errors == []
