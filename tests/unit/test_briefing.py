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

from analytics.serving import story
from analytics.serving.filters import Filters
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
        # its own figures take the place of the spotlight, which would repeat them
        assert "Country in the spotlight" not in document

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
        assert 'class="plotly-graph-div"' not in document



@pytest.fixture(scope="module")
def colombia(db):
    return story.gather(story.direct(db), Filters(countries=("CO",)), spotlight="CO")


class TestOneCountry:
    """Colombia's 5 initiatives: one each in digital, services, energy, agri and tourism (CO-04 has no sector);
    2 in Antioquia (CO-02, CO-05), 1 each in Bogotá, Valle del Cauca and Santander; of the 12 in the registry,
    digital 1, services 1, energy 2, agri 3, tourism 2."""

    @pytest.fixture
    def document(self, colombia):
        return briefing.render(colombia, "en", country="CO", exported_at=EXPORTED_AT)

    def test_the_story_knows_it_is_one_country(self, colombia, whole, db):
        assert colombia.single_country == "CO" and whole.single_country is None
        # a filter other than place can narrow the selection to one country too: circular economy is only in Chile
        assert story.gather(story.direct(db), Filters(sectors=("circular",))).single_country == "CL"

    def test_its_regions_most_first(self, colombia):
        frame = briefing.region_frame(colombia.regions)
        assert frame["value"].to_list() == [2, 1, 1, 1]
        assert frame["label"][0] == "Antioquia"
        assert colombia.regions.height == 33  # every department, covered or not

    def test_its_sectors_against_the_region(self, colombia):
        frame = briefing.sector_comparison_frame(colombia.sectors, colombia.region_mix, "CO")
        shares = {(row["group"], row["category"]): row["share"] for row in frame.iter_rows(named=True)}
        assert set(frame["category"]) == {"digital", "services", "energy", "agri", "tourism"}
        assert all(shares["CO", sector] == pytest.approx(1 / 5) for sector in ("digital", "services", "energy", "agri", "tourism"))
        assert shares["region", "agri"] == pytest.approx(3 / 12)
        assert shares["region", "energy"] == shares["region", "tourism"] == pytest.approx(2 / 12)
        assert shares["region", "digital"] == pytest.approx(1 / 12)

    def test_its_charts_are_its_own(self, document):
        # map, growth, regions, sectors against the region: no one-bar countries chart, no repeated sector chart
        assert document.count('class="plotly-graph-div"') == 4
        assert "Initiatives by region in Colombia" in document
        assert "Driving sectors: Colombia and Latin America and the Caribbean" in document
        assert "Leading countries" not in document and "Country in the spotlight" not in document
        # its figures: per million inhabitants, and its regions out of all of them (4 of 33)
        assert "Per million inhabitants" in document and '<div class="value">4 of 33</div>' in document

    def test_a_selection_filtered_to_one_country_is_titled_after_it(self, colombia):
        assert "<h1>Briefing: cluster initiatives in Colombia</h1>" in briefing.render(colombia, "en")


class TestPrint:
    def test_the_page_is_a4_and_charts_are_redrawn_at_its_width(self, document):
        assert "@page { size: A4" in document
        # the script that redraws each chart when the print layout is known, and gives it back afterwards
        assert 'matchMedia("print")' in document and "Plotly.relayout" in document
