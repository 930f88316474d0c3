"""Sectors: the two classifications side by side, the country × sector matrix, specialisations and gaps.

Worked from the fixture (tests/fixture_registry.py): 11 initiatives have a primary driving sector
(CO-04 has none): CO digital, energy, agri, tourism; MX advmfg ×2, care; CL energy, agri,
tourism, bioeconomy.
"""

from __future__ import annotations

from tests.app.conftest import plotly_specs


class TestMix:
    def test_both_classifications_side_by_side(self, open_app):
        driving, isic, matrix = plotly_specs(open_app("sectors"))
        assert driving["data"][0]["type"] == "treemap"
        # ten driving sectors have initiatives; agri leads with 3 (CO-03, CL-02, CL-04)
        assert len(driving["data"][0]["labels"]) == 10
        # a treemap does not wrap labels: long names come broken into lines
        assert driving["data"][0]["labels"][0] == "Sustainable<br>agriculture and<br>agri-food"
        assert driving["data"][0]["values"][0] == 3
        # ISIC C (manufacturing) leads with 4, named with its letter
        assert isic["data"][0]["labels"][0] == "C · Manufacturing"
        assert matrix["data"][0]["type"] == "heatmap"


class TestMatrix:
    def test_counts_by_default(self, open_app):
        matrix = plotly_specs(open_app("sectors"))[2]["data"][0]
        # largest first by initiatives with a primary driving sector: CL 4, CO 4 (CO-04 has none), MX 3
        assert matrix["y"] == ["Chile", "Colombia", "Mexico"]
        row = dict(zip(matrix["x"], matrix["z"][2], strict=True))
        assert row["Advanced manufacturing"] == 2 and row["Care society"] == 1

    def test_location_quotients_need_counts_that_carry_them(self, open_app):
        app = open_app("sectors")
        app.radio(key="sectors_measure").set_value("location_quotient").run()
        coloured, grey = plotly_specs(app)[2]["data"]
        # no country has 10 initiatives and no cell 3 (tests/unit/test_specialisation.py): nothing is coloured, and
        # MX's advanced manufacturing (2 of 3, LQ 3.67) is not shown as a specialisation
        assert all(value is None for row in coloured["z"] for value in row)
        mexico = dict(zip(grey["x"], grey["text"][2], strict=True))
        assert mexico["Advanced manufacturing"] == "too few"
        assert coloured["colorbar"]["ticktext"] == ["0.25", "0.50", "1", "2", "4"]
        assert coloured["colorbar"]["title"]["side"] == "top"
        note = " ".join(caption.value for caption in app.caption)
        assert "at least 3 initiatives and the country at least 10" in note and "90%" in note

    def test_a_single_country_says_why_there_is_no_quotient(self, open_app):
        app = open_app("sectors", country="CL")
        app.radio(key="sectors_measure").set_value("location_quotient").run()
        assert "single country" in app.info[0].value
        (matrix,) = plotly_specs(app)[2]["data"]
        # the counts instead of a row of 1.00s
        assert "1.00" not in str(matrix["text"]) and matrix["z"][0].count(1) == 4

    def test_specialisations_table(self, open_app):
        table = open_app("sectors").dataframe[0].value
        # ten country-sector cells hold initiatives; none has the counts for a quotient
        assert len(table) == 10
        assert set(table["Location quotient"]) == {"too few"}
        assert set(table["90% interval"]) == {""}
        assert not table["Specialised"].any()

    def test_isic_sections(self, open_app):
        app = open_app("sectors")
        app.radio(key="sectors_matrix_scheme").set_value("isic_section").run()
        matrix = plotly_specs(app)[2]["data"][0]
        assert "C" in matrix["x"] and "Manufacturing" not in matrix["x"]


class TestGaps:
    def test_driving_sectors_without_initiatives(self, open_app):
        gaps = open_app("sectors").dataframe[1].value
        assert list(gaps["Country"]) == ["Colombia", "Chile", "Mexico"]
        # MX has advmfg, nearshoring and care: 11 of 14 are gaps
        assert list(gaps["Gaps"]) == ["9 / 14", "9 / 14", "11 / 14"]
        assert "Water" not in gaps.iloc[2]["Driving sectors"] and "Sustainable water management" in gaps.iloc[2]["Driving sectors"]

    def test_a_higher_threshold_finds_more(self, open_app):
        app = open_app("sectors")
        app.number_input(key="sectors_gap_max").set_value(1).run()
        gaps = app.dataframe[1].value
        # at most one: every sector of CO qualifies; CL keeps agri (CL-02, CL-04) out, MX advmfg (MX-01, MX-02)
        assert list(gaps["Gaps"]) == ["14 / 14", "13 / 14", "13 / 14"]


class TestFilteredAndLanguages:
    def test_one_country_is_its_own_mix(self, open_app):
        app = open_app("sectors", country="MX")
        # no table of 1.00s: the page says why there is no quotient, and the only table left is the gaps'
        assert any("single country" in caption.value for caption in app.caption)
        assert [len(frame.value.columns) for frame in app.dataframe] == [3]

    def test_spanish_numbers(self, open_app):
        app = open_app("sectors", lang="es")
        table = app.dataframe[0].value
        assert table.iloc[0]["Cociente de localización"] == "pocas"
        assert table.iloc[0]["País"] == "México"

    def test_nothing_selected(self, open_app):
        app = open_app("sectors", country="CL", type="industrial_district")
        assert not app.get("plotly_chart")
        assert "No initiative matches the filters" in app.info[0].value
