"""Overview: the headline cards, the charts and the latest registrations, over the fixture registry."""

from __future__ import annotations

import re

from tests.app.conftest import metrics, plotly_specs
from tests.fixture_registry import XSS_NAME


class TestHeadline:
    def test_the_whole_registry(self, open_app):
        cards = metrics(open_app())
        assert cards["Initiatives"] == "12"
        assert cards["Validated"] == "50%"
        assert cards["Member firms"] == "50"  # 40 listed + 10 declared by CO-05, which lists none
        assert cards["Countries"] == "3"
        assert cards["Admin-1 regions covered"] == "11"
        assert cards["Driving sectors present"] == "10 / 14"
        # the data was built long after the last registration (2025-09-30)
        assert cards["New in the last 30 days"] == "0"

    def test_filtered_to_colombia(self, open_app):
        cards = metrics(open_app(country="CO"))
        assert (cards["Initiatives"], cards["Validated"], cards["Member firms"], cards["Countries"]) == ("5", "40%", "28", "1")
        assert cards["Admin-1 regions covered"] == "4"

    def test_spanish_writes_a_space_before_the_percent_sign(self, open_app):
        cards = metrics(open_app(lang="es", country="MX"))
        assert cards["Validadas"] == "67\u00a0%"
        assert cards["Empresas miembro"] == "12"

    def test_no_match_says_so_instead_of_empty_cards(self, open_app):
        app = open_app(country="CL", type="industrial_district")
        assert not metrics(app)
        assert "No initiative matches the filters" in app.info[0].value


class TestContent:
    def test_growth_countries_and_sectors_are_charted(self, open_app):
        growth, countries, sectors = plotly_specs(open_app())
        assert growth["data"][0]["y"][-1] == 12  # the running total ends at every initiative
        # the fixture export's milestones within the data (tests/fixture_registry.py)
        assert [m for trace in growth["data"] if trace["mode"] == "markers+text" for m in trace["y"]] == [4, 8]
        # largest on top: Plotly draws horizontal bars bottom-up
        assert countries["data"][0]["y"] == ["Mexico", "Chile", "Colombia"]
        assert countries["data"][0]["x"] == [3, 4, 5]
        assert sectors["data"][0]["y"][-1] == "Sustainable agriculture and agri-food"

    def test_charts_speak_portuguese(self, open_app):
        growth, countries, sectors = plotly_specs(open_app(lang="pt"))
        assert countries["data"][0]["y"][-1] == "Colômbia"
        assert sectors["data"][0]["y"][-1] == "Agricultura sustentável e agroalimentos"
        assert growth["layout"]["separators"] == ",."
        ticks = growth["layout"]["xaxis"]["ticktext"]
        assert ticks[:3] == ["jan. 2024", "mar. 2024", "mai. 2024"]  # CLDR's abbreviations

    def test_latest_registrations_newest_first_with_names_escaped(self, open_app):
        table = markdown_table(open_app(), "| Registered |")
        assert list(table) == ["Registered", "Initiative", "Type", "Country", "City", "Member firms"]
        assert table["Registered"][:3] == ["30 Sept 2025", "1 Jul 2025", "5 Mar 2025"]  # CLDR en_GB: "Sept"
        # a Markdown table: the name reaches the browser escaped, so it shows as text
        assert table["Initiative"][2] == r"\<img src=x onerror=alert\(1\)\>"
        assert XSS_NAME not in set(table["Initiative"])
        assert len(table["Initiative"]) == 10


def markdown_table(app, header_start: str) -> dict[str, list[str]]:
    """The columns of the Markdown table (viz.tables.markdown_table) that starts with `header_start`."""
    text = next(element.value for element in app.markdown if element.value.startswith(header_start))
    rows = [[cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]] for line in text.split("\n")]
    header, body = rows[0], rows[2:]
    return {name: [row[index] for row in body] for index, name in enumerate(header)}
