"""Regions: the list, the white spots, a region's profile, regions side by side, and bad region codes.

Figures from the fixture's own city list (tests/fixture_registry.py, worked out in tests/unit/test_regions.py).
"""

from __future__ import annotations

from tests.app.conftest import metrics, page_text, plotly_specs


def test_default_lists_the_largest_countrys_regions_and_the_white_spots(open_app):
    app = open_app("regions")
    # Colombia has the most initiatives (5), so its regions come first
    assert app.selectbox(key="regions_country").value == "CO"
    regions = app.table[0].value
    assert len(regions) == 33
    first = regions.iloc[0]
    # codes are escaped for Markdown: CO\-ANT shows as CO-ANT
    assert (first["ISO 3166-2"], first["Initiatives"], first["Member firms"]) == ("CO\\-ANT", "2", "16")
    assert first["Population of listed cities"] == "3,000,000"
    assert first["Initiatives per million (listed cities)"] == "0.67"
    assert first["Leading driving sectors"] == "Energy transition, Sustainable tourism"
    assert "4 of 33 regions" in page_text(app)
    spots = app.table[1].value
    # only the white spots with a known population are listed while there are any: five of them
    assert list(spots["ISO 3166-2"]) == ["MX\\-JAL", "CO\\-ATL", "CO\\-BOL", "CO\\-MAG", "CL\\-AR"]
    assert "Initiatives" not in spots.columns
    assert "The 5 most populous of 70 white spots" in page_text(app)
    assert "GeoNames" in page_text(app)
    assert {"CSV", "Excel"} <= {button.proto.label for button in app.get("download_button")}


def test_another_country_and_a_filter(open_app):
    app = open_app("regions", sector="tourism")
    # tourism: CO-05 (Antioquia) and CL-03 (Santiago), one each: Chile before Colombia by code
    assert app.selectbox(key="regions_country").value == "CL"
    app.selectbox(key="regions_country").set_value("MX").run()
    assert set(app.table[0].value["Initiatives"]) == {"0"}
    # Bogotá has no tourism initiative: the largest white spot now
    assert app.table[1].value["ISO 3166-2"].iloc[0] == "CO\\-DC"


def test_profile_from_a_link(open_app):
    app = open_app("regions", region="CO-ANT")
    assert app.multiselect(key="filter_regions").value == ["CO-ANT"]
    assert app.subheader[0].value == "Antioquia"
    values = metrics(app)
    assert values["Initiatives"] == "2"
    assert values["Member firms"] == "16"
    assert values["Population of listed cities"] == "3,000,000"
    (mix,) = plotly_specs(app)
    region, country = mix["data"]
    assert region["name"] == "Antioquia" and country["name"] == "Colombia (whole country)"
    # Antioquia: energy and tourism, one of two initiatives each; Colombia: 1 of 5 each
    assert region["x"] == [0.5, 0.5]
    assert country["x"] == [0.2, 0.2]
    initiatives = app.dataframe[0].value
    assert set(initiatives[initiatives.columns[-1]]) == {"CO-02", "CO-05"}
    assert app.query_params["region"] == "CO-ANT"


def test_profile_of_a_white_spot(open_app):
    app = open_app("regions", region="MX-JAL")
    assert app.subheader[0].value == "Jalisco"
    assert "it is a white spot" in page_text(app)
    assert not plotly_specs(app)


def test_comparison_across_countries(open_app):
    app = open_app("regions", region="CO-ANT,CL-BI,MX-JAL")
    table = app.table[0].value
    # in the filter's order, by code
    assert list(table.columns) == ["Indicator", "Biobío · Chile", "Antioquia · Colombia", "Jalisco · Mexico"]
    per_million = table[table["Indicator"] == "Initiatives per million (listed cities)"].iloc[0]
    assert list(per_million)[1:] == ["5.00", "0.67", "0.00"]
    (mix,) = plotly_specs(app)
    # Jalisco has no initiative and so no bar
    assert {trace["name"] for trace in mix["data"]} == {"Biobío (CL)", "Antioquia (CO)"}


def test_bad_codes_are_dropped_and_a_region_outside_the_country_says_so(open_app):
    app = open_app("regions", region="CO-XYZ,<b>x</b>,CO-DC")
    assert app.multiselect(key="filter_regions").value == ["CO-DC"]
    assert app.subheader[0].value == "Distrito Capital de Bogotá"

    outside = open_app("regions", country="MX", region="CO-ANT")
    assert outside.multiselect(key="filter_regions").value == ["CO-ANT"]
    assert any("CO\\-ANT" in warning.value and "none of the chosen countries" in warning.value
               for warning in outside.warning)
    assert "No initiative matches the filters" in page_text(outside)


def test_more_than_six_regions_are_listed_not_compared(open_app):
    chosen = "CO-ANT,CO-DC,CO-VAC,CO-SAN,MX-NLE,MX-QUE,MX-PUE"
    app = open_app("regions", region=chosen)
    assert "7 regions chosen" in page_text(app)
    assert len(app.table[0].value) == 7


def test_explorer_shows_the_region(open_app):
    app = open_app("explorer", region="CO-ANT")
    table = app.dataframe[0].value
    assert set(table["Admin-1 region"]) == {"Antioquia"}
    assert len(table) == 2
