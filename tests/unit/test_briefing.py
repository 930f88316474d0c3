"""The exported briefing: one self-contained, escaped HTML document in the reader's language.

Rendered from the hand-made registry (tests/fixture_registry.py), whose CO-05 is named like
an HTML injection and is the third latest registration, so it is in the briefing's table.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from plotly.offline import get_plotlyjs

from analytics import story
from analytics.filters import Filters
from tests.fixture_registry import XSS_NAME
from viz import briefing

EXPORTED_AT = dt.datetime(2025, 10, 20, 9, 30)


@pytest.fixture(scope="module")
def whole(db):
    return story.gather(story.direct(db), Filters())


@pytest.fixture(scope="module")
def document(whole):
    return briefing.render(whole, "en", exported_at=EXPORTED_AT)


class TestSelfContained:
    def test_plotly_is_inline_once(self, document):
        bundle_start = get_plotlyjs()[:200]
        assert document.count(bundle_start) == 1

    def test_nothing_is_fetched_from_elsewhere(self, document):
        # no external script, stylesheet, image, font or frame: the file must open offline
        assert 'src="http' not in document and "src='http" not in document
        assert not re.search(r"<script[^>]+src=", document)
        assert "<link" not in document and "@import" not in document and "url(http" not in document
        assert "<iframe" not in document

    def test_every_chart_is_there(self, document):
        # map, growth, sectors, countries, the spotlight's sectors
        assert document.count('class="plotly-graph-div"') == 5


class TestEscaping:
    def test_the_injection_name_is_text(self, document):
        assert XSS_NAME not in document
        assert "&lt;img src=x onerror=alert(1)&gt;" in document

    def test_filter_values_are_escaped_too(self, whole):
        names = {"CO": "<b>Colombia</b>"}
        described = briefing.describe_filters(Filters(countries=("CO",)), "en", names)
        assert described == [("Countries", "<b>Colombia</b>")]
        told = dataclasses.replace(whole, filters=Filters(countries=("CO",)))
        document = briefing.render(told, "en")
        assert "<b>Colombia" not in document


class TestContent:
    def test_headline_and_vintage(self, whole, document):
        assert "<h1>Briefing: cluster initiatives in Latin America and the Caribbean</h1>" in document
        assert "The whole registry, with no filters." in document
        assert "Exported from IAPT Atlas on 20 October 2025." in document
        # 12 initiatives, 50% validated, 50 member firms (40 listed + 10 declared)
        for value in ('<div class="value">12</div>', '<div class="value">50%</div>', '<div class="value">50</div>'):
            assert value in document
        assert whole.vintage["source_checksum"][:12] in document
        assert "Country in the spotlight: Colombia" in document

    def test_synthetic_notice_only_for_synthetic_data(self, whole, document):
        assert 'class="notice"' not in document
        synthetic = dataclasses.replace(whole, vintage={**whole.vintage, "synthetic": True})
        assert "Synthetic demonstration data" in briefing.render(synthetic, "en")

    def test_filters_and_the_link_back(self, db):
        filters = Filters(countries=("CO", "MX"), sectors=("agri",), registered_from=dt.date(2024, 1, 1))
        document = briefing.render(story.gather(story.direct(db), filters), "en")
        assert "<dt>Countries:</dt><dd>Colombia, Mexico</dd>" in document
        assert "<dd>Sustainable agriculture and agri-food</dd>" in document
        assert "<dd>1 Jan 2024</dd>" in document
        assert "?country=CO,MX&amp;sector=agri&amp;from=2024-01-01&amp;lang=en" in document

    def test_one_country(self, db):
        document = briefing.render(story.gather(story.direct(db), Filters(countries=("MX",))), "en", country="MX")
        assert "Briefing: cluster initiatives in Mexico" in document
        assert "Country in the spotlight: Mexico" in document

    @pytest.mark.parametrize(("lang", "title", "firms"), [
        ("es", "Nota informativa: iniciativas clúster en América Latina y el Caribe", "Empresas miembro"),
        ("pt", "Nota informativa: iniciativas de cluster na América Latina e no Caribe", "Empresas membro"),
    ])
    def test_languages(self, whole, lang, title, firms):
        document = briefing.render(whole, lang, exported_at=EXPORTED_AT)
        assert f'<html lang="{lang}">' in document
        assert title in document and firms in document
        assert "20 de octubre de 2025" in document if lang == "es" else "20 de outubro de 2025" in document
        # Spanish writes a space before the percent sign
        assert '<div class="value">50\u00a0%</div>' in document if lang == "es" else '<div class="value">50%</div>' in document

    def test_nothing_selected(self, db):
        document = briefing.render(story.gather(story.direct(db), Filters(countries=("BR",))), "en")
        assert "No initiative matches the filters of this briefing." in document
        assert "plotly-graph-div" not in document

