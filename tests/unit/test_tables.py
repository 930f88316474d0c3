"""The translated tables of viz/tables.py, built without Streamlit from frames shaped as the queries return them."""

from __future__ import annotations

import datetime as dt

import polars as pl

from analytics import i18n
from viz import tables
from viz.style import escape_markdown

ROWS = pl.DataFrame({
    "id": ["CO-01", "MX-02"],
    "name": ["<img src=x onerror=alert(1)>", "Clúster *uno*"],
    "country": ["CO", "MX"],
    "region_name": ["Antioquia", "Nuevo León"],
    "city": ["Medellín", None],
    "type": ["cluster", "business_network"],
    "status": ["validated", "registered"],
    "primary_sector": ["energy", None],
    "member_firms": [1234, 5],
    "registered_on": [dt.date(2023, 12, 12), dt.date(2024, 1, 5)],
})
NAMES = {"CO": "Colombia", "MX": "México"}


def test_columns_in_the_order_asked_under_headers_in_the_language():
    table = tables.initiative_table(ROWS, "es", ("id", "name", "type", "primary_sector"), NAMES)
    assert table.columns == [i18n.t(tables.INITIATIVE_COLUMNS[name].header, "es") for name in ("id", "name", "type", "primary_sector")]
    assert table.columns[2] != "Type"  # translated
    assert table[table.columns[2]].to_list() == ["Iniciativa clúster", "Red empresarial"]
    assert table[table.columns[3]].to_list() == ["Transición energética",
                                                 i18n.t("No driving sector", "es")]


def test_for_a_data_grid_names_stay_as_typed_and_numbers_stay_numbers():
    table = tables.initiative_table(ROWS, "en", ("name", "country", "member_firms"), NAMES)
    assert table["Initiative"].to_list() == ROWS["name"].to_list()
    assert table["Country"].to_list() == ["Colombia", "México"]
    assert table["Member firms"].dtype == pl.Int64


def test_for_markdown_every_text_is_escaped_and_numbers_written_as_the_language_writes_them():
    table = tables.initiative_table(ROWS, "es", ("registered_on", "name", "city", "member_firms"), NAMES, markdown=True)
    name, city, firms = table.columns[1:]
    assert table[name].to_list() == [escape_markdown(value) for value in ROWS["name"]]
    assert table[name][0].startswith("\\<img")  # shown as the text it is, never as an element
    assert table[city].to_list() == [escape_markdown("Medellín"), ""]
    assert table[firms].to_list() == [i18n.number(1234, "es"), "5"]
    assert table[table.columns[0]].to_list() == [escape_markdown(i18n.date(dt.date(2023, 12, 12), "es")),
                                                 escape_markdown(i18n.date(dt.date(2024, 1, 5), "es"))]


def test_an_unknown_country_code_is_shown_as_itself():
    table = tables.initiative_table(ROWS, "en", ("country",), {"CO": "Colombia"})
    assert table["Country"].to_list() == ["Colombia", "MX"]


def test_partners_table():
    partners = pl.DataFrame({"name": ["B"], "country": ["CL"], "city": ["Santiago"], "programme": ["P"],
                             "started_on": [dt.date(2024, 3, 1)], "cross_border": [True]})
    table = tables.partners_table(partners, "pt", {"CL": "Chile"})
    assert table.row(0) == ("B", "Chile", "Santiago", "P", i18n.date(dt.date(2024, 3, 1), "pt"), True)
    assert table.columns[-1] == i18n.tc("one collaboration", "Across a border", "pt")


COVERAGE = pl.DataFrame({
    "country": ["CO", "MX", "CL"], "initiatives": [5, 3, 4], "initiatives_per_million": [0.1, 0.023, 0.2],
    "member_firms": [30, 10, 20], "firms_per_initiative": [6.0, 3.3333, 5.0], "regions_covered": [4, 2, 3],
    "region_count": [33, 32, 16], "regions_covered_share": [4 / 33, 2 / 32, 3 / 16], "validated_share": [0.6, 1 / 3, 0.5],
    "population": [51_000_000, 127_500_000, 19_600_000],
})


def test_the_ranking_is_ordered_by_the_chosen_measure_and_written_in_the_language():
    table = tables.ranking_table(COVERAGE, "initiatives_per_million", NAMES | {"CL": "Chile"}, "es")
    assert table[table.columns[0]].to_list() == ["1", "2", "3"]
    assert table[table.columns[1]].to_list() == ["Chile", "Colombia", "México"]
    assert table[table.columns[3]].to_list() == [i18n.number(0.2, "es", 2), i18n.number(0.1, "es", 2), i18n.number(0.023, "es", 2)]
    assert table[table.columns[6]].to_list()[0] == f"{i18n.number(3, 'es')} / {i18n.number(16, 'es')}"


def test_countries_side_by_side_one_column_each_in_the_order_chosen():
    table = tables.country_indicators_table(COVERAGE.slice(0, 2), NAMES, "en")
    assert table.columns == ["Indicator", "Colombia", "México"]
    assert table["Indicator"].to_list() == [i18n.t(tables.MEASURE_NAMES[m], "en") for m in tables.MEASURES]
    assert table["México"].to_list()[-1] == i18n.percent(1 / 3, "en")


FIGURES = pl.DataFrame({
    "region": ["CO-ANT", "CO-ATL"], "name": ["Antioquia", "Atlántico"], "country": ["CO", "CO"],
    "initiatives": [2, 0], "member_firms": [16, 0], "leading_sectors": [["energy", "tourism"], []],
    "cities": [10, 3], "city_population": [3_000_000, 2_000_000], "initiatives_per_million": [0.667, 0.0],
})


def test_a_region_table_and_its_white_spot_form():
    full = tables.region_table(FIGURES, "en", NAMES)
    assert full["Leading driving sectors"].to_list() == [escape_markdown("Energy transition, Sustainable tourism"),
                                                         escape_markdown(i18n.MISSING)]
    spots = tables.region_table(FIGURES, "en", NAMES, white_spots=True)
    assert "Initiatives" not in spots.columns and "Leading driving sectors" not in spots.columns
    assert spots["Population of listed cities"].to_list() == ["3,000,000", "2,000,000"]


def test_regions_side_by_side():
    table = tables.region_indicators_table(FIGURES, "pt", NAMES)
    assert table.columns[1:] == [escape_markdown("Antioquia · Colombia"), escape_markdown("Atlántico · Colombia")]
    assert table[table.columns[1]].to_list()[0] == i18n.number(2, "pt")
    assert tables.sector_names([], "pt") == i18n.MISSING


def test_a_markdown_table_keeps_each_row_on_its_line():
    table = tables.initiative_table(pl.DataFrame({"name": ["A | B\nC", "<b>x</b>"], "member_firms": [1200, None]}), "en",
                                    ("name", "member_firms"), markdown=True)
    text = tables.markdown_table(table, right_aligned=["Member firms"])
    lines = text.split("\n")
    assert lines[:2] == ["| Initiative | Member firms |", "| --- | ---: |"]
    assert len(lines) == 4  # the line break in a name does not start a row
    assert lines[2].startswith(r"| A \| B C |") and "1,200" in lines[2]
    assert r"\<b\>x\</b\>" in lines[3]
