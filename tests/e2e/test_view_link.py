"""A copied link reopens the whole view in a browser that has never seen the app.

A fresh browser context (no cookies, no storage, a new Streamlit session) opens a Countries
link holding the filters, the language and every Countries key, and the widgets show them; the
"Link to this view" box then holds the same keys, and a visit to another page and back keeps them.
"""

from __future__ import annotations

import urllib.parse

import pytest

from tests.e2e.conftest import RENDER_TIMEOUT_MS, SETTLED_JS, VIEWPORT

pytestmark = pytest.mark.e2e

LINK = {"country": "CO,MX", "lang": "es", "measure": "validated_share", "rank": "member_firms", "all": "1",
        "compare": "MX,CO"}


def chosen(page, label: str) -> str:
    """The value a labelled selectbox shows."""
    return page.get_by_role("combobox", name=label, exact=True).input_value()


def chips(page, label: str) -> str:
    """The chips of a labelled multiselect, in order."""
    label_element = page.locator('[data-testid="stWidgetLabel"]', has_text=label)
    return page.locator('[data-testid="stMultiSelect"]').filter(has=label_element).first.inner_text()


def test_a_link_opened_in_a_fresh_browser_restores_every_choice(chromium, app_server):
    context = chromium.new_context(viewport=VIEWPORT, locale="en-GB")
    try:
        page = context.new_page()
        page.goto(f"{app_server}/countries?{urllib.parse.urlencode(LINK)}", wait_until="domcontentloaded")
        page.wait_for_function(SETTLED_JS, timeout=RENDER_TIMEOUT_MS)
        assert chosen(page, "Sombrear el mapa según") == "Proporción validada"
        assert chosen(page, "Ordenar por") == "Empresas miembro"
        assert page.get_by_role("switch", name="Incluir países sin iniciativas").is_checked()
        compared = chips(page, "Países para comparar")
        assert compared.index("México") < compared.index("Colombia")
        # the address bar keeps every key, and the share box holds the same link
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(page.url).query)
        assert {key: values[0] for key, values in query.items()} == LINK
        page.get_by_role("button", name="Enlace a esta vista").click()
        shared = page.locator('[data-testid="stPopoverBody"] code').inner_text()
        assert shared.startswith(f"{app_server}/countries?") and "compare=MX,CO" in shared

        # to another page through the sidebar and back: the choices come back, and so do their keys in the URL
        page.keyboard.press("Escape")
        page.locator('[data-testid="stSidebarNav"] a[href$="/growth"]').click()
        page.wait_for_function("() => location.pathname.endsWith('/growth')", timeout=RENDER_TIMEOUT_MS)
        page.wait_for_function(SETTLED_JS, timeout=RENDER_TIMEOUT_MS)
        assert "measure" not in page.url
        page.locator('[data-testid="stSidebarNav"] a[href$="/countries"]').click()
        page.wait_for_function("() => location.search.includes('measure=validated_share')", timeout=RENDER_TIMEOUT_MS)
        page.wait_for_function(SETTLED_JS, timeout=RENDER_TIMEOUT_MS)
        assert chosen(page, "Sombrear el mapa según") == "Proporción validada"
    finally:
        context.close()


def option(page, label: str):
    """A radio button's option, by its label (the input itself is hidden)."""
    return page.locator('[data-testid="stRadio"] label', has_text=label).first


def shared_link(page, label: str = "Link to this view") -> str:
    page.get_by_role("button", name=label).click()
    text = page.locator('[data-testid="stPopoverBody"] code').inner_text()
    page.keyboard.press("Escape")
    return text


def test_a_choice_that_reruns_only_its_part_reaches_the_url_and_the_link(chromium, app_server):
    """The Growth page's period and split rerun only their part of the page (a fragment), not app.py, which writes
    the URL and the link after a full rerun: the fragment writes them itself, once, and a page switch keeps them."""
    context = chromium.new_context(viewport=VIEWPORT, locale="en-GB")
    try:
        page = context.new_page()
        page.goto(f"{app_server}/growth", wait_until="domcontentloaded")
        page.wait_for_function(SETTLED_JS, timeout=RENDER_TIMEOUT_MS)
        footer = page.locator('[data-testid="stCaptionContainer"]').last.inner_text()
        option(page, "Quarter").click()
        page.wait_for_function("() => location.search.includes('period=quarter')", timeout=RENDER_TIMEOUT_MS)
        page.wait_for_function(SETTLED_JS, timeout=RENDER_TIMEOUT_MS)
        option(page, "Driving sector (primary)").click()
        page.wait_for_function("() => location.search.includes('split=sector')", timeout=RENDER_TIMEOUT_MS)
        page.wait_for_function(SETTLED_JS, timeout=RENDER_TIMEOUT_MS)
        # the rest of the app stayed as it was: one link button, the footer unchanged
        assert page.get_by_role("button", name="Link to this view").count() == 1
        assert page.locator('[data-testid="stCaptionContainer"]').last.inner_text() == footer
        shared = shared_link(page)
        assert shared.startswith(f"{app_server}/growth?") and "period=quarter" in shared and "split=sector" in shared

        page.locator('[data-testid="stSidebarNav"] a[href$="/sectors"]').click()
        page.wait_for_function("() => location.pathname.endsWith('/sectors')", timeout=RENDER_TIMEOUT_MS)
        page.wait_for_function(SETTLED_JS, timeout=RENDER_TIMEOUT_MS)
        assert "period" not in page.url
        # a fragment of another page (the Sectors matrix's classification) does the same
        option(page, "ISIC Rev. 4 sections").click()
        page.wait_for_function("() => location.search.includes('scheme=isic_section')", timeout=RENDER_TIMEOUT_MS)
        page.wait_for_function(SETTLED_JS, timeout=RENDER_TIMEOUT_MS)
        assert "scheme=isic_section" in shared_link(page)

        page.locator('[data-testid="stSidebarNav"] a[href$="/growth"]').click()
        page.wait_for_function("() => location.search.includes('period=quarter')", timeout=RENDER_TIMEOUT_MS)
        page.wait_for_function(SETTLED_JS, timeout=RENDER_TIMEOUT_MS)
        assert "split=sector" in page.url and "scheme" not in page.url
        assert page.get_by_role("radio", name="Quarter").is_checked()
        assert "period=quarter" in shared_link(page)
    finally:
        context.close()
